/**
 * Solve an ALTCHA challenge with altcha-lib's own solver and Web Crypto key
 * derivations. Runs in the ALTCHA worker (altcha.worker.ts), or on the page
 * when no worker can start (altcha.ts); never in the main bundle.
 */
import { solveChallenge, type DeriveKeyFunction } from 'altcha-lib';
import { deriveKey as pbkdf2 } from 'altcha-lib/algorithms/web/pbkdf2';
import { deriveKey as sha } from 'altcha-lib/algorithms/web/sha';
import type { AltchaChallenge, AltchaSolution } from './altcha-schema.js';

/** How often progress is reported, in ms: enough for a progress bar, not a message storm. */
const PROGRESS_EVERY_MS = 100;
/** A solve that takes longer than this gives up (a device far too slow, a challenge far too hard). */
export const SOLVE_TIMEOUT_MS = 90_000;

/**
 * The solution, or null when `controller` aborts or the time runs out.
 * `onProgress` hears how many counters were tried so far.
 */
export async function solve(
  challenge: AltchaChallenge,
  onProgress?: (tried: number) => void,
  controller?: AbortController,
): Promise<AltchaSolution | null> {
  const derive = challenge.parameters.algorithm.startsWith('PBKDF2/') ? pbkdf2 : sha;
  let tried = 0;
  let reported = performance.now();
  const deriveKey: DeriveKeyFunction = (parameters, salt, password) => {
    tried += 1;
    const now = performance.now();
    if (onProgress && now - reported >= PROGRESS_EVERY_MS) {
      reported = now;
      onProgress(tried);
    }
    return derive(parameters, salt, password);
  };
  const solution = await solveChallenge({ challenge, deriveKey, controller, timeout: SOLVE_TIMEOUT_MS });
  return solution && { counter: solution.counter, derivedKey: solution.derivedKey, time: solution.time };
}
