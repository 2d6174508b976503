/**
 * Answers kept by `Idempotency-Key`: a repeated request gets the first answer
 * again, with no second side effect (no second code, no second reset).
 *
 * A slot is (route, flow token or none, key), kept as a digest; a request is
 * recognized by a digest of its body (the body itself, which may carry a
 * password, is never kept). The claim is one step before the request runs,
 * like Redis `SET slot pending NX PX <ttl>` or an `INSERT` that fails on a
 * duplicate key; the answer replaces the claim (`SET slot answer XX`).
 */
import { DAY } from './options.js';

/** An answer as it went out: what a replay sends again. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

type Claim = { kind: 'new' } | { kind: 'replay'; answer: Answer } | { kind: 'in-progress' } | { kind: 'mismatch' };

interface Entry {
  fingerprint: string;
  expiresAt: number;
  answer?: Answer;
}

export class Idempotency {
  readonly #entries = new Map<string, Entry>();
  #sweptAt = 0;

  constructor(
    readonly now: () => number,
    /** How long an answer is kept: at least a day, longer than any flow. */
    readonly retentionMs = DAY,
  ) {}

  /** Look the slot up and, when it is free, claim it for this request: one step. */
  claim(slot: string, fingerprint: string): Claim {
    this.#sweep();
    const entry = this.#entries.get(slot);
    if (entry && entry.expiresAt > this.now()) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return entry.answer ? { kind: 'replay', answer: entry.answer } : { kind: 'in-progress' };
    }
    this.#entries.set(slot, { fingerprint, expiresAt: this.now() + this.retentionMs });
    return { kind: 'new' };
  }

  /** Keep the answer for the claimed slot. */
  keep(slot: string, answer: Answer) {
    const entry = this.#entries.get(slot);
    if (entry) entry.answer = answer;
  }

  /** Free the slot (the request failed on the server's side): a retry runs again. */
  release(slot: string) {
    this.#entries.delete(slot);
  }

  #sweep() {
    const now = this.now();
    if (now - this.#sweptAt < 60_000) return;
    this.#sweptAt = now;
    for (const [slot, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(slot);
  }
}
