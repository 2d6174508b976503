import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { reduce, createState, type Busy, type FlowEvent, type FlowState } from './flow/reducer.js';
import type { ResetBackend } from './protocol/backend.js';
import { toResetError } from './protocol/errors.js';
import { POLL_METHODS } from './protocol/schemas.js';

/** Longest wait between two polls of a push or a call. */
const MAX_POLL_SECONDS = 10;
/** Shortest wait, whatever the backend suggests: never hammer it. */
const MIN_POLL_SECONDS = 0.5;

/**
 * Runs the flow: holds the reducer's state, performs the backend calls that
 * actions ask for, feeds their answers back as events, polls out-of-band
 * challenges and ticks the clock for countdowns. It decides nothing itself:
 * the reducer does.
 */
export class ResetController implements ReactiveController {
  state: FlowState;
  /** The clock, ticked every second while a countdown is shown. */
  now = Date.now();
  readonly #host: ReactiveControllerHost;
  readonly #backend: () => ResetBackend | null;
  readonly #onTransition: (previous: FlowState, next: FlowState, event: FlowEvent) => void;
  #abort = new AbortController();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #pollDelay = 2;
  #pollFor: FlowState['challenge'] = null;
  #tickTimer: ReturnType<typeof setInterval> | undefined;
  #connected = false;

  constructor(
    host: ReactiveControllerHost,
    backend: () => ResetBackend | null,
    onTransition: (previous: FlowState, next: FlowState, event: FlowEvent) => void,
    username = '',
  ) {
    this.#host = host;
    this.#backend = backend;
    this.#onTransition = onTransition;
    this.state = createState(username);
    host.addController(this);
  }

  hostConnected() {
    this.#connected = true;
    this.#abort = new AbortController();
    this.#schedule();
  }

  hostDisconnected() {
    this.#connected = false;
    this.#abort.abort();
    this.#stopTimers();
    // The aborted request will never answer: let the next connection start afresh.
    if (this.state.busy !== null) this.state = { ...this.state, busy: null };
  }

  dispatch(event: FlowEvent) {
    const previous = this.state;
    this.state = reduce(previous, event);
    this.#onTransition(previous, this.state, event);
    this.#host.requestUpdate();
    this.#schedule();
  }

  /** Forget the flow and start over with a new backend (the `backend` or `api-base` changed). */
  reload() {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.state = createState(this.state.username);
    this.#host.requestUpdate();
    if (this.#connected) void this.loadConfig();
  }

  loadConfig() {
    return this.#run('config', (b, signal) => b.getConfig(signal), (config) => ({ type: 'configLoaded', config }));
  }

  start(username: string, captchaToken: string, locale: string) {
    return this.#run(
      'start',
      (b, signal) => b.startFlow({ username, captchaToken, locale }, signal),
      (flow) => ({ type: 'flowStarted', username, flow }),
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
    const id = this.state.challenge?.challengeId;
    if (id === undefined) return Promise.resolve();
    return this.#run('verify', (b, signal) => b.verify(id, { code }, signal), (response) => ({ type: 'verifyAnswered', response, now: Date.now() }));
  }

  verifyAnswers(answers: Array<{ questionId: string; answer: string }>) {
    const id = this.state.challenge?.challengeId;
    if (id === undefined) return Promise.resolve();
    return this.#run('verify', (b, signal) => b.verify(id, { answers }, signal), (response) => ({ type: 'verifyAnswered', response, now: Date.now() }));
  }

  resend() {
    const id = this.state.challenge?.challengeId;
    if (id === undefined) return Promise.resolve();
    return this.#run('resend', (b, signal) => b.resend(id, signal), (challenge) => ({ type: 'challengeStarted', challenge, now: Date.now() }));
  }

  resetPassword(newPassword: string) {
    return this.#run('password', (b, signal) => b.resetPassword(newPassword, signal), (r) => ({ type: 'passwordReset', notified: r.notified }));
  }

  chooseAnother() {
    this.dispatch({ type: 'chooseAnother' });
  }

  /** Abandon the flow on the backend (best effort) and go back to the start. */
  async cancel() {
    const backend = this.#backend();
    this.#abort.abort();
    this.#abort = new AbortController();
    this.dispatch({ type: 'restart' });
    try {
      await backend?.cancel(this.#abort.signal);
    } catch {
      // The flow expires on its own; nothing the person can do about it.
    }
  }

  async #run<T>(busy: Busy, call: (backend: ResetBackend, signal: AbortSignal) => Promise<T>, done: (result: T) => FlowEvent) {
    const backend = this.#backend();
    if (this.state.busy !== null) return;
    if (!backend) {
      // A page that forgot api-base (or backend) gets an error state, not an endless spinner.
      console.error('<sspr-reset>: set the api-base attribute or the backend property.');
      this.dispatch({ type: 'requestFailed', error: { code: 'server_error' } });
      return;
    }
    const signal = this.#abort.signal;
    this.dispatch({ type: 'requestStarted', busy });
    let event: FlowEvent;
    try {
      event = done(await call(backend, signal));
    } catch (error) {
      const e = toResetError(error);
      event = { type: 'requestFailed', error: { code: e.code, retryAfter: e.retryAfter, reasons: e.reasons, attemptsRemaining: e.attemptsRemaining } };
    }
    if (!signal.aborted) this.dispatch(event);
  }

  /** Keep the poll loop and the countdown clock in step with the state. */
  #schedule() {
    const { step, challenge, outcome, resendAt } = this.state;
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
    const ticking = this.#connected && step === 'challenge' && resendAt > Date.now();
    if (ticking && this.#tickTimer === undefined) {
      this.#tickTimer = setInterval(() => {
        this.now = Date.now();
        if (this.now >= this.state.resendAt) {
          clearInterval(this.#tickTimer);
          this.#tickTimer = undefined;
        }
        this.#host.requestUpdate();
      }, 1000);
    }
    this.now = Date.now();
  }

  async #poll() {
    const backend = this.#backend();
    const challenge = this.state.challenge;
    const signal = this.#abort.signal;
    if (!backend || !challenge) return;
    let event: FlowEvent;
    try {
      event = { type: 'pollAnswered', response: await backend.poll(challenge.challengeId, signal) };
    } catch (error) {
      const e = toResetError(error);
      event = { type: 'requestFailed', error: { code: e.code, retryAfter: e.retryAfter } };
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
    this.#pollFor = null;
    this.#pollTimer = undefined;
    this.#tickTimer = undefined;
  }
}
