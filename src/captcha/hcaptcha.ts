/**
 * hCaptcha, with its documented explicit-rendering API: `hcaptcha.render(container,
 * { sitekey, callback, 'expired-callback', 'chalexpired-callback', 'error-callback' })`,
 * `hcaptcha.reset(id)`, `hcaptcha.remove(id)`.
 *
 * CSP: `script-src https://hcaptcha.com https://*.hcaptcha.com`, and the same
 * origins in `frame-src`, `style-src` and `connect-src`.
 * The backend verifies the token with hCaptcha's siteverify (docs/captcha.md).
 */
import { HostedCaptcha, loadScript, scriptUrl, type WidgetEvents } from './hosted.js';

export const HCAPTCHA_SCRIPT = 'https://js.hcaptcha.com/1/api.js';
const ONLOAD = '__ssprHCaptchaLoaded';

/** The part of `window.hcaptcha` the adapter uses. */
export interface HCaptchaApi {
  render(container: HTMLElement, params: Record<string, unknown>): string;
  reset(id?: string): void;
  remove(id?: string): void;
}

const api = () => (globalThis as { hcaptcha?: HCaptchaApi }).hcaptcha;

export class HCaptcha extends HostedCaptcha {
  readonly id = 'hcaptcha';

  protected load() {
    return loadScript({
      // recaptchacompat=off: no `grecaptcha` alias to collide with a page's own reCAPTCHA.
      src: scriptUrl(HCAPTCHA_SCRIPT, { render: 'explicit', onload: ONLOAD, recaptchacompat: 'off', hl: this.context.locale?.() }),
      onload: ONLOAD,
      ready: () => typeof api()?.render === 'function',
    });
  }

  protected render(box: HTMLElement, events: WidgetEvents) {
    return api()!.render(box, {
      sitekey: this.siteKey,
      callback: (token: string) => events.solved(token),
      'expired-callback': () => events.expired(),
      'chalexpired-callback': () => events.expired(),
      'error-callback': (error: string) => events.failed(error),
    });
  }

  protected resetWidget(id: string) {
    api()?.reset(id);
  }

  protected removeWidget(id: string) {
    api()?.remove(id);
  }
}
