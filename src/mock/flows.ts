/**
 * Flows: starting one (captcha, rate limit, lockout), the methods it offers
 * and why some are not, finding it by its token, ending it, and the new
 * password that completes it. An unknown username gets a decoy flow that looks
 * like a real user's.
 */
import type { ConfigResponse, FlowResponse, Method, MethodType, PasswordResponse, StartFlowRequest, UnavailableReason } from '../protocol/schemas.js';
import { hashSeed, randomToken } from './crypto.js';
import { maskEmail, maskPhone, notifyReset } from './delivery.js';
import { settleFailure } from './lockout.js';
import { familyOf } from './methods.js';
import { iso, type ResolvedOptions } from './options.js';
import { passwordReasons, withNewPassword } from './policy.js';
import { Problem } from './problem.js';
import { normalizeUsername, type FlowRecord, type MockState } from './state.js';
import { MOCK_CAPTCHA_TOKEN } from './token.js';

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
  };
}

export async function startFlow(state: MockState, request: StartFlowRequest): Promise<FlowResponse> {
  const { options } = state;
  if (request.captchaToken !== MOCK_CAPTCHA_TOKEN) throw new Problem('captcha_failed');
  const now = options.now();
  const key = normalizeUsername(request.username);
  state.flowStarts.take(key, now, options.flowsPerMinute);

  // One live flow per username: starting over ends (and settles) the earlier ones.
  for (const earlier of [...state.flows.values()]) if (earlier.username === key) endFlow(state, earlier);
  const user = state.users.get(key) ?? null;
  if (state.lockouts.isLocked(key, options.now())) throw new Problem('locked_out');
  if (user?.enabled === false) throw new Problem('not_enabled');
  const flow: FlowRecord = {
    token: randomToken(),
    user,
    username: key,
    locale: request.locale,
    expiresAt: now + options.flowTtlMs,
    gatesRequired: user?.role === 'admin' ? 2 : options.gatesRequired,
    passed: [],
    challenges: new Map(),
    decoySeed: await hashSeed(key),
  };
  const methods = methodsOf(state, flow);
  const offered = new Set(methods.filter((m) => !m.unavailable).map((m) => familyOf(m.type)));
  if (offered.size < flow.gatesRequired) throw new Problem('not_enabled');
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
  if (!user) return decoyRegistered(flow);
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

/**
 * An unknown username looks like an ordinary user who registered every
 * method: plausible hints, stable across attempts (derived from a hash of
 * the name), the same policy rules. Nothing is ever sent and nothing verifies.
 */
function decoyRegistered(flow: FlowRecord): Array<[MethodType, string]> {
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

function unavailableReason(flow: FlowRecord, type: MethodType): UnavailableReason | undefined {
  if (type === 'questions' && flow.user?.role === 'admin') return 'admin-policy';
  if (flow.passed.includes(familyOf(type))) return 'already-used';
  if (flow.gatesRequired === 1 && NOT_ALONE.includes(type)) return 'not-alone';
  return undefined;
}

/** The live flow a request's Bearer token names; an expired or locked-out one ends here. */
export function flowOf(state: MockState, request: Request): FlowRecord {
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const flow = token === undefined ? undefined : state.flows.get(token);
  if (!flow || state.options.now() > flow.expiresAt) {
    if (flow) endFlow(state, flow);
    throw new Problem('flow_expired');
  }
  if (state.lockouts.isLocked(flow.username, state.options.now())) {
    endFlow(state, flow);
    throw new Problem('locked_out');
  }
  return flow;
}

/** Forget a flow; its open challenges with wrong attempts count as failures. */
export function endFlow(state: MockState, flow: FlowRecord) {
  state.flows.delete(flow.token);
  for (const challenge of flow.challenges.values()) settleFailure(state, flow, challenge);
}

/** The new password, once every gate is passed: it ends the flow, and the user is told. */
export function resetPassword(state: MockState, flow: FlowRecord, newPassword: string): PasswordResponse {
  if (flow.passed.length < flow.gatesRequired) throw new Problem('invalid_request', { detail: 'verification is not complete' });
  const { options } = state;
  const user = flow.user;
  const reasons = passwordReasons(options, flow.username, newPassword, user?.passwordHistory);
  if (reasons.length > 0) throw new Problem('password_rejected', { reasons });
  state.flows.delete(flow.token);
  if (!user) return { result: 'reset', notified: [] };
  user.password = newPassword;
  user.passwordHistory = withNewPassword(user.passwordHistory, newPassword);
  return { result: 'reset', notified: notifyReset(state, flow, user) };
}
