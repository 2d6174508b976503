/**
 * Challenges: starting one for a method, what the widget is shown of it,
 * verifying a code or answers, polling a push or a call, resending, and the
 * person's answer to a push or a call on their device.
 */
import type { Challenge, MethodType, PollResponse, VerifyRequest, VerifyResponse } from '../protocol/schemas.js';
import { pickRandom, randomToken, timingSafeEqual } from './crypto.js';
import { deliverChallenge } from './delivery.js';
import { methodsOf } from './flows.js';
import { settleFailure } from './lockout.js';
import { familyOf, isCodeMethod, isPollMethod, isResendable } from './methods.js';
import { iso } from './options.js';
import { Problem } from './problem.js';
import { SEED_USERS } from './seed.js';
import type { ChallengeRecord, FlowRecord, MockState } from './state.js';
import { totp, totpStep } from './totp.js';

export function startChallenge(state: MockState, flow: FlowRecord, methodId: string): Challenge {
  const { options } = state;
  const method = methodsOf(state, flow).find((m) => m.id === methodId);
  if (!method || method.unavailable) throw new Problem('method_unavailable');
  if (flow.passed.length >= flow.gatesRequired) throw new Problem('method_unavailable');
  const now = options.now();
  const challenge: ChallengeRecord = {
    id: randomToken(12),
    methodId,
    type: method.type,
    hint: method.hint,
    expiresAt: now + lifetime(state, method.type),
    attemptsRemaining: options.maxAttempts,
    wrongAttempts: 0,
    resendAt: now + options.resendCooldownSeconds * 1000,
    status: 'pending',
  };
  // One live challenge at a time: earlier ones can neither verify nor be resent.
  for (const earlier of flow.challenges.values()) {
    if (earlier.status === 'pending' || earlier.status === 'denied') earlier.status = 'expired';
    earlier.replaced = true;
    settleFailure(state, flow, earlier);
  }
  flow.challenges.set(challenge.id, challenge);
  if (method.type === 'questions') challenge.questions = pickQuestions(state, flow);
  deliverChallenge(state, flow, challenge);
  return challengeView(state, flow, challenge);
}

/** How long a challenge of this type stays open: a push or a call waits less than a code. */
function lifetime(state: MockState, type: MethodType) {
  return isPollMethod(type) ? state.options.outOfBandTtlMs : state.options.codeTtlMs;
}

/** Questions for a challenge; a decoy gets common ones whose answers nobody knows. */
function pickQuestions(state: MockState, flow: FlowRecord) {
  const pool = flow.user?.questions ?? SEED_USERS[0]!.questions!.map((q) => ({ ...q, answer: randomToken() }));
  return pickRandom(pool, state.options.questionsRequired);
}

/** What the widget is shown of a challenge: never its code or answers. */
function challengeView(state: MockState, flow: FlowRecord, c: ChallengeRecord): Challenge {
  const view: Challenge = { challengeId: c.id, methodId: c.methodId, type: c.type, hint: c.hint, expiresAt: iso(c.expiresAt) };
  const now = state.options.now();
  if (isResendable(c.type)) view.resendAfter = Math.max(0, Math.ceil((c.resendAt - now) / 1000));
  if (isCodeMethod(c.type)) view.codeLength = 6;
  // Security questions in the person's language where the backend has them (the flow's locale).
  const language = flow.locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  if (c.questions) view.questions = c.questions.map(({ id, text, translations }) => ({ id, text: translations?.[language] ?? text }));
  if (c.numberToMatch !== undefined) view.numberToMatch = c.numberToMatch;
  if (isPollMethod(c.type)) view.pollAfter = state.options.pollAfterSeconds;
  return view;
}

/** A challenge of the flow, marked expired (and settled) once its time is up. */
function challengeOf(state: MockState, flow: FlowRecord, id: string): ChallengeRecord {
  const challenge = flow.challenges.get(id);
  if (!challenge) throw new Problem('not_found');
  if (challenge.status === 'pending' && state.options.now() > challenge.expiresAt) {
    challenge.status = 'expired';
    settleFailure(state, flow, challenge);
  }
  return challenge;
}

export async function verify(state: MockState, flow: FlowRecord, id: string, request: VerifyRequest): Promise<VerifyResponse> {
  const challenge = challengeOf(state, flow, id);
  if (challenge.status === 'failed') throw new Problem('too_many_attempts', { attemptsRemaining: 0 });
  if (challenge.status === 'expired') throw new Problem('challenge_expired');
  if (challenge.status !== 'pending') throw new Problem('method_unavailable');
  if (isPollMethod(challenge.type)) {
    throw new Problem('invalid_request', { detail: 'this challenge is answered out of band; poll it' });
  }
  const good = await check(state, flow, challenge, request);
  if (good) {
    challenge.status = 'verified';
    return { result: 'verified', attemptsRemaining: challenge.attemptsRemaining, ...passGate(flow, challenge) };
  }
  challenge.attemptsRemaining -= 1;
  challenge.wrongAttempts += 1;
  const response: VerifyResponse = { result: 'rejected', attemptsRemaining: challenge.attemptsRemaining, gatesPassed: flow.passed.length };
  if (challenge.attemptsRemaining <= 0) {
    challenge.status = 'failed';
    settleFailure(state, flow, challenge);
  } else if (challenge.type === 'questions') {
    challenge.questions = pickQuestions(state, flow);
    response.challenge = challengeView(state, flow, challenge);
  }
  return response;
}

