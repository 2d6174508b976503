/**
 * The mock's devices API (`…/mock/*`) as data: every request and answer as a
 * zod (mini) schema, shared by both sides. The mock (devices.ts) checks
 * requests with them and shapes its answers to them; the devices panel
 * (demo/devices-panel.ts) checks every answer with them. Types are inferred.
 *
 * Not part of protocol v1: a production backend has no such paths.
 */
import * as z from 'zod/mini';
// Also configures zod (jitless) before the first schema here is built.
import { PollResponse } from '../protocol/schemas.js';

const count = z.int().check(z.gte(0));
/** Milliseconds since the epoch, on the mock's clock. */
const time = z.number();

/** `GET /mock/state`: a seed user, secrets included (it is a demo). */
export const DeviceUser = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['user', 'admin']),
  enabled: z.boolean(),
  locked: z.boolean(),
  email: z.optional(z.string()),
  mobile: z.optional(z.string()),
  office: z.optional(z.string()),
  /** Has the authenticator app (push and codes). */
  authenticator: z.boolean(),
  questions: z.array(z.object({ text: z.string(), answer: z.string() })),
});
export type DeviceUser = z.infer<typeof DeviceUser>;

/** `GET /mock/state`: a message the mock "sent", as the person's device shows it. */
export const DeviceMessage = z.object({
  /** Grows by one per message; a smaller one means the mock restarted. */
  id: z.int().check(z.gte(1)),
  time,
  channel: z.enum(['email', 'sms', 'call', 'push']),
  /** Recipient address or number, in full. */
  to: z.string(),
  username: z.string(),
  subject: z.optional(z.string()),
  body: z.string(),
  /** The language it is written in, a shipped locale (`fr`, `pt-BR`, `ar`); absent from an older mock. */
  lang: z.optional(z.string()),
  /** The one-time code, when the message carries one. */
  code: z.optional(z.string()),
  /** Push and calls are answered through it. */
  challengeId: z.optional(z.string()),
  /** Push: the number the sign-in screen shows. */
  numberToMatch: z.optional(count),
});
export type DeviceMessage = z.infer<typeof DeviceMessage>;

/** `GET /mock/state` answer. */
export const DevicesState = z.object({
  now: time,
  /** Whether the mock's clock can be moved forward (`POST /mock/clock`). */
  clock: z.boolean(),
  /** How far the clock was moved forward so far (when it can be). */
  advancedMs: z.optional(count),
  users: z.array(DeviceUser),
  /** Oldest first. */
  outbox: z.array(DeviceMessage),
});
export type DevicesState = z.infer<typeof DevicesState>;

/** `GET /mock/totp/{username}` answer: the authenticator app's current code. */
export const TotpCode = z.object({
  code: z.string().check(z.regex(/^\d{6,8}$/)),
  secondsLeft: z.int().check(z.gte(1), z.lte(30)),
});
export type TotpCode = z.infer<typeof TotpCode>;

/** `POST /mock/push/{challengeId}` request. Approval needs the number; a wrong or missing one is a denial. */
export const PushAnswer = z.object({
  approve: z.boolean(),
  number: z.optional(z.int().check(z.gte(0), z.lte(999))),
});
export type PushAnswer = z.infer<typeof PushAnswer>;

/** `POST /mock/call/{challengeId}` request: press # (approve) or hang up. */
export const CallAnswer = z.object({ pressHash: z.boolean() });
export type CallAnswer = z.infer<typeof CallAnswer>;

/** `POST /mock/push/…` and `POST /mock/call/…` answer: the challenge's status afterwards. */
export const AnswerResult = z.object({ status: PollResponse.shape.status });
export type AnswerResult = z.infer<typeof AnswerResult>;

/** Longest single jump of the clock: a year. */
export const MAX_ADVANCE_MS = 366 * 24 * 60 * 60 * 1000;

/** `POST /mock/clock` request: move the mock's clock forward. Only where it can be moved (`clock: true`). */
export const ClockAdvance = z.object({ advanceMs: z.int().check(z.gte(1), z.lte(MAX_ADVANCE_MS)) });
export type ClockAdvance = z.infer<typeof ClockAdvance>;

/** `POST /mock/clock` answer. */
export const ClockState = z.object({ now: time, advancedMs: count });
export type ClockState = z.infer<typeof ClockState>;

/** Every failure (400, 404, 405): what went wrong, in a sentence. */
export const DevicesError = z.object({ error: z.string() });
export type DevicesError = z.infer<typeof DevicesError>;

/** The paths, below the API base (`/api/sspr` → `/api/sspr/mock/state`). */
export const devicesPaths = {
  state: () => '/mock/state',
  totp: (username: string) => `/mock/totp/${encodeURIComponent(username)}`,
  push: (challengeId: string) => `/mock/push/${encodeURIComponent(challengeId)}`,
  call: (challengeId: string) => `/mock/call/${encodeURIComponent(challengeId)}`,
  clock: () => '/mock/clock',
};
