/**
 * Protocol v1 of the sspr-reset HTTP reset protocol, as data.
 *
 * These zod (mini) schemas are the single source of every request, response
 * and problem shape. TypeScript types are inferred from them, the HTTP client
 * validates every answer with them, the mock backend validates every request
 * with them, and docs/protocol.schema.json is generated from them.
 *
 * Forward compatibility: v1 only grows by additions (new optional members, new
 * values of the open enums below, new problem codes, new routes). So answers
 * are parsed with the open enums (`open(...)`): any non-empty string passes,
 * and a client sorts known from unknown values with the `isKnown*` guards.
 * The closed enums (`result`, `next`, poll `status`) never grow within v1.
 */
import * as z from 'zod/mini';

// zod probes `new Function` and compiles object parsers with it when allowed,
// at the moment a schema is built. A widget that must run under a strict CSP
// never tries, so this comes before the first schema.
z.config({ jitless: true });

export * from './constants.js';
import { METHOD_TYPES, NOTIFY_CHANNELS, PASSWORD_REASONS, PROBLEM_CODES, PROTOCOL_VERSION, UNAVAILABLE_REASONS } from './constants.js';

const nonEmpty = z.string().check(z.minLength(1));
const isoDate = z.iso.datetime({ offset: true });
const count = z.int().check(z.gte(0));

/**
 * An open enum: the known values, or any other non-empty string a newer
 * backend may send (clients tolerate it: they leave it out or show a generic
 * text). The TypeScript type is then `string`; narrow it with an `isKnown*` guard.
 */
function open<T extends z.ZodMiniType<string>>(known: T) {
  return z.union([known, nonEmpty]);
}

/** The known method types only; answers carry `open(MethodType)` (see `isKnownMethodType`). */
export const MethodType = z.enum(METHOD_TYPES);
export type MethodType = z.infer<typeof MethodType>;

export const UnavailableReason = z.enum(UNAVAILABLE_REASONS);
export type UnavailableReason = z.infer<typeof UnavailableReason>;

export const PasswordPolicy = z.object({
  /** Minimum length in characters (Unicode code points). */
  minLength: z.int().check(z.gte(1)),
  /** Maximum length in characters (Unicode code points). */
  maxLength: z.int().check(z.gte(1)),
  /** How many of the four classes (lower, upper, digit, symbol) a password must mix; 0 for none. */
  minClasses: z.int().check(z.gte(0), z.lte(4)),
  /** Whether a password containing the username (its local part) is rejected. */
  disallowUsername: z.boolean(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

export const CaptchaConfig = z.object({
  /** Provider id: `altcha`, `turnstile`, `hcaptcha`, `recaptcha-v2`, `recaptcha-v3`, `friendly-captcha`, `mock` or `none` (docs/captcha.md). */
  provider: nonEmpty,
  siteKey: z.optional(z.string()),
});
export type CaptchaConfig = z.infer<typeof CaptchaConfig>;

/** `GET /v1/config` */
export const ConfigResponse = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  captcha: CaptchaConfig,
  passwordPolicy: PasswordPolicy,
  /** Methods the tenant enabled, in the order it prefers them (open: unknown types are left out). */
  methods: z.array(open(MethodType)),
  /** Gates required of ordinary users (administrators always need 2). */
  gatesRequired: z.union([z.literal(1), z.literal(2)]),
  brandName: z.optional(z.string()),
  /** What a user ID looks like in this tenant, shown as an example under the field (`user@contoso.com`); no example without it. */
  usernameExample: z.optional(z.string().check(z.maxLength(256))),
});
export type ConfigResponse = z.infer<typeof ConfigResponse>;

/** `POST /v1/flows` request. */
export const StartFlowRequest = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(256)),
  captchaToken: z.string().check(z.maxLength(4096)),
  locale: z.string().check(z.minLength(2), z.maxLength(35)),
});
export type StartFlowRequest = z.infer<typeof StartFlowRequest>;

/** A method registered by the person, with its target masked by the backend. */
export const Method = z.object({
  /** Opaque id to start a challenge with; stable within a flow. */
  id: nonEmpty,
  /** Open: a client leaves out (or shows as unavailable) a type it does not know. */
  type: open(MethodType),
  /** Masked target as the backend shows it (`a•••@fabrikam.com`, `+1 ••• ••• ••12`); never the full value. */
  hint: z.string(),
  /** Present when the method is registered but not offered; the person is told why (open). */
  unavailable: z.optional(open(UnavailableReason)),
});
export type Method = z.infer<typeof Method>;

/** `POST /v1/flows` answer: identical in shape for known and unknown usernames. */
export const FlowResponse = z.object({
  flowToken: nonEmpty,
  expiresAt: isoDate,
  gatesRequired: z.union([z.literal(1), z.literal(2)]),
  gatesPassed: count,
  methods: z.array(Method),
  passwordPolicy: PasswordPolicy,
});
export type FlowResponse = z.infer<typeof FlowResponse>;

/** `POST /v1/flows/current/challenges` request. */
export const StartChallengeRequest = z.object({ methodId: nonEmpty });
export type StartChallengeRequest = z.infer<typeof StartChallengeRequest>;

