/**
 * Challenges: starting one for a method, what the widget is shown of it,
 * verifying a code or answers, polling a push or a call, resending, and the
 * person's answer to a push or a call on their device.
 *
 * Attempts are taken before any wait, and a TOTP step is used with one
 * `Counters.take`, so parallel guesses are held to the limit. A verification
 * does the same work for a decoy as for a real account (decoys.ts).
 */
import type { Challenge, MethodType, PollResponse, VerifyRequest, VerifyResponse } from '../protocol/schemas.js';
import { pickRandom, randomToken } from './crypto.js';
import { decoyQuestions, decoyTotpKey } from './decoys.js';
import { deliverChallenge, questionText } from './delivery.js';
import { methodsOf } from './flows.js';
import { cooldownKey, takeSend } from './limits.js';
import { endFlow, recordWrongAttempt, settleFailure } from './lockout.js';
import { familyOf, isCodeMethod, isPollMethod, isResendable } from './methods.js';
import { iso } from './options.js';
import { Problem } from './problem.js';
import { SEED_USERS } from './seed.js';
import type { ChallengeRecord, FlowRecord, MockState } from './state.js';
import { base32Decode, hotpWith, TOTP_STEP_SECONDS, totpStep } from './totp.js';

export function startChallenge(state: MockState, flow: FlowRecord, methodId: string): Challenge {
  const { options } = state;
  const method = methodsOf(state, flow).find((m) => m.id === methodId);
  if (!method || method.unavailable || flow.passed.length >= flow.gatesRequired) throw new Problem('method_unavailable');
  takeSend(state, flow, method.type);
  replaceAll(state, flow);
  const now = options.now();
  const challenge: ChallengeRecord = {
    id: randomToken(12),
    methodId,
    type: method.type,
    hint: method.hint,
    expiresAt: Math.min(now + lifetime(state, method.type), flow.expiresAt),
    attemptsTaken: 0,
    wrongAttempts: 0,
    status: 'pending',
  };
  flow.challenges.set(challenge.id, challenge);
  if (method.type === 'questions') challenge.questions = pickQuestions(state, flow);
  deliverChallenge(state, flow, challenge);
  return challengeView(state, flow, challenge);
}

/** One live challenge at a time: earlier ones can neither verify nor be resent, and settle. */
function replaceAll(state: MockState, flow: FlowRecord) {
  for (const earlier of flow.challenges.values()) {
    if (earlier.replaced) continue;
    if (earlier.status === 'pending' || earlier.status === 'denied') earlier.status = 'expired';
    earlier.replaced = true;
    settleFailure(state, flow, earlier);
  }
}

/** How long a challenge of this type stays open: a push or a call waits less than a code. */
function lifetime(state: MockState, type: MethodType) {
  return isPollMethod(type) ? state.options.outOfBandTtlMs : state.options.codeTtlMs;
}

/** Questions for a challenge; a decoy gets its look-alike's, with answers nobody knows. */
function pickQuestions(state: MockState, flow: FlowRecord) {
  const pool = flow.user?.questions ?? decoyQuestions(flow, SEED_USERS[0]!.questions!);
  return pickRandom(pool, state.options.questionsRequired);
}

