import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaptchaContext, CaptchaErrorCode, CaptchaProvider } from './captcha/types.js';
import type { Intents } from './flow/intents.js';
import {
  reduce,
  createState,
  nextDeadline,
  type Busy,
  type FlowEvent,
  type FlowState,
  type StepName,
  type ValidationCode,
} from './flow/reducer.js';
import { getLocale, useWords } from './i18n/index.js';
import type { ResetBackend } from './protocol/backend.js';
import { POLL_METHODS } from './protocol/constants.js';
import { useMessages } from './steps/error-message.js';
import type { ResetErrorCode } from './protocol/errors.js';
import type { Answers, ConfigResponse, Notified, VerifyRequest } from './protocol/schemas.js';

/** Longest wait between two polls of a push or a call. */
const MAX_POLL_SECONDS = 10;
/** Shortest wait, whatever the backend suggests: never hammer it. */
const MIN_POLL_SECONDS = 0.5;
/** The longest delay a timer takes (setTimeout fires at once beyond 2^31 - 1 ms). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * What the widget talks to: the host page's `backend` object, or the base URL
 * of an HTTP backend (`api-base`).
 */
export type BackendSource = ResetBackend | string;

type Wire = typeof import('./wire.js');
let wire: Promise<Wire> | undefined;
/** The wire once it is in: a config in the state came through it, so whatever needs the config finds it. */
let wired: Wire | undefined;
/**
 * The HTTP client, the checks of every answer, the captcha stand-in
 * and the words of every error (src/wire.ts): a chunk of its own, fetched with
 * the first request, so the first field never waits for it; with it, the
 * words of those errors in the page's language (src/i18n/index.ts, `useWords`).
 * Fetched once per page; a failed fetch is tried again by the next request.
 */
function loadWire(): Promise<Wire> {
  wire ??= Promise.all([import('./wire.js'), useWords('wire')]).then(
    ([module]) => {
      useMessages(module.errorMessage);
      return (wired = module);
    },
    (error: unknown) => {
      wire = undefined;
      throw error;
    },
  );
  return wire;
}

/**
 * Runs the flow, and is the one home of its effects: holds the reducer's
 * state (every change goes through `reduce`), loads the config, performs the
 * backend calls the steps' intents ask for and feeds their answers back as
 * events, polls out-of-band challenges, ticks the clock for countdowns,
 * resets the captcha the backend refused, takes SMS codes from WebOTP, and
 * fires the element's public events. It decides nothing itself: the reducer
 * does.
 */
