/**
 * The captcha a backend's config names, at once (`captchaFor`): the element
 * shows it as soon as the config is in. This module loads with the widget's
 * wire (src/wire.ts), after the first field: the providers themselves are
 * chunks of their own (registry.ts), loaded when named.
 */
import { msg } from '@lit/localize';
import { html, render } from 'lit';
import type { CaptchaConfig } from '../protocol/schemas.js';
import { MockCaptcha } from './mock.js';
import { loadCaptcha, type CaptchaError } from './registry.js';
import type { CaptchaContext, CaptchaProvider } from './types.js';

/**
 * The provider a config names, at once: null for `none`, the mock checkbox
 * for `mock`, else a stand-in that mounts the real provider as soon as its
 * chunk has loaded (or shows that the check cannot run, and tells the
 * console and `context.onError` why).
 */
export function captchaFor(config: CaptchaConfig, context: CaptchaContext = {}): CaptchaProvider | null {
  if (config.provider === 'none') return null;
  if (config.provider === 'mock') return new MockCaptcha();
  return new LazyCaptcha(loadCaptcha(config, context), context);
}

/** Stands in for a provider while its chunk loads. */
class LazyCaptcha implements CaptchaProvider {
  #loaded: CaptchaProvider | undefined;
  #failed = false;
  #container: HTMLElement | undefined;
  readonly #loading: Promise<CaptchaProvider | null>;

  constructor(loading: Promise<CaptchaProvider | null>, context: CaptchaContext) {
    this.#loading = loading.then(
      (provider) => {
        this.#loaded = provider ?? undefined;
        if (this.#container) this.#loaded?.mount(this.#container);
        return provider;
      },
      (error: CaptchaError) => {
        this.#failed = true;
        console.error(error.message);
        context.onError?.({ code: error.code, provider: error.provider, message: error.message });
        if (this.#container) this.mount(this.#container);
        return null;
      },
    );
  }

  mount(container: HTMLElement) {
    this.#container = container;
    if (this.#loaded) this.#loaded.mount(container);
    else if (this.#failed) {
      render(
        html`<p part="captcha-error" class="sspr-captcha-error" role="alert">
          ${msg('The check that you’re not a robot can’t run on this page. Contact the site’s administrator.', {
            desc: 'The captcha the server asks for cannot load or is not supported',
          })}
        </p>`,
        container,
      );
    }
  }

  async getToken() {
    const provider = await this.#loading;
    return provider ? provider.getToken() : null;
  }

  reset() {
    this.#loaded?.reset();
  }

  destroy() {
    this.#loaded?.destroy?.();
    this.#container = undefined;
  }
}