/** What the widget is shown of a challenge: never its code or answers. */
function challengeView(state: MockState, flow: FlowRecord, c: ChallengeRecord): Challenge {
  const view: Challenge = { challengeId: c.id, methodId: c.methodId, type: c.type, hint: c.hint, expiresAt: iso(c.expiresAt) };
  if (isResendable(c.type)) view.resendAfter = Math.ceil(state.counters.ttl(cooldownKey(flow.username, c.type)) / 1000);
  if (isCodeMethod(c.type)) view.codeLength = 6;
  // Security questions in the person's language (the flow's locale); ids and answers do not change with it.
  if (c.questions) view.questions = c.questions.map((q) => ({ id: q.id, text: questionText(flow.locale, q) }));
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

/** Why a challenge takes no attempt in its state (checked before an attempt is taken, and again after the wait). */
function refusal(state: MockState, flow: FlowRecord, c: ChallengeRecord): Problem | undefined {
  if (c.status === 'verified' || c.status === 'approved') return new Problem('method_unavailable');
  if (c.status === 'failed' || attemptsLeft(state, flow, c) <= 0) return new Problem('too_many_attempts', { attemptsRemaining: 0 });
  if (c.status !== 'pending' || flow.ended) return new Problem('challenge_expired');
  return undefined;
}

/** Attempts the challenge still takes: its own, and no more than its flow has left. */
function attemptsLeft(state: MockState, flow: FlowRecord, c: ChallengeRecord) {
  const { maxAttempts, attemptsPerFlow } = state.options;
  return Math.min(maxAttempts - c.attemptsTaken, attemptsPerFlow - flow.attemptsTaken);
}

/** The flow's last attempt was used: it ends (its open challenge settles as a failure). */
function endIfSpent(state: MockState, flow: FlowRecord) {
  if (flow.attemptsTaken >= state.options.attemptsPerFlow) endFlow(state, flow);
}

export async function verify(state: MockState, flow: FlowRecord, id: string, request: VerifyRequest): Promise<VerifyResponse> {
  const challenge = challengeOf(state, flow, id);
  if (isPollMethod(challenge.type)) throw new Problem('invalid_request', { detail: 'this challenge is answered out of band; poll it' });
  if ('answers' in request !== (challenge.type === 'questions')) {
    throw new Problem('invalid_request', { detail: challenge.type === 'questions' ? 'answer with answers' : 'answer with a code' });
  }
  const before = refusal(state, flow, challenge);
  if (before) throw before;
  // The attempt is taken now, before any wait: parallel guesses cannot outrun the limits.
  challenge.attemptsTaken += 1;
  flow.attemptsTaken += 1;
  const attemptsRemaining = attemptsLeft(state, flow, challenge);
  const right = (await matches(state, flow, challenge, request)) && flow.user !== null;
  const after = refusal(state, flow, challenge);
  if (!right) {
    challenge.wrongAttempts += 1;
    recordWrongAttempt(state, flow);
  }
  // Another attempt settled the challenge while this one was evaluated: answer as if this one came after it.
  if (after && !(after.code === 'too_many_attempts' && challenge.status === 'pending')) throw after;
  if (right) {
    challenge.status = 'verified';
    return { result: 'verified', attemptsRemaining, ...passGate(flow, challenge) };
  }
  const response: VerifyResponse = { result: 'rejected', attemptsRemaining, gatesPassed: flow.passed.length };
  if (challenge.wrongAttempts >= state.options.maxAttempts || flow.attemptsTaken >= state.options.attemptsPerFlow) {
    challenge.status = 'failed';
    settleFailure(state, flow, challenge);
    endIfSpent(state, flow);
  } else if (challenge.type === 'questions' && attemptsRemaining > 0) {
    challenge.questions = pickQuestions(state, flow);
    response.challenge = challengeView(state, flow, challenge);
  }
  return response;
}

/**
 * Whether the code or the answers match, with the same work for every account:
 * three HMACs for an app code, one comparison per code or asked question, no
 * early exit. A decoy has codes, keys and answers of its own, never sent.
 */
async function matches(state: MockState, flow: FlowRecord, challenge: ChallengeRecord, request: VerifyRequest): Promise<boolean> {
  const { crypto } = state.options;
  if ('answers' in request) {
    let all = true;
    for (const q of challenge.questions ?? []) {
      const given = request.answers.find((a) => a.questionId === q.id)?.answer ?? '';
      all = crypto.equal(normalizeAnswer(given), normalizeAnswer(q.answer)) && all;
    }
    return all && (challenge.questions?.length ?? 0) > 0;
  }
  const code = request.code.replace(/\s/g, '');
  if (challenge.type !== 'app-code') return crypto.equal(challenge.code ?? '', code);
  const secret = flow.user?.authenticatorSecret;
  const key = secret ? base32Decode(secret) : decoyTotpKey(flow);
  // The code of this 30 s step or either neighbour.
  const step = totpStep(state.options.now());
  const steps = [step - 1, step, step + 1];
  const codes = await Promise.all(steps.map((s) => hotpWith(crypto, key, s)));
  const hits = steps.filter((_, i) => crypto.equal(codes[i]!, code));
  // Each step verifies once per account, across challenges and flows: a take, after the wait.
  const window = 3 * TOTP_STEP_SECONDS * 1000;
  return hits.some((s) => state.counters.take(`totp:${flow.username}:${s}`, 1, window).ok);
}

function passGate(flow: FlowRecord, challenge: ChallengeRecord): { gatesPassed: number; next: 'gate' | 'password' } {
  const family = familyOf(challenge.type);
  if (!flow.passed.includes(family)) flow.passed.push(family);
  return { gatesPassed: flow.passed.length, next: flow.passed.length >= flow.gatesRequired ? 'password' : 'gate' };
}

export function poll(state: MockState, flow: FlowRecord, id: string): PollResponse {
  const challenge = challengeOf(state, flow, id);
  if (!isPollMethod(challenge.type)) throw new Problem('invalid_request', { detail: 'this challenge is answered with a code; verify it' });
  const status = publicStatus(challenge.status);
  const gatesPassed = flow.passed.length;
  if (status !== 'approved') return { status, gatesPassed };
  return { status, gatesPassed, next: gatesPassed >= flow.gatesRequired ? 'password' : 'gate' };
}

/** Send again: a new code, push or call; it revives an expired or denied challenge, but gives back no attempts. */
export function resend(state: MockState, flow: FlowRecord, id: string): Challenge {
  const { options } = state;
  const challenge = challengeOf(state, flow, id);
  if (!isResendable(challenge.type) || challenge.replaced) throw new Problem('method_unavailable');
  const refused = refusal(state, flow, challenge);
  if (refused && refused.code !== 'challenge_expired') throw refused;
  takeSend(state, flow, challenge.type);
  challenge.status = 'pending';
  // A settled failure (a denial, an expiry after wrong codes) stays counted; what follows counts anew.
  if (challenge.counted) {
    challenge.counted = false;
    challenge.wrongAttempts = 0;
  }
  challenge.expiresAt = Math.min(options.now() + lifetime(state, challenge.type), flow.expiresAt);
  deliverChallenge(state, flow, challenge);
  return challengeView(state, flow, challenge);
}

/**
 * The person answers a push notification in the authenticator app. Approval
 * needs the number shown by the widget; a wrong number counts as a denial.
 * The gate passes at approval; the next poll reports it.
 */
export function answerPush(
  state: MockState,
  challengeId: string,
  answer: { approve: boolean; number?: number | undefined },
): PollResponse['status'] {
  const { flow, challenge } = findOutOfBand(state, challengeId, ['app-notification']);
  return settleOutOfBand(state, flow, challenge, answer.approve && answer.number === challenge.numberToMatch);
}

/** The person answers an automated call: presses # (approve) or hangs up. */
export function answerCall(state: MockState, challengeId: string, answer: { pressHash: boolean }): PollResponse['status'] {
  const { flow, challenge } = findOutOfBand(state, challengeId, ['mobile-call', 'office-call']);
  return settleOutOfBand(state, flow, challenge, answer.pressHash);
}

function settleOutOfBand(state: MockState, flow: FlowRecord, challenge: ChallengeRecord, approved: boolean): PollResponse['status'] {
  if (challenge.status !== 'pending') return publicStatus(challenge.status);
  challenge.status = approved ? 'approved' : 'denied';
  if (approved) {
    passGate(flow, challenge);
  } else {
    recordWrongAttempt(state, flow);
    flow.attemptsTaken += 1;
    settleFailure(state, flow, challenge, true);
    endIfSpent(state, flow);
  }
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
