import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { describedBy, errorBox, secondaryButton, submitOrCancel, type StepView, type ViewContext } from './view.js';

/** Step 0: the configuration is loading, or failed to load. */
export function loadingStep(ctx: ViewContext): StepView {
  const failed = ctx.state.error !== null && ctx.state.busy === null;
  return {
    title: msg('Get back into your account'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${(e: SubmitEvent) => e.preventDefault()}>
      ${failed ? errorBox(ctx) : html`<p part="status" class="sspr-status" role="status">${msg('Loading…')}</p>`}
      ${failed
        ? html`<div part="actions" class="sspr-actions">${secondaryButton(msg('Try again'), ctx.actions.retryConfig)}</div>`
        : nothing}
    </form>`,
  };
}

/** Step 1: who are you? Username and captcha. */
export function identifyStep(ctx: ViewContext): StepView {
  const { state } = ctx;
  const usernameError = state.error?.code === 'username_missing';
  return {
    title: msg('Get back into your account'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${ctx.actions.identify}>
      <p part="text" class="sspr-text">${msg('To recover your account, enter your user ID and confirm that you’re not a robot.')}</p>
      <div part="field" class="sspr-field">
        <label part="label" for=${ctx.id('username')}>${msg('User ID')}</label>
        <input
          part="input"
          id=${ctx.id('username')}
          name="username"
          type="email"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          required
          .value=${state.username}
          aria-invalid=${usernameError ? 'true' : 'false'}
          aria-describedby=${describedBy(ctx, 'username-hint')}
        />
        <p part="hint" class="sspr-hint" id=${ctx.id('username-hint')}>${msg('Example: user@contoso.com')}</p>
      </div>
      <div part="captcha" class="sspr-captcha" data-sspr-captcha></div>
      ${errorBox(ctx)}
      ${submitOrCancel(ctx, msg('Next'), msg('Checking…'))}
    </form>`,
  };
}
