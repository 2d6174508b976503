/**
 * The checks the widget runs on every backend answer, without zod in the browser (issue 14).
 *
 * The protocol's one source stays src/protocol/schemas.ts (zod). scripts/protocol-checks.mjs
 * writes src/generated/protocol-checks.ts from those schemas with the combinators below, and
 * test/checks.test.ts holds them to zod's verdict and output on generated answers, valid and not.
 * A check returns the value as zod's parse would (members a closed object does not know are
 * left out), or throws `Invalid` with the path of the first member at fault.
 */

/** Checks an untrusted value: returns it as the protocol allows it, or throws `Invalid`. */
export type Check<T> = (value: unknown, path?: string) => T;

/** Why a value failed: where (`methods[0].id`; empty for the value itself). */
export class Invalid extends Error {
  constructor(readonly path: string) {
    super(`invalid ${path || 'document'}`);
  }
}

const fail = (path = ''): never => {
  throw new Invalid(path);
};
const within = (n: number, min = -Infinity, max = Infinity) => n >= min && n <= max;

/** A string of `min`..`max` UTF-16 code units (zod's `minLength`, `maxLength`), matching `pattern` if given. */
export const str =
  (min?: number, max?: number, pattern?: RegExp): Check<string> =>
  (v, p) =>
    typeof v === 'string' && within(v.length, min, max) && (!pattern || pattern.test(v)) ? v : fail(p);

/** A safe integer in `min`..`max` (zod's `z.int()` with `gte`, `lte`). */
export const int =
  (min?: number, max?: number): Check<number> =>
  (v, p) =>
    Number.isSafeInteger(v) && within(v as number, min, max) ? (v as number) : fail(p);

/** A boolean. */
export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p));

/** One of the given values (zod's `literal` and `enum`). */
export const one =
  <T>(...values: T[]): Check<T> =>
  (v, p) =>
    values.includes(v as T) ? (v as T) : fail(p);

/** Anything, as it is (zod's `unknown`). */
export const any: Check<unknown> = (v) => v;

/** `undefined`, or what `check` accepts. */
export const opt =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, p) =>
    v === undefined ? v : check(v, p);

/** What the first of `options` to accept it returns (zod's `union`). */
export const either =
  (...options: Check<unknown>[]): Check<unknown> =>
  (v, p) => {
    for (const option of options) {
      try {
        return option(v, p);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
      }
    }
    return fail(p);
  };

/** An array of `min`..`max` items, each checked. */
export const list =
  <T>(item: Check<T>, min?: number, max?: number): Check<T[]> =>
  (v, p = '') =>
    Array.isArray(v) && within(v.length, min, max) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p);

/**
 * An object (not null, not an array) with the members of `shape`: an optional member is left out
 * when the value has no such key. Other members are dropped, or with `loose` kept as they are
 * (but a `__proto__` key, which no protocol member is named).
 */
export const obj =
  (shape: Record<string, Check<unknown>>, loose?: boolean): Check<Record<string, unknown>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p);
    const input = v as Record<string, unknown>;
    const known = Object.keys(shape);
    const out: Record<string, unknown> = {};
    for (const key of known) {
      const value = shape[key]!(input[key], p ? `${p}.${key}` : key);
      if (value !== undefined || key in input) out[key] = value;
    }
    if (loose) for (const key of Object.keys(input)) if (!known.includes(key) && key !== '__proto__') out[key] = input[key];
    return out;
  };

/** A check's verdict, as zod's `safeParse` gives it; `error` says where the value is wrong. */
export function verdict<T>(check: Check<T>, value: unknown): { success: true; data: T } | { success: false; error: string } {
  try {
    return { success: true, data: check(value) };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { success: false, error: error.message };
  }
}
