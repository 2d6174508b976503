/** The mock's options, their defaults and limits, and its units of time. */
import { MethodType, type PasswordPolicy } from '../protocol/schemas.js';
import type { AltchaOptions } from './altcha.js';
import { webCrypto, type MockCrypto } from './crypto.js';
import { DEFAULT_POLICY } from './policy.js';
import { COMMON_PASSWORDS, type SeedUser } from './seed.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

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
  /** Code lifetime, at most 10 minutes (NIST SP 800-63B-4). Default 10 minutes. */
  codeTtlMs?: number;
  /** Attempts a challenge takes before it ends. Default 5. */
  maxAttempts?: number;
  /** Seconds between two messages to one account on one channel (resends and new challenges alike). Default 30. */
  resendCooldownSeconds?: number;
  /** Failed flows within 24 h that lock the account's reset. Default 5. */
  lockoutThreshold?: number;
  /** The first lock's length; each further lock within 24 h doubles it, up to 24 h. Default 1 hour. */
  lockoutBaseMs?: number;
  /** Attempts a flow takes over all its challenges, denials included; the last one ends the flow. Default 10. */
  attemptsPerFlow?: number;
  /** Wrong attempts without a successful reset that lock the account with no set end (NIST: at most 100). Default 100. */
  maxConsecutiveFailures?: number;
  /** Flow lifetime. Default 15 minutes. */
  flowTtlMs?: number;
  /** Live flows per account; beyond it the least recently used idle one is ended. Default 3. */
  flowsPerAccount?: number;
  /** How long a flow must be unused before a new flow may end it. Default 2 minutes. */
  flowIdleMs?: number;
  /** Challenge starts and resends per flow. Default 10. */
  challengesPerFlow?: number;
  /** Codes sent per account per hour, per channel (email, SMS). Default 5. */
  codesPerHour?: number;
  /** Pushes and calls per account per hour, per channel. Default 3. */
  pushesAndCallsPerHour?: number;
  /** How long a push notification or a call waits for the person. Default 2 minutes. */
  outOfBandTtlMs?: number;
  /** Security questions asked per challenge. Default 2. */
  questionsRequired?: number;
  passwordPolicy?: PasswordPolicy;
  /** Passwords refused as breached. Default a small list of common ones. */
  commonPasswords?: readonly string[];
  /** Captcha provider announced in the config: `mock`, or `altcha` (issued and verified here), or any other (checked as `mock`). Default `mock`. */
  captchaProvider?: string;
  /** How hard and long-lived ALTCHA challenges are, with `captchaProvider: 'altcha'`. */
  altcha?: AltchaOptions;
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
  /**
   * Whether a POST without `Idempotency-Key` is refused (400), as protocol v1
   * requires (P-103). Default true; false only to try a client that does not
   * send keys yet. A key that is sent is always checked and honoured.
   */
  requireIdempotencyKey?: boolean;
  /** The server secret decoys are derived from. Default random per server. */
  secret?: string;
  /** HMAC and comparisons; tests pass a counting one. Default Web Crypto. */
  crypto?: MockCrypto;
}

/** Every option but the users, defaults filled in (ALTCHA's are altcha.ts's). */
export type ResolvedOptions = Required<Omit<MockOptions, 'users' | 'altcha'>> & Pick<MockOptions, 'altcha'>;

/** The defaults, NIST SP 800-63B-4 and OWASP ASVS 5.0 V6 minded (see checkStandards). */
const DEFAULTS: Omit<ResolvedOptions, 'now' | 'secret' | 'methods' | 'passwordPolicy' | 'commonPasswords' | 'crypto'> = {
  gatesRequired: 1,
  codeTtlMs: 10 * MINUTE,
  maxAttempts: 5,
  resendCooldownSeconds: 30,
  lockoutThreshold: 5,
  lockoutBaseMs: HOUR,
  attemptsPerFlow: 10,
  maxConsecutiveFailures: 100,
  flowTtlMs: 15 * MINUTE,
  flowsPerAccount: 3,
  flowIdleMs: 2 * MINUTE,
  challengesPerFlow: 10,
  codesPerHour: 5,
  pushesAndCallsPerHour: 3,
  outOfBandTtlMs: 2 * MINUTE,
  questionsRequired: 2,
  captchaProvider: 'mock',
  latencyMs: 0,
  flowsPerMinute: 10,
  notifyUsers: true,
  notifyAdmins: true,
  otpHost: 'localhost',
  pollAfterSeconds: 2,
  requireIdempotencyKey: true,
};

export function resolveOptions(options: MockOptions): ResolvedOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as MockOptions;
  const { users: _, ...rest } = given;
  const resolved: ResolvedOptions = {
    now: () => Date.now(),
    methods: MethodType.options,
    passwordPolicy: DEFAULT_POLICY,
    commonPasswords: COMMON_PASSWORDS,
    secret: [...crypto.getRandomValues(new Uint8Array(32))].join('.'),
    crypto: webCrypto,
    ...DEFAULTS,
    ...rest,
  };
  checkStandards(resolved);
  return resolved;
}

/**
 * Refuse a configuration outside NIST SP 800-63B-4 and OWASP ASVS 5.0 V6:
 * codes live at most 10 minutes, passwords of at least 8 and up to at least
 * 64 characters are accepted, guessing stops after at most 100 wrong attempts.
 */
function checkStandards(o: ResolvedOptions) {
  const { minLength, maxLength } = o.passwordPolicy;
  const rules: Array<[boolean, string]> = [
    [o.codeTtlMs > 0 && o.codeTtlMs <= 10 * MINUTE, 'codeTtlMs over 10 minutes'],
    [minLength >= 8, 'minLength under 8'],
    [maxLength >= 64 && maxLength >= minLength, 'maxLength under 64'],
    [o.maxAttempts >= 1 && o.maxConsecutiveFailures >= 1 && o.maxConsecutiveFailures <= 100, 'more than 100 wrong attempts'],
    [o.gatesRequired === 1 || o.gatesRequired === 2, 'gatesRequired not 1 or 2'],
  ];
  for (const [ok, why] of rules) if (!ok) throw new RangeError(`MockOptions outside NIST SP 800-63B-4: ${why}`);
}
