/**
 * The captcha providers a backend's config may name (`captcha.provider`), each
 * loaded when named: every provider but the mock is its own chunk, never in
 * the main bundle. A provider this version does not know is an error for the
 * host page's developer (console, `onError`), and the person sees that the
 * check cannot run: it never yields an empty token.
 */
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
