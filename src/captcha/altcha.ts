/**
 * ALTCHA: a self-hosted proof-of-work captcha. The backend signs a challenge
 * with altcha-lib (`GET /v1/captcha/challenge`); the widget solves it in a
 * Web Worker while the person types their user ID, and sends the solution as
 * the captcha token, which the backend verifies once (docs/captcha.md).
 *
 * What the person sees, in the captcha container (light DOM): a status line
 * ("Verifying…", then "Verified"), a progress bar while it works, and on
 * failure a message with a Try again button. Nothing to click when it works.
 */
import { msg } from '@lit/localize';
import { html, nothing, render } from 'lit';
import { encodePayload, maxCounterOf, parseChallenge, type AltchaChallenge, type AltchaSolution } from './altcha-schema.js';
import type { WorkerAnswer } from './altcha.worker.js';
import { allowScriptURL, explainRefusal, trustedScriptURL } from './trusted.js';
import type { CaptchaContext, CaptchaProvider } from './types.js';

/**
 * A solution is not handed out this close to its challenge's expiry (or in the
 * last quarter of a shorter life): it must still be valid when the backend checks it.
 */
const EXPIRY_MARGIN_MS = 30_000;

type Phase = 'idle' | 'solving' | 'verified' | 'failed';

interface Solved {
  token: string;
  /** When to stop handing it out and solve a new challenge (ms), if the challenge expires. */
  refreshAt: number | undefined;
}

/** What went wrong, for the host page's developer rather than the person. */
class SetupError extends Error {}

export class AltchaCaptcha implements CaptchaProvider {
  readonly id = 'altcha';
  readonly #context: CaptchaContext;
  #container: HTMLElement | undefined;
  #phase: Phase = 'idle';
  #tried = 0;
  #max = 0;
  /** The solve under way, and how to stop it. */
  #run: { done: Promise<Solved | null>; abort: AbortController } | undefined;
  /** A solution not handed out yet. */
  #solved: Solved | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #reported = false;

  constructor(context: CaptchaContext = {}) {
    this.#context = context;
  }

