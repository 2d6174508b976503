/**
 * Flows: starting one (captcha, limits, lockout, room among the account's
 * flows), the methods it offers and why some are not, finding it by its token,
 * and the new password that completes it. An unknown username gets a decoy
 * flow shaped like a real account's (decoys.ts).
 */
import type {
  ConfigResponse,
  FlowResponse,
  Method,
  MethodType,
  PasswordResponse,
  StartFlowRequest,
  UnavailableReason,
} from '../protocol/schemas.js';
import { randomToken } from './crypto.js';
import { decoyRegistered, deriveDecoy, profileOf } from './decoys.js';
import { loadLanguages, maskEmail, maskPhone, notifyReset } from './delivery.js';
import { rateLimited, takeFlowStart } from './limits.js';
import { endFlow, lockedOut } from './lockout.js';
import { familyOf } from './methods.js';
import { iso, type ResolvedOptions } from './options.js';
import { passwordReasons, withNewPassword } from './policy.js';
import { Problem } from './problem.js';
import { normalizeUsername, type FlowRecord, type MockState } from './state.js';
import { MOCK_CAPTCHA_TOKEN } from './token.js';

export { endFlow } from './lockout.js';

/** With one gate required, these may not be the only proof: the app's bare approval, security questions. */
const NOT_ALONE: readonly MethodType[] = ['app-notification', 'questions'];

export function configOf(options: ResolvedOptions): ConfigResponse {
  return {
    protocol: 1,
    captcha: { provider: options.captchaProvider, siteKey: 'mock-site-key' },
    passwordPolicy: options.passwordPolicy,
    methods: [...options.methods],
    gatesRequired: options.gatesRequired,
    brandName: 'Contoso',
    usernameExample: 'user@contoso.com',
  };
}

export async function startFlow(state: MockState, request: StartFlowRequest): Promise<FlowResponse> {
  const { options } = state;
  // ALTCHA's verifier (and altcha-lib) load only where the tenant uses it.
  if (options.captchaProvider === 'altcha') await (await import('./altcha.js')).checkCaptcha(state, request.captchaToken);
  else if (request.captchaToken !== MOCK_CAPTCHA_TOKEN) throw new Problem('captcha_failed');
  const account = normalizeUsername(request.username);
  // The one wait comes first, for real and unknown names alike (one HMAC each, and
  // the tables of the languages its messages may need); every check and count after
  // it is one synchronous step.
  const [decoy] = await Promise.all([deriveDecoy(state, account), loadLanguages(state, request.locale)]);
  takeFlowStart(state, account);
  if (state.lockouts.isLocked(account)) throw lockedOut(state, account);
  const user = state.users.get(account) ?? null;
  const now = options.now();
  const flow: FlowRecord = {
    id: randomToken(12),
    token: randomToken(),
    user,
    decoy,
    username: account,
    locale: request.locale,
    expiresAt: now + options.flowTtlMs,
    lastSeen: now,
    gatesRequired: 1,
    passed: [],
    challenges: new Map(),
    sends: 0,
    failures: 0,
    attemptsTaken: 0,
    tainted: false,
  };
  const profile = profileOf(flow);
  if (profile.enabled === false) throw new Problem('not_enabled');
  flow.gatesRequired = profile.role === 'admin' ? 2 : options.gatesRequired;
  const methods = methodsOf(state, flow);
  const offered = new Set(methods.filter((m) => !m.unavailable).map((m) => familyOf(m.type)));
  if (offered.size < flow.gatesRequired) throw new Problem('not_enabled');
  makeRoom(state, account, now);
  state.flows.set(flow.token, flow);
  return {
    flowToken: flow.token,
    expiresAt: iso(flow.expiresAt),
    gatesRequired: flow.gatesRequired,
    gatesPassed: 0,
    methods,
    passwordPolicy: options.passwordPolicy,
  };
}

/**
 * At most `flowsPerAccount` live flows per account: a new one ends the least
 * recently used flow if it has been idle `flowIdleMs`, else it waits. A person
 * who is using their flow keeps it whoever starts flows for their name.
 */
