/**
 * An in-memory backend that speaks protocol v1: users, policy, codes,
 * attempts, lockout, expiry, and an outbox of every message it "sends".
 *
 * Isomorphic: it answers a `Request` with a `Response` (`server.fetch`), in
 * the browser and in Node alike. Only Web APIs are used (Request, Response,
 * crypto.getRandomValues, crypto.subtle).
 */
import {
  CODE_METHODS,
  METHOD_FAMILY,
  MethodType,
  type MethodFamily,
  PROBLEM_STATUS,
  PasswordRequest,
  StartChallengeRequest,
  StartFlowRequest,
  VerifyRequest,
  type Challenge,
  type ConfigResponse,
  type FlowResponse,
  type Method,
  type Notified,
  type PasswordPolicy,
  type PasswordReason,
  type PollResponse,
  type ProblemCode,
  type UnavailableReason,
  type VerifyResponse,
} from '../protocol/schemas.js';
import { checkPassword } from '../flow/password.js';
import { COMMON_PASSWORDS, SEED_USERS, type SeedQuestion, type SeedUser } from './seed.js';
import { totp, totpStep } from './totp.js';

import { MOCK_CAPTCHA_TOKEN } from './token.js';

export { MOCK_CAPTCHA_TOKEN };

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

/** A message the mock "sent": what a person would receive on a device. */
export interface OutboxMessage {
  id: number;
  /** When it was sent (ms since epoch, the mock's clock). */
  time: number;
  channel: 'email' | 'sms' | 'call' | 'push';
  /** Recipient address or number (full value: the devices panel shows it). */
  to: string;
  username: string;
  subject?: string;
  body: string;
  /** The one-time code, when the message carries one. */
  code?: string;
  /** The challenge this message belongs to (push and calls are answered through it). */
  challengeId?: string;
  /** Number to type in the app (push). */
  numberToMatch?: number;
}

export const DEFAULT_POLICY: PasswordPolicy = {
  minLength: 8,
  maxLength: 256,
  minClasses: 0,
  disallowUsername: true,
};

const FAMILY = METHOD_FAMILY;
type Family = MethodFamily;

interface UserRecord extends SeedUser {
  passwordHistory: string[];
  usedTotpSteps: Set<number>;
}

/** Failed verifications per username, known or not: decoys lock out like real accounts. */
interface Lockout {
  failures: number[];
  lockedUntil: number;
}

interface ChallengeRecord {
  id: string;
  methodId: string;
  type: MethodType;
  hint: string;
  expiresAt: number;
  attemptsRemaining: number;
  resendAt: number;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'verified' | 'failed';
  code?: string;
  numberToMatch?: number;
  questions?: SeedQuestion[];
  /** A newer challenge of the flow took its place. */
  replaced?: boolean;
  /** Wrong codes or answers given. */
  wrongAttempts: number;
  /** Already counted as a failed verification toward lockout. */
  counted?: boolean;
}

interface FlowRecord {
  token: string;
  /** null for a decoy flow (unknown username). */
  user: UserRecord | null;
  username: string;
  locale: string;
  expiresAt: number;
  gatesRequired: 1 | 2;
  passed: Family[];
  challenges: Map<string, ChallengeRecord>;
  decoySeed: number;
}

class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The in-memory protocol v1 backend. */
export class MockResetServer {
  readonly options: Required<Omit<MockOptions, 'users'>>;
  readonly users = new Map<string, UserRecord>();
  /** Every message sent, oldest first. */
  readonly outbox: OutboxMessage[] = [];
  readonly #flows = new Map<string, FlowRecord>();
  readonly #flowStarts = new Map<string, number[]>();
  readonly #lockouts = new Map<string, Lockout>();
  readonly #listeners = new Set<(message: OutboxMessage) => void>();
  #messageId = 0;