  /** Starts solving as soon as the verification step shows, so it is done by the time the person has typed their ID. */
  mount(container: HTMLElement) {
    const fresh = container !== this.#container;
    this.#container = container;
    if (fresh && !this.#solved && !this.#run) this.#start();
    this.#render();
  }

  /**
   * The solution, once: ALTCHA's challenges are single use. Waits for a solve
   * under way; solves a new challenge when the last one was handed out or has
   * expired. Null when solving failed (the container says why and offers to try again).
   */
  async getToken(): Promise<string | null> {
    if (this.#solved && !usable(this.#solved)) this.#solved = undefined;
    if (!this.#solved && !this.#run) this.#start();
    const solved = this.#solved ?? (await this.#run?.done);
    if (!solved) return null;
    if (this.#solved === solved) this.#solved = undefined;
    return solved.token;
  }

  /** The backend refused the token: solve a new challenge straight away. */
  reset() {
    this.#stop();
    this.#solved = undefined;
    if (this.#container?.isConnected) this.#start();
    else this.#phase = 'idle';
    this.#render();
  }

  destroy() {
    this.#stop();
    this.#solved = undefined;
    this.#container = undefined;
  }

  #stop() {
    this.#run?.abort.abort();
    this.#run = undefined;
    clearTimeout(this.#expiryTimer);
  }

  #start() {
    const abort = new AbortController();
    this.#phase = 'solving';
    this.#tried = 0;
    this.#max = 0;
    const run = {
      abort,
      done: this.#solve(abort.signal).then(
        (solved) => {
          if (this.#run !== run) return null;
          this.#run = undefined;
          this.#solved = solved;
          this.#phase = 'verified';
          this.#watchExpiry(solved);
          this.#render();
          return solved;
        },
        (error: unknown) => {
          if (this.#run !== run) return null;
          this.#run = undefined;
          this.#phase = 'failed';
          this.#report(error);
          this.#render();
          return null;
        },
      ),
    };
    this.#run = run;
  }

  async #solve(signal: AbortSignal): Promise<Solved> {
    const fetchChallenge = this.#context.fetchChallenge;
    if (!fetchChallenge) {
      throw new SetupError(
        '<sspr-reset>: the ALTCHA captcha cannot fetch a challenge: the backend has no getCaptchaChallenge() (GET /v1/captcha/challenge; docs/captcha.md).',
      );
    }
    let raw: unknown;
    try {
      raw = await fetchChallenge(signal);
    } catch (error) {
      // The backend answered, but not with a challenge: it does not serve the route.
      if ((error as { code?: string }).code === 'not_found') {
        throw new SetupError(
          '<sspr-reset>: the backend names the ALTCHA captcha but does not serve GET /v1/captcha/challenge (docs/captcha.md).',
        );
      }
      throw error;
    }
    const challenge = parseChallenge(raw);
    if (!challenge) {
      throw new SetupError(
        '<sspr-reset>: GET /v1/captcha/challenge did not answer an ALTCHA v2 challenge this widget can solve ' +
          '(altcha-lib createChallenge with a PBKDF2 or SHA algorithm; docs/captcha.md).',
      );
    }
    const fetchedAt = Date.now();
    this.#max = maxCounterOf(challenge);
    this.#render();
    const onProgress = (tried: number) => {
      this.#tried = tried;
      this.#render();
    };
    const solution = await solveOffMainThread(challenge, onProgress, signal);
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    if (!solution) throw new Error('no solution in time');
    const expires = challenge.parameters.expiresAt;
    const refreshAt = expires === undefined ? undefined : expires * 1000 - Math.min(EXPIRY_MARGIN_MS, (expires * 1000 - fetchedAt) / 4);
    return { token: encodePayload(challenge, solution), refreshAt };
  }

  /** A solution left unused until its challenge expires is replaced, quietly. */
  #watchExpiry(solved: Solved) {
    clearTimeout(this.#expiryTimer);
    if (solved.refreshAt === undefined) return;
    this.#expiryTimer = setTimeout(
      () => {
        if (this.#solved !== solved) return;
        this.#solved = undefined;
        if (this.#container?.isConnected) this.#start();
        else this.#phase = 'idle';
        this.#render();
      },
      Math.max(0, solved.refreshAt - Date.now()),
    );
  }

  /** A setup mistake is told to the page's developer, once; a passing failure (offline) only to the person. */
  #report(error: unknown) {
    if (!(error instanceof SetupError) || this.#reported) return;
    this.#reported = true;
    console.error(error.message);
    this.#context.onError?.({ code: 'captcha_unavailable', provider: this.id, message: error.message });
  }

  #retry = () => {
    this.#stop();
    this.#start();
    this.#render();
  };

  #render() {
    const container = this.#container;
    if (!container) return;
    const phase = this.#phase;
    const status =
      phase === 'solving'
        ? msg('Verifying that you’re not a robot…', { desc: 'ALTCHA captcha: a proof of work runs in the background' })
        : phase === 'verified'
          ? msg('Verified: you’re not a robot.', { desc: 'ALTCHA captcha: the proof of work is done' })
          : '';
    // The status line stays in the document, so each change of its text is announced (twice in all: start and end).
    render(
      html`<div part="captcha-altcha" class="sspr-altcha" data-state=${phase}>
        <p part="captcha-status" class="sspr-captcha-status" role="status">${status}</p>
        ${
          phase === 'solving'
            ? html`<progress
                part="captcha-progress"
                class="sspr-captcha-progress"
                aria-label=${msg('Verification progress', { desc: 'ALTCHA captcha: label of the progress bar' })}
                max=${this.#max || nothing}
                value=${this.#max ? Math.min(this.#tried, this.#max) : nothing}
              ></progress>`
            : nothing
        }
        ${
          phase === 'failed'
            ? html`<p part="captcha-error" class="sspr-captcha-error" role="alert">
                  ${msg('We couldn’t check that you’re not a robot.', { desc: 'ALTCHA captcha: the proof of work failed' })}
                </p>
                <button part="button button-secondary" class="sspr-secondary" type="button" @click=${this.#retry}>
                  ${msg('Try again')}
                </button>`
            : nothing
        }
      </div>`,
      container,
    );
  }
}

function usable(solved: Solved) {
  return solved.refreshAt === undefined || solved.refreshAt > Date.now();
}

let warnedNoWorker = false;

/**
 * Solve in a Web Worker; where none can start (a page whose CSP refuses it, a
 * widget served from another origin than the page), on the page: the key
 * derivations are Web Crypto's, which browsers run off the main thread anyway.
 */
function solveOffMainThread(
  challenge: AltchaChallenge,
  onProgress: (tried: number) => void,
  signal: AbortSignal,
): Promise<AltchaSolution | null> {
  return new Promise((resolve, reject) => {
    const fallback = (reason: unknown) => {
      if (!warnedNoWorker) {
        warnedNoWorker = true;
        console.warn(
          `${explainRefusal('the ALTCHA worker')} A widget served from another origin than the page, or a bundler that inlined ` +
            'the worker as a data: URL, has the same effect. Solving on the page instead.',
          reason,
        );
      }
      solveInPage(challenge, onProgress, signal).then(resolve, reject);
    };
    let worker: Worker;
    try {
      worker = startWorker();
    } catch (error) {
      fallback(error);
      return;
    }
    const stop = () => worker.terminate();
    signal.addEventListener(
      'abort',
      () => {
        stop();
        resolve(null);
      },
      { once: true },
    );
    worker.onmessage = ({ data }: MessageEvent<WorkerAnswer>) => {
      if (data.type === 'progress') return onProgress(data.tried);
      stop();
      if (data.type === 'done') resolve(data.solution);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      // The worker's script did not load or run (CSP, network, a bundler that left it behind).
      event.preventDefault();
      stop();
      fallback(event);
    };
    worker.postMessage({ challenge });
  });
}

async function solveInPage(challenge: AltchaChallenge, onProgress: (tried: number) => void, signal: AbortSignal) {
  const { solve } = await import('./altcha-solver.js');
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  return solve(challenge, onProgress, controller);
}

/**
 * The ALTCHA worker, beside this module. Its URL goes through the widget's
 * Trusted Types policy. The local class is named `Worker` on purpose: bundlers
 * (Vite, webpack) recognize `new Worker(new URL('…', import.meta.url))` and
 * emit the worker as a file of its own.
 */
function startWorker(): globalThis.Worker {
  const Worker = class extends globalThis.Worker {
    constructor(url: URL, options: WorkerOptions) {
      allowScriptURL(url.href);
      super(trustedScriptURL(url.href), options);
    }
  };
  return new Worker(new URL('./altcha.worker.ts', import.meta.url), { type: 'module' });
}
