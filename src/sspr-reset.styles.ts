import { css } from 'lit';

/**
 * Design tokens: public `--sspr-*` custom properties, each read once into a
 * private `--_*` variable with its default (light, then dark).
 */
const tokens = css`
  :host,
  sspr-reset {
    --_font: var(--sspr-font-family, 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif);
    --_font-size: var(--sspr-font-size, 15px);
    --_bg: var(--sspr-color-surface, #ffffff);
    --_text: var(--sspr-color-text, #1b1b1b);
    --_muted: var(--sspr-color-text-muted, #5f5f5f);
    --_border: var(--sspr-color-border, #8a8886);
    --_primary: var(--sspr-color-primary, #0067b8);
    --_on-primary: var(--sspr-color-on-primary, #ffffff);
    --_error: var(--sspr-color-error, #c50f1f);
    --_success: var(--sspr-color-success, #107c10);
    --_focus: var(--sspr-color-focus, #0067b8);
    --_radius: var(--sspr-radius, 4px);
    --_space: var(--sspr-space, 16px);
    --_width: var(--sspr-card-width, 440px);
    --_shadow: var(--sspr-card-shadow, 0 2px 6px rgb(0 0 0 / 0.2));
  }
  @media (prefers-color-scheme: dark) {
    :host,
    sspr-reset {
      --_bg: var(--sspr-color-surface, #1f1f1f);
      --_text: var(--sspr-color-text, #f3f3f3);
      --_muted: var(--sspr-color-text-muted, #c8c8c8);
      --_border: var(--sspr-color-border, #8a8886);
      --_primary: var(--sspr-color-primary, #4fa3f7);
      --_on-primary: var(--sspr-color-on-primary, #0b0b0b);
      --_error: var(--sspr-color-error, #ff99a4);
      --_success: var(--sspr-color-success, #8fd88f);
      --_focus: var(--sspr-color-focus, #4fa3f7);
      --_shadow: var(--sspr-card-shadow, 0 2px 6px rgb(0 0 0 / 0.6));
    }
  }
`;

