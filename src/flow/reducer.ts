/**
 * The reset flow as a pure reducer: `state = reduce(state, event)`.
 *
 * No DOM, no fetch, no clock: time arrives inside events. This is the single
 * place that decides which step comes next, what a backend answer or failure
 * means for the person, and which methods can still be chosen.
 */
import type { ResetErrorCode, ResetErrorDetails } from '../protocol/errors.js';
import { isKnownMethodType, METHOD_FAMILY } from '../protocol/constants.js';
import type {
  Challenge,
  ConfigResponse,
  FlowResponse,
  Method,
  MethodType,
  Next,
  Notified,
  PasswordPolicy,
  PollResponse,
  VerifyResponse,
} from '../protocol/schemas.js';

/** A method of a type this version knows: the only kind the flow offers (unknown types are left out). */
export type KnownMethod = Method & { type: MethodType };
/** A challenge of a type this version knows: the only kind the flow shows. */
export type KnownChallenge = Challenge & { type: MethodType };

/** The wizard's steps, in the order a person meets them. */
export type StepName = 'loading' | 'identify' | 'methods' | 'challenge' | 'password' | 'done' | 'blocked';

/** Which request is in flight. */
export type Busy = 'config' | 'start' | 'challenge' | 'verify' | 'resend' | 'password';

/** What a step's own check of its inputs refuses, before any request. */
export type ValidationCode =
  | 'username_missing'
  | 'captcha_missing'
  | 'code_missing'
  | 'code_format'
  | 'answers_missing'
  | 'method_missing'
  | 'password_invalid'
  | 'password_mismatch';

/** What went wrong, as the person is told; never a secret. */
export interface FlowError extends ResetErrorDetails {
  /** A failed request's code, a rejected code or answers, or a refused input. */
  code: ResetErrorCode | 'wrong_code' | 'wrong_answers' | ValidationCode;
  /** The failed answer's request id, shown as the support code. */
  requestId?: string | undefined;
  /** The page id of the input this error is about (a refused input), shown next to it and tied to it only. */
  field?: string | undefined;
}

/** How long before the flow expires the person is warned. */
export const EXPIRY_WARNING_MS = 2 * 60 * 1000;

/**
 * What the person typed that the view needs to show feedback on (the live
 * password rules, the mismatch), and a code the browser handed over (WebOTP).
 * Cleared whenever the step changes. It never leaves the controller: no event
 * or property carries it.
 */
export interface Draft {
  password: string;
  confirm: string;
  /** The person asked to see the passwords they type (the show/hide toggle). */
  reveal: boolean;
  /** An SMS code the browser read from the message, filled into the code field. */
  code: string;
}

/** How the current challenge stands when it can no longer be answered as is. */
export type ChallengeOutcome = 'denied' | 'expired' | 'failed';

export interface FlowState {
  step: StepName;
  busy: Busy | null;
  error: FlowError | null;
  config: ConfigResponse | null;
  username: string;
  gatesRequired: number;
  gatesPassed: number;
  /** The person's methods of known types, in the backend's order. */
  methods: readonly KnownMethod[];
  /** Method ids verified in this flow. */
  usedMethodIds: readonly string[];
  passwordPolicy: PasswordPolicy | null;
  challenge: KnownChallenge | null;
  /** Set when the challenge was denied, expired, or ran out of attempts. */
  outcome: ChallengeOutcome | null;
  /** Clock time (ms) from which a resend is allowed. */
  resendAt: number;
  /** Clock time (ms) from which the current step's main action may be sent again (after `rate_limited`); 0 for now. */
  retryAt: number;
  /** Clock time (ms) at which the flow expires; 0 when unknown (no flow, or a clock that disagrees with the backend's). */
  expiresAt: number;
  /** The person was warned that the flow expires soon. */
  expiring: boolean;
  /** Clock time (ms) at which the current challenge expires; 0 when unknown. */
  challengeExpiresAt: number;
  /** Why the person cannot go on (`locked_out`, `not_enabled`). */
  blocked: 'locked_out' | 'not_enabled' | null;
  /** Clock time (ms) at which the lock ends (`locked_out`); 0 when the backend didn't say. */
  lockedUntil: number;
  /** The support code last copied to the clipboard. */
  copied: string;
  notified: readonly Notified[];
  draft: Draft;
}

