/**
 * The captcha providers a backend's config may name (`captcha.provider`), each
 * loaded when named: every provider but the mock is its own chunk, never in
 * the main bundle. A provider this version does not know is an error for the
 * host page's developer (console, `onError`), and the person sees that the
 * check cannot run: it never yields an empty token.
 */
import { msg } from '@lit/localize';
import { html, render } from 'lit';
import type { CaptchaConfig } from '../protocol/schemas.js';
import { MockCaptcha } from './mock.js';
import type { CaptchaContext, CaptchaErrorCode, CaptchaProvider } from './types.js';

type Create = (config: CaptchaConfig, context: CaptchaContext) => Promise<CaptchaProvider>;

const PROVIDERS: Record<string, Create> = {
  altcha: async (_, context) => new (await import('./altcha.js')).AltchaCaptcha(context),
  turnstile: async (config, context) => new (await import('./turnstile.js')).TurnstileCaptcha(config, context),
  hcaptcha: async (config, context) => new (await import('./hcaptcha.js')).HCaptcha(config, context),
  'recaptcha-v2': async (config, context) => new (await import('./recaptcha.js')).RecaptchaV2Captcha(config, context),
  'recaptcha-v3': async (config, context) => new (await import('./recaptcha.js')).RecaptchaV3Captcha(config, context),
  'friendly-captcha': async (config, context) => new (await import('./friendly-captcha.js')).FriendlyCaptcha(config, context),
  mock: () => Promise.resolve(new MockCaptcha()),
};

/** Every `captcha.provider` this version understands; `none` asks for no captcha (the token is `''`). */
export const CAPTCHA_PROVIDERS: readonly string[] = [...Object.keys(PROVIDERS), 'none'];

/** A provider that cannot run, with what the host page's developer should do about it. */
export class CaptchaError extends Error {
  override name = 'CaptchaError';
  constructor(
    readonly code: CaptchaErrorCode,
    /** The provider the config names. */
    readonly provider: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The provider a config names, loaded; null for `none`. Rejects with a
 * `CaptchaError`: `captcha_unsupported` for a name this version does not
 * know, `captcha_unavailable` when its code cannot load.
 */
export async function loadCaptcha(config: CaptchaConfig, context: CaptchaContext = {}): Promise<CaptchaProvider | null> {
  const { provider } = config;
  if (provider === 'none') return null;
  const create = Object.hasOwn(PROVIDERS, provider) ? PROVIDERS[provider] : undefined;
  if (!create) {
    throw new CaptchaError(
      'captcha_unsupported',
      provider,
      `<sspr-reset>: the backend's config (GET /v1/config) names the captcha provider ${JSON.stringify(provider)}, ` +
        `which this version of the widget does not support, so nobody can start a reset. Supported: ${CAPTCHA_PROVIDERS.join(', ')}. ` +
        `Fix captcha.provider in the backend's config, or give the element a provider of your own (its captcha property).`,
    );
  }
  try {
    return await create(config, context);
  } catch (cause) {
    throw new CaptchaError(
      'captcha_unavailable',
      provider,
      `<sspr-reset>: the ${provider} captcha's code could not load (${String(cause)}).`,
      { cause },
    );
  }
}

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