export const Question = z.object({ id: nonEmpty, text: nonEmpty });
export type Question = z.infer<typeof Question>;

/** A started challenge: what the widget needs to show for its method. */
export const Challenge = z.object({
  challengeId: nonEmpty,
  methodId: nonEmpty,
  type: open(MethodType),
  hint: z.string(),
  expiresAt: isoDate,
  /** Seconds before a resend is allowed (code and notification methods). */
  resendAfter: z.optional(count),
  /** Digits in the code (code methods). */
  codeLength: z.optional(z.int().check(z.gte(4), z.lte(10))),
  /** Questions to answer (`questions`). */
  questions: z.optional(z.array(Question)),
  /** The number the person types in the authenticator app (`app-notification`). */
  numberToMatch: z.optional(z.int().check(z.gte(0), z.lte(99))),
  /** Suggested seconds between polls (poll methods). */
  pollAfter: z.optional(count),
});
export type Challenge = z.infer<typeof Challenge>;

/** `POST /v1/flows/current/challenges/{id}/verify` request: a code, or answers. */
export const VerifyRequest = z.union([
  z.object({ code: z.string().check(z.minLength(1), z.maxLength(16)) }),
  z.object({
    answers: z.array(z.object({ questionId: nonEmpty, answer: z.string().check(z.maxLength(512)) })).check(z.minLength(1), z.maxLength(10)),
  }),
]);
export type VerifyRequest = z.infer<typeof VerifyRequest>;
/** The answers to security questions, as `verify` sends them. */
export type Answers = Extract<VerifyRequest, { answers: unknown }>['answers'];

/** What the flow needs next after a challenge settles. */
export const Next = z.enum(['gate', 'password']);
export type Next = z.infer<typeof Next>;

/** `POST /v1/flows/current/challenges/{id}/verify` answer. */
export const VerifyResponse = z.object({
  result: z.enum(['verified', 'rejected']),
  attemptsRemaining: count,
  gatesPassed: count,
  /** Set when verified. */
  next: z.optional(Next),
  /** A replacement challenge (security questions re-picked after a failure). */
  challenge: z.optional(Challenge),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

/** `GET /v1/flows/current/challenges/{id}` answer (poll methods). */
export const PollResponse = z.object({
  status: z.enum(['pending', 'approved', 'denied', 'expired']),
  gatesPassed: count,
  /** Set when approved. */
  next: z.optional(Next),
});
export type PollResponse = z.infer<typeof PollResponse>;

/** `POST /v1/flows/current/password` request. */
export const PasswordRequest = z.object({
  newPassword: z.string().check(z.minLength(1), z.maxLength(1024)),
});
export type PasswordRequest = z.infer<typeof PasswordRequest>;

export const NotifyChannel = z.enum(NOTIFY_CHANNELS);
export type NotifyChannel = z.infer<typeof NotifyChannel>;
export const Notified = z.object({
  /** Open: unknown channels are shown with a generic text. */
  channel: open(NotifyChannel),
  /** Masked target (`a•••@fabrikam.com`); absent for `admins`. */
  hint: z.optional(z.string()),
});
export type Notified = z.infer<typeof Notified>;

/** `POST /v1/flows/current/password` answer on success. */
export const PasswordResponse = z.object({
  result: z.literal('reset'),
  notified: z.array(Notified),
});
export type PasswordResponse = z.infer<typeof PasswordResponse>;

export const PasswordReasonCode = z.enum(PASSWORD_REASONS);
export type PasswordReasonCode = z.infer<typeof PasswordReasonCode>;
export const PasswordReason = z.looseObject({
  /** Open: unknown reasons are shown with a generic text. */
  code: open(PasswordReasonCode),
  /** For `too_short` / `too_long`: the limit. */
  limit: z.optional(count),
});
export type PasswordReason = z.infer<typeof PasswordReason>;

export const ProblemCode = z.enum(PROBLEM_CODES);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** RFC 9457 `application/problem+json`, with our stable `code` and extension members. */
export const Problem = z.looseObject({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  /** Optional (RFC 9457); when present it equals the HTTP status. */
  status: z.optional(z.int().check(z.gte(400), z.lte(599))),
  detail: z.optional(z.string()),
  /** `urn:sspr:request:<request id>`: the answer's `X-Request-Id`, the support code. */
  instance: z.optional(z.string()),
  /** Open: a client handles an unknown code by the answer's HTTP status. */
  code: open(ProblemCode),
  /** Seconds to wait (`rate_limited`; also sent as `Retry-After`). */
  retryAfter: z.optional(count),
  /** Why a password was rejected (`password_rejected`). */
  reasons: z.optional(z.array(PasswordReason)),
  /** Attempts left on the challenge, where it still accepts attempts. */
  attemptsRemaining: z.optional(count),
  /** When a lock ends (`locked_out`); absent when it has no set end. */
  lockedUntil: z.optional(isoDate),
});
export type Problem = z.infer<typeof Problem>;
/** A problem's extension members beyond its code: what a client carries on to the person. */
export type ProblemDetails = Pick<Problem, 'retryAfter' | 'reasons' | 'attemptsRemaining' | 'lockedUntil'>;
