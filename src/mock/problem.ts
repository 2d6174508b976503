/** A protocol failure, thrown anywhere in the mock and answered as an RFC 9457 problem document (http.ts). */
import type { ProblemCode } from '../protocol/schemas.js';

export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}
