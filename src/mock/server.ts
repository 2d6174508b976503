/**
 * An in-memory backend that speaks protocol v1: users, policy, codes,
 * attempts, lockout, expiry, and an outbox of every message it "sends".
 *
 * Isomorphic: it answers a `Request` with a `Response` (`server.fetch`), in
 * the browser and in Node alike. Only Web APIs are used (Request, Response,
 * crypto.getRandomValues, crypto.subtle).
 *
 * This class is the public face; the work is done by concern:
 * - http.ts: routes, request bodies, problem documents (problem.ts)
 * - flows.ts: flows, the methods they offer, decoys, the new password
 * - challenges.ts: start, verify, poll, resend; answers to a push or a call
 * - delivery.ts: the outbox and what each message says
 * - lockout.ts: failed challenges, strikes, locks; limits.ts: rate limits
 * - decoys.ts: what unknown usernames are answered with
 * - idempotency.ts: answers kept by Idempotency-Key; store.ts: counters
 * - policy.ts: password rules; crypto.ts: codes, tokens, HMACs, comparisons
 */
import type { ConfigResponse, PollResponse } from '../protocol/schemas.js';
import { answerCall, answerPush } from './challenges.js';
import { Outbox, type OutboxMessage } from './delivery.js';
import { configOf } from './flows.js';
import { serve } from './http.js';
import { Idempotency } from './idempotency.js';
import { Lockouts } from './lockout.js';
import { resolveOptions, type MockOptions, type ResolvedOptions } from './options.js';
import { SEED_USERS } from './seed.js';
import { normalizeUsername, type MockState, type UserRecord } from './state.js';
import { Counters } from './store.js';
import { totp } from './totp.js';

// Where these used to live; src/mock/index.ts is the public entry.
export { MOCK_CAPTCHA_TOKEN } from './token.js';
export { DEFAULT_POLICY } from './policy.js';
export { maskEmail, maskPhone, type OutboxMessage } from './delivery.js';
export { normalizeAnswer } from './challenges.js';
export { normalizeUsername } from './state.js';
export type { MockOptions } from './options.js';

/** The in-memory protocol v1 backend. */
export class MockResetServer {
  readonly options: ResolvedOptions;
  /** By normalized username. */
  readonly users: Map<string, UserRecord>;
  /** Every message sent, oldest first. */
  readonly outbox: OutboxMessage[];
  readonly #state: MockState;

  constructor(options: MockOptions = {}) {
    const resolved = resolveOptions(options);
    const now = () => resolved.now();
    const counters = new Counters(now);
    const state: MockState = {
      options: resolved,
      users: new Map(),
      flows: new Map(),
      counters,
      lockouts: new Lockouts(counters),
      idempotency: new Idempotency(now),
      outbox: new Outbox(resolved),
    };
    for (const seed of options.users ?? SEED_USERS) {
      const key = normalizeUsername(seed.username);
      state.users.set(key, { ...seed, passwordHistory: [seed.password] });
      if (seed.locked) state.lockouts.lockForever(key);
    }
    this.options = resolved;
    this.users = state.users;
    this.outbox = state.outbox.messages;
    this.#state = state;
  }

  /** Subscribe to messages as they are sent; returns an unsubscribe function. */
  onMessage(listener: (message: OutboxMessage) => void): () => void {
    return this.#state.outbox.subscribe(listener);
  }

  /** The newest message sent to a user, optionally of one channel. */
  lastMessage(username: string, channel?: OutboxMessage['channel']): OutboxMessage | undefined {
    return this.#state.outbox.last(normalizeUsername(username), channel);
  }

  /** The authenticator app's current code for a user, as the person's phone would show it. */
  async currentTotp(username: string): Promise<{ code: string; secondsLeft: number } | undefined> {
    const user = this.users.get(normalizeUsername(username));
    if (!user?.authenticatorSecret) return undefined;
    const now = this.options.now();
    const secondsLeft = 30 - (Math.floor(now / 1000) % 30);
    return { code: await totp(user.authenticatorSecret, now), secondsLeft };
  }

  /**
   * The person answers a push notification in the authenticator app. Approval
   * needs the number shown by the widget; a wrong number counts as a denial.
   */
  answerPush(challengeId: string, answer: { approve: boolean; number?: number | undefined }): PollResponse['status'] {
    return answerPush(this.#state, challengeId, answer);
  }

  /** The person answers an automated call: presses # (approve) or hangs up. */
  answerCall(challengeId: string, answer: { pressHash: boolean }): PollResponse['status'] {
    return answerCall(this.#state, challengeId, answer);
  }

  /** Answer a protocol v1 request. Never throws: failures are problem documents. */
  fetch = (request: Request): Promise<Response> => serve(this.#state, request);

  config(): ConfigResponse {
    return configOf(this.options);
  }

  /** Whether a username (known or not) is locked out of reset now. */
  isLocked(username: string) {
    return this.#state.lockouts.isLocked(normalizeUsername(username));
  }

  /** When a username's lock ends: a time in ms, Infinity for a lock with no set end, undefined when not locked. */
  lockedUntil(username: string): number | undefined {
    return this.#state.lockouts.lockedUntil(normalizeUsername(username));
  }

  /** Lift a lock, as an administrator would (the consecutive-failure count starts again). */
  unlock(username: string) {
    this.#state.lockouts.unlock(normalizeUsername(username));
  }
}