/** The card's chrome, in the shadow root. */
export const hostStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      max-width: var(--_width);
      color: var(--_text);
      font-family: var(--_font);
      font-size: var(--_font-size);
      line-height: 1.45;
    }
    :host([hidden]) {
      display: none;
    }
    .card {
      background: var(--_bg);
      box-shadow: var(--_shadow);
      padding: calc(var(--_space) * 2.75) calc(var(--_space) * 2.75) calc(var(--_space) * 2);
      border-radius: var(--_radius);
    }
    @media (max-width: 420px) {
      .card {
        padding: calc(var(--_space) * 1.5) calc(var(--_space) * 1.25);
      }
    }
    .header {
      display: flex;
      align-items: center;
      gap: calc(var(--_space) / 2);
      min-height: 24px;
      margin-bottom: var(--_space);
      font-weight: 600;
    }
    ::slotted([slot='logo']) {
      max-height: 32px;
      max-width: 100%;
    }
    .progress {
      margin: 0 0 calc(var(--_space) / 4);
      color: var(--_muted);
      font-size: 0.87em;
    }
    h2 {
      margin: 0 0 var(--_space);
      font-size: 1.6em;
      font-weight: 600;
      line-height: 1.25;
    }
    /* The heading takes focus only so screen readers start at the new step;
       it is not a control, so it shows no focus ring. */
    h2:focus {
      outline: none;
    }
  `,
];

/**
 * The light-DOM form, styled from a sheet adopted into the element's root
 * node and scoped to `sspr-reset`. The selectors reset the properties that a
 * host page's CSS is most likely to leak in.
 */
export const formStyles = css`
  ${tokens}
  sspr-reset .sspr-form,
  sspr-reset .sspr-form * {
    box-sizing: border-box;
    font-family: var(--_font);
    letter-spacing: normal;
    text-transform: none;
  }
  sspr-reset .sspr-form {
    display: block;
    margin: 0;
    padding: 0;
    border: 0;
    color: var(--_text);
    font-size: var(--_font-size);
    line-height: 1.45;
    text-align: start;
  }
  sspr-reset .sspr-form p {
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  sspr-reset .sspr-form ul {
    margin: 0 0 calc(var(--_space) * 0.75);
    padding-inline-start: 1.25em;
  }
  sspr-reset .sspr-field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    margin: 0 0 var(--_space);
  }
  sspr-reset .sspr-form label {
    color: var(--_text);
    font-weight: 600;
    font-size: 1em;
  }
  sspr-reset .sspr-form input:not([type='checkbox'], [type='radio']) {
    display: block;
    width: 100%;
    min-height: 36px;
    margin: 0;
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-size: 1em;
    box-shadow: none;
  }
  sspr-reset .sspr-form input[aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  sspr-reset .sspr-form input:focus-visible,
  sspr-reset .sspr-form button:focus-visible,
  sspr-reset .sspr-form a:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  sspr-reset .sspr-hint,
  sspr-reset .sspr-status {
    color: var(--_muted);
    font-size: 0.9em;
  }
  sspr-reset .sspr-status:empty,
  sspr-reset .sspr-hint:empty {
    display: none;
  }
  sspr-reset .sspr-error {
    color: var(--_error);
  }
  sspr-reset .sspr-error:empty {
    display: none;
  }
  sspr-reset .sspr-error > p {
    font-weight: 600;
  }
  sspr-reset .sspr-success {
    color: var(--_success);
    font-weight: 600;
  }
  sspr-reset .sspr-fieldset {
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
  }
  sspr-reset .sspr-fieldset legend {
    margin-bottom: 8px;
    padding: 0;
  }
  sspr-reset .sspr-form label.sspr-choice,
  sspr-reset .sspr-form label.sspr-check {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 8px 0;
    font-weight: 400;
    cursor: pointer;
  }
  sspr-reset .sspr-choice > span {
    display: flex;
    flex-direction: column;
  }
  sspr-reset .sspr-form input[type='radio'],
  sspr-reset .sspr-form input[type='checkbox'] {
    flex-shrink: 0;
    width: 18px;
    height: 18px;
    margin: 2px 0 0;
    accent-color: var(--_primary);
  }
  sspr-reset .sspr-captcha:empty {
    display: none;
  }
  sspr-reset .sspr-captcha {
    margin: 0 0 var(--_space);
    padding: 4px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  sspr-reset .sspr-altcha {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    min-height: 2.5em;
  }
  sspr-reset .sspr-captcha-status,
  sspr-reset .sspr-captcha-error {
    margin: 0;
  }
  sspr-reset .sspr-captcha-error {
    color: var(--_error);
  }
  sspr-reset .sspr-captcha-progress {
    flex: 1 1 8em;
    accent-color: var(--_primary);
  }
  sspr-reset .sspr-altcha .sspr-secondary {
    margin: 0 0 4px;
  }
  sspr-reset .sspr-unavailable {
    color: var(--_muted);
    font-size: 0.9em;
  }
  sspr-reset .sspr-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: var(--_space) 0 0;
  }
  sspr-reset .sspr-links {
    margin-top: 8px;
  }
  sspr-reset .sspr-form button,
  sspr-reset .sspr-form .sspr-link-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 36px;
    min-width: 108px;
    margin: 0;
    padding: 6px 16px;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    font-size: 1em;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  sspr-reset .sspr-form .sspr-primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  sspr-reset .sspr-form .sspr-secondary {
    background: transparent;
    border-color: var(--_border);
    color: var(--_text);
  }
  sspr-reset .sspr-form button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  sspr-reset .sspr-number {
    margin: 8px 0 var(--_space);
    font-size: 2.5em;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-align: center;
  }
  sspr-reset .sspr-met {
    color: var(--_success);
  }
  sspr-reset .sspr-policy ul {
    list-style: none;
    padding-inline-start: 0;
  }
  sspr-reset .sspr-mark {
    display: inline-block;
    width: 1.25em;
  }
  sspr-reset .sspr-spinner {
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 8px;
    border: 2px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    vertical-align: -2px;
    animation: sspr-spin 0.8s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    sspr-reset .sspr-spinner {
      animation: none;
    }
  }
  @keyframes sspr-spin {
    to {
      transform: rotate(360deg);
    }
  }
  sspr-reset .sspr-visually-hidden {
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
