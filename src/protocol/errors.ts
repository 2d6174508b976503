import { Problem } from './schemas.js';
import { codeOfStatus, isCode, ResetError } from './reset-error.js';

export { ResetError, codeOfStatus, type ResetErrorCode, type ResetErrorDetails } from './reset-error.js';

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
  const checked = Problem.safeParse({ ...pick(e), code: e.code });
  return new ResetError(isCode(e.code) ? e.code : codeOfStatus(status), {
    ...(checked.success ? checked.data : {}),
    status,
    requestId: typeof e.requestId === 'string' ? e.requestId : undefined,
    cause: error,
  });
}

function pick({ retryAfter, reasons, attemptsRemaining, lockedUntil }: Partial<ResetError>) {
  return { retryAfter, reasons, attemptsRemaining, lockedUntil };
}
