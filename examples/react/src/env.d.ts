/// <reference types="sspr-reset/jsx" />
