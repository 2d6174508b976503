/** The protocol v1 schemas: valid documents pass, invalid ones are refused. */
import { expect } from '@open-wc/testing';
import {
  CaptchaConfig,
  Challenge,
  CODE_METHODS,
  ConfigResponse,
  FlowResponse,
  Method,
  METHOD_FAMILY,
  METHOD_TYPES,
  MethodType,
  Notified,
  PASSWORD_REASONS,
  PasswordPolicy,
  PasswordReason,
  PasswordRequest,
  PasswordResponse,
  POLL_METHODS,
  PollResponse,
  Problem,
  PROBLEM_CODES,
  PROBLEM_STATUS,
  ProblemCode,
  PROTOCOL_VERSION,
  Question,
  StartChallengeRequest,
  StartFlowRequest,
  UNAVAILABLE_REASONS,
  UnavailableReason,
  VerifyRequest,
  VerifyResponse,
} from '../src/protocol/schemas.js';
import { CONFIG as SHARED_CONFIG, POLICY } from './fixtures.js';

interface Parser {
  safeParse(data: unknown): { success: boolean };
}

function accepts(schema: Parser, data: unknown, why = '') {
  const result = schema.safeParse(data);
  expect(result.success, `should accept ${why || JSON.stringify(data)}`).to.equal(true);
}

function rejects(schema: Parser, data: unknown, why = '') {
  const result = schema.safeParse(data);
  expect(result.success, `should reject ${why || JSON.stringify(data)}`).to.equal(false);
}

/** Each [name, mutation] must turn the valid example into an invalid one. */
function rejectsEach<T extends object>(schema: Parser, valid: T, cases: Array<[string, (v: T) => unknown]>) {
  accepts(schema, valid, 'the valid example');
  for (const [name, mutate] of cases) rejects(schema, mutate(structuredClone(valid)), name);
}