export type FlowEvent =
  | { type: 'configLoaded'; config: ConfigResponse }
  | { type: 'prefill'; username: string }
  | { type: 'requestStarted'; busy: Busy }
  /** `now` (the clock) places a wait the backend asked for (`retryAfter`) in time. */
  | { type: 'requestFailed'; error: FlowError & { code: ResetErrorCode }; now?: number }
  /** A request was abandoned (the element left the page): nothing is in flight any more. */
  | { type: 'requestAborted' }
  /** What the person entered cannot be sent; `field` is the page id of the input at fault, whose error it is. */
  | { type: 'invalidInput'; error: { code: ValidationCode; field?: string } }
  /** The person typed (or the browser filled in) some of the current step's draft. */
  | { type: 'edited'; draft: Partial<Draft> }
  /** `now` tells whether the flow's `expiresAt` can be trusted on this clock (not already past). */
  | { type: 'flowStarted'; username: string; flow: FlowResponse; now?: number }
  | { type: 'challengeStarted'; challenge: Challenge; now: number }
  | { type: 'verifyAnswered'; response: VerifyResponse; now: number }
  | { type: 'pollAnswered'; response: PollResponse }
  | { type: 'chooseAnother' }
  | { type: 'passwordReset'; notified: readonly Notified[] }
  | { type: 'restart' }
  /** The clock reached a deadline (`nextDeadline`): warn that the flow expires soon, expire it, or expire the challenge. */
  | { type: 'tick'; now: number }
  /** The support code was copied to the clipboard. */
  | { type: 'copied'; requestId: string }
  /** Another backend: forget everything but the username and load its config. */
  | { type: 'reset' };

const NO_DRAFT: Draft = { password: '', confirm: '', code: '', reveal: false };

export const initialState: FlowState = {
  step: 'loading',
  busy: null,
  error: null,
  config: null,
  username: '',
  gatesRequired: 1,
  gatesPassed: 0,
  methods: [],
  usedMethodIds: [],
  passwordPolicy: null,
  challenge: null,
  outcome: null,
  resendAt: 0,
  retryAt: 0,
  expiresAt: 0,
  expiring: false,
  challengeExpiresAt: 0,
  blocked: null,
  lockedUntil: 0,
  copied: '',
  notified: [],
  draft: NO_DRAFT,
};

/** Start state with a username prefilled (the `username` attribute). */
export function createState(username = ''): FlowState {
  return { ...initialState, username };
}

export function reduce(state: FlowState, event: FlowEvent): FlowState {
  const next = transition(state, event);
  // What was typed, and a wait for the step's action, belong to the step.
  return next.step === state.step ? next : { ...next, draft: NO_DRAFT, retryAt: 0 };
}

function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'configLoaded':
      return { ...state, config: event.config, busy: null, error: null, step: state.step === 'loading' ? 'identify' : state.step };

    case 'prefill':
      // The host may change the prefilled user ID until a flow starts, never during one.
      return state.step === 'loading' || state.step === 'identify' ? { ...state, username: event.username } : state;

    case 'requestStarted':
      return { ...state, busy: event.busy, error: null };

    case 'invalidInput':
      return { ...state, error: event.error };

    case 'requestFailed':
      return failed({ ...state, busy: null }, event.error, state.busy, event.now);

    case 'requestAborted':
      return { ...state, busy: null };

    case 'edited':
      return { ...state, draft: { ...state.draft, ...event.draft } };

    case 'flowStarted':
      return {
        ...state,
        busy: null,
        error: null,
        username: event.username,
        step: 'methods',
        gatesRequired: event.flow.gatesRequired,
        gatesPassed: event.flow.gatesPassed,
        // A method of a type this version doesn't know is left out (protocol v1 grows by additions).
        methods: event.flow.methods.filter(isKnown),
        usedMethodIds: [],
        passwordPolicy: event.flow.passwordPolicy,
        challenge: null,
        outcome: null,
        expiresAt: future(event.flow.expiresAt, event.now),
        expiring: false,
      };

    case 'challengeStarted':
      // Only known methods are offered, so a challenge of another type is the backend's surprise: choose again.
      if (!isKnown(event.challenge)) return failed({ ...state, busy: null }, { code: 'method_unavailable' });
      return {
        ...state,
        busy: null,
        error: null,
        step: 'challenge',
        challenge: event.challenge,
        challengeExpiresAt: future(event.challenge.expiresAt, event.now),
        outcome: null,
        resendAt: event.now + (event.challenge.resendAfter ?? 0) * 1000,
      };

    case 'verifyAnswered': {
      const { response } = event;
      if (response.result === 'verified') return gatePassed(state, response.gatesPassed, response.next);
      // A replacement challenge continues the current one (same method, same view).
      const challenge = response.challenge && state.challenge ? { ...response.challenge, type: state.challenge.type } : state.challenge;
      const exhausted = response.attemptsRemaining <= 0;
      return {
        ...state,
        busy: null,
        challenge,
        challengeExpiresAt: response.challenge ? future(response.challenge.expiresAt, event.now) : state.challengeExpiresAt,
        outcome: exhausted ? 'failed' : null,
        error: exhausted
          ? null
          : {
              code: challenge?.type === 'questions' ? 'wrong_answers' : 'wrong_code',
              attemptsRemaining: response.attemptsRemaining,
            },
      };
    }

    case 'pollAnswered': {
      const { response } = event;
      if (state.step !== 'challenge') return state;
      if (response.status === 'approved') return gatePassed(state, response.gatesPassed, response.next);
      if (response.status === 'pending') return state;
      return { ...state, busy: null, outcome: response.status };
    }

    case 'chooseAnother':
      return { ...state, step: 'methods', challenge: null, outcome: null, error: null, busy: null };

    case 'passwordReset':
      return { ...state, busy: null, error: null, step: 'done', notified: event.notified, challenge: null };

    case 'restart':
      return {
        ...createState(state.username),
        config: state.config,
        step: state.config ? 'identify' : 'loading',
      };

    case 'reset':
      return createState(state.username);

    case 'tick': {
      const { now } = event;
      if (nextDeadline(state) === undefined) return state;
      if (state.expiresAt && now >= state.expiresAt) return failed(state, { code: 'flow_expired' });
      const expiring = state.expiring || (state.expiresAt > 0 && now >= state.expiresAt - EXPIRY_WARNING_MS);
      const expired =
        state.step === 'challenge' && state.outcome === null && state.challengeExpiresAt > 0 && now >= state.challengeExpiresAt;
      return expiring === state.expiring && !expired ? state : { ...state, expiring, ...(expired && { outcome: 'expired', error: null }) };
    }

    case 'copied':
      return { ...state, copied: event.requestId };
  }
}

