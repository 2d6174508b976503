import type { ProblemCode, ProblemDetails } from './schemas.js';

/**
 * Codes a `ResetError` can carry: the protocol's problem codes plus the
 * client-side failures that never reached (or never came back from) a backend.
 */
export type ResetErrorCode =
  | ProblemCode
  /** fetch failed: offline, DNS, CORS, connection reset. */
  | 'network_error'
  /** No answer within the client's timeout. */
  | 'timeout'
  /** The answer did not match protocol v1 (wrong status, content type, JSON or shape). */
  | 'invalid_response'
  /** A 4xx problem whose code this version does not know (protocol v1 grows by additions): read by its status. */
  | 'request_failed';

/** The `Problem` schema's extension members, as an error carries them (read-only). */
export type ResetErrorDetails = { readonly [K in keyof ProblemDetails]?: Readonly<ProblemDetails[K]> };

/** The one error type a `ResetBackend` rejects with. It never carries a secret. */
export class ResetError extends Error {
  override name = 'ResetError';
  readonly code: ResetErrorCode;
  /** HTTP status, when an answer came back. */
  readonly status: number | undefined;
  /** Seconds to wait before retrying (`rate_limited`). */
  readonly retryAfter: ResetErrorDetails['retryAfter'];
  /** Why a new password was rejected (`password_rejected`). */
  readonly reasons: NonNullable<ResetErrorDetails['reasons']>;
  /** Attempts left on the current challenge, when the backend said. */
  readonly attemptsRemaining: ResetErrorDetails['attemptsRemaining'];

  constructor(
    code: ResetErrorCode,
    init: ResetErrorDetails & { status?: number | undefined; message?: string | undefined; cause?: unknown } = {},
  ) {
    super(init.message ?? code, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
    this.reasons = init.reasons ?? [];
    this.attemptsRemaining = init.attemptsRemaining;
  }
}

/** Normalize anything thrown by a backend into a `ResetError`. */
export function toResetError(error: unknown): ResetError {
  if (error instanceof ResetError) return error;
  return new ResetError('server_error', { cause: error });
}
