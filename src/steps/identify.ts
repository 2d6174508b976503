import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { errorMessage } from './error-message.js';
import { errorBox, errorFor, field, inlineError, ltr, refuse, secondaryButton, submitOrCancel, type Step } from './view.js';

const USERNAME = 'username';
/** Marks the container the captcha provider renders into. */
const CAPTCHA = 'data-sspr-captcha';
/** Errors about the captcha: shown next to it, not on the user ID. */
const CAPTCHA_ERRORS = ['captcha_missing', 'captcha_failed'] as const;

/**
 * Step 1: who are you? Username and captcha. Shown from the element's first
 * update, before the backend's config answers (step `loading`): the person
 * can type at once; what needs the config (the captcha, the example, Next)
 * fills in when it arrives, and a config that fails says so above the form,
 * with Try again, keeping what was typed.
 */
export const identifyStep: Step = (state, intents, ctx) => {
  const { captcha } = ctx;
  const loading = state.config === null;
  const failed = loading && state.error !== null && state.busy === null;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    // Next waits for the config (the captcha it names): the button says so with aria-disabled.
    if (loading) return;
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem(USERNAME) as HTMLInputElement;
    const username = input.value.trim();
    if (!username) return refuse(intents, 'username_missing', input);
    const token = captcha ? await captcha.getToken() : '';
    if (token === null) {
      // The error belongs to the captcha (not to the user ID); focus goes to its control, if it has one.
      await intents.invalid('captcha_missing');
      form.querySelector<HTMLElement>(`[${CAPTCHA}] input, [${CAPTCHA}] button`)?.focus();
      return;
    }
    await intents.start(username, token);
  };
  const captchaError = errorFor(state, '', CAPTCHA_ERRORS);
  const example = state.config?.usernameExample;
  // The config's load is no request of the person's: Next reads "Next" meanwhile, not "Checking…".
  const shown = state.busy === 'config' ? { ...state, busy: null } : state;
  return {
    title: msg('Get back into your account'),
    // The same view before and after the config: its arrival moves no focus (the person may be typing).
    key: 'identify',
    body: html`<form part="form" class="sspr-form" novalidate @submit=${submit}>
      <p part="text" class="sspr-text">${msg('To recover your account, enter your user ID and confirm that you’re not a robot.')}</p>
      ${errorBox(
        state,
        intents,
        ctx,
        failed ? secondaryButton(msg('Try again'), () => intents.retryConfig(), false, 'button-secondary') : nothing,
        CAPTCHA_ERRORS,
      )}
      ${field(state, ctx, {
        name: USERNAME,
        label: msg('User ID'),
        type: 'email',
        autocomplete: 'username',
        autocapitalize: 'none',
        spellcheck: 'false',
        value: state.username,
        // The tenant's own example (its config), never one of ours.
        hint: example
          ? msg(str`Example: ${ltr(example)}`, { desc: 'Under the user ID field: an example user ID the tenant gave.' })
          : undefined,
      })}
      ${loading && !failed ? html`<p part="status" class="sspr-status" role="status">${msg('Loading…')}</p>` : nothing}
      <div part="captcha" class="sspr-captcha" data-sspr-captcha aria-describedby=${captchaError ? ctx.id('captcha-error') : nothing}></div>
      ${captchaError ? inlineError(ctx.id('captcha-error'), errorMessage(captchaError)) : nothing}
      ${submitOrCancel(shown, intents, ctx, msg('Next'), msg('Checking…'), nothing, loading)}
    </form>`,
    rendered(root) {
      const container = root.querySelector<HTMLElement>(`[${CAPTCHA}]`);
      if (container && captcha) captcha.mount(container);
    },
  };
};
