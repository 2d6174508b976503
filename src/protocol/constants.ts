/**
 * Protocol v1's constants: method types, reason and problem codes, headers,
 * limits, and the guards that sort known values from unknown ones.
 *
 * Plain data with no zod, so the widget's first chunk (the reducer, the
 * element) can use them without the schemas, which load later with the HTTP
 * client. `schemas.ts` builds its enums from these lists and re-exports them:
 * they are part of `sspr-reset/protocol` as before.
 */

type MethodType = (typeof METHOD_TYPES)[number];
type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Protocol version spoken by this package (the `/v1` path prefix). */
export const PROTOCOL_VERSION = 1;

/** The seven authentication methods ("gates") a person can use to prove who they are. */
export const METHOD_TYPES = ['app-notification', 'app-code', 'email', 'mobile-sms', 'mobile-call', 'office-call', 'questions'] as const;

/** Whether a method type from an answer is one this version knows (a client leaves unknown ones out). */
export const isKnownMethodType = isOneOf(METHOD_TYPES);

/** How a challenge is answered: a typed code, a wait for an out-of-band approval, or answers. */
export const CODE_METHODS: readonly MethodType[] = ['app-code', 'email', 'mobile-sms'];
export const POLL_METHODS: readonly MethodType[] = ['app-notification', 'mobile-call', 'office-call'];

/**
 * Methods that share a device or a secret form one family. A second gate must
 * come from a different family (app notification and app code are one
 * authenticator app; SMS and call are one mobile phone).
 */
export type MethodFamily = 'app' | 'email' | 'mobile' | 'office' | 'questions';
export const METHOD_FAMILY: Record<MethodType, MethodFamily> = {
  'app-notification': 'app',
  'app-code': 'app',
  email: 'email',
  'mobile-sms': 'mobile',
  'mobile-call': 'mobile',
  'office-call': 'office',
  questions: 'questions',
};

/** Why a registered method is not offered to this person in this flow. */
export const UNAVAILABLE_REASONS = [
  /** Administrators are never offered security questions. */
  'admin-policy',
  /** With one gate required, this method may not be the only proof (app notification, questions). */
  'not-alone',
  /** Already used for a gate in this flow; the second gate must be a different method. */
  'already-used',
  /** The tenant disabled this method. */
  'disabled',
] as const;

/** Whether an `unavailable` reason is one this version knows (unknown ones get a generic text). */
export const isKnownUnavailableReason = isOneOf(UNAVAILABLE_REASONS);

/** Channels a backend notifies after a reset. */
export const NOTIFY_CHANNELS = ['email', 'mobile-sms', 'admins'] as const;

/** Whether a notified channel is one this version knows (unknown ones get a generic text). */
export const isKnownNotifyChannel = isOneOf(NOTIFY_CHANNELS);

/** Reasons a backend rejects a new password (`password_rejected`). */
export const PASSWORD_REASONS = [
  'too_short',
  'too_long',
  'complexity',
  'contains_username',
  'breached',
  'recently_used',
  'mismatch',
] as const;

/** Whether a password reason is one this version knows (unknown ones get a generic text). */
export const isKnownPasswordReason = isOneOf(PASSWORD_REASONS);

/** Stable problem codes (RFC 9457 extension member `code`). */
export const PROBLEM_CODES = [
  'invalid_request',
  'captcha_failed',
  'flow_expired',
  'rate_limited',
  'locked_out',
  'method_unavailable',
  'challenge_expired',
  'too_many_attempts',
  'password_rejected',
  'not_enabled',
  'not_found',
  'server_error',
  /** A known path with an HTTP method it does not serve (405, with `Allow`). */
  'method_not_allowed',
  /** The request body is larger than the protocol's limit (413). */
  'payload_too_large',
  /** A request body that is not `application/json` (415). */
  'unsupported_media_type',
  /** The `Idempotency-Key` was already used with a different request body (422). */
  'idempotency_key_reused',
  /** The first request with this `Idempotency-Key` is still being answered (409, `Retry-After`). */
  'request_in_progress',
] as const;

/** Whether a problem code is one this version knows; an unknown one is handled by its HTTP status. */
export const isKnownProblemCode = isOneOf(PROBLEM_CODES);

/** HTTP status that goes with each problem code. */
export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  invalid_request: 400,
  captcha_failed: 400,
  flow_expired: 401,
  rate_limited: 429,
  locked_out: 403,
  method_unavailable: 409,
  challenge_expired: 410,
  too_many_attempts: 429,
  password_rejected: 422,
  not_enabled: 403,
  not_found: 404,
  server_error: 500,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  request_in_progress: 409,
};

/** HTTP headers of protocol v1 beyond the standard ones. */
export const HEADER_REQUEST_ID = 'X-Request-Id';
export const HEADER_IDEMPOTENCY_KEY = 'Idempotency-Key';
export const HEADER_IDEMPOTENT_REPLAYED = 'Idempotent-Replayed';
/** A request id (every answer's `X-Request-Id`, the support code): 8–128 of `A–Z a–z 0–9 . _ -`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;
/** An `Idempotency-Key` (one per logical action, the same on a retry): 16–128 of `A–Z a–z 0–9 . _ -`. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._-]{16,128}$/;
/** The largest request body a backend must accept; larger ones may be refused with 413. */
export const MAX_BODY_BYTES = 16 * 1024;
/** The longest wait a client honours from `Retry-After` or `retryAfter` (24 h, in seconds). */
export const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

function isOneOf<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}