  constructor(options: MockOptions = {}) {
    this.options = {
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
    for (const seed of options.users ?? SEED_USERS) {
      const key = normalizeUsername(seed.username);
      this.users.set(key, { ...seed, passwordHistory: [seed.password], usedTotpSteps: new Set() });
      if (seed.locked) this.#lockouts.set(key, { failures: [], lockedUntil: Number.POSITIVE_INFINITY });
    }
  }

  /** Subscribe to messages as they are sent; returns an unsubscribe function. */
  onMessage(listener: (message: OutboxMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The newest message sent to a user, optionally of one channel. */
  lastMessage(username: string, channel?: OutboxMessage['channel']): OutboxMessage | undefined {
    const key = normalizeUsername(username);
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const m = this.outbox[i]!;
      if (m.username === key && (channel === undefined || m.channel === channel)) return m;
    }
    return undefined;
  }

  /** The authenticator app's current code for a user, as the person's phone would show it. */
  async currentTotp(username: string): Promise<{ code: string; secondsLeft: number } | undefined> {
    const user = this.users.get(normalizeUsername(username));
    if (!user?.authenticatorSecret) return undefined;
    const now = this.options.now();
    const secondsLeft = 30 - (Math.floor(now / 1000) % 30);
    return { code: await totp(user.authenticatorSecret, now), secondsLeft };
  }

  /**
   * The person answers a push notification in the authenticator app. Approval
   * needs the number shown by the widget; a wrong number counts as a denial.
   */
  answerPush(challengeId: string, answer: { approve: boolean; number?: number | undefined }): PollResponse['status'] {
    const { flow, challenge } = this.#findOutOfBand(challengeId, ['app-notification']);
    if (challenge.status !== 'pending') return publicStatus(challenge.status);
    const approved = answer.approve && answer.number === challenge.numberToMatch;
    challenge.status = approved ? 'approved' : 'denied';
    if (!approved) this.#settleFailure(flow, challenge, true);
    return challenge.status;
  }

  /** The person answers an automated call: presses # (approve) or hangs up. */
  answerCall(challengeId: string, answer: { pressHash: boolean }): PollResponse['status'] {
    const { flow, challenge } = this.#findOutOfBand(challengeId, ['mobile-call', 'office-call']);
    if (challenge.status !== 'pending') return publicStatus(challenge.status);
    challenge.status = answer.pressHash ? 'approved' : 'denied';
    if (!answer.pressHash) this.#settleFailure(flow, challenge, true);
    return challenge.status;
  }

  /** Answer a protocol v1 request. Never throws: failures are problem documents. */
  fetch = async (request: Request): Promise<Response> => {
    if (this.options.latencyMs > 0) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    try {
      const { status, body } = await this.#route(request);
      if (body === undefined) return new Response(null, { status });
      return json(status, body);
    } catch (error) {
      const problem = error instanceof Problem ? error : new Problem('server_error');
      if (!(error instanceof Problem)) console.error('mock backend failure', error);
      const status = PROBLEM_STATUS[problem.code];
      const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' };
      if (typeof problem.extra['retryAfter'] === 'number') headers['retry-after'] = String(problem.extra['retryAfter']);
      return new Response(
        JSON.stringify({ type: `urn:sspr:problem:${problem.code}`, title: problem.code.replace(/_/g, ' '), status, code: problem.code, ...problem.extra }),
        { status, headers },
      );
    }
  };

  async #route(request: Request): Promise<{ status: number; body?: unknown }> {
    const path = new URL(request.url).pathname;
    const match = /\/v1\/(config|flows(?:\/current(?:\/(challenges(?:\/([^/]+)(?:\/(verify|resend))?)?|password))?)?)$/.exec(path);
    if (!match) throw new Problem('not_found');
    const [, resource = '', sub, challengeId, action] = match;
    const method = request.method.toUpperCase();
    const id = challengeId === undefined ? undefined : decodeURIComponent(challengeId);

    if (resource === 'config' && method === 'GET') return ok(this.config());
    if (resource === 'flows' && method === 'POST') return ok(await this.#startFlow(await body(request, StartFlowRequest)));
    if (resource === 'flows/current' && method === 'DELETE') {
      this.#endFlow(this.#flow(request));
      return { status: 204 };
    }
    if (sub === 'password' && method === 'POST') {
      return ok(this.#resetPassword(this.#flow(request), (await body(request, PasswordRequest)).newPassword));
    }
    if (sub?.startsWith('challenges')) {
      const flow = this.#flow(request);
      if (id === undefined && method === 'POST') {
        return ok(await this.#startChallenge(flow, (await body(request, StartChallengeRequest)).methodId));
      }
      if (id !== undefined && action === undefined && method === 'GET') return ok(this.#poll(flow, id));
      if (id !== undefined && action === 'verify' && method === 'POST') {
        return ok(await this.#verify(flow, id, await body(request, VerifyRequest)));
      }
      if (id !== undefined && action === 'resend' && method === 'POST') return ok(await this.#resend(flow, id));
    }
    throw new Problem('invalid_request', { detail: `${method} is not allowed here` });
  }

  config(): ConfigResponse {
    return {
      protocol: 1,
      captcha: { provider: this.options.captchaProvider, siteKey: 'mock-site-key' },
      passwordPolicy: this.options.passwordPolicy,
      methods: [...this.options.methods],
      gatesRequired: this.options.gatesRequired,
      brandName: 'Contoso',
    };
  }

  async #startFlow(request: StartFlowRequest): Promise<FlowResponse> {
    if (request.captchaToken !== MOCK_CAPTCHA_TOKEN) throw new Problem('captcha_failed');
    const now = this.options.now();
    const key = normalizeUsername(request.username);
    const starts = (this.#flowStarts.get(key) ?? []).filter((t) => t > now - MINUTE);
    if (starts.length >= this.options.flowsPerMinute) {
      throw new Problem('rate_limited', { retryAfter: Math.ceil((starts[0]! + MINUTE - now) / 1000) });
    }
    this.#flowStarts.set(key, [...starts, now]);

    // One live flow per username: starting over ends (and settles) the earlier ones.
    for (const earlier of [...this.#flows.values()]) if (earlier.username === key) this.#endFlow(earlier);
    const user = this.users.get(key) ?? null;
    if (this.isLocked(key)) throw new Problem('locked_out');
    if (user?.enabled === false) throw new Problem('not_enabled');
    const flow: FlowRecord = {
      token: randomToken(),
      user,
      username: key,
      locale: request.locale,
      expiresAt: now + this.options.flowTtlMs,
      gatesRequired: user?.role === 'admin' ? 2 : this.options.gatesRequired,
      passed: [],
      challenges: new Map(),
      decoySeed: await hashSeed(key),
    };
    const methods = this.#methods(flow);
    const offered = new Set(methods.filter((m) => !m.unavailable).map((m) => FAMILY[m.type]));
    if (offered.size < flow.gatesRequired) throw new Problem('not_enabled');
    this.#flows.set(flow.token, flow);
    return {
      flowToken: flow.token,
      expiresAt: iso(flow.expiresAt),
      gatesRequired: flow.gatesRequired,
      gatesPassed: 0,
      methods,
      passwordPolicy: this.options.passwordPolicy,
    };
  }

  /** The methods of a flow, each with why it is not offered where it is not. */
  #methods(flow: FlowRecord): Method[] {
    const enabled = this.options.methods;
    return this.#registered(flow)
      .filter(([type]) => enabled.includes(type))
      .sort(([a], [b]) => enabled.indexOf(a) - enabled.indexOf(b))
      .map(([type, hint]) => {
        const unavailable = this.#unavailable(flow, type);
        return unavailable ? { id: type, type, hint, unavailable } : { id: type, type, hint };
      });
  }

  /** What the person registered, with masked hints. */
  #registered(flow: FlowRecord): Array<[MethodType, string]> {
    const user = flow.user;
    if (!user) return this.#decoyRegistered(flow);
    const registered: Array<[MethodType, string]> = [];
    // The app's hint would be the device's name; the seed users' devices have none.
    if (user.authenticatorSecret) registered.push(['app-notification', ''], ['app-code', '']);
    if (user.email) registered.push(['email', maskEmail(user.email)]);
    if (user.mobile) registered.push(['mobile-sms', maskPhone(user.mobile)], ['mobile-call', maskPhone(user.mobile)]);
    if (user.office) registered.push(['office-call', maskPhone(user.office)]);
    // Fewer questions registered than are asked is not registered at all.
    if ((user.questions?.length ?? 0) >= this.options.questionsRequired) registered.push(['questions', '']);
    return registered;
  }

  /**
   * An unknown username looks like an ordinary user who registered every
   * method: plausible hints, stable across attempts (derived from a hash of
   * the name), the same policy rules. Nothing is ever sent and nothing verifies.
   */
  #decoyRegistered(flow: FlowRecord): Array<[MethodType, string]> {
    const seed = flow.decoySeed;
    const domains = ['outlook.com', 'gmail.com', 'fabrikam.com', 'yahoo.com'];
    const letter = /[a-z]/i.exec(flow.username)?.[0]?.toLowerCase() ?? 'a';
    const mobile = `+1 ••• ••• ••${String(seed % 100).padStart(2, '0')}`;
    const office = `+1 ••• ••• ••${String((seed >> 7) % 100).padStart(2, '0')}`;
    return [
      ['app-notification', ''],
      ['app-code', ''],
      ['email', `${letter}•••@${domains[seed % domains.length]}`],
      ['mobile-sms', mobile],
      ['mobile-call', mobile],
      ['office-call', office],
      ['questions', ''],
    ];
  }

  #unavailable(flow: FlowRecord, type: MethodType): UnavailableReason | undefined {
    if (type === 'questions' && flow.user?.role === 'admin') return 'admin-policy';
    if (flow.passed.includes(FAMILY[type])) return 'already-used';
    // One gate: the authenticator's bare approval and security questions may not be the only proof.
    if (flow.gatesRequired === 1 && (type === 'app-notification' || type === 'questions')) return 'not-alone';
    return undefined;
  }

  async #startChallenge(flow: FlowRecord, methodId: string): Promise<Challenge> {
    const method = this.#methods(flow).find((m) => m.id === methodId);
    if (!method || method.unavailable) throw new Problem('method_unavailable');
    if (flow.passed.length >= flow.gatesRequired) throw new Problem('method_unavailable');
    const now = this.options.now();
    const oob = method.type === 'app-notification' || method.type === 'mobile-call' || method.type === 'office-call';
    const challenge: ChallengeRecord = {
      id: randomToken(12),
      methodId,
      type: method.type,
      hint: method.hint,
      expiresAt: now + (oob ? this.options.outOfBandTtlMs : this.options.codeTtlMs),
      attemptsRemaining: this.options.maxAttempts,
      wrongAttempts: 0,
      resendAt: now + this.options.resendCooldownSeconds * 1000,
      status: 'pending',
    };
    // One live challenge at a time: earlier ones can neither verify nor be resent.
    for (const earlier of flow.challenges.values()) {
      if (earlier.status === 'pending' || earlier.status === 'denied') earlier.status = 'expired';
      earlier.replaced = true;
      this.#settleFailure(flow, earlier);
    }
    flow.challenges.set(challenge.id, challenge);
    if (method.type === 'questions') challenge.questions = this.#pickQuestions(flow);
    this.#deliver(flow, challenge);
    return this.#challengeView(flow, challenge);
  }

  /** Send what a challenge needs: a code, a push, a call. Decoys send nothing. */
  #deliver(flow: FlowRecord, challenge: ChallengeRecord) {
    const user = flow.user;
    if (challenge.type === 'email' || challenge.type === 'mobile-sms') challenge.code = randomDigits(6);
    if (challenge.type === 'app-notification') challenge.numberToMatch = 10 + randomInt(90);
    if (!user) return;
    const base = { username: flow.username, challengeId: challenge.id };
    switch (challenge.type) {
      case 'email':
        this.#send({
          ...base,
          channel: 'email',
          to: user.email!,
          subject: 'Your Contoso account password reset code',
          body: `Use verification code ${challenge.code} to reset the password of ${user.username}. It expires in ${Math.round(this.options.codeTtlMs / MINUTE)} minutes.`,
          code: challenge.code!,
        });
        break;
      case 'mobile-sms': {
        const host = this.options.otpHost;
        this.#send({
          ...base,
          channel: 'sms',
          to: user.mobile!,
          body: `${challenge.code} is your Contoso verification code.\n\n@${host} #${challenge.code}`,
          code: challenge.code!,
        });
        break;
      }
      case 'mobile-call':
      case 'office-call':
        this.#send({
          ...base,
          channel: 'call',
          to: challenge.type === 'mobile-call' ? user.mobile! : user.office!,
          body: 'This is Contoso. Press the pound key to confirm your password reset.',
        });
        break;
      case 'app-notification':
        this.#send({
          ...base,
          channel: 'push',
          to: 'Authenticator app',
          body: `Approve sign-in for ${user.username}? Enter the number shown to approve.`,
          numberToMatch: challenge.numberToMatch!,
        });
        break;
      default:
        break;
    }
  }

  /** Questions for a challenge; a decoy gets common ones whose answers nobody knows. */
  #pickQuestions(flow: FlowRecord) {
    const pool = flow.user?.questions ?? SEED_USERS[0]!.questions!.map((q) => ({ ...q, answer: randomToken() }));
    return pickQuestions(pool, this.options.questionsRequired);
  }

  #challengeView(flow: FlowRecord, c: ChallengeRecord): Challenge {
    const view: Challenge = { challengeId: c.id, methodId: c.methodId, type: c.type, hint: c.hint, expiresAt: iso(c.expiresAt) };
    const now = this.options.now();
    if (c.type === 'email' || c.type === 'mobile-sms' || c.type === 'app-notification' || c.type === 'mobile-call' || c.type === 'office-call') {
      view.resendAfter = Math.max(0, Math.ceil((c.resendAt - now) / 1000));
    }
    if (CODE_METHODS.includes(c.type)) view.codeLength = 6;
    // Security questions in the person's language where the backend has them (the flow's locale).
    const language = flow.locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
    if (c.questions) view.questions = c.questions.map(({ id, text, translations }) => ({ id, text: translations?.[language] ?? text }));
    if (c.numberToMatch !== undefined) view.numberToMatch = c.numberToMatch;
    if (!CODE_METHODS.includes(c.type) && c.type !== 'questions') view.pollAfter = this.options.pollAfterSeconds;
    return view;
  }

  #challenge(flow: FlowRecord, id: string): ChallengeRecord {
    const challenge = flow.challenges.get(id);
    if (!challenge) throw new Problem('not_found');
    if (challenge.status === 'pending' && this.options.now() > challenge.expiresAt) {
      challenge.status = 'expired';
      this.#settleFailure(flow, challenge);
    }
    return challenge;
  }

  async #verify(flow: FlowRecord, id: string, request: VerifyRequest): Promise<VerifyResponse> {
    const challenge = this.#challenge(flow, id);
    if (challenge.status === 'failed') throw new Problem('too_many_attempts', { attemptsRemaining: 0 });
    if (challenge.status === 'expired') throw new Problem('challenge_expired');
    if (challenge.status !== 'pending') throw new Problem('method_unavailable');
    if (!CODE_METHODS.includes(challenge.type) && challenge.type !== 'questions') {
      throw new Problem('invalid_request', { detail: 'this challenge is answered out of band; poll it' });
    }
    const good = await this.#check(flow, challenge, request);
    if (good) {
      challenge.status = 'verified';
      return { result: 'verified', attemptsRemaining: challenge.attemptsRemaining, ...this.#passGate(flow, challenge) };
    }
    challenge.attemptsRemaining -= 1;
    challenge.wrongAttempts += 1;
    const response: VerifyResponse = { result: 'rejected', attemptsRemaining: challenge.attemptsRemaining, gatesPassed: flow.passed.length };
    if (challenge.attemptsRemaining <= 0) {
      challenge.status = 'failed';
      this.#settleFailure(flow, challenge);
    } else if (challenge.type === 'questions') {
      challenge.questions = this.#pickQuestions(flow);
      response.challenge = this.#challengeView(flow, challenge);
    }
    return response;
  }

  async #check(flow: FlowRecord, challenge: ChallengeRecord, request: VerifyRequest): Promise<boolean> {
    const user = flow.user;
    if (!user) return false;
    if ('answers' in request) {
      const asked = challenge.questions ?? [];
      if (asked.length === 0) return false;
      return asked.every((q) => {
        const given = request.answers.find((a) => a.questionId === q.id);
        return given !== undefined && normalizeAnswer(given.answer) === normalizeAnswer(q.answer);
      });
    }
    const code = request.code.replace(/\s/g, '');
    if (challenge.type === 'app-code') {
      if (!user.authenticatorSecret) return false;
      const step = totpStep(this.options.now());
      for (const candidate of [step - 1, step, step + 1]) {
        if (user.usedTotpSteps.has(candidate)) continue;
        if ((await totp(user.authenticatorSecret, candidate * 30_000)) === code) {
          user.usedTotpSteps.add(candidate);
          return true;
        }
      }
      return false;
    }
    return challenge.code !== undefined && timingSafeEqual(challenge.code, code);
  }

  #passGate(flow: FlowRecord, challenge: ChallengeRecord): { gatesPassed: number; next: 'gate' | 'password' } {
    const family = FAMILY[challenge.type];
    if (!flow.passed.includes(family)) flow.passed.push(family);
    return { gatesPassed: flow.passed.length, next: flow.passed.length >= flow.gatesRequired ? 'password' : 'gate' };
  }

  #poll(flow: FlowRecord, id: string): PollResponse {
    const challenge = this.#challenge(flow, id);
    if (CODE_METHODS.includes(challenge.type) || challenge.type === 'questions') {
      throw new Problem('invalid_request', { detail: 'this challenge is answered with a code; verify it' });
    }
    if (challenge.status === 'approved') {
      challenge.status = 'verified';
      return { status: 'approved', ...this.#passGate(flow, challenge) };
    }
    if (challenge.status === 'verified') {
      return { status: 'approved', gatesPassed: flow.passed.length, next: flow.passed.length >= flow.gatesRequired ? 'password' : 'gate' };
    }
    return { status: publicStatus(challenge.status), gatesPassed: flow.passed.length };
  }

  async #resend(flow: FlowRecord, id: string): Promise<Challenge> {
    const challenge = this.#challenge(flow, id);
    if (challenge.type === 'app-code' || challenge.type === 'questions' || challenge.replaced) throw new Problem('method_unavailable');
    if (challenge.status === 'failed') throw new Problem('too_many_attempts', { attemptsRemaining: 0 });
    if (challenge.status === 'verified' || challenge.status === 'approved') throw new Problem('method_unavailable');
    const now = this.options.now();
    if (now < challenge.resendAt) throw new Problem('rate_limited', { retryAfter: Math.ceil((challenge.resendAt - now) / 1000) });
    const oob = challenge.type === 'app-notification' || challenge.type === 'mobile-call' || challenge.type === 'office-call';
    challenge.status = 'pending';
    // A settled failure (a denial, an expiry after wrong codes) stays counted; what follows counts anew.
    if (challenge.counted) {
      challenge.counted = false;
      challenge.wrongAttempts = 0;
    }
    challenge.expiresAt = now + (oob ? this.options.outOfBandTtlMs : this.options.codeTtlMs);
    challenge.resendAt = now + this.options.resendCooldownSeconds * 1000;
    this.#deliver(flow, challenge);
    return this.#challengeView(flow, challenge);
  }

  #resetPassword(flow: FlowRecord, newPassword: string) {
    if (flow.passed.length < flow.gatesRequired) throw new Problem('invalid_request', { detail: 'verification is not complete' });
    const policy = this.options.passwordPolicy;
    const reasons: PasswordReason[] = checkPassword(policy, flow.username, newPassword)
      .filter((r) => !r.ok)
      .map((r) => (r.limit === undefined ? { code: r.code } : { code: r.code, limit: r.limit }));
    const lowered = newPassword.toLowerCase();
    if (this.options.commonPasswords.some((p) => p.toLowerCase() === lowered)) reasons.push({ code: 'breached' });
    const user = flow.user;
    if (user?.passwordHistory.includes(newPassword)) reasons.push({ code: 'recently_used' });
    if (reasons.length > 0) throw new Problem('password_rejected', { reasons });
    this.#flows.delete(flow.token);
    if (!user) return { result: 'reset' as const, notified: [] };
    user.password = newPassword;
    user.passwordHistory = [newPassword, ...user.passwordHistory].slice(0, 5);
    const notified: Notified[] = [];
    if (this.options.notifyUsers) {
      const addresses = [user.username, user.email].filter((a): a is string => !!a);
      for (const to of addresses) {
        this.#send({
          channel: 'email',
          to,
          username: flow.username,
          subject: 'Your Contoso password was changed',
          body: `The password of ${user.username} was reset. If this wasn't you, contact your administrator at once.`,
        });
      }
      notified.push(...addresses.map((to) => ({ channel: 'email' as const, hint: maskEmail(to) })));
    }
    if (this.options.notifyAdmins && user.role === 'admin') {
      const admins = [...this.users.values()].filter((u) => u.role === 'admin' && u !== user);
      for (const admin of admins) {
        this.#send({
          channel: 'email',
          to: admin.username,
          username: normalizeUsername(admin.username),
          subject: 'An administrator reset their password',
          body: `${user.displayName} (${user.username}) reset their password with self-service password reset.`,
        });
      }
      if (admins.length > 0) notified.push({ channel: 'admins' });
    }
    return { result: 'reset' as const, notified };
  }

  /**
   * A failed verification is a challenge that ends without success after at
   * least one wrong attempt (attempts used up, replaced by another challenge,
   * expired, or its flow abandoned), or a denied push or call. Each challenge
   * counts once, so a person's typos cost one failure, and abandoning
   * challenges or flows before their last attempt gains an attacker nothing.
   */
  #settleFailure(flow: FlowRecord, challenge: ChallengeRecord, denied = false) {
    if (challenge.counted || challenge.status === 'verified' || challenge.status === 'approved') return;
    if (!denied && challenge.wrongAttempts === 0) return;
    challenge.counted = true;
    this.#recordFailure(flow);
  }

  /** Forget a flow; its open challenges with wrong attempts count as failures. */
  #endFlow(flow: FlowRecord) {
    this.#flows.delete(flow.token);
    for (const challenge of flow.challenges.values()) this.#settleFailure(flow, challenge);
  }

  #recordFailure(flow: FlowRecord) {
    const now = this.options.now();
    const lockout = this.#lockouts.get(flow.username) ?? { failures: [], lockedUntil: 0 };
    lockout.failures = [...lockout.failures.filter((t) => t > now - DAY), now];
    if (lockout.failures.length >= this.options.lockoutThreshold) lockout.lockedUntil = now + DAY;
    this.#lockouts.set(flow.username, lockout);
  }

  /** Whether a username (known or not) is locked out of reset now. */
  isLocked(username: string) {
    return (this.#lockouts.get(normalizeUsername(username))?.lockedUntil ?? 0) > this.options.now();
  }

  #flow(request: Request): FlowRecord {
    const header = request.headers.get('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const flow = token === undefined ? undefined : this.#flows.get(token);
    if (!flow || this.options.now() > flow.expiresAt) {
      if (flow) this.#endFlow(flow);
      throw new Problem('flow_expired');
    }
    if (this.isLocked(flow.username)) {
      this.#endFlow(flow);
      throw new Problem('locked_out');
    }
    return flow;
  }

  #findOutOfBand(challengeId: string, types: readonly MethodType[]) {
    for (const flow of this.#flows.values()) {
      const challenge = flow.challenges.get(challengeId);
      if (challenge && types.includes(challenge.type)) {
        this.#challenge(flow, challengeId);
        return { flow, challenge };
      }
    }
    throw new Problem('not_found');
  }

  #send(message: Omit<OutboxMessage, 'id' | 'time'>) {
    const full: OutboxMessage = { id: ++this.#messageId, time: this.options.now(), ...message };
    this.outbox.push(full);
    for (const listener of this.#listeners) listener(full);
  }
}