/** An RFC 3339 time as clock time (ms), if it is still ahead of `now` (a clock far off the backend's is not trusted); else 0. */
function future(time: string, now = -Infinity): number {
  const at = Date.parse(time);
  return at > now ? at : 0;
}

/**
 * The next clock time at which the flow changes by itself: the warning before
 * the flow expires, its expiry, the current challenge's expiry. None while a
 * request is in flight (its answer decides), or outside a flow.
 */
export function nextDeadline(state: FlowState): number | undefined {
  const { step, busy, expiresAt, expiring, challengeExpiresAt, outcome } = state;
  if (busy !== null || (step !== 'methods' && step !== 'challenge' && step !== 'password')) return undefined;
  const times = [expiresAt && (expiring ? expiresAt : expiresAt - EXPIRY_WARNING_MS)];
  if (step === 'challenge' && outcome === null) times.push(challengeExpiresAt);
  const at = Math.min(...times.filter((t) => t > 0));
  return Number.isFinite(at) ? at : undefined;
}

function isKnown<T extends { type: string }>(item: T): item is T & { type: MethodType } {
  return isKnownMethodType(item.type);
}

function gatePassed(state: FlowState, gatesPassed: number, next: Next | undefined): FlowState {
  const usedMethodIds = state.challenge ? [...state.usedMethodIds, state.challenge.methodId] : state.usedMethodIds;
  const done = next === 'password' || (next === undefined && gatesPassed >= state.gatesRequired);
  return {
    ...state,
    busy: null,
    error: null,
    gatesPassed,
    usedMethodIds,
    challenge: null,
    outcome: null,
    step: done ? 'password' : 'methods',
  };
}

/** What a failure means for where the person is; `busy` is the request that failed, `now` the clock. */
function failed(state: FlowState, error: FlowError, busy: Busy | null = null, now = 0): FlowState {
  const wait = now + (error.retryAfter ?? 0) * 1000;
  switch (error.code) {
    case 'locked_out':
    case 'not_enabled': {
      // The error stays: the blocked screen shows its support code.
      const until = error.lockedUntil ? Date.parse(error.lockedUntil) : error.retryAfter !== undefined && now ? wait : 0;
      return {
        ...state,
        step: 'blocked',
        blocked: error.code,
        error,
        challenge: null,
        lockedUntil: error.code === 'locked_out' ? until : 0,
      };
    }
    case 'rate_limited':
      // The refused action stays unavailable for as long as the backend asked: a resend, or the step's main action.
      if (!now || !error.retryAfter) return { ...state, error };
      return busy === 'resend' ? { ...state, error, resendAt: Math.max(state.resendAt, wait) } : { ...state, error, retryAt: wait };
    case 'flow_expired':
      return { ...createState(state.username), config: state.config, step: state.config ? 'identify' : 'loading', error };
    case 'challenge_expired':
      return state.step === 'challenge' ? { ...state, outcome: 'expired', error: null } : { ...state, error };
    case 'too_many_attempts':
      return state.step === 'challenge' ? { ...state, outcome: 'failed', error: null } : { ...state, error };
    case 'method_unavailable':
      return { ...state, step: state.step === 'challenge' ? 'methods' : state.step, challenge: null, outcome: null, error };
    default:
      return { ...state, error };
  }
}

/** Whether a method can be chosen now, and if not, why (a reason the backend gave may be one this version doesn't know). */
export function methodAvailability(state: FlowState, method: Method): Method['unavailable'] | undefined {
  if (method.unavailable) return method.unavailable;
  const family = (m: Method) => (isKnownMethodType(m.type) ? METHOD_FAMILY[m.type] : undefined);
  const usedFamilies = new Set(state.methods.filter((m) => state.usedMethodIds.includes(m.id)).map(family));
  return usedFamilies.has(family(method)) ? 'already-used' : undefined;
}

/** Whole seconds from `now` until `at` (clock times in ms), at least 0. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Seconds until a resend is allowed, given the clock. */
export function resendSecondsLeft(state: FlowState, now: number): number {
  return secondsUntil(state.resendAt, now);
}
