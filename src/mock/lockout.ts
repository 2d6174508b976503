/**
 * What the mock counts to slow guessing down: failed verifications per
 * username (lockout) and flow starts per username (rate limit), each in a
 * sliding window. Every such count goes through this module.
 */
import { DAY } from './options.js';
import { Problem } from './problem.js';
import type { ChallengeRecord, FlowRecord, MockState } from './state.js';

/** Timestamps per key within a sliding window. */
export class SlidingWindow {
  readonly #hits = new Map<string, number[]>();

  constructor(readonly windowMs: number) {}

  /** The key's hits inside the window at `now`, oldest first. */
  recent(key: string, now: number): number[] {
    return (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  /** Record a hit at `now`; returns the hits inside the window, this one included. */
  add(key: string, now: number): number[] {
    const hits = [...this.recent(key, now), now];
    this.#hits.set(key, hits);
    return hits;
  }
}

/** A sliding window that admits at most `limit` hits per key; one more is `rate_limited` until the oldest leaves it. */
export class RateLimit extends SlidingWindow {
  /** Count a hit for `key` at `now`, or throw `rate_limited` (with retryAfter in seconds) and count nothing. */
  take(key: string, now: number, limit: number) {
    const hits = this.recent(key, now);
    if (hits.length >= limit) throw new Problem('rate_limited', { retryAfter: Math.ceil((hits[0]! + this.windowMs - now) / 1000) });
    this.add(key, now);
  }
}

/**
 * Failed verifications per username, known or not (decoys lock out like real
 * accounts): `threshold` of them within 24 h lock the username out for 24 h.
 */
export class Lockouts {
  readonly #failures = new SlidingWindow(DAY);
  readonly #lockedUntil = new Map<string, number>();

  /** Locked from the start (a seed user), with no end. */
  lockForever(username: string) {
    this.#lockedUntil.set(username, Number.POSITIVE_INFINITY);
  }

  isLocked(username: string, now: number) {
    return (this.#lockedUntil.get(username) ?? 0) > now;
  }

  recordFailure(username: string, now: number, threshold: number) {
    if (this.#failures.add(username, now).length >= threshold) this.#lockedUntil.set(username, now + DAY);
  }
}

/**
 * A failed verification is a challenge that ends without success after at
 * least one wrong attempt (attempts used up, replaced by another challenge,
 * expired, or its flow abandoned), or a denied push or call. Each challenge
 * counts once, so a person's typos cost one failure, and abandoning
 * challenges or flows before their last attempt gains an attacker nothing.
 */
export function settleFailure(state: MockState, flow: FlowRecord, challenge: ChallengeRecord, denied = false) {
  if (challenge.counted || challenge.status === 'verified' || challenge.status === 'approved') return;
  if (!denied && challenge.wrongAttempts === 0) return;
  challenge.counted = true;
  state.lockouts.recordFailure(flow.username, state.options.now(), state.options.lockoutThreshold);
}