function makeRoom(state: MockState, account: string, now: number) {
  const { flowsPerAccount, flowIdleMs } = state.options;
  const mine = [...state.flows.values()].filter((f) => f.username === account);
  for (const f of mine) if (now > f.expiresAt) endFlow(state, f);
  const open = mine.filter((f) => !f.ended).sort((a, b) => a.lastSeen - b.lastSeen);
  while (open.length >= flowsPerAccount) {
    const oldest = open.shift()!;
    if (now - oldest.lastSeen < flowIdleMs) throw rateLimited(oldest.lastSeen + flowIdleMs - now);
    endFlow(state, oldest);
  }
}

/** A method as the mock offers it: of a type it knows, for a reason it knows. */
export interface OfferedMethod extends Method {
  type: MethodType;
  unavailable?: UnavailableReason;
}

/** The methods of a flow, each with why it is not offered where it is not. */
export function methodsOf(state: MockState, flow: FlowRecord): OfferedMethod[] {
  const enabled = state.options.methods;
  return registered(state, flow)
    .filter(([type]) => enabled.includes(type))
    .sort(([a], [b]) => enabled.indexOf(a) - enabled.indexOf(b))
    .map(([type, hint]) => {
      const unavailable = unavailableReason(flow, type);
      return unavailable ? { id: type, type, hint, unavailable } : { id: type, type, hint };
    });
}

/** What the person registered, with masked hints. */
function registered(state: MockState, flow: FlowRecord): Array<[MethodType, string]> {
  const user = flow.user;
  if (!user) return decoyRegistered(state, flow);
  const registered: Array<[MethodType, string]> = [];
  // The app's hint would be the device's name; the seed users' devices have none.
  if (user.authenticatorSecret) registered.push(['app-notification', ''], ['app-code', '']);
  if (user.email) registered.push(['email', maskEmail(user.email)]);
  if (user.mobile) registered.push(['mobile-sms', maskPhone(user.mobile)], ['mobile-call', maskPhone(user.mobile)]);
  if (user.office) registered.push(['office-call', maskPhone(user.office)]);
  // Fewer questions registered than are asked is not registered at all.
  if ((user.questions?.length ?? 0) >= state.options.questionsRequired) registered.push(['questions', '']);
  return registered;
}

/** Questions are never the only gate and never for administrators; a second gate needs another family. */
function unavailableReason(flow: FlowRecord, type: MethodType): UnavailableReason | undefined {
  if (type === 'questions' && profileOf(flow).role === 'admin') return 'admin-policy';
  if (flow.passed.includes(familyOf(type))) return 'already-used';
  if (flow.gatesRequired === 1 && NOT_ALONE.includes(type)) return 'not-alone';
  return undefined;
}

/**
 * The live flow a request's Bearer token names; an expired one, or a locked
 * one with failures, ends here (`checkLock` false: DELETE ends it anyway).
 */
export function flowOf(state: MockState, request: Request, checkLock = true): FlowRecord {
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header)?.[1];
  const flow = token === undefined ? undefined : state.flows.get(token);
  const now = state.options.now();
  if (!flow || now > flow.expiresAt) {
    if (flow) endFlow(state, flow);
    // RFC 6750 §3: no error code when the request carried no credentials.
    throw new Problem('flow_expired', {}, { 'www-authenticate': header === '' ? 'Bearer' : 'Bearer error="invalid_token"' });
  }
  if (checkLock && flow.tainted && state.lockouts.isLocked(flow.username)) {
    endFlow(state, flow);
    throw lockedOut(state, flow.username);
  }
  flow.lastSeen = now;
  return flow;
}

/** The new password, once every gate is passed: it ends the flow, and the user is told. */
export function resetPassword(state: MockState, flow: FlowRecord, newPassword: string): PasswordResponse {
  if (flow.passed.length < flow.gatesRequired) throw new Problem('invalid_request', { detail: 'verification is not complete' });
  const { options } = state;
  const user = flow.user;
  const reasons = passwordReasons(options, flow.username, newPassword, user?.passwordHistory);
  if (reasons.length > 0) throw new Problem('password_rejected', { reasons });
  endFlow(state, flow);
  if (!user) return { result: 'reset', notified: [] };
  state.lockouts.succeeded(flow.username);
  user.password = newPassword;
  user.passwordHistory = withNewPassword(user.passwordHistory, newPassword);
  return { result: 'reset', notified: notifyReset(state, flow, user) };
}
