import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { Intents } from '../flow/intents.js';
import { resendSecondsLeft, type FlowState, type KnownChallenge } from '../flow/reducer.js';
import { CODE_METHODS } from '../protocol/constants.js';
import { errorMessage } from './error-message.js';
import {
  busyStatus,
  countdown,
  errorBox,
  expiryNotice,
  field,
  ltr,
  refuse,
  secondaryButton,
  stay,
  submitButton,
  type Step,
  type StepView,
  type ViewContext,
} from './view.js';

/** A code as people type or paste it ("046 613", " 046613", "046-613", full-width digits), reduced to what it is. */
export function normalizeCode(typed: string): string {
  return typed.normalize('NFKC').replace(/[\s\u00ad\u2010-\u2015\u2212-]/g, '');
}

const CODE = 'code';
const ANSWER = 'answer';

/** Step 3: answer the challenge of the chosen method. */
export const challengeStep: Step = (state, intents, ctx) => {
  const challenge = state.challenge!;
  const view = state.outcome
    ? outcomeView(state, intents, ctx, challenge)
    : challenge.type === 'questions'
      ? challenge.questions?.length
        ? questionsView(state, intents, ctx, challenge)
        : noQuestionsView(state, intents, ctx)
      : CODE_METHODS.includes(challenge.type)
        ? codeView(state, intents, ctx, challenge)
        : waitView(state, intents, ctx, challenge);
  // Each challenge (a resent code, new questions) and each outcome is a view of its own: focus moves with it.
  const questions = challenge.questions?.map((q) => q.id).join(',') ?? '';
  // Wrong answers bring new questions (which may be the same ones): each round is a new view, focus on its first.
  const round = challenge.type === 'questions' && state.error?.code === 'wrong_answers' ? state.error.attemptsRemaining : '';
  return { key: `${challenge.challengeId}/${questions}/${round}/${state.outcome ?? ''}`, ...view };
};

function codeView(state: FlowState, intents: Intents, ctx: ViewContext, challenge: KnownChallenge): StepView {
  const intro =
    challenge.type === 'email'
      ? { title: msg('Check your email'), text: msg(str`We emailed a verification code to ${ltr(challenge.hint ?? '')}. Enter it below.`) }
      : challenge.type === 'mobile-sms'
        ? { title: msg('Check your phone'), text: msg(str`We texted a verification code to ${ltr(challenge.hint ?? '')}. Enter it below.`) }
        : {
            title: msg('Enter your authenticator code'),
            text: msg('Open your authenticator app and enter the code it shows for your account.'),
          };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem(CODE) as HTMLInputElement;
    // Spaces and dashes go before any check: a pasted " 046 613" is the code 046613, never a wrong attempt.
    const code = normalizeCode(input.value);
    if (!code) return refuse(intents, 'code_missing', input);
    if (!/^[0-9]+$/.test(code) || (challenge.codeLength !== undefined && code.length !== challenge.codeLength))
      return refuse(intents, 'code_format', input);
    if ((await intents.verifyCode(code)).error?.code === 'wrong_code') {
      input.focus();
      input.select();
    }
  };
  const codeId = ctx.id(CODE);
  const wrong = state.error?.code === 'wrong_code' ? errorMessage(state.error) : undefined;
  return {
    title: intro.title,
    // The person can type at once; the field's description still gives the step's title and instruction.
    focus: `#${codeId}`,
    body: html`<form part="form" class="sspr-form" novalidate @submit=${submit}>
      <p part="text" class="sspr-text" id=${ctx.id('code-hint')}>
        <span class="sspr-visually-hidden">${intro.title}</span>
        ${intro.text}
      </p>
      ${errorBox(state, intents, ctx, nothing, ['wrong_code'])}
      ${field(state, ctx, {
        name: CODE,
        label: msg('Verification code'),
        parts: 'input input-code',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        // A code the browser read from the SMS (WebOTP); what the person types is left alone.
        value: state.draft.code,
        error: wrong,
        describedBy: 'code-hint',
      })}
      <div part="actions" class="sspr-actions">${submitButton(state, ctx, msg('Verify'), msg('Verifying…'))}</div>
      ${otherActions(state, intents, ctx, challenge.resendAfter === undefined ? nothing : resendButton(state, intents, ctx, msg('Resend code')))}
      ${busyStatus(state, msg('Verifying…'))}
    </form>`,
  };
}