function publicStatus(status: ChallengeRecord['status']): PollResponse['status'] {
  if (status === 'verified') return 'approved';
  if (status === 'failed') return 'denied';
  return status;
}

async function body<T>(request: Request, schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  let data: unknown;
  try {
    data = await request.json();
  } catch {
    throw new Problem('invalid_request', { detail: 'the body is not JSON' });
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new Problem('invalid_request', { detail: 'the body does not match protocol v1' });
  return result.data;
}

function ok(body: unknown) {
  return { status: 200, body };
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

function iso(ms: number) {
  return new Date(ms).toISOString();
}

export function normalizeUsername(username: string) {
  return username.trim().normalize('NFKC').toLowerCase();
}

/** Trim, fold case and apply Unicode NFKC; inner runs of white space count as one. */
export function normalizeAnswer(answer: string) {
  return answer.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `adele.vance@fabrikam.com` → `a•••@fabrikam.com` */
export function maskEmail(email: string) {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** `+1 425 555 0134` → `+1 ••• ••• ••34` */
export function maskPhone(phone: string) {
  const country = /^\+\d{1,3}/.exec(phone)?.[0] ?? '';
  const digits = phone.replace(/\D/g, '');
  return `${country} ••• ••• ••${digits.slice(-2)}`.trim();
}

function randomInt(max: number) {
  // Rejection sampling keeps every value equally likely.
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  do crypto.getRandomValues(buffer);
  while (buffer[0]! >= limit);
  return buffer[0]! % max;
}

function randomDigits(length: number) {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

function randomToken(bytes = 32) {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buffer)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function pickQuestions(all: readonly SeedQuestion[], count: number) {
  const pool = [...all];
  const picked: SeedQuestion[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(randomInt(pool.length), 1)[0]!);
  return picked;
}

function timingSafeEqual(a: string, b: string) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

async function hashSeed(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return (digest[0]! << 8) | digest[1]!;
}
