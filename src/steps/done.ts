import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { formatTime } from '../i18n/index.js';
import { errorMessage } from './error-message.js';
import { notifiedMessage } from './words.js';
import { secondaryButton, supportCode, type Step, type ViewContext } from './view.js';

function signInLink(ctx: ViewContext) {
  return ctx.signInHref
    ? html`<a part="link button-primary" class="sspr-primary sspr-link-button" href=${ctx.signInHref}>${msg('Sign in')}</a>`
    : nothing;
}

/** Step 5: the password changed; say who was notified. */
export const doneStep: Step = (state, _intents, ctx) => {
  const notified = state.notified;
  return {
    title: msg('Your password has been reset'),
    body: html`<div part="form" class="sspr-form">
      <p part="text success" class="sspr-text sspr-success">${msg('You can now sign in with your new password.')}</p>
      ${
        notified.length
          ? html`<p part="text" class="sspr-text">${msg('We let these know that your password changed:')}</p>
              <ul part="list notified">
                ${notified.map((n) => html`<li>${notifiedMessage(n)}</li>`)}
              </ul>`
          : nothing
      }
      <div part="actions" class="sspr-actions">${signInLink(ctx)}</div>
    </div>`,
  };
};

/** The person can't go on here: locked out (until when, if the backend said), or not enabled for reset. */
export const blockedStep: Step = (state, intents, ctx) => {
  const locked = state.blocked === 'locked_out';
  return {
    title: locked ? msg('Your account is temporarily locked') : msg('Contact your administrator'),
    body: html`<div part="form" class="sspr-form">
      <p part="text" class="sspr-text">${errorMessage({ code: state.blocked ?? 'not_enabled' })}</p>
      ${
        locked
          ? html`<p part="text" class="sspr-text">
              ${msg('For your security, password reset is paused after too many failed verifications.', {
                desc: 'Locked-out screen: why password reset is paused.',
              })}
              ${
                state.lockedUntil
                  ? msg(str`You can try again after ${formatTime(state.lockedUntil, true)}.`, {
                      desc: 'Locked-out screen: when the lock ends, a localized date and time.',
                    })
                  : msg('Your administrator can unlock it sooner.', {
                      desc: 'Locked-out screen, when the backend did not say when the lock ends.',
                    })
              }
            </p>`
          : html`<p part="text" class="sspr-text">
              ${msg('Your administrator can reset your password, or enable self-service password reset for your account.')}
            </p>`
      }
      ${supportCode(state, intents)}
      <div part="actions" class="sspr-actions">${signInLink(ctx)} ${secondaryButton(msg('Start over'), () => intents.restart())}</div>
    </div>`,
  };
};
