import { msg } from '@lit/localize';
import { html, render } from 'lit';
import { MOCK_CAPTCHA_TOKEN } from '../mock/token.js';
import type { CaptchaProvider } from './types.js';

/**
 * The mock backend's captcha: a checkbox. Ticking it yields the token the mock
 * accepts. For demos and tests only: it stops no bot.
 */
export class MockCaptcha implements CaptchaProvider {
  readonly id = 'mock';
  #checked = false;
  #container: HTMLElement | undefined;
  /** The token handed out; tests set another to see `captcha_failed`. */
  token = MOCK_CAPTCHA_TOKEN;

  mount(container: HTMLElement) {
    this.#container = container;
    render(
      html`<label part="checkbox-label" class="sspr-check">
        <input
          part="checkbox"
          type="checkbox"
          name="sspr-captcha"
          .checked=${this.#checked}
          @change=${(e: Event) => (this.#checked = (e.target as HTMLInputElement).checked)}
        />
        <span>${msg('I’m not a robot', { desc: 'Label of the demo captcha checkbox' })}</span>
      </label>`,
      container,
    );
  }

  getToken() {
    return Promise.resolve(this.#checked ? this.token : null);
  }

  reset() {
    this.#checked = false;
    // The box the person ticked: Lit would not untick it (its binding last wrote false, before the click).
    const box = this.#container?.querySelector('input');
    if (box) box.checked = false;
  }
}
