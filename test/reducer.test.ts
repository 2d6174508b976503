import { expect } from '@open-wc/testing';
import { createState, methodAvailability, reduce, resendSecondsLeft, type FlowState } from '../src/flow/reducer.js';
import { checkPassword, characterClasses } from '../src/flow/password.js';
import type { Challenge, FlowResponse, Method } from '../src/protocol/schemas.js';
import { CONFIG as config, POLICY as policy } from './fixtures.js';
const methods: Method[] = [
  { id: 'email', type: 'email', hint: 'a•••@fabrikam.com' },
  { id: 'app-code', type: 'app-code', hint: 'Authenticator app' },
  { id: 'app-notification', type: 'app-notification', hint: 'Authenticator app' },
  { id: 'questions', type: 'questions', hint: '', unavailable: 'admin-policy' },
];
const flow = (gatesRequired: 1 | 2 = 1): FlowResponse => ({
  flowToken: 'secret-token',
  expiresAt: '2026-11-25T12:00:00Z',
  gatesRequired,
  gatesPassed: 0,
  methods,
  passwordPolicy: policy,
});
const challenge = (over: Partial<Challenge> = {}): Challenge => ({
  challengeId: 'c1',
  methodId: 'email',
  type: 'email',
  hint: 'a•••@fabrikam.com',
  expiresAt: '2026-11-25T12:00:00Z',
  resendAfter: 30,
  codeLength: 6,
  ...over,
});

function at(gates: 1 | 2 = 1): FlowState {
  let s = reduce(createState('adele@contoso.com'), { type: 'configLoaded', config });
  s = reduce(s, { type: 'flowStarted', username: 'adele@contoso.com', flow: flow(gates) });
  return s;
}

