import { css } from 'lit';

/**
 * Design tokens: each public `--sspr-*` custom property is read once, on the
 * host, into a private `--_*` one with its default. Colors default to
 * `light-dark(light, dark)`: the host's `color-scheme` picks one (both, so
 * `prefers-color-scheme`, unless `theme="light"` or `theme="dark"`). The light
 * DOM form inherits the private properties and the scheme from the host.
 * test/tokens.test.ts fails on a private property used but not defined, or
 * defined but unused, and on a public one used but not documented.
 */
const tokens = css`
  :host {
    color-scheme: light dark;
    --_font: var(--sspr-font-family, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif);
    --_font-size: var(--sspr-font-size, 0.9375rem);
    --_font-size-small: var(--sspr-font-size-small, 0.8125rem);
    --_font-size-title: var(--sspr-font-size-title, 1.5rem);
    --_weight-strong: var(--sspr-font-weight-strong, 600);
    --_weight-title: var(--sspr-font-weight-title, 600);
    --_surface: var(--sspr-color-surface, light-dark(#fff, #1f1f1f));
    --_text: var(--sspr-color-text, light-dark(#1b1b1b, #f3f3f3));
    --_muted: var(--sspr-color-text-muted, light-dark(#5f5f5f, #c8c8c8));
    --_border: var(--sspr-color-border, #8a8886);
    --_primary: var(--sspr-color-primary, light-dark(#0067b8, #4fa3f7));
    --_on-primary: var(--sspr-color-on-primary, light-dark(#fff, #0b0b0b));
    --_danger: var(--sspr-color-danger, light-dark(#c50f1f, #ff99a4));
    --_success: var(--sspr-color-success, light-dark(#107c10, #8fd88f));
    --_focus: var(--sspr-color-focus, light-dark(#0067b8, #4fa3f7));
    --_radius: var(--sspr-radius, 0.25rem);
    --_space: var(--sspr-space, 1rem);
    --_card-width: var(--sspr-card-width, 27.5rem);
    --_card-padding: var(--sspr-card-padding, clamp(1.25rem, 7vw, 2.75rem));
    --_card-shadow: var(--sspr-card-shadow, 0 2px 6px light-dark(rgb(0 0 0 / 0.2), rgb(0 0 0 / 0.6)));
    --_card-border: var(--sspr-card-border, 0 solid);
    --_input-height: var(--sspr-input-height, 2.25rem);
    --_button-radius: var(--sspr-button-radius, var(--_radius));
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;

/** The card's chrome, in the shadow root. */
export const hostStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      max-width: var(--_card-width);
      color: var(--_text);
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: 1.45;
      overflow-wrap: anywhere;
    }
    :host([hidden]),
    [hidden] {
      display: none;
    }
    .card {
      border: var(--_card-border);
      border-radius: var(--_radius);
      background: var(--_surface);
      box-shadow: var(--_card-shadow);
      padding: var(--_card-padding);
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      min-height: 1.75rem;
      margin-bottom: var(--_space);
      font-weight: var(--_weight-strong);
    }
    .logo {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 0;
    }
    ::slotted([slot='logo']) {
      max-height: 2rem;
      max-width: 100%;
    }
    .brand-name {
      font-size: 1.25rem;
    }
    ::slotted([slot='header']) {
      margin-inline-start: auto;
    }
    /* "Verification 1 of 2" sits inside the heading, so focusing the heading announces it too. */
    .progress {
      display: block;
      margin: 0 0 calc(var(--_space) / 4);
      color: var(--_muted);
      font-size: var(--_font-size-small);
      font-weight: 400;
    }
    h2 {
      margin: 0 0 var(--_space);
      font-size: var(--_font-size-title);
      font-weight: var(--_weight-title);
      line-height: 1.25;
    }
    /* The heading takes focus only so screen readers start at the new step;
       it is not a control, so it shows no focus ring. */
    h2:focus {
      outline: none;
    }
    .help,
    .footer {
      margin-top: var(--_space);
      color: var(--_muted);
      font-size: var(--_font-size-small);
    }
    .footer {
      padding-top: var(--_space);
      border-top: 1px solid var(--_border);
    }
    @media (forced-colors: active) {
      /* The shadow is gone in forced colors: the card keeps an edge. */
      .card {
        border: 1px solid CanvasText;
      }
    }
  `,
];

