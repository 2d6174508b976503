import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { resendSecondsLeft } from '../flow/reducer.js';
import { CODE_METHODS, type Challenge } from '../protocol/schemas.js';
import { busyStatus, describedBy, errorBox, secondaryButton, submitButton, type StepView, type ViewContext } from './view.js';

/** Step 3: answer the challenge of the chosen method. */
export function challengeStep(ctx: ViewContext): StepView {
  const challenge = ctx.state.challenge!;
  if (ctx.state.outcome) return outcomeView(ctx, challenge);
  if (challenge.type === 'questions') return questionsView(ctx, challenge);
  if (CODE_METHODS.includes(challenge.type)) return codeView(ctx, challenge);
  return waitView(ctx, challenge);
}

function codeView(ctx: ViewContext, challenge: Challenge): StepView {
  const { state } = ctx;
  const invalid = state.error?.code === 'wrong_code' || state.error?.code === 'code_missing';
  const length = challenge.codeLength ?? 6;
  const intro =
    challenge.type === 'email'
      ? { title: msg('Check your email'), text: msg(str`We emailed a verification code to ${challenge.hint}. Enter it below.`) }
      : challenge.type === 'mobile-sms'
        ? { title: msg('Check your phone'), text: msg(str`We texted a verification code to ${challenge.hint}. Enter it below.`) }
        : { title: msg('Enter your authenticator code'), text: msg('Open your authenticator app and enter the code it shows for your account.') };
  return {
    title: intro.title,
    body: html`<form part="form" class="sspr-form" novalidate @submit=${ctx.actions.verify}>
      <p part="text" class="sspr-text" id=${ctx.id('code-hint')}>${intro.text}</p>
      <div part="field" class="sspr-field">
        <label part="label" for=${ctx.id('code')}>${msg('Verification code')}</label>
        <input
          part="input input-code"
          id=${ctx.id('code')}
          name="code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern=${`[0-9]{${length}}`}
          maxlength=${length}
          required
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy(ctx, 'code-hint')}
        />
      </div>
      ${errorBox(ctx)}
      <div part="actions" class="sspr-actions">
        ${submitButton(ctx, msg('Verify'), msg('Verifying…'))}
        ${challenge.resendAfter === undefined ? nothing : resendButton(ctx, msg('Resend code'))}
      </div>
      ${otherActions(ctx)} ${busyStatus(ctx, msg('Verifying…'))}
    </form>`,
  };
}

function questionsView(ctx: ViewContext, challenge: Challenge): StepView {
  const questions = challenge.questions ?? [];
  const invalid = ctx.state.error?.code === 'wrong_answers' || ctx.state.error?.code === 'answers_missing';
  return {
    title: msg('Answer your security questions'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${ctx.actions.verify}>
      ${questions.map(
        (q, index) => html`<div part="field" class="sspr-field">
          <label part="label" for=${ctx.id(`answer-${index}`)}>${q.text}</label>
          <input
            part="input"
            id=${ctx.id(`answer-${index}`)}
            name="answer"
            data-question-id=${q.id}
            type="text"
            autocomplete="off"
            spellcheck="false"
            required
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${describedBy(ctx)}
          />
        </div>`,
      )}
      ${errorBox(ctx)}
      <div part="actions" class="sspr-actions">${submitButton(ctx, msg('Verify'), msg('Verifying…'))}</div>
      ${otherActions(ctx)} ${busyStatus(ctx, msg('Verifying…'))}
    </form>`,
  };
}

/** Push notification or call: wait for the person to answer on their device. */
function waitView(ctx: ViewContext, challenge: Challenge): StepView {
  const push = challenge.type === 'app-notification';
  const title = push ? msg('Approve the request in your authenticator app') : msg('Answer the call');
  const text = push
    ? msg('We sent a notification to your authenticator app. Enter this number in the app to approve it:')
    : msg(str`We’re calling ${challenge.hint}. Answer and press # to continue.`);
  return {
    title,
    body: html`<form part="form" class="sspr-form" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
      <p part="text" class="sspr-text">${text}</p>
      ${push ? html`<p part="number-match" class="sspr-number">${challenge.numberToMatch}</p>` : nothing}
      <p part="status" class="sspr-status sspr-waiting" role="status">
        <span class="sspr-spinner" aria-hidden="true"></span>${push ? msg('Waiting for your approval…') : msg('Waiting for you to press #…')}
      </p>
      ${errorBox(ctx)}
      <div part="actions" class="sspr-actions">${resendButton(ctx, push ? msg('Send another notification') : msg('Call again'))}</div>
      ${otherActions(ctx)}
    </form>`,
  };
}

/** The challenge can no longer be answered: say why and offer the ways on. */
function outcomeView(ctx: ViewContext, challenge: Challenge): StepView {
  const outcome = ctx.state.outcome;
  const resendable = outcome !== 'failed' && challenge.resendAfter !== undefined;
  const text =
    outcome === 'failed'
      ? msg('Too many wrong attempts. Choose a verification method to try again.')
      : outcome === 'denied'
        ? challenge.type === 'app-notification'
          ? msg('The request was denied in the authenticator app.')
          : msg('The call ended without confirmation.')
        : challenge.type === 'questions'
          ? msg('These questions have expired.')
          : CODE_METHODS.includes(challenge.type)
          ? msg('This code has expired.')
          : challenge.type === 'app-notification'
            ? msg('The notification timed out before it was approved.')
            : msg('The call wasn’t answered in time.');
  return {
    title: msg('Verification didn’t complete'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
      <div part="error" class="sspr-error" role="alert"><p>${text}</p></div>
      ${ctx.state.error ? errorBox(ctx) : nothing}
      <div part="actions" class="sspr-actions">
        ${resendable ? resendButton(ctx, CODE_METHODS.includes(challenge.type) ? msg('Send a new code') : msg('Try again')) : nothing}
        ${secondaryButton(msg('Choose another method'), ctx.actions.chooseAnother)}
      </div>
    </form>`,
  };
}

function resendButton(ctx: ViewContext, label: string): TemplateResult {
  const wait = resendSecondsLeft(ctx.state, ctx.now);
  const busy = ctx.state.busy !== null;
  // The countdown is for eyes: read out every second it would drown the page.
  // Screen readers hear the stable name and that the button is unavailable.
  const content = wait > 0 ? html`${label}<span aria-hidden="true"> ${msg(str`(available in ${wait} s)`)}</span>` : label;
  return secondaryButton(content, ctx.actions.resend, wait > 0 || busy, 'button-resend');
}

function otherActions(ctx: ViewContext) {
  return html`<div part="actions actions-secondary" class="sspr-actions sspr-links">
    ${secondaryButton(msg('Choose another method'), ctx.actions.chooseAnother, ctx.state.busy !== null)}
    ${secondaryButton(msg('Cancel'), ctx.actions.cancel)}
  </div>`;
}
