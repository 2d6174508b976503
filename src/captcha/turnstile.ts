/**
 * Cloudflare Turnstile, with its documented explicit-rendering API:
 * `turnstile.render(container, { sitekey, callback, 'expired-callback',
 * 'error-callback', … })`, `turnstile.reset(id)`, `turnstile.remove(id)`.
 *
 * CSP: `script-src https://challenges.cloudflare.com; frame-src https://challenges.cloudflare.com`.
 * The backend verifies the token with Turnstile's siteverify (docs/captcha.md).
 */
import { HostedCaptcha, loadScript, scriptUrl, type WidgetEvents } from './hosted.js';

export const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js';
const ONLOAD = '__ssprTurnstileLoaded';

/** The part of `window.turnstile` the adapter uses. */
export interface TurnstileApi {
  render(container: HTMLElement, params: Record<string, unknown>): string | null | undefined;
  reset(id: string): void;
  remove(id: string): void;
}

const api = () => (globalThis as { turnstile?: TurnstileApi }).turnstile;

export class TurnstileCaptcha extends HostedCaptcha {
  readonly id = 'turnstile';

  protected load() {
    return loadScript({
      // Explicit rendering: the widget appears where and when the adapter says.
      src: scriptUrl(TURNSTILE_SCRIPT, { render: 'explicit', onload: ONLOAD }),
      onload: ONLOAD,
      ready: () => typeof api()?.render === 'function',
    });
  }

  protected render(box: HTMLElement, events: WidgetEvents) {
    const id = api()!.render(box, {
      sitekey: this.siteKey,
      action: 'password_reset',
      language: this.context.locale?.() ?? 'auto',
      // The adapter resets after expiry and failure itself (see HostedCaptcha).
      'refresh-expired': 'manual',
      retry: 'never',
      callback: (token: string) => events.solved(token),
      'expired-callback': () => events.expired(),
      'timeout-callback': () => events.expired(),
      // A handled error: Turnstile then does not throw it.
      'error-callback': (code: string) => (events.failed(code), true),
    });
    if (!id) throw new Error('turnstile.render returned no widget id');
    return id;
  }

  protected resetWidget(id: string) {
    api()?.reset(id);
  }

  protected removeWidget(id: string) {
    api()?.remove(id);
  }
}
