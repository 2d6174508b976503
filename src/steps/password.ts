import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { checkPassword } from '../flow/password.js';
import { reasonMessage, ruleMessage } from './messages.js';
import { describedBy, errorBox, submitOrCancel, type StepView, type ViewContext } from './view.js';

/** Step 4: choose a new password, checked live against the policy. */
export function passwordStep(ctx: ViewContext): StepView {
  const { state, draft } = ctx;
  const policy = state.passwordPolicy!;
  const checks = checkPassword(policy, state.username, draft.password).filter((c) => c.code !== 'too_long' || !c.ok);
  const mismatch = draft.confirm.length > 0 && draft.confirm !== draft.password;
  const reasons = state.error?.code === 'password_rejected' ? state.error.reasons ?? [] : [];
  const invalid = state.error?.code === 'password_invalid' || reasons.length > 0;
  return {
    title: msg('Choose a new password'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${ctx.actions.password} @input=${ctx.actions.passwordInput}>
      <input class="sspr-visually-hidden" type="text" name="username" autocomplete="username" .value=${state.username} readonly tabindex="-1" aria-hidden="true" />
      <div part="field" class="sspr-field">
        <label part="label" for=${ctx.id('password')}>${msg('New password')}</label>
        <input
          part="input"
          id=${ctx.id('password')}
          name="new-password"
          type="password"
          autocomplete="new-password"
          required
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${describedBy(ctx, 'policy')}
        />
      </div>
      <div part="policy" class="sspr-policy" id=${ctx.id('policy')}>
        <p part="text" class="sspr-text">${msg('Your new password must:')}</p>
        <ul part="list">
          ${checks.map(
            (c) => html`<li part=${c.ok ? 'policy-rule policy-rule-met' : 'policy-rule'} class=${c.ok ? 'sspr-met' : ''}>
              <span class="sspr-mark" aria-hidden="true">${c.ok ? '✓' : '•'}</span>${ruleMessage(c)}
              <span class="sspr-visually-hidden">${c.ok ? msg('(met)') : msg('(not met yet)')}</span>
            </li>`,
          )}
        </ul>
      </div>
      <div part="field" class="sspr-field">
        <label part="label" for=${ctx.id('confirm')}>${msg('Confirm new password')}</label>
        <input
          part="input"
          id=${ctx.id('confirm')}
          name="confirm-password"
          type="password"
          autocomplete="new-password"
          required
          aria-invalid=${mismatch && draft.touched ? 'true' : 'false'}
          aria-describedby=${describedBy(ctx, 'confirm-hint')}
        />
        <p part="hint" class="sspr-hint" id=${ctx.id('confirm-hint')}>${mismatch ? reasonMessage({ code: 'mismatch' }) : ''}</p>
      </div>
      ${errorBox(ctx, reasons.length ? html`<ul part="list">${reasons.map((r) => html`<li>${reasonMessage(r)}</li>`)}</ul>` : nothing)}
      ${submitOrCancel(ctx, msg('Reset password'), msg('Resetting…'))}
    </form>`,
  };
}