export class ResetController implements ReactiveController, Intents {
  state: FlowState = createState();
  /** The clock, ticked every second while a countdown is shown. */
  now = Date.now();
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #source: () => BackendSource | null;
  readonly #given: () => CaptchaProvider | undefined;
  /** The provider the backend's config names (src/captcha/registry.ts), for the config it was made for. */
  #named: { for: ConfigResponse['captcha']; provider: CaptchaProvider | undefined } | undefined;
  #otp: AbortController | undefined;
  #abort = new AbortController();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #pollDelay = 2;
  #pollFor: FlowState['challenge'] = null;
  #tickTimer: ReturnType<typeof setInterval> | undefined;
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;
  /** The config load, due in the task after the render that found the widget without its config. */
  #configSoon: ReturnType<typeof setTimeout> | undefined;
  /** The backend made for the current source (an HTTP client, or the custom one wrapped so its answers are checked), made once. */
  #made: { from: BackendSource; backend: ResetBackend } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, source: () => BackendSource | null, captcha: () => CaptchaProvider | undefined) {
    this.#host = host;
    this.#source = source;
    this.#given = captcha;
    host.addController(this);
  }

  /** The backend the source names, its answers checked, once the wire chunk is in; null without a source. */
  async #backend(): Promise<ResetBackend | null> {
    return this.#source() === null ? null : this.#backendWith(await loadWire());
  }

  #backendWith({ connect }: Wire): ResetBackend | null {
    const source = this.#source();
    if (source === null) return null;
    if (this.#made?.from !== source) this.#made = { from: source, backend: connect(source) };
    return this.#made.backend;
  }

  /**
   * The captcha the verification step shows: the host page's, else the one the
   * backend's config names, made once per config (a provider it does not know
   * shows that the check cannot run, and is reported: console and `sspr-error`).
   */
  get captcha(): CaptchaProvider | undefined {
    const given = this.#given();
    const config = this.state.config?.captcha;
    if (given || !config || !wired) return given;
    if (this.#named?.for !== config) {
      this.#named?.provider?.destroy?.();
      this.#named = { for: config, provider: wired.captchaFor(config, this.#captchaContext(wired)) ?? undefined };
    }
    return this.#named.provider;
  }

  /** What a provider made from the config gets: challenges through the current backend (if it serves them), the locale, a way to report. */
  #captchaContext(wire: Wire): CaptchaContext {
    const backend = this.#backendWith(wire);
    const fetchChallenge = backend?.getCaptchaChallenge?.bind(backend);
    return {
      ...(fetchChallenge && { fetchChallenge }),
      locale: () => getLocale(),
      onError: ({ code }) => emit(this.#host, 'sspr-error', { code }),
    };
  }

  hostConnected() {
    this.#connected = true;
    this.#abort = new AbortController();
    this.#schedule();
  }

  /** Before each render: a widget without its config (first, reconnected, new backend) loads it. */
  hostUpdate() {
    if (this.#needsConfig() && this.#configSoon === undefined) {
      // In a task of its own, after this render: fetching the wire and starting the request
      // cost the main thread a little, and the first field comes first.
      this.#configSoon = setTimeout(() => {
        this.#configSoon = undefined;
        if (this.#needsConfig()) void this.loadConfig();
      });
    }
  }

  #needsConfig() {
    const { step, busy, error } = this.state;
    return this.#connected && step === 'loading' && busy === null && error === null;
  }

  hostDisconnected() {
    this.#connected = false;
    clearTimeout(this.#configSoon);
    this.#configSoon = undefined;
    this.#abort.abort();
    this.#stopTimers();
    this.#otp?.abort();
    // A worker or a hosted widget goes with the element; a new one is made if it comes back.
    this.#named?.provider?.destroy?.();
    this.#named = undefined;
    // The aborted request will never answer: let the next connection start afresh.
    if (this.state.busy !== null) this.dispatch({ type: 'requestAborted' });
  }

  dispatch(event: FlowEvent) {
    const previous = this.state;
    const next = (this.state = reduce(previous, event));
    // 'loading' is no step a person takes: only a new backend goes back to it.
    if (previous.step !== next.step && next.step !== 'loading') emit(this.#host, 'sspr-step', { step: next.step });
    if (event.type === 'requestFailed') {
      const { code, requestId } = event.error;
      emit(this.#host, 'sspr-error', requestId ? { code, requestId } : { code });
      // The backend refused the captcha's token: the person solves it again.
      if (event.error.code === 'captcha_failed') this.captcha?.reset();
    }
    if (next.step === 'done' && previous.step !== 'done') {
      // Each channel once: two addresses notified by email are one channel.
      emit(this.#host, 'sspr-complete', { notified: [...new Set(next.notified.map((n) => n.channel))] });
    }
    if (event.type === 'challengeStarted' && event.challenge.type === 'mobile-sms') this.#listenForSms();
    else if (next.step !== 'challenge' || next.challenge?.type !== 'mobile-sms') this.#otp?.abort();
    this.#host.requestUpdate();
    this.#schedule();
  }

  /** The host page's username attribute, until a flow starts. */
  prefill(username: string) {
    this.dispatch({ type: 'prefill', username });
  }

  /** Forget the flow and start over with a new backend (the `backend` or `api-base` changed). */
  reload() {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.dispatch({ type: 'reset' });
    if (this.#connected) void this.loadConfig();
  }

  loadConfig() {
    return this.#run(
      'config',
      (b, signal) => b.getConfig(signal),
      (config) => ({ type: 'configLoaded', config }),
    );
  }

  retryConfig() {
    void this.loadConfig();
  }

  start(username: string, captchaToken: string) {
    // Keep what was typed, should the person come back to this step.
    this.prefill(username);
    return this.#run(
      'start',
      (b, signal) => b.startFlow({ username, captchaToken, locale: getLocale() }, signal),
      (flow) => ({ type: 'flowStarted', username, flow, now: Date.now() }),
    );
  }

  choose(methodId: string) {
    return this.#run(
      'challenge',
      (b, signal) => b.startChallenge(methodId, signal),
      (challenge) => ({ type: 'challengeStarted', challenge, now: Date.now() }),
    );
  }

  verifyCode(code: string) {
    return this.#verify({ code });
  }

  verifyAnswers(answers: Answers) {
    return this.#verify({ answers });
  }

  resend() {
    const id = this.state.challenge?.challengeId;
    if (id === undefined) return Promise.resolve(this.state);
    return this.#run(
      'resend',
      (b, signal) => b.resend(id, signal),
      (challenge) => ({ type: 'challengeStarted', challenge, now: Date.now() }),
    );
  }

  chooseAnother() {
    this.dispatch({ type: 'chooseAnother' });
  }

  editPassword(password: string, confirm: string) {
    this.dispatch({ type: 'edited', draft: { password, confirm } });
  }

  revealPassword(shown: boolean) {
    this.dispatch({ type: 'edited', draft: { reveal: shown } });
  }

  resetPassword(newPassword: string) {
    return this.#run(
      'password',
      (b, signal) => b.resetPassword(newPassword, signal),
      (r) => ({ type: 'passwordReset', notified: r.notified }),
    );
  }

  async copySupportCode() {
    const requestId = this.state.error?.requestId;
    if (!requestId) return;
    try {
      await navigator.clipboard.writeText(requestId);
      this.dispatch({ type: 'copied', requestId });
    } catch {
      // No clipboard, or no permission: the code stays on screen to copy by hand.
    }
  }

  invalid(code: ValidationCode, field?: string) {
    this.dispatch({ type: 'invalidInput', error: field ? { code, field } : { code } });
    return this.#host.updateComplete;
  }

  cancel() {
    const wasDone = this.state.step === 'done';
    this.restart();
    if (!wasDone) emit(this.#host, 'sspr-cancel', {});
  }

  /** Abandon the flow on the backend (best effort) and go back to the start. */
  restart() {
    const backend = this.#source() === null ? null : this.#backend().catch(() => null);
    this.#abort.abort();
    this.#abort = new AbortController();
    this.dispatch({ type: 'restart' });
    // A solved captcha belongs to the flow just abandoned: the next start needs a fresh one.
    this.captcha?.reset();
    void this.#forget(backend, this.#abort.signal);
  }

  async #forget(backend: Promise<ResetBackend | null> | null, signal: AbortSignal) {
    try {
      await (await backend)?.cancel(signal);
    } catch {
      // The flow expires on its own; nothing the person can do about it.
    }
  }

  /** WebOTP: where the browser offers it, take the code from the SMS, show it and verify it. */
  #listenForSms() {
    this.#otp?.abort();
    if (!('OTPCredential' in globalThis)) return;
    const abort = (this.#otp = new AbortController());
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions)
      .then((credential) => {
        const code = credential && 'code' in credential ? credential.code : undefined;
        if (typeof code !== 'string' || !code || abort.signal.aborted) return;
        this.dispatch({ type: 'edited', draft: { code } });
        void this.verifyCode(code);
      })
      .catch(() => undefined);
  }

  #verify(request: VerifyRequest) {
    const id = this.state.challenge?.challengeId;
    if (id === undefined) return Promise.resolve(this.state);
    return this.#run(
      'verify',
      (b, signal) => b.verify(id, request, signal),
      (response) => ({ type: 'verifyAnswered', response, now: Date.now() }),
    );
  }

  async #run<T>(busy: Busy, call: (backend: ResetBackend, signal: AbortSignal) => Promise<T>, done: (result: T) => FlowEvent) {
    // One request at a time; and none the backend asked to wait for (rate_limited), but the config.
    if (this.state.busy !== null || (busy !== 'config' && Date.now() < this.state.retryAt)) return this.state;
    if (this.#source() === null) {
      // A page that forgot api-base (or backend) gets an error state, not an endless spinner.
      console.error('<sspr-reset>: set the api-base attribute or the backend property.');
      this.dispatch({ type: 'requestFailed', error: { code: 'server_error' } });
      return this.state;
    }
    const signal = this.#abort.signal;
    this.dispatch({ type: 'requestStarted', busy });
    let event: FlowEvent;
    try {
      // The first request also brings the wire chunk in (a failed fetch of it is a network_error).
      const backend = await this.#backend();
      // The backend was removed while the wire loaded: as when there was none.
      event = backend ? done(await call(backend, signal)) : { type: 'requestFailed', error: { code: 'server_error' }, now: Date.now() };
    } catch (error) {
      event = failure(error);
    }
    if (!signal.aborted) this.dispatch(event);
    return this.state;
  }

  /** Keep the poll loop and the countdown clock in step with the state. */
  #schedule() {
    const { step, challenge, outcome, resendAt, retryAt } = this.state;
    const polling = this.#connected && step === 'challenge' && !!challenge && outcome === null && POLL_METHODS.includes(challenge.type);
    if (!polling || challenge !== this.#pollFor) {
      // A new (or resent) challenge starts its own loop at the backend's suggested pace.
      clearTimeout(this.#pollTimer);
      this.#pollTimer = undefined;
      this.#pollFor = polling ? challenge : null;
      this.#pollDelay = Math.max(MIN_POLL_SECONDS, challenge?.pollAfter ?? 2);
    }
    if (polling && this.#pollTimer === undefined) {
      this.#pollTimer = setTimeout(() => void this.#poll(), this.#pollDelay * 1000);
    }
    // Countdowns on a resend or on an action the backend asked to wait for.
    const until = Math.max(step === 'challenge' ? resendAt : 0, retryAt);
    const ticking = this.#connected && until > Date.now();
    if (ticking && this.#tickTimer === undefined) {
      this.#tickTimer = setInterval(() => {
        this.now = Date.now();
        if (this.now >= Math.max(this.state.step === 'challenge' ? this.state.resendAt : 0, this.state.retryAt)) {
          clearInterval(this.#tickTimer);
          this.#tickTimer = undefined;
        }
        this.#host.requestUpdate();
      }, 1000);
    }
    // The flow's own deadlines (a warning before it expires, its expiry, the challenge's): the reducer decides what is due.
    clearTimeout(this.#deadlineTimer);
    const at = this.#connected ? nextDeadline(this.state) : undefined;
    this.#deadlineTimer =
      at === undefined
        ? undefined
        : setTimeout(() => this.dispatch({ type: 'tick', now: Date.now() }), Math.min(Math.max(0, at - Date.now()), MAX_DELAY_MS));
    this.now = Date.now();
  }

  async #poll() {
    const challenge = this.state.challenge;
    const signal = this.#abort.signal;
    if (this.#source() === null || !challenge) return;
    let event: FlowEvent;
    try {
      const backend = await this.#backend();
      if (!backend) return;
      event = { type: 'pollAnswered', response: await backend.poll(challenge.challengeId, signal) };
    } catch (error) {
      event = failure(error);
    }
    this.#pollTimer = undefined;
    this.#pollDelay = Math.min(MAX_POLL_SECONDS, this.#pollDelay * 1.5);
    if (signal.aborted) return;
    if (this.state.challenge === challenge) this.dispatch(event);
    else this.#schedule();
  }

  #stopTimers() {
    clearTimeout(this.#pollTimer);
    clearInterval(this.#tickTimer);
    clearTimeout(this.#deadlineTimer);
    this.#deadlineTimer = undefined;
    this.#pollFor = null;
    this.#pollTimer = undefined;
    this.#tickTimer = undefined;
  }
}

/**
 * A failed call as the flow sees it: the code, the problem's details and the request id, nothing else (no message, no cause).
 * Without the wire (its chunk could not be fetched), it is a `network_error`.
 */
function failure(error: unknown): FlowEvent {
  const { code, retryAfter, reasons, attemptsRemaining, lockedUntil, requestId } = wired?.toResetError(error) ?? {
    code: 'network_error' as const,
  };
  return { type: 'requestFailed', error: { code, retryAfter, reasons, attemptsRemaining, lockedUntil, requestId }, now: Date.now() };
}

/** Detail of `sspr-step`. */
export interface SsprStepDetail {
  step: StepName;
}
/** Detail of `sspr-error`: the problem code and the request id (the support code), never a message or a secret. */
export interface SsprErrorDetail {
  /** A request's problem code, or a captcha the backend names that cannot run here (`captcha_unsupported`, `captcha_unavailable`). */
  code: ResetErrorCode | CaptchaErrorCode;
  /** The failed answer's request id (`X-Request-Id`), when the backend sent one: the support code the person sees. */
  requestId?: string;
}
/** Detail of `sspr-complete`: the channels notified of the change (no addresses). */
export interface SsprCompleteDetail {
  notified: Array<Notified['channel']>;
}

interface SsprEventMap {
  'sspr-step': CustomEvent<SsprStepDetail>;
  'sspr-error': CustomEvent<SsprErrorDetail>;
  'sspr-complete': CustomEvent<SsprCompleteDetail>;
  'sspr-cancel': CustomEvent<Record<string, never>>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the map gains the sspr-* events
  interface GlobalEventHandlersEventMap extends SsprEventMap {}
}

/** Fire a public event: bubbling and composed, so a host page hears it wherever it listens. */
function emit<K extends keyof SsprEventMap>(el: EventTarget, name: K, detail: SsprEventMap[K]['detail']) {
  el.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}
