/**
 * Counters with an expiry, each read and changed in one synchronous step.
 *
 * Every limit of the mock (flow starts, messages, strikes, locks) is one of
 * these operations, so a backend that runs several instances keeps the same
 * limits exactly on a shared store:
 *
 * - `take(key, limit, windowMs)`: Redis/Valkey `INCR key` and, when the
 *   answer is 1, `PEXPIRE key windowMs`; refused when the answer is over
 *   `limit` (a refused take may leave the counter over the limit: it then
 *   refuses until the window ends). In SQL: `UPDATE counters SET n = n + 1
 *   WHERE key = ? AND n < ? AND expires_at > now()` (insert when absent),
 *   refused when no row changed.
 * - `add(key, windowMs)`: `INCR` + `PEXPIRE` on first use, never refused.
 * - `ttl(key)`: `PTTL key`.
 *
 * The mock is single-threaded: no `await` between a check and its take is
 * what makes them one step.
 */
export type Take = { ok: true; count: number } | { ok: false; retryAfterMs: number };

export class Counters {
  readonly #entries = new Map<string, { count: number; expiresAt: number }>();
  #sweptAt = 0;

  constructor(readonly now: () => number) {}

  #live(key: string) {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Count one under `limit` within a window that starts at the first count; refused (nothing counted) at the limit. */
  take(key: string, limit: number, windowMs: number): Take {
    const entry = this.#live(key);
    if (entry && entry.count >= limit) return { ok: false, retryAfterMs: entry.expiresAt - this.now() };
    return { ok: true, count: this.add(key, windowMs) };
  }

  /** Count one, whatever the count; returns the count in the window. */
  add(key: string, windowMs: number): number {
    this.#sweep();
    const entry = this.#live(key) ?? { count: 0, expiresAt: this.now() + windowMs };
    entry.count += 1;
    this.#entries.set(key, entry);
    return entry.count;
  }

  count(key: string): number {
    return this.#live(key)?.count ?? 0;
  }

  /** Milliseconds until the key's window ends; 0 when it has none. */
  ttl(key: string): number {
    const entry = this.#live(key);
    return entry ? entry.expiresAt - this.now() : 0;
  }

  delete(key: string) {
    this.#entries.delete(key);
  }

  /** Forget expired windows now and then, so memory follows live keys only. */
  #sweep() {
    const now = this.now();
    if (now - this.#sweptAt < 60_000) return;
    this.#sweptAt = now;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