function without<T extends object>(value: T, key: keyof T) {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

const ISO = '2026-01-15T09:15:00.000Z';

const CONFIG = { ...SHARED_CONFIG, captcha: { provider: 'turnstile', siteKey: '0x4AAA' } };
const FLOW = {
  flowToken: 'tok',
  expiresAt: ISO,
  gatesRequired: 2,
  gatesPassed: 0,
  methods: [
    { id: 'email', type: 'email', hint: 'a•••@fabrikam.com' },
    { id: 'questions', type: 'questions', hint: '', unavailable: 'admin-policy' },
  ],
  passwordPolicy: POLICY,
};
const CHALLENGE = {
  challengeId: 'c1',
  methodId: 'app-notification',
  type: 'app-notification',
  hint: 'Authenticator app',
  expiresAt: ISO,
  resendAfter: 30,
  numberToMatch: 42,
  pollAfter: 2,
};

describe('protocol schemas: constants', () => {
  it('has a status for every problem code, and it matches the code’s kind', () => {
    expect(PROTOCOL_VERSION).to.equal(1);
    expect(Object.keys(PROBLEM_STATUS).sort()).to.deep.equal([...PROBLEM_CODES].sort());
    for (const code of PROBLEM_CODES) {
      const status = PROBLEM_STATUS[code];
      expect(Number.isInteger(status), code).to.equal(true);
      expect(status, code).to.be.within(400, 599);
      // Every code's own status makes a valid problem document.
      accepts(Problem, { status, code }, `problem ${code}`);
    }
    expect(PROBLEM_STATUS).to.include({
      invalid_request: 400,
      flow_expired: 401,
      locked_out: 403,
      not_found: 404,
      method_unavailable: 409,
      challenge_expired: 410,
      password_rejected: 422,
      rate_limited: 429,
      too_many_attempts: 429,
      server_error: 500,
    });
  });

  it('classifies every method as a code or a poll method, except questions', () => {
    for (const type of METHOD_TYPES) {
      const kinds = [CODE_METHODS.includes(type), POLL_METHODS.includes(type)].filter(Boolean).length;
      expect(kinds, type).to.equal(type === 'questions' ? 0 : 1);
      expect(METHOD_FAMILY[type], type).to.be.a('string');
    }
    expect(METHOD_FAMILY['app-code']).to.equal(METHOD_FAMILY['app-notification']);
    expect(METHOD_FAMILY['mobile-sms']).to.equal(METHOD_FAMILY['mobile-call']);
    expect(METHOD_FAMILY['office-call']).to.not.equal(METHOD_FAMILY['mobile-call']);
    expect(new Set(Object.values(METHOD_FAMILY)).size).to.equal(5);
  });

  it('enums accept exactly their values', () => {
    for (const type of METHOD_TYPES) accepts(MethodType, type);
    rejects(MethodType, 'sms');
    rejects(MethodType, 'Email');
    for (const r of UNAVAILABLE_REASONS) accepts(UnavailableReason, r);
    rejects(UnavailableReason, 'broken');
    for (const c of PROBLEM_CODES) accepts(ProblemCode, c);
    rejects(ProblemCode, 'timeout');
    rejects(ProblemCode, 'network_error');
    for (const code of PASSWORD_REASONS) accepts(PasswordReason, { code });
  });
});

describe('protocol schemas: configuration', () => {
  it('ConfigResponse', () => {
    accepts(ConfigResponse, without(CONFIG, 'brandName'), 'without brandName');
    accepts(ConfigResponse, { ...CONFIG, captcha: { provider: 'none' } }, 'captcha without siteKey');
    accepts(ConfigResponse, { ...CONFIG, methods: [] }, 'no methods');
    // Protocol v1 grows only by additions (issue 8): values a newer backend may send still parse.
    accepts(ConfigResponse, { ...CONFIG, methods: ['email', 'fax'] }, 'an unknown method type');
    rejectsEach(ConfigResponse, CONFIG, [
      ['protocol 2', (v) => ({ ...v, protocol: 2 })],
      ['protocol "1"', (v) => ({ ...v, protocol: '1' })],
      ['gatesRequired 3', (v) => ({ ...v, gatesRequired: 3 })],
      ['gatesRequired 0', (v) => ({ ...v, gatesRequired: 0 })],
      ['missing captcha', (v) => without(v, 'captcha')],
      ['empty captcha provider', (v) => ({ ...v, captcha: { provider: '' } })],
      ['missing passwordPolicy', (v) => without(v, 'passwordPolicy')],
      ['missing methods', (v) => without(v, 'methods')],
      ['brandName a number', (v) => ({ ...v, brandName: 3 })],
      ['null', () => null],
    ]);
  });

  it('PasswordPolicy', () => {
    accepts(PasswordPolicy, { ...POLICY, minClasses: 4 });
    rejectsEach(PasswordPolicy, POLICY, [
      ['minLength 0', (v) => ({ ...v, minLength: 0 })],
      ['minLength 8.5', (v) => ({ ...v, minLength: 8.5 })],
      ['maxLength 0', (v) => ({ ...v, maxLength: 0 })],
      ['minClasses 5', (v) => ({ ...v, minClasses: 5 })],
      ['minClasses -1', (v) => ({ ...v, minClasses: -1 })],
      ['disallowUsername "yes"', (v) => ({ ...v, disallowUsername: 'yes' })],
      ['missing disallowUsername', (v) => without(v, 'disallowUsername')],
    ]);
  });

  it('CaptchaConfig', () => {
    accepts(CaptchaConfig, { provider: 'mock' });
    rejects(CaptchaConfig, { siteKey: 'x' });
    rejects(CaptchaConfig, { provider: 'mock', siteKey: 1 });
  });
});

describe('protocol schemas: requests', () => {
  it('StartFlowRequest', () => {
    const valid = { username: 'adele@contoso.com', captchaToken: 't', locale: 'en' };
    accepts(StartFlowRequest, { ...valid, captchaToken: '' }, 'empty captcha token (provider none)');
    accepts(StartFlowRequest, { ...valid, locale: 'zh-Hant-TW' });
    rejectsEach(StartFlowRequest, valid, [
      ['empty username', (v) => ({ ...v, username: '' })],
      ['username of 257 characters', (v) => ({ ...v, username: 'a'.repeat(257) })],
      ['captcha token of 4097 characters', (v) => ({ ...v, captchaToken: 'a'.repeat(4097) })],
      ['locale of 1 character', (v) => ({ ...v, locale: 'e' })],
      ['locale of 36 characters', (v) => ({ ...v, locale: 'e'.repeat(36) })],
      ['missing locale', (v) => without(v, 'locale')],
      ['missing captchaToken', (v) => without(v, 'captchaToken')],
      ['username a number', (v) => ({ ...v, username: 42 })],
    ]);
    accepts(StartFlowRequest, { ...valid, username: 'a'.repeat(256) }, 'username of 256 characters');
  });

  it('StartChallengeRequest', () => {
    accepts(StartChallengeRequest, { methodId: 'email' });
    rejects(StartChallengeRequest, { methodId: '' });
    rejects(StartChallengeRequest, {});
  });

  it('VerifyRequest: a code or answers', () => {
    accepts(VerifyRequest, { code: '123456' });
    accepts(VerifyRequest, { code: '1'.repeat(16) });
    accepts(VerifyRequest, { answers: [{ questionId: 'q-city', answer: 'Seattle' }] });
    accepts(VerifyRequest, { answers: [{ questionId: 'q-city', answer: '' }] }, 'an empty answer');
    rejects(VerifyRequest, { code: '' });
    rejects(VerifyRequest, { code: '1'.repeat(17) });
    rejects(VerifyRequest, { code: 123456 });
    rejects(VerifyRequest, { answers: [] });
    rejects(VerifyRequest, { answers: Array.from({ length: 11 }, (_, i) => ({ questionId: `q${i}`, answer: 'a' })) });
    rejects(VerifyRequest, { answers: [{ questionId: '', answer: 'a' }] });
    rejects(VerifyRequest, { answers: [{ questionId: 'q', answer: 'a'.repeat(513) }] });
    rejects(VerifyRequest, { answers: [{ answer: 'a' }] });
    rejects(VerifyRequest, {});
  });

  it('PasswordRequest', () => {
    accepts(PasswordRequest, { newPassword: 'x' });
    rejects(PasswordRequest, { newPassword: '' });
    rejects(PasswordRequest, { newPassword: 'a'.repeat(1025) });
    rejects(PasswordRequest, { password: 'abc' });
  });
});

describe('protocol schemas: answers', () => {
  it('FlowResponse', () => {
    accepts(FlowResponse, { ...FLOW, expiresAt: '2026-01-15T10:15:00+01:00' }, 'an offset date');
    // Protocol v1 grows only by additions (issue 8): values a newer backend may send still parse.
    accepts(FlowResponse, { ...FLOW, methods: [{ id: 'x', type: 'fax', hint: '' }] }, 'a method of unknown type');
    accepts(
      FlowResponse,
      { ...FLOW, methods: [{ id: 'x', type: 'email', hint: '', unavailable: 'nope' }] },
      'an unknown unavailable reason',
    );
    rejectsEach(FlowResponse, FLOW, [
      ['empty flowToken', (v) => ({ ...v, flowToken: '' })],
      ['missing flowToken', (v) => without(v, 'flowToken')],
      ['expiresAt not a date', (v) => ({ ...v, expiresAt: 'tomorrow' })],
      ['expiresAt a number', (v) => ({ ...v, expiresAt: Date.now() })],
      ['gatesRequired 3', (v) => ({ ...v, gatesRequired: 3 })],
      ['gatesPassed -1', (v) => ({ ...v, gatesPassed: -1 })],
      ['gatesPassed 0.5', (v) => ({ ...v, gatesPassed: 0.5 })],
      ['missing methods', (v) => without(v, 'methods')],
      ['missing passwordPolicy', (v) => without(v, 'passwordPolicy')],
    ]);
  });

  it('Method', () => {
    accepts(Method, { id: 'email', type: 'email', hint: '' });
    rejects(Method, { id: '', type: 'email', hint: '' });
    rejects(Method, { id: 'email', type: 'email' });
  });

  it('Challenge', () => {
    accepts(Challenge, { challengeId: 'c', methodId: 'email', type: 'email', hint: 'h', expiresAt: ISO, codeLength: 6, resendAfter: 0 });
    accepts(Challenge, {
      challengeId: 'c',
      methodId: 'q',
      type: 'questions',
      hint: '',
      expiresAt: ISO,
      questions: [{ id: 'q-city', text: 'City?' }],
    });
    accepts(Challenge, { ...CHALLENGE, numberToMatch: 0 });
    accepts(Challenge, { ...CHALLENGE, numberToMatch: 99 });
    // Protocol v1 grows only by additions (issue 8): values a newer backend may send still parse.
    accepts(Challenge, { ...CHALLENGE, type: 'fax' }, 'a challenge of unknown type');
    rejectsEach(Challenge, CHALLENGE, [
      ['numberToMatch 100', (v) => ({ ...v, numberToMatch: 100 })],
      ['numberToMatch -1', (v) => ({ ...v, numberToMatch: -1 })],
      ['numberToMatch 4.2', (v) => ({ ...v, numberToMatch: 4.2 })],
      ['codeLength 3', (v) => ({ ...v, codeLength: 3 })],
      ['codeLength 11', (v) => ({ ...v, codeLength: 11 })],
      ['resendAfter -1', (v) => ({ ...v, resendAfter: -1 })],
      ['pollAfter 1.5', (v) => ({ ...v, pollAfter: 1.5 })],
      ['empty challengeId', (v) => ({ ...v, challengeId: '' })],
      ['missing methodId', (v) => without(v, 'methodId')],
      ['missing expiresAt', (v) => without(v, 'expiresAt')],
      ['question without text', (v) => ({ ...v, questions: [{ id: 'q', text: '' }] })],
    ]);
    accepts(Question, { id: 'q', text: 't' });
    rejects(Question, { id: 'q' });
  });

  it('VerifyResponse', () => {
    const valid = { result: 'rejected', attemptsRemaining: 4, gatesPassed: 0, challenge: { ...CHALLENGE, type: 'questions' } };
    accepts(VerifyResponse, { result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'password' });
    rejectsEach(VerifyResponse, valid, [
      ['result "ok"', (v) => ({ ...v, result: 'ok' })],
      ['attemptsRemaining -1', (v) => ({ ...v, attemptsRemaining: -1 })],
      ['missing gatesPassed', (v) => without(v, 'gatesPassed')],
      ['next "done"', (v) => ({ ...v, next: 'done' })],
      ['an invalid replacement challenge', (v) => ({ ...v, challenge: { ...v.challenge, numberToMatch: 100 } })],
    ]);
  });

  it('PollResponse', () => {
    for (const status of ['pending', 'approved', 'denied', 'expired']) accepts(PollResponse, { status, gatesPassed: 0 });
    accepts(PollResponse, { status: 'approved', gatesPassed: 1, next: 'gate' });
    rejects(PollResponse, { status: 'verified', gatesPassed: 1 });
    rejects(PollResponse, { status: 'pending' });
    rejects(PollResponse, { status: 'approved', gatesPassed: 1, next: 'login' });
  });

  it('PasswordResponse and Notified', () => {
    accepts(PasswordResponse, { result: 'reset', notified: [] });
    accepts(PasswordResponse, { result: 'reset', notified: [{ channel: 'email', hint: 'a•••@fabrikam.com' }, { channel: 'admins' }] });
    rejects(PasswordResponse, { result: 'changed', notified: [] });
    rejects(PasswordResponse, { result: 'reset' });
    // A channel a newer backend notifies still parses (issue 8).
    accepts(PasswordResponse, { result: 'reset', notified: [{ channel: 'pager' }] });
    accepts(Notified, { channel: 'mobile-sms', hint: '+1 ••• ••• ••34' });
    rejects(Notified, { hint: 'x' });
  });
});

describe('protocol schemas: problems', () => {
  const valid = { type: 'urn:sspr:problem:rate_limited', title: 'rate limited', status: 429, code: 'rate_limited', retryAfter: 30 };

  it('accepts RFC 9457 documents with our extension members, and unknown members', () => {
    accepts(Problem, valid);
    accepts(Problem, { status: 400, code: 'invalid_request' }, 'the minimal problem');
    accepts(Problem, { ...valid, instance: '/v1/flows', traceId: 'abc' }, 'extra members');
    accepts(Problem, {
      status: 422,
      code: 'password_rejected',
      reasons: [
        { code: 'too_short', limit: 8 },
        { code: 'breached', extra: 1 },
      ],
    });
    accepts(Problem, { status: 429, code: 'too_many_attempts', attemptsRemaining: 0 });
  });

  it('rejects problems without a code, or with a bad status or extension; accepts unknown codes and no status', () => {
    // Protocol v1 grows only by additions (issue 8): values a newer backend may send still parse.
    accepts(Problem, { ...valid, code: 'teapot' }, 'an unknown problem code (read by its status)');
    accepts(Problem, without(valid, 'status'), 'no status (optional in RFC 9457)');
    accepts(Problem, { ...valid, reasons: [{ code: 'too_pretty' }] }, 'an unknown password reason');
    rejectsEach(Problem, valid, [
      ['without code', (v) => without(v, 'code')],
      ['status 399', (v) => ({ ...v, status: 399 })],
      ['status 600', (v) => ({ ...v, status: 600 })],
      ['status "429"', (v) => ({ ...v, status: '429' })],
      ['retryAfter -1', (v) => ({ ...v, retryAfter: -1 })],
      ['retryAfter 1.5', (v) => ({ ...v, retryAfter: 1.5 })],
      ['attemptsRemaining -1', (v) => ({ ...v, attemptsRemaining: -1 })],
      ['reason limit -1', (v) => ({ ...v, reasons: [{ code: 'too_short', limit: -1 }] })],
      ['reasons not a list', (v) => ({ ...v, reasons: { code: 'breached' } })],
      ['a string', () => 'rate_limited'],
    ]);
  });
});
