/**
 * The ALTCHA worker: solves one challenge off the main thread and reports
 * progress while it works. The page terminates it to stop (altcha.ts).
 *
 * Messages in: `{ challenge }`. Out: `{ type: 'progress', tried }`, then
 * `{ type: 'done', solution }` (null when it ran out of time) or `{ type: 'error', message }`.
 */
import type { AltchaChallenge, AltchaSolution } from './altcha-schema.js';
import { solve } from './altcha-solver.js';

export type WorkerAnswer =
  { type: 'progress'; tried: number } | { type: 'done'; solution: AltchaSolution | null } | { type: 'error'; message: string };

/** The worker's global scope, as far as this file uses it (the project's types are the page's DOM). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ challenge: AltchaChallenge }>) => void) | null;
  postMessage(answer: WorkerAnswer): void;
};

scope.onmessage = ({ data }) => {
  solve(data.challenge, (tried) => scope.postMessage({ type: 'progress', tried })).then(
    (solution) => scope.postMessage({ type: 'done', solution }),
    (error: unknown) => scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
