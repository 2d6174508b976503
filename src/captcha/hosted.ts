/**
 * What the hosted providers' adapters share: loading the provider's script
 * (once per page, through the Trusted Types policy, with the page's nonce),
 * and the life of a widget rendered into the captcha container's light DOM,
 * where the providers' scripts find it: a token when it is solved, none after
 * it expires or fails (the widget is reset so the person can solve it again),
 * and a reset after each token handed out (tokens are single use).
 */
import { msg } from '@lit/localize';
import { html, render } from 'lit';
import type { CaptchaConfig } from '../protocol/schemas.js';
import { allowScriptURL, explainRefusal, trustedScriptURL } from './trusted.js';
import type { CaptchaContext, CaptchaProvider } from './types.js';

/** How long a provider's script may take to load and announce itself. */
const SCRIPT_TIMEOUT_MS = 30_000;
/** Errors in a row after which a widget is no longer reset automatically (a wrong site key fails forever). */
const MAX_AUTO_RESETS = 2;

const scripts = new Map<string, Promise<void>>();

export interface ScriptOptions {
  /** The documented script URL, with its query. */
  src: string;
  /** A global callback name the script calls when its API is ready (its `onload` parameter), if it has one. */
  onload?: string;
  type?: 'module';
  /** Whether the provider's API is there. */
  ready: () => boolean;
}

/**
 * Load a provider's script once per page. Resolves when its API is ready;
 * rejects, with what to check, when the script cannot load. A page that
 * loaded the script itself (the API is there) is left alone.
 */
export function loadScript({ src, onload, type, ready }: ScriptOptions): Promise<void> {
  if (ready()) return Promise.resolve();
  let loading = scripts.get(src);
  if (!loading) {
    loading = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`${src} did not load in ${SCRIPT_TIMEOUT_MS / 1000} s`)), SCRIPT_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        scripts.delete(src);
        reject(error);
      };
      const callbacks = globalThis as unknown as Record<string, unknown>;
      if (onload) callbacks[onload] = () => done();
      const script = document.createElement('script');
      // A page with a nonce-based CSP: the provider's script carries the page's nonce.
      const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
      if (nonce) script.nonce = nonce;
      if (type) script.type = type;
      script.async = true;
      script.addEventListener('load', () => {
        if (!onload || ready()) done();
      });
      script.addEventListener('error', () => fail(new Error(explainRefusal(src))));
      try {
        allowScriptURL(src);
        script.src = trustedScriptURL(src);
      } catch (error) {
        fail(new Error(explainRefusal(src), { cause: error }));
        return;
      }
      document.head.append(script);
    });
    scripts.set(src, loading);
  }
  return loading;
}

/** A provider's script URL with its query parameters; the language when there is one. */
export function scriptUrl(base: string, params: Record<string, string | undefined>) {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return url.href;
}

/** Events a rendered widget reports. */
export interface WidgetEvents {
  solved(token: string): void;
  expired(): void;
  failed(reason?: unknown): void;
}

/**
 * A captcha rendered by a provider's script into a box of its own inside the
 * container. Subclasses say how to load the script and how to render, reset
 * and remove a widget with the provider's documented API.
 */
export abstract class HostedCaptcha<Id = string> implements CaptchaProvider {
  abstract readonly id: string;
  protected readonly siteKey: string;
  protected readonly context: CaptchaContext;
  #box: HTMLElement | undefined;
  #widget: Id | undefined;
  #token: string | null = null;
  #failures = 0;
  #reported = false;
  #waiting: Array<(token: string | null) => void> = [];

  constructor(config: CaptchaConfig, context: CaptchaContext) {
    this.siteKey = config.siteKey ?? '';
    this.context = context;
  }

  /** Load the provider's API (`loadScript`). */
  protected abstract load(): Promise<void>;
  /** Render a widget into `box`; its id. */
  protected abstract render(box: HTMLElement, events: WidgetEvents): Id;
  protected abstract resetWidget(id: Id): void;
  protected abstract removeWidget(id: Id): void;
  /** Whether the widget is working toward a token on its own (Friendly Captcha's puzzle), so `getToken` may wait. */
  protected pending(_id: Id): boolean {
    return false;
  }

  mount(container: HTMLElement) {
    if (this.#box && container.contains(this.#box)) return;
    if (this.#widget !== undefined) this.#remove();
    const box = document.createElement('div');
    box.className = 'sspr-captcha-widget';
    box.setAttribute('part', 'captcha-widget');
    container.replaceChildren(box);
    this.#box = box;
    this.load().then(
      () => {
        if (this.#box !== box) return;
        this.#widget = this.render(box, {
          solved: (token) => this.#solved(token),
          expired: () => this.#lost(),
          failed: (reason) => this.#lost(reason),
        });
      },
      (error: unknown) => {
        if (this.#box !== box) return;
        this.#unavailable(error);
        render(
          html`<p part="captcha-error" class="sspr-captcha-error" role="alert">
            ${msg('The check that you’re not a robot couldn’t load. Check your connection, then reload the page.', {
              desc: 'A hosted captcha (Turnstile, hCaptcha, reCAPTCHA, Friendly Captcha) failed to load',
            })}
          </p>`,
          box,
        );
      },
    );
  }

  /** The token, once; null while unsolved. Each token handed out resets the widget: the next try needs a fresh one. */
  async getToken(): Promise<string | null> {
    let token = this.#token;
    if (token === null && this.#widget !== undefined && this.pending(this.#widget)) {
      token = await new Promise<string | null>((resolve) => this.#waiting.push(resolve));
    }
    if (token !== null) this.reset();
    return token;
  }

  reset() {
    this.#token = null;
    if (this.#widget !== undefined) this.resetWidget(this.#widget);
  }

  destroy() {
    this.#remove();
    this.#box = undefined;
  }

  #remove() {
    if (this.#widget !== undefined) this.removeWidget(this.#widget);
    this.#widget = undefined;
    this.#token = null;
    this.#settle(null);
  }

  #solved(token: string) {
    this.#token = token;
    this.#failures = 0;
    this.#settle(token);
  }

  /** Expired or failed: no token, and a fresh widget for the person (not forever: a wrong site key fails every time). */
  #lost(reason?: unknown) {
    this.#token = null;
    this.#settle(null);
    if (reason !== undefined) this.#failures += 1;
    if (this.#widget !== undefined && this.#failures <= MAX_AUTO_RESETS) this.resetWidget(this.#widget);
  }

  #settle(token: string | null) {
    for (const resolve of this.#waiting.splice(0)) resolve(token);
  }

  #unavailable(error: unknown) {
    const message = `<sspr-reset>: the ${this.id} captcha could not start. ${error instanceof Error ? error.message : String(error)}`;
    if (this.#reported) return;
    this.#reported = true;
    console.error(message);
    this.context.onError?.({ code: 'captcha_unavailable', provider: this.id, message });
  }
}
