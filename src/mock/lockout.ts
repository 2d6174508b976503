/**
 * What stops guessing: failed challenges, strikes against the account, locks
 * with backoff, and the cap on consecutive wrong attempts. Every count is a
 * `Counters` operation (store.ts), so it maps to a shared store.
 *
 * - A failed challenge ends without success after at least one wrong attempt
 *   (attempts used up, replaced, expired, or its flow ended), or is a denied
 *   push or call. Each challenge counts once: a person's typos cost one.
 * - A flow adds at most one strike to its account, with its first failed
 *   challenge, and takes `attemptsPerFlow` attempts over all its challenges
 *   (challenges.ts). So every strike costs an attacker a flow, that is a
 *   captcha, and a flow buys a bounded number of guesses.
 * - `lockoutThreshold` strikes within 24 h lock the account's reset: new flows
 *   answer `locked_out`, and so do flows in which a wrong attempt or a denial
 *   happened. Flows without one (the person's own, in progress) go on. The
 *   first lock lasts `lockoutBaseMs`, each further one within 24 h twice as
 *   long, up to 24 h. The person is told once per lock, not per failure.
 * - `maxConsecutiveFailures` wrong attempts and denials without a successful
 *   reset lock with no set end (NIST SP 800-63B-4: at most 100).
 */
import { DAY, iso } from './options.js';
import { notifyLock } from './delivery.js';
import { Problem } from './problem.js';
import type { ChallengeRecord, FlowRecord, MockState } from './state.js';
import type { Counters } from './store.js';

export class Lockouts {
  readonly #forever = new Set<string>();

  constructor(readonly counters: Counters) {}

  /** Locked with no set end (a seed user; the consecutive-failure cap). */
  lockForever(account: string) {
    this.#forever.add(account);
  }

  /** When the account's lock ends (Infinity: no set end); undefined when it is not locked. */
  lockedUntil(account: string): number | undefined {
    if (this.#forever.has(account)) return Number.POSITIVE_INFINITY;
    const ttl = this.counters.ttl(`lock:${account}`);
    return ttl > 0 ? this.counters.now() + ttl : undefined;
  }

  isLocked(account: string) {
    return this.lockedUntil(account) !== undefined;
  }

  /** One strike (a failed flow); returns the end of the lock it starts, if it starts one. */
  strike(account: string, threshold: number, baseMs: number): number | undefined {
    const strikes = this.counters.add(`strikes:${account}`, DAY);
    if (strikes < threshold || this.isLocked(account)) return undefined;
    const earlier = this.counters.add(`locks:${account}`, DAY) - 1;
    const duration = Math.min(baseMs * 2 ** earlier, DAY);
    this.counters.add(`lock:${account}`, duration);
    return this.counters.now() + duration;
  }

  /** One wrong attempt or denial; true when it reaches the cap and starts a lock with no set end. */
  wrongAttempt(account: string, cap: number): boolean {
    const count = this.counters.add(`consecutive:${account}`, Number.POSITIVE_INFINITY);
    if (count < cap || this.#forever.has(account)) return false;
    this.#forever.add(account);
    return true;
  }

  /** An administrator lifts the lock. */
  unlock(account: string) {
    this.#forever.delete(account);
    for (const key of ['lock', 'strikes', 'consecutive']) this.counters.delete(`${key}:${account}`);
  }

  /** A successful reset: the consecutive failures start again from 0. */
  succeeded(account: string) {
    this.counters.delete(`consecutive:${account}`);
  }
}

/** `locked_out` with when the lock ends (`lockedUntil`, Retry-After), where it has a set end. */
export function lockedOut(state: MockState, account: string): Problem {
  const until = state.lockouts.lockedUntil(account) ?? 0;
  if (!Number.isFinite(until)) return new Problem('locked_out');
  return new Problem('locked_out', { lockedUntil: iso(until), retryAfter: Math.ceil((until - state.options.now()) / 1000) });
}

/** A wrong code, wrong answers, or a denial in a flow: toward the consecutive-failure cap. */
export function recordWrongAttempt(state: MockState, flow: FlowRecord) {
  flow.tainted = true;
  if (state.lockouts.wrongAttempt(flow.username, state.options.maxConsecutiveFailures)) {
    notifyLock(state, flow, Number.POSITIVE_INFINITY);
  }
}

/** Count a challenge that ended without success (see above), once. */
export function settleFailure(state: MockState, flow: FlowRecord, challenge: ChallengeRecord, denied = false) {
  if (challenge.counted || challenge.status === 'verified' || challenge.status === 'approved') return;
  if (!denied && challenge.wrongAttempts === 0) return;
  const { options } = state;
  challenge.counted = true;
  flow.failures += 1;
  if (flow.failures === 1) {
    const until = state.lockouts.strike(flow.username, options.lockoutThreshold, options.lockoutBaseMs);
    if (until !== undefined) notifyLock(state, flow, until);
  }
}

/** Forget a flow; its open challenges with wrong attempts count as failures. */
export function endFlow(state: MockState, flow: FlowRecord) {
  if (flow.ended) return;
  flow.ended = true;
  state.flows.delete(flow.token);
  for (const challenge of flow.challenges.values()) settleFailure(state, flow, challenge);
}
