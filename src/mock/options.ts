/** The mock's options and their defaults, and its units of time. */
import { MethodType, type PasswordPolicy } from '../protocol/schemas.js';
import { DEFAULT_POLICY } from './policy.js';
import { COMMON_PASSWORDS, type SeedUser } from './seed.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const DAY = 24 * 60 * MINUTE;

/** An instant as protocol v1 writes it (ISO 8601, UTC). */
export function iso(ms: number) {
  return new Date(ms).toISOString();
}

export interface MockOptions {
  /** Clock in ms; tests pass a controllable one. Default `Date.now`. */
  now?: () => number;
  /** Users; default the seed users. */
  users?: readonly SeedUser[];
  /** Methods the tenant enables. Default all seven. */
  methods?: readonly MethodType[];
  /** Gates required of ordinary users (administrators always need 2). Default 1. */
  gatesRequired?: 1 | 2;
  /** Code lifetime. Default 10 minutes. */
  codeTtlMs?: number;
  /** Wrong answers a challenge takes before it ends. Default 5. */
  maxAttempts?: number;
  /** Seconds before a code can be resent. Default 30. */
  resendCooldownSeconds?: number;
  /** Failed verifications within 24 h that lock the user out. Default 5. */
  lockoutThreshold?: number;
  /** Flow lifetime. Default 15 minutes. */
  flowTtlMs?: number;
  /** How long a push notification or a call waits for the person. Default 2 minutes. */
  outOfBandTtlMs?: number;
  /** Security questions asked per challenge. Default 2. */
  questionsRequired?: number;
  passwordPolicy?: PasswordPolicy;
  /** Passwords refused as breached. Default a small list of common ones. */
  commonPasswords?: readonly string[];
  /** Captcha provider announced in the config. Default `mock`. */
  captchaProvider?: string;
  /** Artificial latency of every answer, for demos. Default 0. */
  latencyMs?: number;
  /** Start flows allowed per username per minute before `rate_limited`. Default 10. */
  flowsPerMinute?: number;
  /** Notify the user's emails after a reset. Default true. */
  notifyUsers?: boolean;
  /** Notify every other administrator when an administrator resets. Default true. */
  notifyAdmins?: boolean;
  /** Seconds the widget is told to wait between polls of a push or a call. Default 2. */
  pollAfterSeconds?: number;
  /** Host named in the SMS's WebOTP line (`@host #code`): the page's host. Default `localhost`. */
  otpHost?: string;
}

/** Every option but the users, defaults filled in. */
export type ResolvedOptions = Required<Omit<MockOptions, 'users'>>;

export function resolveOptions(options: MockOptions): ResolvedOptions {
  return {
    now: options.now ?? (() => Date.now()),
    methods: options.methods ?? MethodType.options,
    gatesRequired: options.gatesRequired ?? 1,
    codeTtlMs: options.codeTtlMs ?? 10 * MINUTE,
    maxAttempts: options.maxAttempts ?? 5,
    resendCooldownSeconds: options.resendCooldownSeconds ?? 30,
    lockoutThreshold: options.lockoutThreshold ?? 5,
    flowTtlMs: options.flowTtlMs ?? 15 * MINUTE,
    outOfBandTtlMs: options.outOfBandTtlMs ?? 2 * MINUTE,
    questionsRequired: options.questionsRequired ?? 2,
    passwordPolicy: options.passwordPolicy ?? DEFAULT_POLICY,
    commonPasswords: options.commonPasswords ?? COMMON_PASSWORDS,
    captchaProvider: options.captchaProvider ?? 'mock',
    latencyMs: options.latencyMs ?? 0,
    flowsPerMinute: options.flowsPerMinute ?? 10,
    notifyUsers: options.notifyUsers ?? true,
    notifyAdmins: options.notifyAdmins ?? true,
    otpHost: options.otpHost ?? 'localhost',
    pollAfterSeconds: options.pollAfterSeconds ?? 2,
  };
}
