/** A protocol failure, thrown anywhere in the mock and answered as an RFC 9457 problem document (http.ts). */
import type { ProblemCode } from '../protocol/schemas.js';

export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    /** Extension members (`retryAfter` also becomes the Retry-After header). */
    readonly extra: Record<string, unknown> = {},
    /** Headers the answer carries besides the usual ones (`Allow` with 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}
