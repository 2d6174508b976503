import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { methodAvailability } from '../flow/reducer.js';
import { methodLabel, unavailableMessage } from './messages.js';
import { errorBox, secondaryButton, submitOrCancel, type Step } from './view.js';

const METHOD = 'method';

/** Step 2: choose how to prove who you are. */
export const methodsStep: Step = (state, intents, ctx) => {
  const rows = state.methods.map((method) => ({ method, unavailable: methodAvailability(state, method) }));
  const offered = rows.filter((r) => !r.unavailable);
  const withheld = rows.filter((r) => r.unavailable);
  const second = state.gatesRequired > 1 && state.gatesPassed > 0;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>(`input[name="${METHOD}"]:checked`);
    if (checked) void intents.choose(checked.value);
  };
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
      ${
        offered.length
          ? html`<fieldset part="fieldset" class="sspr-fieldset">
              <legend part="legend">${msg('Choose the contact method we should use for verification:')}</legend>
              ${offered.map(
                ({ method }, index) =>
                  html`<label part="choice" class="sspr-choice">
                    <input part="radio" type="radio" name=${METHOD} value=${method.id} ?checked=${index === 0} />
                    <span>
                      <span part="choice-label">${methodLabel(method.type)}</span>
                      ${method.hint ? html`<span part="choice-hint" class="sspr-hint">${method.hint}</span>` : nothing}
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
        withheld.length
          ? html`<div part="unavailable" class="sspr-unavailable">
              <p part="text" class="sspr-text">${msg(str`Not offered here (${withheld.length}):`)}</p>
              <ul part="list">
                ${withheld.map(
                  ({ method, unavailable }) => html`<li>${methodLabel(method.type)}: ${unavailableMessage(unavailable!)}</li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      ${errorBox(state, intents, ctx)}
      ${
        offered.length
          ? submitOrCancel(state, intents, ctx, msg('Continue'), msg('Sending…'))
          : html`<div part="actions" class="sspr-actions">${secondaryButton(msg('Cancel'), () => intents.cancel())}</div>`
      }
    </form>`,
  };
};
