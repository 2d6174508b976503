import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { methodAvailability } from '../flow/reducer.js';
import { errorMessage } from './error-message.js';
import { methodLabel, unavailableMessage } from './words.js';
import { errorBox, errorFor, inlineError, secondaryButton, submitOrCancel, type Step } from './view.js';

const METHOD = 'method';

/** Step 2: choose how to prove who you are. */
export const methodsStep: Step = (state, intents, ctx) => {
  const rows = state.methods.map((method) => ({ method, unavailable: methodAvailability(state, method) }));
  const offered = rows.filter((r) => !r.unavailable);
  const withheld = rows.filter((r) => r.unavailable);
  const second = state.gatesRequired > 1 && state.gatesPassed > 0;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const checked = form.querySelector<HTMLInputElement>(`input[name="${METHOD}"]:checked`);
    if (checked) return void intents.choose(checked.value);
    // Nothing is preselected: the person chooses. The error belongs to the list; focus goes to its first choice.
    await intents.invalid('method_missing');
    form.querySelector<HTMLInputElement>(`input[name="${METHOD}"]`)?.focus();
  };
  const missing = errorFor(state, '', ['method_missing']);
  return {
    title: second ? msg('Verify your identity: second step') : msg('Verify your identity'),
    body: html`<form part="form" class="sspr-form" novalidate @submit=${submit}>
      ${
        state.gatesRequired > 1
          ? html`<p part="text policy-note" class="sspr-text">
              ${msg('Your organization requires two verification steps, each with a different method.')}
            </p>`
          : nothing
      }
      ${errorBox(state, intents, ctx, nothing, ['method_missing'])}
      ${
        offered.length
          ? html`<fieldset
              part="method-list"
              class="sspr-fieldset"
              aria-invalid=${missing ? 'true' : nothing}
              aria-describedby=${missing ? ctx.id('method-error') : nothing}
            >
              <legend part="legend">${msg('Choose the contact method we should use for verification:')}</legend>
              ${missing ? inlineError(ctx.id('method-error'), errorMessage(missing)) : nothing}
              ${offered.map(
                ({ method }) =>
                  html`<label part="method" class="sspr-choice">
                    <input part="radio" type="radio" name=${METHOD} value=${method.id} />
                    <span>
                      <span part="method-label">${methodLabel(method.type)}</span>
                      ${method.hint ? html`<bdi part="method-hint" class="sspr-hint" dir="ltr">${method.hint}</bdi>` : nothing}
                    </span>
                  </label>`,
              )}
            </fieldset>`
          : html`<p part="text" class="sspr-text">
              ${msg('None of your verification methods can be used here. Contact your administrator to reset your password.', {
                desc: 'Methods step, when none of the person’s methods can be used (for example all of kinds this version does not know).',
              })}
            </p>`
      }
      ${
        // Out of the way: the person cannot act on these, so they are one closed disclosure, not a list to read through.
        withheld.length
          ? html`<details part="unavailable" class="sspr-unavailable">
              <summary part="unavailable-summary">
                ${msg(str`Why some methods aren’t listed (${withheld.length})`, {
                  desc: 'Closed disclosure under the method list; the number is how many of the person’s methods cannot be used now.',
                })}
              </summary>
              <ul part="list">
                ${withheld.map(
                  ({ method, unavailable }) =>
                    html`<li>
                      ${msg(str`${methodLabel(method.type)}: ${unavailableMessage(unavailable!)}`, {
                        desc: 'A method that cannot be used now, then why (both already translated).',
                      })}
                    </li>`,
                )}
              </ul>
            </details>`
          : nothing
      }
      ${
        offered.length
          ? submitOrCancel(state, intents, ctx, msg('Continue'), msg('Sending…'))
          : html`<div part="actions" class="sspr-actions">${secondaryButton(msg('Cancel'), () => intents.cancel())}</div>`
      }
    </form>`,
  };
};