describe('flow reducer', () => {
  it('starts loading, with the prefilled username', () => {
    const s = createState('adele@contoso.com');
    expect(s.step).to.equal('loading');
    expect(s.username).to.equal('adele@contoso.com');
  });

  it('prefill changes the user ID before a flow starts, never during one', () => {
    const start = reduce(createState('a@contoso.com'), { type: 'configLoaded', config });
    expect(reduce(start, { type: 'prefill', username: 'b@contoso.com' }).username).to.equal('b@contoso.com');
    expect(reduce(at(), { type: 'prefill', username: 'b@contoso.com' }).username).to.equal('adele@contoso.com');
  });

  it('configLoaded moves loading to identify and keeps the config', () => {
    const s = reduce(createState(), { type: 'configLoaded', config });
    expect(s.step).to.equal('identify');
    expect(s.config).to.equal(config);
  });

  it('requestStarted marks busy and clears the error; requestFailed shows it', () => {
    let s = reduce(createState(), { type: 'configLoaded', config });
    s = reduce(s, { type: 'requestStarted', busy: 'start' });
    expect(s.busy).to.equal('start');
    s = reduce(s, { type: 'requestFailed', error: { code: 'captcha_failed' } });
    expect(s.busy).to.equal(null);
    expect(s.step).to.equal('identify');
    expect(s.error).to.deep.equal({ code: 'captcha_failed' });
    s = reduce(s, { type: 'requestStarted', busy: 'start' });
    expect(s.error).to.equal(null);
  });

  it('a config failure stays on loading with the error, so the person can retry', () => {
    const s = reduce(reduce(createState(), { type: 'requestStarted', busy: 'config' }), {
      type: 'requestFailed',
      error: { code: 'network_error' },
    });
    expect(s.step).to.equal('loading');
    expect(s.error?.code).to.equal('network_error');
  });

  it('invalidInput shows an error without a request', () => {
    const s = reduce(reduce(createState(), { type: 'configLoaded', config }), {
      type: 'invalidInput',
      error: { code: 'username_missing' },
    });
    expect(s.error?.code).to.equal('username_missing');
    expect(s.busy).to.equal(null);
  });

  it('flowStarted goes to methods with the policy and never keeps the flow token', () => {
    const s = at(2);
    expect(s.step).to.equal('methods');
    expect(s.gatesRequired).to.equal(2);
    expect(s.methods).to.have.length(4);
    expect(JSON.stringify(s)).not.to.contain('secret-token');
  });

  it('challengeStarted shows the challenge and computes when resend opens', () => {
    const s = reduce(at(), { type: 'challengeStarted', challenge: challenge(), now: 1_000 });
    expect(s.step).to.equal('challenge');
    expect(s.challenge?.challengeId).to.equal('c1');
    expect(resendSecondsLeft(s, 1_000)).to.equal(30);
    expect(resendSecondsLeft(s, 21_500)).to.equal(10);
    expect(resendSecondsLeft(s, 40_000)).to.equal(0);
  });

  it('a verified single gate leads to the password step', () => {
    let s = reduce(at(), { type: 'challengeStarted', challenge: challenge(), now: 0 });
    s = reduce(s, {
      type: 'verifyAnswered',
      response: { result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'password' },
      now: 0,
    });
    expect(s.step).to.equal('password');
    expect(s.usedMethodIds).to.deep.equal(['email']);
  });

  it('the first of two gates leads back to methods, where the same family is no longer available', () => {
    let s = reduce(at(2), { type: 'challengeStarted', challenge: challenge({ methodId: 'app-code', type: 'app-code' }), now: 0 });
    s = reduce(s, { type: 'verifyAnswered', response: { result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'gate' }, now: 0 });
    expect(s.step).to.equal('methods');
    expect(s.gatesPassed).to.equal(1);
    expect(methodAvailability(s, methods[0]!)).to.equal(undefined);
    expect(methodAvailability(s, methods[1]!)).to.equal('already-used');
    expect(methodAvailability(s, methods[2]!)).to.equal('already-used', 'app notification shares the authenticator app');
    expect(methodAvailability(s, methods[3]!)).to.equal('admin-policy');
  });

  it('a rejected code stays with an attempts count; the last attempt ends the challenge', () => {
    let s = reduce(at(), { type: 'challengeStarted', challenge: challenge(), now: 0 });
    s = reduce(s, { type: 'verifyAnswered', response: { result: 'rejected', attemptsRemaining: 3, gatesPassed: 0 }, now: 0 });
    expect(s.step).to.equal('challenge');
    expect(s.error).to.deep.equal({ code: 'wrong_code', attemptsRemaining: 3 });
    s = reduce(s, { type: 'verifyAnswered', response: { result: 'rejected', attemptsRemaining: 0, gatesPassed: 0 }, now: 0 });
    expect(s.outcome).to.equal('failed');
    expect(s.error).to.equal(null);
  });

  it('rejected answers take the replacement questions', () => {
    const q = challenge({ type: 'questions', methodId: 'questions', questions: [{ id: 'a', text: 'A?' }] });
    let s = reduce(at(2), { type: 'challengeStarted', challenge: q, now: 0 });
    const next = { ...q, questions: [{ id: 'b', text: 'B?' }] };
    s = reduce(s, {
      type: 'verifyAnswered',
      response: { result: 'rejected', attemptsRemaining: 4, gatesPassed: 1, challenge: next },
      now: 0,
    });
    expect(s.challenge?.questions?.[0]?.id).to.equal('b');
    expect(s.error?.code).to.equal('wrong_answers');
  });

  it('poll answers: pending changes nothing, approved passes the gate, denied and expired end it', () => {
    const push = challenge({ type: 'app-notification', methodId: 'app-notification', numberToMatch: 42, pollAfter: 2 });
    const s0 = reduce(at(), { type: 'challengeStarted', challenge: push, now: 0 });
    expect(reduce(s0, { type: 'pollAnswered', response: { status: 'pending', gatesPassed: 0 } })).to.equal(s0);
    expect(reduce(s0, { type: 'pollAnswered', response: { status: 'approved', gatesPassed: 1, next: 'password' } }).step).to.equal(
      'password',
    );
    expect(reduce(s0, { type: 'pollAnswered', response: { status: 'denied', gatesPassed: 0 } }).outcome).to.equal('denied');
    expect(reduce(s0, { type: 'pollAnswered', response: { status: 'expired', gatesPassed: 0 } }).outcome).to.equal('expired');
  });

  it('a poll answer that arrives after leaving the challenge is ignored', () => {
    const push = challenge({ type: 'app-notification', methodId: 'app-notification' });
    let s = reduce(at(), { type: 'challengeStarted', challenge: push, now: 0 });
    s = reduce(s, { type: 'chooseAnother' });
    expect(reduce(s, { type: 'pollAnswered', response: { status: 'approved', gatesPassed: 1, next: 'password' } }).step).to.equal(
      'methods',
    );
  });

  it('chooseAnother returns to methods', () => {
    const s = reduce(reduce(at(), { type: 'challengeStarted', challenge: challenge(), now: 0 }), { type: 'chooseAnother' });
    expect(s.step).to.equal('methods');
    expect(s.challenge).to.equal(null);
  });

  it('failures map to where the person is', () => {
    const onChallenge = reduce(at(), { type: 'challengeStarted', challenge: challenge(), now: 0 });
    expect(reduce(onChallenge, { type: 'requestFailed', error: { code: 'challenge_expired' } }).outcome).to.equal('expired');
    expect(reduce(onChallenge, { type: 'requestFailed', error: { code: 'too_many_attempts' } }).outcome).to.equal('failed');
    const unavailable = reduce(onChallenge, { type: 'requestFailed', error: { code: 'method_unavailable' } });
    expect(unavailable.step).to.equal('methods');
    expect(unavailable.error?.code).to.equal('method_unavailable');
    const expired = reduce(onChallenge, { type: 'requestFailed', error: { code: 'flow_expired' } });
    expect(expired.step).to.equal('identify');
    expect(expired.username).to.equal('adele@contoso.com');
    expect(expired.error?.code).to.equal('flow_expired');
    const locked = reduce(onChallenge, { type: 'requestFailed', error: { code: 'locked_out' } });
    expect([locked.step, locked.blocked]).to.deep.equal(['blocked', 'locked_out']);
    const notEnabled = reduce(onChallenge, { type: 'requestFailed', error: { code: 'not_enabled' } });
    expect([notEnabled.step, notEnabled.blocked]).to.deep.equal(['blocked', 'not_enabled']);
    const network = reduce(onChallenge, { type: 'requestFailed', error: { code: 'network_error' } });
    expect([network.step, network.error?.code]).to.deep.equal(['challenge', 'network_error']);
  });

  it('password rejection keeps the reasons on the password step; reset goes to done', () => {
    let s = reduce(reduce(at(), { type: 'challengeStarted', challenge: challenge(), now: 0 }), {
      type: 'verifyAnswered',
      response: { result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'password' },
      now: 0,
    });
    s = reduce(s, { type: 'requestFailed', error: { code: 'password_rejected', reasons: [{ code: 'breached' }] } });
    expect(s.step).to.equal('password');
    expect(s.error?.reasons).to.deep.equal([{ code: 'breached' }]);
    s = reduce(s, { type: 'passwordReset', notified: [{ channel: 'email', hint: 'a•••@fabrikam.com' }] });
    expect(s.step).to.equal('done');
    expect(s.notified).to.have.length(1);
  });

  it('restart forgets the flow but keeps the config and the username', () => {
    const s = reduce(at(2), { type: 'restart' });
    expect(s.step).to.equal('identify');
    expect(s.config).to.equal(config);
    expect(s.username).to.equal('adele@contoso.com');
    expect(s.methods).to.have.length(0);
  });
});

describe('password rules', () => {
  it('checks length in code points, classes and the username', () => {
    const p = { minLength: 8, maxLength: 10, minClasses: 3, disallowUsername: true };
    const failing = (pw: string) =>
      checkPassword(p, 'adele@contoso.com', pw)
        .filter((c) => !c.ok)
        .map((c) => c.code);
    expect(failing('short')).to.include('too_short');
    expect(failing('😀😀😀😀😀😀😀😀')).not.to.include('too_short');
    expect(failing('abcdefghijk')).to.include('too_long');
    expect(failing('abcdefgh')).to.include('complexity');
    expect(failing('Abcdefg1')).to.deep.equal([]);
    expect(failing('xAdele1!x')).to.deep.equal(['contains_username']);
    expect(characterClasses('aA1!')).to.equal(4);
  });
});
