/**
 * The reset flow as a pure reducer: `state = reduce(state, event)`.
 *
 * No DOM, no fetch, no clock: time arrives inside events. This is the single
 * place that decides which step comes next, what a backend answer or failure
 * means for the person, and which methods can still be chosen.
 */
import type { ResetErrorCode, ResetErrorDetails } from '../protocol/errors.js';
import {
  isKnownMethodType,
  METHOD_FAMILY,
  type Challenge,
  type ConfigResponse,
  type FlowResponse,
  type Method,
  type MethodType,
  type Next,
  type Notified,
  type PasswordPolicy,
  type PollResponse,
  type VerifyResponse,
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
export type ValidationCode = 'username_missing' | 'captcha_missing' | 'code_missing' | 'answers_missing' | 'password_invalid';

/** What went wrong, as the person is told; never a secret. */
export interface FlowError extends ResetErrorDetails {
  /** A failed request's code, a rejected code or answers, or a refused input. */
  code: ResetErrorCode | 'wrong_code' | 'wrong_answers' | ValidationCode;
}

/**
 * What the person typed that the view needs to show feedback on (the live
 * password rules, the mismatch), and a code the browser handed over (WebOTP).
 * Cleared whenever the step changes. It never leaves the controller: no event
 * or property carries it.
 */
export interface Draft {
  password: string;
  confirm: string;
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
  /** Why the person cannot go on (`locked_out`, `not_enabled`). */
  blocked: 'locked_out' | 'not_enabled' | null;
  notified: readonly Notified[];
  draft: Draft;
}

export type FlowEvent =
  | { type: 'configLoaded'; config: ConfigResponse }
  | { type: 'prefill'; username: string }
  | { type: 'requestStarted'; busy: Busy }
  | { type: 'requestFailed'; error: FlowError & { code: ResetErrorCode } }
  /** A request was abandoned (the element left the page): nothing is in flight any more. */
  | { type: 'requestAborted' }
  | { type: 'invalidInput'; error: { code: ValidationCode } }
  /** The person typed (or the browser filled in) some of the current step's draft. */
  | { type: 'edited'; draft: Partial<Draft> }
  | { type: 'flowStarted'; username: string; flow: FlowResponse }
  | { type: 'challengeStarted'; challenge: Challenge; now: number }
  | { type: 'verifyAnswered'; response: VerifyResponse; now: number }
  | { type: 'pollAnswered'; response: PollResponse }
  | { type: 'chooseAnother' }
  | { type: 'passwordReset'; notified: readonly Notified[] }
  | { type: 'restart' }
  /** Another backend: forget everything but the username and load its config. */
  | { type: 'reset' };

const NO_DRAFT: Draft = { password: '', confirm: '', code: '' };

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
  blocked: null,
  notified: [],
  draft: NO_DRAFT,
};

/** Start state with a username prefilled (the `username` attribute). */
export function createState(username = ''): FlowState {
  return { ...initialState, username };
}

export function reduce(state: FlowState, event: FlowEvent): FlowState {
  const next = transition(state, event);
  // What was typed belongs to the step it was typed on.
  return next.step === state.step || next.draft === NO_DRAFT ? next : { ...next, draft: NO_DRAFT };
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
      return failed({ ...state, busy: null }, event.error);

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
  }
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

/** What a failure means for where the person is. */
function failed(state: FlowState, error: FlowError): FlowState {
  switch (error.code) {
    case 'locked_out':
    case 'not_enabled':
      return { ...state, step: 'blocked', blocked: error.code, error: null, challenge: null };
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

/** Seconds until a resend is allowed, given the clock. */
export function resendSecondsLeft(state: FlowState, now: number): number {
  return Math.max(0, Math.ceil((state.resendAt - now) / 1000));
}
