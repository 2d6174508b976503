/**
 * Friendly Captcha (v2), with its documented SDK: the site script sets
 * `window.frcaptcha`; `frcaptcha.createWidget({ element, sitekey, startMode,
 * language })` answers a WidgetHandle with `getState()`, `reset()` and
 * `destroy()`, which dispatches `frc:widget.complete` (`detail.response`),
 * `frc:widget.expire` and `frc:widget.error`. It solves a proof of work on its
 * own ("auto" start), so a submit during the solve waits for it.
 *
 * CSP: `script-src https://cdn.jsdelivr.net/npm/@friendlycaptcha/` (or where
 * you self-host the SDK); `frame-src https://*.frcapi.com` (global.frcapi.com, eu.frcapi.com).
 * The backend verifies the response with Friendly Captcha's siteverify (docs/captcha.md).
 */
import { HostedCaptcha, loadScript, type WidgetEvents } from './hosted.js';

/** The SDK's site script, pinned (Friendly Captcha's install guide pins a version too). */
export const FRIENDLY_CAPTCHA_SCRIPT = 'https://cdn.jsdelivr.net/npm/@friendlycaptcha/sdk@0.2.0/site.min.js';

/** The part of the SDK's WidgetHandle the adapter uses. */
export interface FriendlyWidgetHandle {
  getState(): string;
  reset(): void;
  destroy(): void;
  addEventListener(type: string, listener: (event: CustomEvent<{ response?: string; error?: unknown }>) => void): void;
}

/** The part of `window.frcaptcha` (a FriendlyCaptchaSDK) the adapter uses. */
export interface FriendlyCaptchaSdk {
  createWidget(options: {
    element: HTMLElement;
    sitekey: string;
    startMode?: 'auto' | 'focus' | 'none';
    language?: string;
  }): FriendlyWidgetHandle;
}

const sdk = () => (globalThis as { frcaptcha?: FriendlyCaptchaSdk }).frcaptcha;

/** States in which the widget is still on its way to a response. */
const WORKING = new Set(['init', 'reset', 'ready', 'requesting', 'solving', 'verifying']);

export class FriendlyCaptcha extends HostedCaptcha<FriendlyWidgetHandle> {
  readonly id = 'friendly-captcha';

  protected load() {
    return loadScript({ src: FRIENDLY_CAPTCHA_SCRIPT, type: 'module', ready: () => typeof sdk()?.createWidget === 'function' });
  }

  protected render(box: HTMLElement, events: WidgetEvents) {
    // The SDK styles an element of class frc-captcha; the box is the adapter's own.
    box.classList.add('frc-captcha');
    const widget = sdk()!.createWidget({ element: box, sitekey: this.siteKey, startMode: 'auto', language: this.context.locale?.() });
    widget.addEventListener('frc:widget.complete', (event) => {
      if (event.detail.response) events.solved(event.detail.response);
    });
    widget.addEventListener('frc:widget.expire', () => events.expired());
    widget.addEventListener('frc:widget.error', (event) => events.failed(event.detail.error));
    return widget;
  }

  protected override pending(widget: FriendlyWidgetHandle) {
    return WORKING.has(widget.getState());
  }

  protected resetWidget(widget: FriendlyWidgetHandle) {
    widget.reset();
  }

  protected removeWidget(widget: FriendlyWidgetHandle) {
    widget.destroy();
  }
}
