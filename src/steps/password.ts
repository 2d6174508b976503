import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { checkPassword } from '../flow/password.js';
import { reasonMessage, ruleMessage } from './words.js';
import { errorBox, field, refuse, submitOrCancel, type Step, type ViewContext } from './view.js';
import type { Intents } from '../flow/intents.js';

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
  const rejected = state.error?.code === 'password_rejected' ? state.error : undefined;
  const reasons = rejected?.reasons ?? [];
  const reveal = state.draft.reveal;
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
    // A confirmation that differs is said as such, on the confirmation: the new password itself may be fine.
    if (password !== confirm) return refuse(intents, 'password_mismatch', form.elements.namedItem(CONFIRM));
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
      ${errorBox(state, intents, ctx, nothing, ['password_rejected'])}
      ${field(state, ctx, {
        name: NEW_PASSWORD,
        label: msg('New password'),
        type: reveal ? 'text' : 'password',
        autocomplete: 'new-password',
        describedBy: 'policy',
        spellcheck: 'false',
        autocapitalize: 'none',
        after: revealToggle(intents, ctx, reveal),
        // The backend refused it: why, under the field (each reason), tied to it.
        error: rejected
          ? html`${msg('Choose a different password.')}
              <ul part="list">
                ${reasons.map((r) => html`<li>${reasonMessage(r)}</li>`)}
              </ul>`
          : undefined,
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
        type: reveal ? 'text' : 'password',
        autocomplete: 'new-password',
        spellcheck: 'false',
        autocapitalize: 'none',
        // A live note while the two differ; once the person tried to submit, the mismatch is this field's error.
        hint: mismatch && state.error?.code !== 'password_mismatch' ? reasonMessage({ code: 'mismatch' }) : '',
      })}
      ${submitOrCancel(state, intents, ctx, msg('Reset password'), msg('Resetting…'))}
    </form>`,
  };
};

/**
 * Show or hide both passwords. A toggle (`aria-pressed`) with a stable name:
 * screen readers hear "Show password, toggle button, pressed", never the password.
 */
function revealToggle(intents: Intents, ctx: ViewContext, shown: boolean) {
  return html`<button
    part="button button-reveal"
    class="sspr-reveal"
    type="button"
    aria-pressed=${shown ? 'true' : 'false'}
    aria-controls=${`${ctx.id(NEW_PASSWORD)} ${ctx.id(CONFIRM)}`}
    @click=${() => intents.revealPassword(!shown)}
  >
    ${msg('Show password', { desc: 'Toggle button beside the new password: shows both passwords as they are typed (pressed) or hides them.' })}
  </button>`;
}
