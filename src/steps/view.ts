/**
 * What every step view receives and returns. Steps are pure render functions
 * of `(state, context)`: they call no network and decide nothing; they turn
 * the state into markup and the person's gestures into actions.
 */
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { FlowState } from '../flow/reducer.js';
import { errorMessage } from './messages.js';

export interface StepActions {
  identify(event: SubmitEvent): void;
  choose(event: SubmitEvent): void;
  verify(event: SubmitEvent): void;
  resend(): void;
  chooseAnother(): void;
  password(event: SubmitEvent): void;
  passwordInput(event: Event): void;
  cancel(): void;
  restart(): void;
  retryConfig(): void;
}

export interface ViewContext {
  state: FlowState;
  actions: StepActions;
  /** The clock, for countdowns. */
  now: number;
  /** A page-unique id for a light-DOM element of this widget. */
  id(name: string): string;
  signInHref: string | null;
  /** The password being typed (never kept in the flow state). */
  draft: { password: string; confirm: string; touched: boolean };
}

export interface StepView {
  /** The step's heading, shown in the card and focused when the step begins. */
  title: string;
  /** The step's form, rendered into the element's light DOM. */
  body: TemplateResult;
}

/** The form-level error, announced when it appears. */
export function errorBox(ctx: ViewContext, extra: TemplateResult | typeof nothing = nothing) {
  const error = ctx.state.error;
  return html`<div part="error" class="sspr-error" id=${ctx.id('error')} role="alert">
    ${error ? html`<p>${errorMessage(error)}</p>${extra}` : nothing}
  </div>`;
}

/** `aria-describedby` value for an input: its own hint and, when shown, the form error. */
export function describedBy(ctx: ViewContext, ...ids: string[]) {
  const all = ctx.state.error ? [...ids.map((i) => ctx.id(i)), ctx.id('error')] : ids.map((i) => ctx.id(i));
  return all.length ? all.join(' ') : nothing;
}

export function submitButton(ctx: ViewContext, label: string, busyLabel: string) {
  const busy = ctx.state.busy !== null;
  // aria-disabled, not disabled: a focused button that becomes disabled drops
  // keyboard focus to the page. Submits while busy are ignored by the controller.
  return html`<button part="button button-primary" class="sspr-primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
    ${busy ? busyLabel : label}
  </button>`;
}

/** A secondary action; while `inactive` it keeps focus but does nothing (see submitButton). */
export function secondaryButton(label: string | TemplateResult, onClick: () => void, inactive = false, parts = '') {
  return html`<button
    part="button button-secondary ${parts}"
    class="sspr-secondary"
    type="button"
    aria-disabled=${inactive ? 'true' : 'false'}
    @click=${() => inactive || onClick()}
  >
    ${label}
  </button>`;
}

/** A status line for screen readers and eyes while a request is in flight. */
export function busyStatus(ctx: ViewContext, text: string) {
  return html`<p part="status" class="sspr-status" role="status">${ctx.state.busy !== null ? text : ''}</p>`;
}

/** The usual foot of a form: its main action, Cancel, and the in-flight status. */
export function submitOrCancel(ctx: ViewContext, label: string, busyLabel: string) {
  return html`<div part="actions" class="sspr-actions">
      ${submitButton(ctx, label, busyLabel)} ${secondaryButton(msg('Cancel'), ctx.actions.cancel)}
    </div>
    ${busyStatus(ctx, busyLabel)}`;
}