/** Whether the code or the answers are right. A decoy's never are. */
async function check(state: MockState, flow: FlowRecord, challenge: ChallengeRecord, request: VerifyRequest): Promise<boolean> {
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
    // The code of this 30 s step or either neighbour, each step once.
    const step = totpStep(state.options.now());
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

function passGate(flow: FlowRecord, challenge: ChallengeRecord): { gatesPassed: number; next: 'gate' | 'password' } {
  const family = familyOf(challenge.type);
  if (!flow.passed.includes(family)) flow.passed.push(family);
  return { gatesPassed: flow.passed.length, next: flow.passed.length >= flow.gatesRequired ? 'password' : 'gate' };
}

export function poll(state: MockState, flow: FlowRecord, id: string): PollResponse {
  const challenge = challengeOf(state, flow, id);
  if (!isPollMethod(challenge.type)) {
    throw new Problem('invalid_request', { detail: 'this challenge is answered with a code; verify it' });
  }
  if (challenge.status === 'approved') {
    challenge.status = 'verified';
    return { status: 'approved', ...passGate(flow, challenge) };
  }
  if (challenge.status === 'verified') {
    return { status: 'approved', gatesPassed: flow.passed.length, next: flow.passed.length >= flow.gatesRequired ? 'password' : 'gate' };
  }
  return { status: publicStatus(challenge.status), gatesPassed: flow.passed.length };
}

export function resend(state: MockState, flow: FlowRecord, id: string): Challenge {
  const { options } = state;
  const challenge = challengeOf(state, flow, id);
  if (!isResendable(challenge.type) || challenge.replaced) throw new Problem('method_unavailable');
  if (challenge.status === 'failed') throw new Problem('too_many_attempts', { attemptsRemaining: 0 });
  if (challenge.status === 'verified' || challenge.status === 'approved') throw new Problem('method_unavailable');
  const now = options.now();
  if (now < challenge.resendAt) throw new Problem('rate_limited', { retryAfter: Math.ceil((challenge.resendAt - now) / 1000) });
  challenge.status = 'pending';
  // A settled failure (a denial, an expiry after wrong codes) stays counted; what follows counts anew.
  if (challenge.counted) {
    challenge.counted = false;
    challenge.wrongAttempts = 0;
  }
  challenge.expiresAt = now + lifetime(state, challenge.type);
  challenge.resendAt = now + options.resendCooldownSeconds * 1000;
  deliverChallenge(state, flow, challenge);
  return challengeView(state, flow, challenge);
}

/**
 * The person answers a push notification in the authenticator app. Approval
 * needs the number shown by the widget; a wrong number counts as a denial.
 */
export function answerPush(state: MockState, challengeId: string, answer: { approve: boolean; number?: number | undefined }): PollResponse['status'] {
  const { flow, challenge } = findOutOfBand(state, challengeId, ['app-notification']);
  if (challenge.status !== 'pending') return publicStatus(challenge.status);
  const approved = answer.approve && answer.number === challenge.numberToMatch;
  challenge.status = approved ? 'approved' : 'denied';
  if (!approved) settleFailure(state, flow, challenge, true);
  return challenge.status;
}

/** The person answers an automated call: presses # (approve) or hangs up. */
export function answerCall(state: MockState, challengeId: string, answer: { pressHash: boolean }): PollResponse['status'] {
  const { flow, challenge } = findOutOfBand(state, challengeId, ['mobile-call', 'office-call']);
  if (challenge.status !== 'pending') return publicStatus(challenge.status);
  challenge.status = answer.pressHash ? 'approved' : 'denied';
  if (!answer.pressHash) settleFailure(state, flow, challenge, true);
  return challenge.status;
}

/** A live challenge of one of `types`, in whichever flow it is. */
function findOutOfBand(state: MockState, challengeId: string, types: readonly MethodType[]) {
  for (const flow of state.flows.values()) {
    const challenge = flow.challenges.get(challengeId);
    if (challenge && types.includes(challenge.type)) {
      challengeOf(state, flow, challengeId);
      return { flow, challenge };
    }
  }
  throw new Problem('not_found');
}

function publicStatus(status: ChallengeRecord['status']): PollResponse['status'] {
  if (status === 'verified') return 'approved';
  if (status === 'failed') return 'denied';
  return status;
}

/** Trim, fold case and apply Unicode NFKC; inner runs of white space count as one. */
export function normalizeAnswer(answer: string) {
  return answer.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
