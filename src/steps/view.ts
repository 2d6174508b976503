/**
 * What every step view receives and returns, and the pieces steps share.
 *
 * A step is a function of `(state, intents, ctx)`: it renders its form, and
 * its handlers read and check that form's own inputs (by the field names
 * declared in the step's file) and call typed intents. It calls no network
 * and decides nothing about the flow.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { CaptchaProvider } from '../captcha/types.js';
import type { Intents } from '../flow/intents.js';
import { secondsUntil, type FlowState, type ValidationCode } from '../flow/reducer.js';
import { formatTime } from '../i18n/index.js';
import { errorMessage } from './error-message.js';

export interface ViewContext {
  /** The clock, for countdowns. */
  now: number;
  /** A page-unique id for a light-DOM element of this widget. */
  id(name: string): string;
  signInHref: string | null;
  /** The captcha the verification step shows, if any. */
  captcha: CaptchaProvider | undefined;
}

export interface StepView {
  /** The step's heading, shown in the card and focused when the step begins. */
  title: string;
  /**
   * Names the view within its step (a challenge, its outcome, a set of
   * questions): a new key moves focus as a new step does, so focus never
   * drops to the page when the view under it is replaced.
   */
  key?: string;
  /** A selector of the control in the form that takes focus when the view appears, instead of the heading. */
  focus?: string;
  /** The step's form, rendered into the element's light DOM. */
  body: TemplateResult;
  /** Called with the form's container after every render, once the form is in the document. */
  rendered?(root: HTMLElement): void;
}

export type Step = (state: FlowState, intents: Intents, ctx: ViewContext) => StepView;

/** Refuse what the person entered: show why, next to the input at fault, then put focus on it. */
export async function refuse(intents: Intents, code: ValidationCode, input?: unknown) {
  const at = input instanceof HTMLElement ? input : undefined;
  await intents.invalid(code, at?.id || undefined);
  at?.focus();
}

export { ltr } from './bidi.js';

/**
 * An error shown next to what it is about (an input, the captcha, the method
 * list): "Error:" for screen readers, then the message; announced when it
 * appears. `id` is what the control's `aria-describedby` names.
 */
export function inlineError(id: string, message: string | TemplateResult) {
  return html`<p part="error field-error" class="sspr-error sspr-field-error" id=${id} role="alert">
    <span class="sspr-visually-hidden">${msg('Error:', { desc: 'Read by screen readers before an error shown next to a field.' })}</span>
    ${message}
  </p>`;
}

/** The state's error when it belongs to the input with page id `id` (or has one of `codes`), else undefined. */
export function errorFor(state: FlowState, id: string, codes: readonly string[] = []) {
  const error = state.error;
  return error && (error.field === id || codes.includes(error.code)) ? error : undefined;
}

/**
 * The form-level error (one no field owns: a failed request, an expired
 * flow), announced when it appears, at the top of the form; under it the
 * failed answer's support code, and the warning that the flow expires soon.
 * Errors a field shows (`owned`, or tied to an input) are left to the field.
 */
export function errorBox(
  state: FlowState,
  intents: Intents,
  ctx: ViewContext,
  extra: TemplateResult | typeof nothing = nothing,
  owned: readonly string[] = [],
) {
  const error = state.error && !state.error.field && !owned.includes(state.error.code) ? state.error : null;
  return html`<div part="error" class="sspr-error" id=${ctx.id('error')} role="alert">
      ${
        error
          ? html`<p>${errorMessage(error)}</p>
              ${extra}`
          : nothing
      }
    </div>
    ${supportCode(state, intents)} ${expiryNotice(state)}`;
}

/**
 * "Support code: …" (the failed answer's request id), with a Copy button
 * where the browser has a clipboard. Outside the alert: nobody needs the code
 * read out with the error, only to find it.
 */
export function supportCode(state: FlowState, intents: Intents) {
  const id = state.error?.requestId;
  if (!id) return nothing;
  return html`<p part="hint support-code" class="sspr-hint">
      ${msg('Support code:', { desc: 'Before the request id of a failed answer, which the person gives to their help desk.' })}
      <code part="code">${id}</code>
      ${
        globalThis.navigator?.clipboard
          ? html`<button
              part="button button-secondary button-copy"
              class="sspr-secondary"
              type="button"
              aria-label=${msg('Copy support code', { desc: 'Accessible name of the button that copies the support code (its visible text is Copy).' })}
              @click=${() => void intents.copySupportCode()}
            >
              ${msg('Copy', { desc: 'Button: copy the support code to the clipboard.' })}
            </button>`
          : nothing
      }
    </p>
    <p part="status" class="sspr-status" role="status">
      ${state.copied === id ? msg('Copied', { desc: 'Status announced after the support code was copied to the clipboard.' }) : ''}
    </p>`;
}

/** Said politely, once, a couple of minutes before the flow expires (the region is there from the flow's start). */
export function expiryNotice(state: FlowState) {
  if (!state.expiresAt) return nothing;
  return html`<p part="status expiry" class="sspr-status" role="status">
    ${
      state.expiring
        ? msg(str`Your session ends at ${formatTime(state.expiresAt)}. Finish before then, or you’ll need to start again.`, {
            desc: 'Polite status a couple of minutes before the reset flow expires; the time is a localized time of day.',
          })
        : ''
    }
  </p>`;
}