/** A questions challenge with no questions (a backend's mistake): say so, and offer the ways on. */
function noQuestionsView(state: FlowState, intents: Intents, ctx: ViewContext): StepView {
  return {
    title: msg('Answer your security questions'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${stay}>
      <div part="error" class="sspr-error" role="alert">
        <p>
          ${msg('We couldn’t load your security questions. Choose another method, or try again later.', {
            desc: 'Security questions challenge that came without any question (a backend mistake).',
          })}
        </p>
      </div>
      ${errorBox(state, intents, ctx)}
      <div part="actions" class="sspr-actions">
        ${secondaryButton(msg('Choose another method'), () => intents.chooseAnother(), false, 'button-primary')}
      </div>
      <div part="actions actions-secondary" class="sspr-actions sspr-links">${secondaryButton(msg('Cancel'), () => intents.cancel())}</div>
    </form>`,
  };
}

function questionsView(state: FlowState, intents: Intents, ctx: ViewContext, challenge: KnownChallenge): StepView {
  const questions = challenge.questions ?? [];
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const inputs = [...(event.currentTarget as HTMLFormElement).querySelectorAll<HTMLInputElement>(`input[name="${ANSWER}"]`)];
    const empty = inputs.find((a) => !a.value.trim());
    if (empty) return refuse(intents, 'answers_missing', empty);
    const answers = questions.map((q, i) => ({ questionId: q.id, answer: inputs[i]?.value ?? '' }));
    // New questions after a failure: clear the old answers.
    if ((await intents.verifyAnswers(answers)).error?.code === 'wrong_answers') for (const a of inputs) a.value = '';
  };
  return {
    title: msg('Answer your security questions'),
    // New questions (after wrong answers) start clean, with focus on the first.
    focus: `#${ctx.id('answer-0')}`,
    body: html`<form part="form" class="sspr-form" novalidate @submit=${submit}>
      ${errorBox(state, intents, ctx)}
      ${questions.map((q, index) =>
        field(state, ctx, {
          name: ANSWER,
          key: `answer-${index}`,
          label: q.text,
          autocomplete: 'off',
          spellcheck: 'false',
          questionId: q.id,
        }),
      )}
      <div part="actions" class="sspr-actions">${submitButton(state, ctx, msg('Verify'), msg('Verifying…'))}</div>
      ${otherActions(state, intents, ctx)} ${busyStatus(state, msg('Verifying…'))}
    </form>`,
  };
}

/** Push notification or call: wait for the person to answer on their device. */
function waitView(state: FlowState, intents: Intents, ctx: ViewContext, challenge: KnownChallenge): StepView {
  const push = challenge.type === 'app-notification';
  const title = push ? msg('Approve the request in your authenticator app') : msg('Answer the call');
  const text = push
    ? msg('We sent a notification to your authenticator app. Enter this number in the app to approve it:')
    : msg(str`We’re calling ${ltr(challenge.hint ?? '')}. Answer and press # to continue.`);
  return {
    title,
    body: html`<form part="form" class="sspr-form" novalidate @submit=${stay}>
      <p part="text" class="sspr-text">${text}</p>
      ${push ? html`<p part="number-match" class="sspr-number">${challenge.numberToMatch}</p>` : nothing}
      <p part="status" class="sspr-status sspr-waiting" role="status">
        <span class="sspr-spinner" aria-hidden="true"></span
        >${push ? msg('Waiting for your approval…') : msg('Waiting for you to press #…')}
      </p>
      ${errorBox(state, intents, ctx)}
      ${otherActions(state, intents, ctx, resendButton(state, intents, ctx, push ? msg('Send another notification') : msg('Call again')))}
    </form>`,
  };
}

/** The challenge can no longer be answered: say why and offer the ways on. */
function outcomeView(state: FlowState, intents: Intents, ctx: ViewContext, challenge: KnownChallenge): StepView {
  const outcome = state.outcome;
  const code = CODE_METHODS.includes(challenge.type);
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
          : code
            ? msg('This code has expired.')
            : challenge.type === 'app-notification'
              ? msg('The notification timed out before it was approved.')
              : msg('The call wasn’t answered in time.');
  return {
    title: msg('Verification didn’t complete'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${stay}>
      <div part="error" class="sspr-error" role="alert"><p>${text}</p></div>
      ${state.error ? errorBox(state, intents, ctx) : expiryNotice(state)}
      <div part="actions" class="sspr-actions">
        ${
          resendable
            ? resendButton(state, intents, ctx, code ? msg('Send a new code') : msg('Try again'), 'button-primary button-resend')
            : secondaryButton(msg('Choose another method'), () => intents.chooseAnother(), false, 'button-primary')
        }
      </div>
      <div part="actions actions-secondary" class="sspr-actions sspr-links">
        ${resendable ? secondaryButton(msg('Choose another method'), () => intents.chooseAnother()) : nothing}
        ${secondaryButton(msg('Cancel'), () => intents.cancel())}
      </div>
    </form>`,
  };
}

function resendButton(
  state: FlowState,
  intents: Intents,
  ctx: ViewContext,
  label: string,
  parts = 'button-link button-resend',
): TemplateResult {
  const wait = resendSecondsLeft(state, ctx.now);
  // The countdown is for eyes: read out every second it would drown the page.
  // Screen readers hear the stable name and that the button is unavailable.
  return secondaryButton(countdown(label, wait), () => void intents.resend(), wait > 0 || state.busy !== null, parts);
}

/** The quiet actions under a challenge, always in this order: resend (if any), another method, Cancel. */
function otherActions(state: FlowState, intents: Intents, _ctx: ViewContext, resend: TemplateResult | typeof nothing = nothing) {
  return html`<div part="actions actions-secondary" class="sspr-actions sspr-links">
    ${resend} ${secondaryButton(msg('Choose another method'), () => intents.chooseAnother(), state.busy !== null)}
    ${secondaryButton(msg('Cancel'), () => intents.cancel())}
  </div>`;
}
