import * as check from '../generated/protocol-checks.js';
import { verdict } from './check.js';
import { isKnownProblemCode, MAX_RETRY_AFTER_SECONDS } from './constants.js';
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
  /** A 4xx answer whose problem code this version doesn't know (protocol v1 grows by additions), or with no problem document: read by its status. */
  | 'request_failed';

const CLIENT_CODES: readonly string[] = ['network_error', 'timeout', 'invalid_response', 'request_failed'];

/** The `Problem` schema's extension members, as an error carries them (read-only). */
export type ResetErrorDetails = { readonly [K in keyof ProblemDetails]?: Readonly<ProblemDetails[K]> };

/** The one error type a `ResetBackend` rejects with. It never carries a secret. */
export class ResetError extends Error {
  override name = 'ResetError';
  readonly code: ResetErrorCode;
  /** HTTP status, when an answer came back. */
  readonly status: number | undefined;
  /** The answer's request id (`X-Request-Id`, else the problem's `instance`): the support code. */
  readonly requestId: string | undefined;
  /** Seconds to wait before retrying (`rate_limited`, `locked_out`), at most a day. */
  readonly retryAfter: ResetErrorDetails['retryAfter'];
  /** Why a new password was rejected (`password_rejected`). */
  readonly reasons: NonNullable<ResetErrorDetails['reasons']>;
  /** Attempts left on the current challenge, when the backend said. */
  readonly attemptsRemaining: ResetErrorDetails['attemptsRemaining'];
  /** When the lock ends (`locked_out`, RFC 3339), when it has a set end. */
  readonly lockedUntil: ResetErrorDetails['lockedUntil'];

  constructor(
    code: ResetErrorCode,
    init: ResetErrorDetails & {
      status?: number | undefined;
      requestId?: string | undefined;
      message?: string | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(init.message ?? code, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter === undefined ? undefined : Math.min(init.retryAfter, MAX_RETRY_AFTER_SECONDS);
    this.reasons = init.reasons ?? [];
    this.attemptsRemaining = init.attemptsRemaining;
    this.lockedUntil = init.lockedUntil;
  }
}

/** What a failed answer means by its HTTP status alone: its problem code is one this version doesn't know, or it has no problem document. */
export function codeOfStatus(status: number | undefined): ResetErrorCode {
  if (status === 401) return 'flow_expired';
  if (status === 429) return 'rate_limited';
  return status !== undefined && status >= 400 && status < 500 ? 'request_failed' : 'server_error';
}

/**
 * Anything a backend rejected (or threw) with, as a `ResetError`: one as is;
 * one from another copy of this package (a bundle) or with a code this version
 * doesn't know, rebuilt from its checked members; anything else (a failed
 * transport, a bug in a custom backend) as `network_error`.
 */
export function toResetError(error: unknown): ResetError {
  const e = error as Partial<ResetError> | null;
  if (error instanceof ResetError && isCode(error.code)) return error;
  if (typeof e !== 'object' || e === null || e.name !== 'ResetError' || typeof e.code !== 'string') {
    return new ResetError('network_error', { cause: error });
  }
  const status = typeof e.status === 'number' ? e.status : undefined;
  const checked = verdict(check.Problem, { ...pick(e), code: e.code });
  return new ResetError(isCode(e.code) ? e.code : codeOfStatus(status), {
    ...(checked.success ? checked.data : {}),
    status,
    requestId: typeof e.requestId === 'string' ? e.requestId : undefined,
    cause: error,
  });
}

function isCode(code: unknown): code is ResetErrorCode {
  return isKnownProblemCode(code) || CLIENT_CODES.includes(code as string);
}

function pick({ retryAfter, reasons, attemptsRemaining, lockedUntil }: Partial<ResetError>) {
  return { retryAfter, reasons, attemptsRemaining, lockedUntil };
}
