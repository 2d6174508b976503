/**
 * Google reCAPTCHA, with its documented JavaScript API:
 * - v2 checkbox (`recaptcha-v2`): `grecaptcha.render(container, { sitekey,
 *   callback, 'expired-callback', 'error-callback' })`, `grecaptcha.reset(id)`;
 * - v3 score (`recaptcha-v3`): `grecaptcha.ready(cb)`, then
 *   `grecaptcha.execute(siteKey, { action })` for a fresh token at each submit.
 *   Nothing to click; Google's badge shows on the page.
 *
 * CSP: `script-src https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/;
 * frame-src https://www.google.com/recaptcha/ https://recaptcha.google.com/recaptcha/`.
 * The backend verifies the token with reCAPTCHA's siteverify; for v3 it also
 * checks the action and a score threshold (docs/captcha.md).
 */
import type { CaptchaConfig } from '../protocol/schemas.js';
import { HostedCaptcha, loadScript, scriptUrl, type WidgetEvents } from './hosted.js';
import type { CaptchaContext, CaptchaProvider } from './types.js';

export const RECAPTCHA_SCRIPT = 'https://www.google.com/recaptcha/api.js';
/** The v3 action the backend checks in siteverify's answer. */
export const RECAPTCHA_ACTION = 'password_reset';
const ONLOAD = '__ssprRecaptchaLoaded';

/** The part of `window.grecaptcha` the adapters use. */
export interface RecaptchaApi {
  render(container: HTMLElement, params: Record<string, unknown>): number;
  reset(id?: number): void;
  ready(callback: () => void): void;
  execute(siteKey: string, options: { action: string }): PromiseLike<string>;
}

const api = () => (globalThis as { grecaptcha?: RecaptchaApi }).grecaptcha;

/** reCAPTCHA v2, the "I'm not a robot" checkbox. */
export class RecaptchaV2Captcha extends HostedCaptcha<number> {
  readonly id = 'recaptcha-v2';

  protected load() {
    return loadScript({
      src: scriptUrl(RECAPTCHA_SCRIPT, { render: 'explicit', onload: ONLOAD, hl: this.context.locale?.() }),
      onload: ONLOAD,
      ready: () => typeof api()?.render === 'function',
    });
  }

  protected render(box: HTMLElement, events: WidgetEvents) {
    return api()!.render(box, {
      sitekey: this.siteKey,
      callback: (token: string) => events.solved(token),
      'expired-callback': () => events.expired(),
      'error-callback': () => events.failed('error'),
    });
  }

  protected resetWidget(id: number) {
    api()?.reset(id);
  }

  /** reCAPTCHA documents no removal: the widget goes with its box. */
  protected removeWidget(id: number) {
    api()?.reset(id);
  }
}

/** reCAPTCHA v3: a score for each submit, no widget. */
export class RecaptchaV3Captcha implements CaptchaProvider {
  readonly id = 'recaptcha-v3';
  readonly #siteKey: string;
  readonly #context: CaptchaContext;
  #loading: Promise<void> | undefined;
  #reported = false;

  constructor(config: CaptchaConfig, context: CaptchaContext) {
    this.#siteKey = config.siteKey ?? '';
    this.#context = context;
  }

  /** Loads the script early, so the score reflects the whole visit. */
  mount(_container: HTMLElement) {
    this.#load().catch(() => undefined);
  }

  /** A fresh token for this submit (they live two minutes); null when reCAPTCHA cannot run. */
  async getToken(): Promise<string | null> {
    try {
      await this.#load();
      const grecaptcha = api()!;
      await new Promise<void>((resolve) => grecaptcha.ready(resolve));
      return await grecaptcha.execute(this.#siteKey, { action: RECAPTCHA_ACTION });
    } catch (error) {
      this.#report(error);
      return null;
    }
  }

  /** Each token is fresh already. */
  reset() {}

  #load() {
    if (!this.#loading) {
      const loading = loadScript({
        src: scriptUrl(RECAPTCHA_SCRIPT, { render: this.#siteKey, hl: this.#context.locale?.() }),
        // `ready` is there as soon as api.js ran; `execute` waits on it (see getToken).
        ready: () => typeof api()?.ready === 'function',
      });
      this.#loading = loading;
      // A failed load is tried again at the next submit.
      loading.catch(() => this.#loading === loading && (this.#loading = undefined));
    }
    return this.#loading;
  }

  #report(error: unknown) {
    if (this.#reported) return;
    this.#reported = true;
    const message = `<sspr-reset>: the recaptcha-v3 captcha could not run. ${error instanceof Error ? error.message : String(error)}`;
    console.error(message);
    this.#context.onError?.({ code: 'captcha_unavailable', provider: this.id, message });
  }
}
