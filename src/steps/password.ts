import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { checkPassword } from '../flow/password.js';
import { reasonMessage, ruleMessage } from './messages.js';
import { errorBox, field, refuse, submitOrCancel, type Step } from './view.js';

const NEW_PASSWORD = 'new-password';
const CONFIRM = 'confirm-password';

/** The two passwords as typed: read from the form itself, which is always current. */
function typed(form: HTMLFormElement) {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  return { password: value(NEW_PASSWORD), confirm: value(CONFIRM) };
}

/** Step 4: choose a new password, checked live against the policy. */
export const passwordStep: Step = (state, intents, ctx) => {
  const { draft, username } = state;
  const policy = state.passwordPolicy!;
  const checks = checkPassword(policy, username, draft.password).filter((c) => c.code !== 'too_long' || !c.ok);
  const mismatch = draft.confirm.length > 0 && draft.confirm !== draft.password;
  const reasons = state.error?.code === 'password_rejected' ? (state.error.reasons ?? []) : [];
  const invalid = state.error?.code === 'password_invalid' || reasons.length > 0;
  const edit = (event: Event) => {
    const { password, confirm } = typed(event.currentTarget as HTMLFormElement);
    intents.editPassword(password, confirm);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const { password, confirm } = typed(form);
    intents.editPassword(password, confirm);
    if (checkPassword(policy, username, password).some((c) => !c.ok))
      return refuse(intents, 'password_invalid', form.elements.namedItem(NEW_PASSWORD));
    if (password !== confirm) return refuse(intents, 'password_invalid', form.elements.namedItem(CONFIRM));
    return intents.resetPassword(password);
  };
  return {
    title: msg('Choose a new password'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${submit} @input=${edit}>
      <input
        class="sspr-visually-hidden"
        type="text"
        name="username"
        autocomplete="username"
        .value=${username}
        readonly
        tabindex="-1"
        aria-hidden="true"
      />
      ${field(state, ctx, {
        name: NEW_PASSWORD,
        label: msg('New password'),
        type: 'password',
        autocomplete: 'new-password',
        invalid,
        describedBy: 'policy',
      })}
      <div part="policy" class="sspr-policy" id=${ctx.id('policy')}>
        <p part="text" class="sspr-text">${msg('Your new password must:')}</p>
        <ul part="list">
          ${checks.map(
            (c) =>
              html`<li part=${c.ok ? 'policy-rule policy-rule-met' : 'policy-rule'} class=${c.ok ? 'sspr-met' : ''}>
                <span class="sspr-mark" aria-hidden="true">${c.ok ? '✓' : '•'}</span>${ruleMessage(c)}
                <span class="sspr-visually-hidden">${c.ok ? msg('(met)') : msg('(not met yet)')}</span>
              </li>`,
          )}
        </ul>
      </div>
      ${field(state, ctx, {
        name: CONFIRM,
        label: msg('Confirm new password'),
        type: 'password',
        autocomplete: 'new-password',
        // Only once the person tried to submit: every submit leaves an error, a request in flight, or this step.
        invalid: mismatch && (state.error !== null || state.busy !== null),
        hint: mismatch ? reasonMessage({ code: 'mismatch' }) : '',
      })}
      ${errorBox(
        state,
        intents,
        ctx,
        reasons.length
          ? html`<ul part="list">
              ${reasons.map((r) => html`<li>${reasonMessage(r)}</li>`)}
            </ul>`
          : nothing,
      )}
      ${submitOrCancel(state, intents, ctx, msg('Reset password'), msg('Resetting…'))}
    </form>`,
  };
};