/**
 * The light-DOM form, styled from a sheet adopted into the element's root
 * node and scoped to `sspr-reset`. Every selector weighs one class (the rest
 * in `:where()`): enough to beat a host page's element selectors (a reset,
 * `input { width: 100%; border: 0 }`, `button { background: red }`,
 * `form { display: grid }`), and less than the documented hook selectors
 * (`sspr-reset [part~="input"]`, a class and an element), so a designer's
 * rule always wins. Equal weights: the later rule wins, so states and
 * variants follow their base.
 */
export const formStyles = css`
  :where(sspr-reset) .sspr-form,
  :where(sspr-reset) .sspr-form :where(*) {
    box-sizing: border-box;
    max-width: 100%;
    font-family: var(--_font);
    letter-spacing: normal;
    text-transform: none;
  }
  :where(sspr-reset) .sspr-form {
    display: block;
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_text);
    font-size: var(--_font-size);
    line-height: 1.45;
    text-align: start;
  }
  :where(sspr-reset) .sspr-form :where(p) {
    margin: 0 0 calc(var(--_space) * 0.75);
    line-height: inherit;
    text-align: start;
  }
  :where(sspr-reset) .sspr-form :where(ul) {
    margin: 0 0 calc(var(--_space) * 0.75);
    padding-inline-start: 1.25em;
    list-style: disc;
  }
  :where(sspr-reset) .sspr-field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0 0 var(--_space);
  }
  :where(sspr-reset) .sspr-form :where(label) {
    display: block;
    margin: 0;
    color: var(--_text);
    font-size: 1em;
    font-weight: var(--_weight-strong);
  }
  :where(sspr-reset) .sspr-input-row {
    display: flex;
    gap: 0.5rem;
    align-items: stretch;
  }
  :where(sspr-reset) .sspr-form :where(input:not([type='checkbox'], [type='radio'])) {
    display: block;
    flex: 1 1 auto;
    width: 100%;
    min-width: 0;
    min-height: var(--_input-height);
    margin: 0;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-size: 1em;
    box-shadow: none;
  }
  :where(sspr-reset .sspr-form input)[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  :where(sspr-reset .sspr-form) :where(input, button, a, summary):focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  :where(sspr-reset) .sspr-hint,
  :where(sspr-reset) .sspr-status {
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  :where(sspr-reset .sspr-field) > .sspr-hint,
  :where(sspr-reset .sspr-field) > .sspr-error {
    margin: 0;
  }
  :where(sspr-reset) .sspr-status:where(:empty),
  :where(sspr-reset) .sspr-hint:where(:empty),
  :where(sspr-reset) .sspr-error:where(:empty) {
    display: none;
  }
  :where(sspr-reset) .sspr-error {
    color: var(--_danger);
  }
  :where(sspr-reset) .sspr-error > :where(p),
  :where(sspr-reset p).sspr-error {
    font-weight: var(--_weight-strong);
  }
  :where(sspr-reset) .sspr-success {
    color: var(--_success);
    font-weight: var(--_weight-strong);
  }
  :where(sspr-reset) .sspr-form :where(fieldset) {
    min-width: 0;
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
  }
  :where(sspr-reset) .sspr-form :where(legend) {
    margin-bottom: 0.5rem;
    padding: 0;
  }
  :where(sspr-reset label).sspr-choice,
  :where(sspr-reset label).sspr-check {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
    padding: 0.5rem 0;
    font-weight: 400;
    cursor: pointer;
  }
  :where(sspr-reset) .sspr-choice > :where(span) {
    display: flex;
    flex-direction: column;
    /* A left-to-right hint (an address) in right-to-left text sits under its label, not at the far side. */
    align-items: start;
  }
  :where(sspr-reset) .sspr-form :where(input[type='radio'], input[type='checkbox']) {
    flex-shrink: 0;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_primary);
  }
  :where(sspr-reset) .sspr-captcha {
    margin: 0 0 var(--_space);
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  :where(sspr-reset) .sspr-captcha:where(:empty) {
    display: none;
  }
  :where(sspr-reset) .sspr-altcha {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    min-height: 2.5em;
  }
  :where(sspr-reset) .sspr-captcha-status,
  :where(sspr-reset) .sspr-captcha-error {
    margin: 0;
  }
  :where(sspr-reset) .sspr-captcha-error {
    color: var(--_danger);
  }
  :where(sspr-reset) .sspr-captcha-progress {
    flex: 1 1 8em;
    accent-color: var(--_primary);
  }
  :where(sspr-reset) .sspr-unavailable {
    margin: 0 0 var(--_space);
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  :where(sspr-reset) [part~='unavailable'] > :where(summary) {
    cursor: pointer;
    color: var(--_primary);
  }
  :where(sspr-reset) .sspr-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: var(--_space) 0 0;
  }
  :where(sspr-reset) .sspr-links {
    margin-top: 0.5rem;
  }
  :where(sspr-reset) .sspr-form :where(button, .sspr-link-button) {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    column-gap: 0.25em;
    min-height: var(--_input-height);
    min-width: 6.75rem;
    margin: 0;
    padding: 0.375rem 1rem;
    border: 1px solid transparent;
    border-radius: var(--_button-radius);
    background: none;
    color: var(--_text);
    font-size: 1em;
    font-weight: var(--_weight-strong);
    line-height: 1.25;
    text-align: center;
    text-decoration: none;
    box-shadow: none;
    cursor: pointer;
  }
  :where(sspr-reset .sspr-form) [part~='button-primary'] {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
  :where(sspr-reset .sspr-form) [part~='button-secondary'] {
    border-color: var(--_border);
    background: var(--_surface);
    color: var(--_text);
  }
  :where(sspr-reset .sspr-altcha) [part~='button-secondary'] {
    margin: 0 0 0.25rem;
  }
  /* Quiet actions (resend, another method, cancel): link-styled, one line of them. */
  :where(sspr-reset .sspr-form) [part~='button-link'] {
    min-width: 0;
    min-height: 1.5rem;
    padding: 0.125rem 0;
    border: 0;
    background: none;
    color: var(--_primary);
    font-weight: 400;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  :where(sspr-reset .sspr-form) [part~='button-reveal'] {
    flex: 0 1 auto;
    min-width: 0;
    padding-inline: 0.75rem;
    border-color: var(--_border);
    background: var(--_surface);
    font-weight: 400;
  }
  :where(sspr-reset .sspr-form [part~='button-reveal'])[aria-pressed='true'] {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  :where(sspr-reset .sspr-form button)[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  /* The countdown goes under its label, never splitting it. */
  :where(sspr-reset .sspr-form) [part~='countdown'] {
    flex-basis: 100%;
    font-size: var(--_font-size-small);
    font-weight: 400;
  }
  :where(sspr-reset [part~='button-link']) [part~='countdown'] {
    flex-basis: auto;
  }
  :where(sspr-reset) .sspr-number {
    margin: 0.5rem 0 var(--_space);
    font-size: 2.5em;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-align: center;
  }
  :where(sspr-reset) .sspr-met {
    color: var(--_success);
  }
  :where(sspr-reset) .sspr-policy :where(ul) {
    list-style: none;
    padding-inline-start: 0;
  }
  :where(sspr-reset) .sspr-mark {
    display: inline-block;
    width: 1.25em;
  }
  :where(sspr-reset) .sspr-form :where(code) {
    font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
    /* A long support code (a request id has no spaces) wraps inside a narrow card. */
    overflow-wrap: anywhere;
  }
  :where(sspr-reset) .sspr-spinner {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.5rem;
    border: 2px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    vertical-align: -2px;
    animation: sspr-spin 0.8s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    :where(sspr-reset) .sspr-spinner {
      animation: none;
    }
  }
  @keyframes sspr-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (forced-colors: active) {
    /* Primary and secondary stay apart: a filled Highlight button, a bordered one, a link. */
    :where(sspr-reset .sspr-form) [part~='button-primary'] {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
    :where(sspr-reset .sspr-form) [part~='button-secondary'],
    :where(sspr-reset .sspr-form) [part~='button-reveal'] {
      border-color: ButtonText;
    }
    :where(sspr-reset .sspr-form) [part~='button-link'] {
      color: LinkText;
    }
    :where(sspr-reset .sspr-form [part~='button-reveal'])[aria-pressed='true'] {
      border: 3px double ButtonText;
    }
    :where(sspr-reset) .sspr-spinner {
      border-top-color: Highlight;
    }
  }
  :where(sspr-reset) .sspr-visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;
