/// <reference types="sspr-reset/vue" />