/**
 * A label with a countdown for eyes, on a line of its own under the label (it
 * never splits the label); screen readers hear the stable label, and that the button is unavailable.
 */
export function countdown(label: string, seconds: number) {
  return seconds > 0
    ? html`${label}<span part="countdown" class="sspr-countdown" aria-hidden="true">${msg(str`(available in ${seconds} s)`)}</span>`
    : label;
}

/** A text input of a step's form. */
export interface Field {
  /** The input's name; the step that reads it declares it, once. */
  name: string;
  label: string;
  /** Key of the input's page-unique id; default `name`. */
  key?: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  /** An error about this input, beyond one refused on it (which `field()` finds by the input's id). */
  error?: string | TemplateResult | undefined;
  /** Help text under the input (rendered, and described by, even when empty). */
  hint?: string;
  /** Id keys of other text that describes the input (an intro, the password rules). */
  describedBy?: string;
  /** The value to show; Lit writes it only when it changes, so typing survives re-renders. */
  value?: string;
  parts?: string;
  inputmode?: 'numeric';
  /** Shown after the input, in its row (the show/hide password toggle). */
  after?: TemplateResult;
  autocapitalize?: 'none';
  spellcheck?: 'false';
  questionId?: string;
}

/**
 * Label, input, hint and the input's own error, wired together: the label's
 * `for`, and `aria-invalid` and `aria-describedby` (its error, hint and other
 * describing text) about this input only.
 */
export function field(state: FlowState, ctx: ViewContext, f: Field) {
  const id = ctx.id(f.key ?? f.name);
  const hint = f.hint ? `${id}-hint` : undefined;
  const refused = errorFor(state, id);
  const error = f.error ?? (refused && errorMessage(refused));
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hint, f.describedBy && ctx.id(f.describedBy)].filter(Boolean).join(' ');
  return html`<div part="field" class="sspr-field">
    <label part="label" for=${id}>${f.label}</label>
    <div class="sspr-input-row">
      <input
        part=${f.parts ?? 'input'}
        id=${id}
        name=${f.name}
        type=${f.type ?? 'text'}
        inputmode=${f.inputmode ?? nothing}
        autocomplete=${f.autocomplete}
        autocapitalize=${f.autocapitalize ?? nothing}
        spellcheck=${f.spellcheck ?? nothing}
        data-question-id=${f.questionId ?? nothing}
        required
        .value=${f.value ?? nothing}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
      />${f.after ?? nothing}
    </div>
    ${hint ? html`<p part="hint" class="sspr-hint" id=${hint}>${f.hint}</p>` : nothing} ${errorId ? inlineError(errorId, error!) : nothing}
  </div>`;
}

export function submitButton(state: FlowState, ctx: ViewContext, label: string, busyLabel: string, inactive = false) {
  const busy = state.busy !== null;
  const wait = secondsUntil(state.retryAt, ctx.now);
  // aria-disabled, not disabled: a focused button that becomes disabled drops keyboard focus
  // to the page. Submits while busy, or before a wait the backend asked for, are ignored by the controller.
  return html`<button
    part="button button-primary"
    class="sspr-primary"
    type="submit"
    aria-disabled=${busy || wait > 0 || inactive ? 'true' : 'false'}
    aria-busy=${busy ? 'true' : nothing}
  >
    ${busy ? busyLabel : countdown(label, wait)}
  </button>`;
}

/**
 * A secondary action: a quiet, link-styled button (`button-link`) unless
 * `parts` says `button-secondary`. While `inactive` it keeps focus but does nothing (see submitButton).
 */
export function secondaryButton(label: string | TemplateResult, onClick: () => void, inactive = false, parts = 'button-link') {
  return html`<button
    part="button ${parts}"
    class=${parts.includes('button-link') ? 'sspr-link' : 'sspr-secondary'}
    type="button"
    aria-disabled=${inactive ? 'true' : 'false'}
    @click=${() => inactive || onClick()}
  >
    ${label}
  </button>`;
}

/** A status line for screen readers and eyes while a request is in flight. */
export function busyStatus(state: FlowState, text: string) {
  return html`<p part="status" class="sspr-status" role="status">${state.busy !== null ? text : ''}</p>`;
}

/** The usual foot of a form: its one main action, then the quiet ones (Cancel last), and the in-flight status. */
export function submitOrCancel(
  state: FlowState,
  intents: Intents,
  ctx: ViewContext,
  label: string,
  busyLabel: string,
  quiet: TemplateResult | typeof nothing = nothing,
  inactive = false,
) {
  return html`<div part="actions" class="sspr-actions">${submitButton(state, ctx, label, busyLabel, inactive)}</div>
    <div part="actions actions-secondary" class="sspr-actions sspr-links">
      ${quiet} ${secondaryButton(msg('Cancel'), () => intents.cancel())}
    </div>
    ${busyStatus(state, busyLabel)}`;
}

/** A form with nothing to submit (Enter must not reload the page). */
export const stay = (event: SubmitEvent) => event.preventDefault();
