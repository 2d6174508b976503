/**
 * MockResetServer through its HTTP surface: the production HttpResetClient
 * wired to `server.fetch`, and raw `Request`s where statuses and headers matter.
 * Time only moves through the mock's `now` option (a controllable clock).
 */
import { expect } from '@open-wc/testing';
import {
  createMockBackend,
  createMockHandler,
  DEFAULT_POLICY,
  hotp,
  MOCK_CAPTCHA_TOKEN,
  SEED_USERS,
  totp,
  type MockOptions,
  type MockResetServer,
} from '../src/mock/index.js';
import { ResetError } from '../src/protocol/errors.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { METHOD_TYPES, type FlowResponse, type Method } from '../src/protocol/schemas.js';
import { clock } from './helpers.js';

const BASE = 'https://mock.test/api';
/** A fixed start, aligned to a 30 s TOTP step, so every run sees the same codes. */
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const ADELE = 'adele@contoso.com';
const ALEX = 'alex@contoso.com';
const MEGAN = 'megan@contoso.com';

function setup(options: MockOptions = {}) {
  const time = clock(T0);
  const { server } = createMockBackend({ now: time.now, ...options });
  const requests: Request[] = [];
  const client = new HttpResetClient({
    baseUrl: BASE,
    fetch: (request) => {
      requests.push(request.clone());
      return server.fetch(request);
    },
  });
  return { time, server, client, requests };
}

/** The ResetError a call rejects with; fails the test if it resolves or rejects with anything else. */
async function failure(promise: Promise<unknown>): Promise<ResetError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    expect(error, 'rejects with a ResetError').to.be.instanceOf(ResetError);
    return error as ResetError;
  }
  throw new Error(`expected a ResetError, got ${JSON.stringify(value)}`);
}

function request(method: string, path: string, init: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers = new Headers();
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  const body = init.raw ?? (init.body === undefined ? null : JSON.stringify(init.body));
  if (body !== null) headers.set('content-type', 'application/json');
  return new Request(BASE + path, { method, headers, body });
}

async function send(server: MockResetServer, method: string, path: string, init: { token?: string; body?: unknown; raw?: string } = {}) {
  const response = await server.fetch(request(method, path, init));
  const text = await response.text();
  return { response, status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

/** Assert a raw answer is an RFC 9457 problem with our code and the matching status. */
function expectProblem(answer: { response: Response; status: number; body: Record<string, unknown> | undefined }, code: string, status: number) {
  expect(answer.status, `status of ${code}`).to.equal(status);
  expect(answer.response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(answer.body).to.include({ code, status, type: `urn:sspr:problem:${code}` });
}

function startRaw(server: MockResetServer, username: string, captchaToken = MOCK_CAPTCHA_TOKEN) {
  return send(server, 'POST', '/v1/flows', { body: { username, captchaToken, locale: 'en' } });
}

function start(client: HttpResetClient, username: string) {
  return client.startFlow({ username, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' });
}

/** A code that differs from `code` in its last digit. */
function wrong(code: string) {
  return code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
}

async function emailChallenge(server: MockResetServer, client: HttpResetClient, username: string) {
  const challenge = await client.startChallenge('email');
  const message = server.lastMessage(username, 'email')!;
  expect(message.challengeId).to.equal(challenge.challengeId);
  return { challenge, code: message.code! };
}

async function passEmail(server: MockResetServer, client: HttpResetClient, username: string) {
  const { challenge, code } = await emailChallenge(server, client, username);
  const result = await client.verify(challenge.challengeId, { code });
  expect(result.result).to.equal('verified');
  return result;
}

async function passSms(server: MockResetServer, client: HttpResetClient, username: string) {
  const challenge = await client.startChallenge('mobile-sms');
  const code = server.lastMessage(username, 'sms')!.code!;
  const result = await client.verify(challenge.challengeId, { code });
  expect(result.result).to.equal('verified');
  return result;
}

/** Exhaust a code challenge with wrong codes. */
async function exhaust(server: MockResetServer, client: HttpResetClient, username: string, attempts = 5) {
  const { challenge, code } = await emailChallenge(server, client, username);
  let last;
  for (let i = 0; i < attempts; i++) last = await client.verify(challenge.challengeId, { code: wrong(code) });
  return { challenge, code, last: last! };
}

function answersOf(username: string) {
  return new Map(SEED_USERS.find((u) => u.username === username)!.questions!.map((q) => [q.id, q.answer]));
}

/** ASCII to its full-width compatibility form (NFKC maps it back); space to the ideographic space. */
function fullWidth(text: string) {
  return [...text]
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c === 0x20) return '\u3000';
      return c > 0x20 && c < 0x7f ? String.fromCodePoint(c + 0xfee0) : ch;
    })
    .join('');
}

function byId(methods: readonly Method[]) {
  return Object.fromEntries(methods.map((m) => [m.id, m]));
}

describe('mock backend: config and captcha', () => {
  it('GET /v1/config announces protocol 1, the policy, the tenant methods and gates', async () => {
    const { client, server } = setup();
    const config = await client.getConfig();
    expect(config).to.deep.equal({
      protocol: 1,
      captcha: { provider: 'mock', siteKey: 'mock-site-key' },
      passwordPolicy: DEFAULT_POLICY,
      methods: [...METHOD_TYPES],
      gatesRequired: 1,
      brandName: 'Contoso',
    });
    const raw = await send(server, 'GET', '/v1/config');
    expect(raw.status).to.equal(200);
    expect(raw.response.headers.get('content-type')).to.match(/^application\/json/);
    expect(raw.response.headers.get('cache-control')).to.equal('no-store');
  });

  it('reflects the tenant options in the config', async () => {
    const policy = { minLength: 12, maxLength: 64, minClasses: 3, disallowUsername: false };
    const { client } = setup({ methods: ['questions', 'email'], gatesRequired: 2, passwordPolicy: policy, captchaProvider: 'turnstile' });
    const config = await client.getConfig();
    expect(config.methods).to.deep.equal(['questions', 'email']);
    expect(config.gatesRequired).to.equal(2);
    expect(config.passwordPolicy).to.deep.equal(policy);
    expect(config.captcha.provider).to.equal('turnstile');
  });

  it('refuses a flow with a wrong or empty captcha token (captcha_failed, 400) and creates no flow', async () => {
    const { client, server, requests } = setup();
    for (const token of ['not-the-token', '', `${MOCK_CAPTCHA_TOKEN}x`]) {
      const error = await failure(client.startFlow({ username: ADELE, captchaToken: token, locale: 'en' }));
      expect(error.code).to.equal('captcha_failed');
      expect(error.status).to.equal(400);
    }
    expectProblem(await startRaw(server, ADELE, 'nope'), 'captcha_failed', 400);
    // No flow was remembered: the next flow call does not even reach the server.
    const count = requests.length;
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    expect(requests.length).to.equal(count);
    expect(server.outbox).to.have.length(0);
    // The right token works.
    expect((await start(client, ADELE)).flowToken).to.be.a('string').and.not.empty;
  });
});

describe('mock backend: methods offered per user', () => {
  it('adele with 1 gate: every method, app notification and questions not alone', async () => {
    const { client } = setup({ gatesRequired: 1 });
    const flow = await start(client, ADELE);
    expect(flow.gatesRequired).to.equal(1);
    expect(flow.gatesPassed).to.equal(0);
    expect(flow.expiresAt).to.equal(new Date(T0 + 15 * MINUTE).toISOString());
    expect(flow.passwordPolicy).to.deep.equal(DEFAULT_POLICY);
    expect(flow.methods).to.deep.equal([
      // The app's hint would be the device's name; the seed devices have none.
      { id: 'app-notification', type: 'app-notification', hint: '', unavailable: 'not-alone' },
      { id: 'app-code', type: 'app-code', hint: '' },
      { id: 'email', type: 'email', hint: 'a•••@fabrikam.com' },
      { id: 'mobile-sms', type: 'mobile-sms', hint: '+1 ••• ••• ••34' },
      { id: 'mobile-call', type: 'mobile-call', hint: '+1 ••• ••• ••34' },
      { id: 'office-call', type: 'office-call', hint: '+1 ••• ••• ••00' },
      { id: 'questions', type: 'questions', hint: '', unavailable: 'not-alone' },
    ]);
    // No hint carries a full target.
    const hints = JSON.stringify(flow.methods);
    for (const secret of ['adele.vance', '425', '555', '0134', '0100']) expect(hints).to.not.include(secret);
  });

  it('adele with 1 gate cannot start a method that may not be alone', async () => {
    const { client, server } = setup({ gatesRequired: 1 });
    await start(client, ADELE);
    for (const id of ['app-notification', 'questions']) {
      const error = await failure(client.startChallenge(id));
      expect(error.code).to.equal('method_unavailable');
      expect(error.status).to.equal(409);
    }
    expect(server.outbox).to.have.length(0);
  });

  it('adele with 2 gates: everything offered, questions included', async () => {
    const { client } = setup({ gatesRequired: 2 });
    const flow = await start(client, ADELE);
    expect(flow.gatesRequired).to.equal(2);
    expect(flow.methods.map((m) => m.id)).to.deep.equal([...METHOD_TYPES]);
    expect(flow.methods.filter((m) => m.unavailable !== undefined)).to.deep.equal([]);
    const challenge = await client.startChallenge('questions');
    expect(challenge.questions).to.have.length(2);
  });

  it('lists methods in the tenant order and leaves out methods the tenant disabled', async () => {
    const { client } = setup({ methods: ['mobile-sms', 'email'] });
    const flow = await start(client, ADELE);
    expect(flow.methods.map((m) => m.id)).to.deep.equal(['mobile-sms', 'email']);
    expect((await failure(client.startChallenge('app-code'))).code).to.equal('method_unavailable');
  });

  it('alex (admin) needs 2 gates even when the tenant asks 1, and is never offered questions', async () => {
    const { client, server } = setup({ gatesRequired: 1 });
    const flow = await start(client, ALEX);
    expect(flow.gatesRequired).to.equal(2);
    const methods = byId(flow.methods);
    expect(methods['questions']).to.deep.equal({ id: 'questions', type: 'questions', hint: '', unavailable: 'admin-policy' });
    for (const id of ['app-notification', 'app-code', 'email', 'mobile-sms', 'mobile-call', 'office-call']) {
      expect(methods[id], id).to.exist;
      expect(methods[id]!.unavailable, id).to.equal(undefined);
    }
    expect((await failure(client.startChallenge('questions'))).code).to.equal('method_unavailable');
    // One gate is not enough for an administrator.
    expect((await passEmail(server, client, ALEX)).next).to.equal('gate');
  });

  it('alex’s reset notifies every other administrator', async () => {
    const { client, server } = setup({ gatesRequired: 1 });
    await start(client, ALEX);
    expect((await passEmail(server, client, ALEX)).next).to.equal('gate');
    expect((await passSms(server, client, ALEX)).next).to.equal('password');
    const before = server.outbox.length;
    const result = await client.resetPassword('Brand-New-Secret-42');
    expect(result.result).to.equal('reset');
    expect(result.notified).to.deep.include({ channel: 'admins' });
    const sent = server.outbox.slice(before);
    const adminNotices = sent.filter((m) => m.to === 'nestor@contoso.com');
    expect(adminNotices).to.have.length(1);
    expect(adminNotices[0]).to.include({ channel: 'email', username: 'nestor@contoso.com' });
    expect(adminNotices[0]!.body).to.include('Alex Wilber');
    // Every other admin (seed: nestor only) and nobody who is not an admin.
    const admins = SEED_USERS.filter((u) => u.role === 'admin' && u.username !== ALEX).map((u) => u.username);
    const noticeTargets = sent.filter((m) => m.username !== ALEX).map((m) => m.to);
    expect(noticeTargets.sort()).to.deep.equal(admins.sort());
  });

  it('no admin notice when notifyAdmins is off, and none for an ordinary user', async () => {
    const off = setup({ notifyAdmins: false });
    await start(off.client, ALEX);
    await passEmail(off.server, off.client, ALEX);
    await passSms(off.server, off.client, ALEX);
    const result = await off.client.resetPassword('Brand-New-Secret-42');
    expect(result.notified.map((n) => n.channel)).to.not.include('admins');
    expect(off.server.outbox.filter((m) => m.to === 'nestor@contoso.com')).to.have.length(0);

    const user = setup();
    await start(user.client, ADELE);
    await passEmail(user.server, user.client, ADELE);
    const plain = await user.client.resetPassword('Brand-New-Secret-42');
    expect(plain.notified.map((n) => n.channel)).to.not.include('admins');
    expect(user.server.outbox.filter((m) => m.to === 'nestor@contoso.com')).to.have.length(0);
  });

  it('megan (email + questions) with 1 gate: only email is offered', async () => {
    const { client, server } = setup({ gatesRequired: 1 });
    const flow = await start(client, MEGAN);
    expect(flow.methods).to.deep.equal([
      { id: 'email', type: 'email', hint: 'm•••@fabrikam.com' },
      { id: 'questions', type: 'questions', hint: '', unavailable: 'not-alone' },
    ]);
    expect((await passEmail(server, client, MEGAN)).next).to.equal('password');
  });

  it('megan with 2 gates: email, then questions (accented answers in any Unicode form)', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    const flow = await start(client, MEGAN);
    expect(flow.methods).to.deep.equal([
      { id: 'email', type: 'email', hint: 'm•••@fabrikam.com' },
      { id: 'questions', type: 'questions', hint: '' },
    ]);
    const first = await passEmail(server, client, MEGAN);
    expect(first).to.include({ gatesPassed: 1, next: 'gate' });
    const challenge = await client.startChallenge('questions');
    const answers = answersOf(MEGAN);
    // Decomposed (NFD) and upper case: 'MA\u0301LAGA' must equal 'Málaga'.
    const result = await client.verify(challenge.challengeId, {
      answers: challenge.questions!.map((q) => ({ questionId: q.id, answer: answers.get(q.id)!.normalize('NFD').toUpperCase() })),
    });
    expect(result).to.include({ result: 'verified', gatesPassed: 2, next: 'password' });
  });

  it('locked@contoso.com → locked_out (403); diego (not enabled) → not_enabled (403)', async () => {
    const { client, server } = setup();
    const locked = await failure(start(client, 'locked@contoso.com'));
    expect(locked.code).to.equal('locked_out');
    expect(locked.status).to.equal(403);
    expectProblem(await startRaw(server, 'locked@contoso.com'), 'locked_out', 403);
    const diego = await failure(start(client, 'diego@contoso.com'));
    expect(diego.code).to.equal('not_enabled');
    expect(diego.status).to.equal(403);
    expectProblem(await startRaw(server, 'diego@contoso.com'), 'not_enabled', 403);
  });

  it('questions are not offered when fewer are registered than are asked', async () => {
    const { client } = setup({ gatesRequired: 2, questionsRequired: 5 });
    const flow = await start(client, ADELE);
    expect(flow.methods.map((m) => m.id)).to.not.include('questions');
    expect((await failure(client.startChallenge('questions'))).code).to.equal('method_unavailable');
  });

  it('usernames are matched after trimming, NFKC and case folding', async () => {
    const { client } = setup();
    const flow = await start(client, `  ${fullWidth('ADELE')}@Contoso.COM `);
    expect(byId(flow.methods)['email']!.hint).to.equal('a•••@fabrikam.com');
  });
});

describe('mock backend: unknown usernames look like real ones', () => {
  const NOBODY = 'nobody@contoso.com';

  it('answers with the same status and the same shape as for a real user', async () => {
    const { server } = setup();
    const real = await startRaw(server, ADELE);
    const fake = await startRaw(server, NOBODY);
    expect(real.status).to.equal(200);
    expect(fake.status).to.equal(real.status);
    expect(fake.response.headers.get('content-type')).to.equal(real.response.headers.get('content-type'));
    expect(Object.keys(fake.body!).sort()).to.deep.equal(Object.keys(real.body!).sort());
    const flow = fake.body as unknown as FlowResponse;
    expect(flow.gatesRequired).to.equal(1);
    expect(flow.gatesPassed).to.equal(0);
    expect(flow.passwordPolicy).to.deep.equal(DEFAULT_POLICY);
    expect(flow.methods.length).to.be.greaterThan(0);
    // Method for method, the decoy looks like a real user's: same keys, masked hints where hers are.
    const realMethods = (real.body as unknown as FlowResponse).methods;
    for (const method of flow.methods) {
      expect(METHOD_TYPES).to.include(method.type);
      const twin = realMethods.find((m) => m.type === method.type)!;
      expect(Object.keys(method).sort(), method.type).to.deep.equal(Object.keys(twin).sort());
      if (twin.hint.includes('•••')) expect(method.hint, method.type).to.include('•••');
      else expect(method.hint, method.type).to.equal(twin.hint);
    }
    expect(flow.methods.map((m) => m.type)).to.include('email');
  });

  // Whatever methods the tenant enables, an unknown name is answered like a real
  // user who registered them (a decoy that only invented email and phone once
  // got not_enabled where a real user got a flow).
  for (const [methods, gatesRequired] of [
    [['email', 'questions'], 2],
    [['app-code'], 1],
    [['app-code', 'office-call'], 2],
  ] as const) {
    it(`answers an unknown name like a real one when the tenant enables ${methods.join(' + ')} (gatesRequired ${gatesRequired})`, async () => {
      const { server } = setup({ methods, gatesRequired });
      const real = await startRaw(server, ADELE);
      expect(real.status).to.equal(200);
      const fake = await startRaw(server, NOBODY);
      expect(fake.status, JSON.stringify(fake.body)).to.equal(real.status);
      expect(Object.keys(fake.body!).sort()).to.deep.equal(Object.keys(real.body!).sort());
    });
  }

  it('gives stable hints across starts for the same unknown name', async () => {
    const { client } = setup();
    const first = await start(client, NOBODY);
    const second = await start(client, NOBODY);
    expect(second.flowToken).to.not.equal(first.flowToken);
    expect(second.methods).to.deep.equal(first.methods);
    const third = await start(client, ` ${NOBODY.toUpperCase()}`);
    expect(third.methods).to.deep.equal(first.methods);
  });

  it('sends nothing, ever, and its codes never verify', async () => {
    const { client, server, time } = setup();
    const flow = await start(client, NOBODY);
    const email = await client.startChallenge('email');
    expect(email).to.include({ type: 'email', methodId: 'email', codeLength: 6, resendAfter: 30, hint: byId(flow.methods)['email']!.hint });
    expect(email.expiresAt).to.equal(new Date(T0 + 10 * MINUTE).toISOString());
    time.advance(30 * SECOND);
    const resent = await client.resend(email.challengeId);
    expect(resent.challengeId).to.equal(email.challengeId);
    const sms = await client.startChallenge('mobile-sms');
    for (const code of ['000000', '123456', '999999']) {
      const result = await client.verify(sms.challengeId, { code });
      expect(result.result).to.equal('rejected');
      expect(result.gatesPassed).to.equal(0);
    }
    await client.startChallenge('mobile-call');
    expect(server.outbox).to.deep.equal([]);
    expect(server.lastMessage(NOBODY)).to.equal(undefined);
    // Nor can it skip to the password.
    expect((await failure(client.resetPassword('Brand-New-Secret-42'))).code).to.equal('invalid_request');
  });

  async function sixWrongCodes(server: MockResetServer, username: string) {
    const token = (await startRaw(server, username)).body!['flowToken'] as string;
    const challenge = (await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } })).body!;
    const id = challenge['challengeId'] as string;
    // For the real user, a code that is certainly wrong; for the unknown one any code is.
    const sent = server.lastMessage(username, 'email');
    const guess = sent ? wrong(sent.code!) : '000000';
    const answers = [];
    for (let i = 0; i < 6; i++) {
      const a = await send(server, 'POST', `/v1/flows/current/challenges/${id}/verify`, { token, body: { code: guess } });
      answers.push({ status: a.status, type: a.response.headers.get('content-type'), body: a.body });
    }
    return answers;
  }

  it('ends after 5 wrong codes exactly as a real user’s challenge does', async () => {
    // A high lockout threshold isolates the challenge's own attempt limit.
    const { server } = setup({ lockoutThreshold: 100 });
    const real = await sixWrongCodes(server, ADELE);
    const fake = await sixWrongCodes(server, NOBODY);
    expect(fake).to.deep.equal(real);
    expect(real.slice(0, 5).map((a) => a.body)).to.deep.equal(
      [4, 3, 2, 1, 0].map((n) => ({ result: 'rejected', attemptsRemaining: n, gatesPassed: 0 })),
    );
    expect(real[5]!.status).to.equal(429);
    expect(real[5]!.body).to.include({ code: 'too_many_attempts', attemptsRemaining: 0 });
  });

  it('answers wrong codes the same as for a real user with the default options', async () => {
    const { server } = setup();
    const real = await sixWrongCodes(server, ADELE);
    const fake = await sixWrongCodes(server, NOBODY);
    expect(fake).to.deep.equal(real);
    expect(real[0]!.body).to.deep.equal({ result: 'rejected', attemptsRemaining: 4, gatesPassed: 0 });
  });

  it('locks out after 5 failed challenges, as a real user is', async () => {
    const { client, server } = setup({ maxAttempts: 1 });
    for (const username of [ADELE, NOBODY]) {
      await start(client, username);
      for (let i = 0; i < 5; i++) {
        const challenge = await client.startChallenge('email');
        const sent = server.lastMessage(username, 'email');
        const guess = sent ? wrong(sent.code!) : '000000';
        expect(await client.verify(challenge.challengeId, { code: guess })).to.include({ result: 'rejected', attemptsRemaining: 0 });
      }
    }
    const real = await startRaw(server, ADELE);
    const fake = await startRaw(server, NOBODY);
    expectProblem(real, 'locked_out', 403);
    expect(fake.status).to.equal(real.status);
    expect(fake.body).to.deep.equal(real.body);
  });

  it('too few methods for the gates: not_enabled, for a real user and an unknown one alike', async () => {
    const { server } = setup({ methods: ['email'], gatesRequired: 2 });
    const real = await startRaw(server, MEGAN);
    expectProblem(real, 'not_enabled', 403);
    const fake = await startRaw(server, NOBODY);
    expect(fake.status).to.equal(real.status);
    expect(fake.body).to.deep.equal(real.body);
  });
});

describe('mock backend: email codes', () => {
  it('sends a 6-digit code to the full address and shows only the masked hint', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('email');
    expect(challenge).to.deep.equal({
      challengeId: challenge.challengeId,
      methodId: 'email',
      type: 'email',
      hint: 'a•••@fabrikam.com',
      expiresAt: new Date(T0 + 10 * MINUTE).toISOString(),
      resendAfter: 30,
      codeLength: 6,
    });
    expect(server.outbox).to.have.length(1);
    const message = server.outbox[0]!;
    expect(message).to.include({ channel: 'email', to: 'adele.vance@fabrikam.com', username: ADELE, challengeId: challenge.challengeId, time: T0 });
    expect(message.code).to.match(/^\d{6}$/);
    expect(message.body).to.include(message.code!);
    expect(Object.values(challenge)).to.not.include(message.code);
  });

  it('verifies the right code once: verified, next password; then it is spent', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    expect(await client.verify(challenge.challengeId, { code })).to.deep.equal({
      result: 'verified',
      attemptsRemaining: 5,
      gatesPassed: 1,
      next: 'password',
    });
    const again = await failure(client.verify(challenge.challengeId, { code }));
    expect(again.status).to.be.within(400, 499);
  });

  it('accepts a code typed with spaces', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    const spaced = ` ${code.slice(0, 3)} ${code.slice(3)} `;
    expect((await client.verify(challenge.challengeId, { code: spaced })).result).to.equal('verified');
  });

  it('counts wrong codes down; after 5 the challenge is over even for the right code', async () => {
    // A high lockout threshold isolates the challenge's own attempt limit.
    const { client, server } = setup({ lockoutThreshold: 100 });
    await start(client, ADELE);
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    for (const left of [4, 3, 2, 1]) {
      expect(await client.verify(challenge.challengeId, { code: wrong(code) })).to.deep.equal({
        result: 'rejected',
        attemptsRemaining: left,
        gatesPassed: 0,
      });
    }
    const last = await client.verify(challenge.challengeId, { code: wrong(code) });
    expect(last).to.include({ result: 'rejected', attemptsRemaining: 0 });
    const over = await failure(client.verify(challenge.challengeId, { code }));
    expect(over.code).to.equal('too_many_attempts');
    expect(over.status).to.equal(429);
    expect(over.attemptsRemaining).to.equal(0);
  });

  it('a code expires after 10 minutes (challenge_expired, 410)', async () => {
    const { client, server, time } = setup();
    await start(client, ADELE);
    const inTime = await emailChallenge(server, client, ADELE);
    time.advance(10 * MINUTE - SECOND);
    expect((await client.verify(inTime.challenge.challengeId, { code: inTime.code })).result).to.equal('verified');

    await start(client, ADELE);
    const late = await emailChallenge(server, client, ADELE);
    time.advance(10 * MINUTE + 1);
    const error = await failure(client.verify(late.challenge.challengeId, { code: late.code }));
    expect(error.code).to.equal('challenge_expired');
    expect(error.status).to.equal(410);
  });

  it('starting a new challenge invalidates the earlier one', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const first = await emailChallenge(server, client, ADELE);
    await client.startChallenge('mobile-sms');
    const error = await failure(client.verify(first.challenge.challengeId, { code: first.code }));
    expect(error.code).to.equal('challenge_expired');
  });
});

describe('mock backend: resend', () => {
  it('refuses a resend within the 30 s cooldown with retryAfter and a Retry-After header', async () => {
    const { client, server, time } = setup();
    const flow = await start(client, ADELE);
    const challenge = await client.startChallenge('email');
    const error = await failure(client.resend(challenge.challengeId));
    expect(error.code).to.equal('rate_limited');
    expect(error.status).to.equal(429);
    expect(error.retryAfter).to.equal(30);
    time.advance(10 * SECOND);
    const raw = await send(server, 'POST', `/v1/flows/current/challenges/${challenge.challengeId}/resend`, { token: flow.flowToken, body: {} });
    expectProblem(raw, 'rate_limited', 429);
    expect(raw.body!['retryAfter']).to.equal(20);
    expect(raw.response.headers.get('retry-after')).to.equal('20');
    expect(server.outbox).to.have.length(1);
  });

  it('after the cooldown sends a new code, and the old one no longer works', async () => {
    const { client, server, time } = setup();
    await start(client, ADELE);
    const { challenge, code: oldCode } = await emailChallenge(server, client, ADELE);
    let newCode = oldCode;
    let sends = 1;
    // A fresh code equals the old one once in a million; resend until it differs.
    while (newCode === oldCode) {
      time.advance(30 * SECOND);
      const resent = await client.resend(challenge.challengeId);
      sends += 1;
      expect(resent.challengeId).to.equal(challenge.challengeId);
      expect(resent.resendAfter).to.equal(30);
      expect(resent.expiresAt).to.equal(new Date(time.now() + 10 * MINUTE).toISOString());
      newCode = server.lastMessage(ADELE, 'email')!.code!;
    }
    expect(server.outbox).to.have.length(sends);
    expect(server.outbox.at(-1)).to.include({ to: 'adele.vance@fabrikam.com', challengeId: challenge.challengeId });
    expect(await client.verify(challenge.challengeId, { code: oldCode })).to.include({ result: 'rejected', attemptsRemaining: 4 });
    expect(await client.verify(challenge.challengeId, { code: newCode })).to.include({ result: 'verified', next: 'password' });
  });

  it('an app code cannot be resent', async () => {
    const { client } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-code');
    expect((await failure(client.resend(challenge.challengeId))).code).to.equal('method_unavailable');
  });

  it('a challenge replaced by a newer one cannot be resent', async () => {
    const { client, time } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const first = await client.startChallenge('email');
    await client.startChallenge('mobile-sms');
    time.advance(30 * SECOND);
    expect((await failure(client.resend(first.challengeId))).code).to.equal('method_unavailable');
  });
});

describe('mock backend: code randomness', () => {
  it('20 challenges give 6-digit codes that are not all equal', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    for (let i = 0; i < 20; i++) await client.startChallenge(i % 2 ? 'email' : 'mobile-sms');
    const codes = server.outbox.map((m) => m.code!);
    expect(codes).to.have.length(20);
    for (const code of codes) expect(code).to.match(/^\d{6}$/);
    expect(new Set(codes).size).to.be.greaterThan(1);
  });

  it('draws the digits from crypto.getRandomValues, rejecting biased values', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const original = crypto.getRandomValues;
    // Uint32 draws: first 0xffffffff (≥ the unbiased limit, must be drawn again), then 3,1,4,1,5,9.
    const draws = [0xffffffff, 3, 1, 4, 1, 5, 9];
    let uint32Calls = 0;
    crypto.getRandomValues = function <T extends ArrayBufferView | null>(array: T): T {
      if (array instanceof Uint32Array) {
        uint32Calls += 1;
        array[0] = draws.shift() ?? 0;
        return array;
      }
      return original.call(crypto, array as never) as T;
    };
    try {
      await client.startChallenge('email');
    } finally {
      delete (crypto as { getRandomValues?: unknown }).getRandomValues;
    }
    expect(crypto.getRandomValues).to.equal(original);
    expect(uint32Calls).to.equal(7);
    expect(server.lastMessage(ADELE, 'email')!.code).to.equal('314159');
  });
});

describe('mock backend: SMS', () => {
  it('sends the code to the phone with a WebOTP line for the host', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('mobile-sms');
    expect(challenge).to.include({ type: 'mobile-sms', hint: '+1 ••• ••• ••34', codeLength: 6, resendAfter: 30 });
    const sms = server.lastMessage(ADELE, 'sms')!;
    expect(sms).to.include({ channel: 'sms', to: '+1 425 555 0134', challengeId: challenge.challengeId });
    expect(sms.code).to.match(/^\d{6}$/);
    expect(sms.body.endsWith(`@localhost #${sms.code}`)).to.equal(true, sms.body);
    expect(sms.body.split('\n').at(-1)).to.equal(`@localhost #${sms.code}`);
    expect((await client.verify(challenge.challengeId, { code: sms.code! })).result).to.equal('verified');
  });

  it('names the configured otpHost', async () => {
    const { client, server } = setup({ otpHost: 'id.contoso.com' });
    await start(client, ADELE);
    await client.startChallenge('mobile-sms');
    const sms = server.lastMessage(ADELE, 'sms')!;
    expect(sms.body.split('\n').at(-1)).to.equal(`@id.contoso.com #${sms.code}`);
  });
});

describe('mock backend: authenticator app code (TOTP)', () => {
  const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // ASCII "12345678901234567890"

  it('matches the RFC 6238 SHA-1 test vectors', async () => {
    expect(await hotp(RFC_SECRET, 1, 8)).to.equal('94287082');
    expect(await hotp(RFC_SECRET, 1)).to.equal('287082');
    expect(await totp(RFC_SECRET, 59 * SECOND)).to.equal('287082');
    expect(await totp(RFC_SECRET, 1111111109 * SECOND)).to.equal('081804'); // 07081804
    expect(await totp(RFC_SECRET, 1234567890 * SECOND)).to.equal('005924'); // 89005924
    expect(await totp(RFC_SECRET, 2000000000 * SECOND)).to.equal('279037'); // 69279037
    expect(await totp(RFC_SECRET, 20000000000 * SECOND)).to.equal('353130'); // 65353130
    expect(await hotp(RFC_SECRET, 0)).to.equal('755224'); // RFC 4226 appendix D
  });

  it('accepts the code the app shows, once only', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-code');
    expect(challenge).to.include({ type: 'app-code', hint: '', codeLength: 6 });
    expect(challenge.resendAfter).to.equal(undefined);
    const shown = (await server.currentTotp(ADELE))!;
    expect(shown.code).to.match(/^\d{6}$/);
    expect(shown.code).to.equal(await totp(SEED_USERS[0]!.authenticatorSecret!, T0));
    expect(shown.secondsLeft).to.equal(30);
    expect(await client.verify(challenge.challengeId, { code: shown.code })).to.include({ result: 'verified', next: 'password' });

    // Replay in a new flow, same time step: refused.
    await start(client, ADELE);
    const replay = await client.startChallenge('app-code');
    expect(await client.verify(replay.challengeId, { code: shown.code })).to.include({ result: 'rejected', attemptsRemaining: 4 });
  });

  it('accepts a code from one step (30 s) ago, refuses one from two steps (60 s) ago', async () => {
    const { client, server, time } = setup();
    await start(client, ADELE);
    const old = (await server.currentTotp(ADELE))!.code;
    time.advance(60 * SECOND);
    const challenge = await client.startChallenge('app-code');
    expect(await client.verify(challenge.challengeId, { code: old })).to.include({ result: 'rejected' });

    const fresh = setup();
    await start(fresh.client, ADELE);
    const previous = (await fresh.server.currentTotp(ADELE))!.code;
    fresh.time.advance(30 * SECOND);
    expect((await fresh.server.currentTotp(ADELE))!.code).to.not.equal(previous);
    const c = await fresh.client.startChallenge('app-code');
    expect(await fresh.client.verify(c.challengeId, { code: previous })).to.include({ result: 'verified' });
  });
});

describe('mock backend: authenticator app notification', () => {
  async function pushFlow() {
    const ctx = setup({ gatesRequired: 2 });
    await start(ctx.client, ADELE);
    const challenge = await ctx.client.startChallenge('app-notification');
    return { ...ctx, challenge };
  }

  it('shows a number to match (10..99) and polls pending', async () => {
    const { client, server, challenge } = await pushFlow();
    expect(challenge).to.include({ type: 'app-notification', pollAfter: 2, resendAfter: 30 });
    expect(challenge.codeLength).to.equal(undefined);
    expect(challenge.expiresAt).to.equal(new Date(T0 + 2 * MINUTE).toISOString());
    expect(challenge.numberToMatch).to.be.a('number');
    expect(Number.isInteger(challenge.numberToMatch)).to.equal(true);
    expect(challenge.numberToMatch).to.be.within(10, 99);
    const push = server.lastMessage(ADELE, 'push')!;
    expect(push).to.include({ challengeId: challenge.challengeId, numberToMatch: challenge.numberToMatch });
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'pending', gatesPassed: 0 });
    // It is answered out of band, not with a code.
    expect((await failure(client.verify(challenge.challengeId, { code: '123456' }))).code).to.equal('invalid_request');
    for (let i = 0; i < 30; i++) {
      const again = await client.startChallenge('app-notification');
      expect(again.numberToMatch).to.be.within(10, 99);
    }
  });

  it('an approval without the number counts as a denial', async () => {
    const { client, server, challenge } = await pushFlow();
    expect(server.answerPush(challenge.challengeId, { approve: true })).to.equal('denied');
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'denied', gatesPassed: 0 });
  });

  it('an approval with a wrong number is a denial', async () => {
    const { client, server, challenge } = await pushFlow();
    const wrongNumber = challenge.numberToMatch === 99 ? 10 : challenge.numberToMatch! + 1;
    expect(server.answerPush(challenge.challengeId, { approve: true, number: wrongNumber })).to.equal('denied');
    expect((await client.poll(challenge.challengeId)).status).to.equal('denied');
  });

  it('approved with the right number: poll answers approved and what comes next', async () => {
    const { client, server, challenge } = await pushFlow();
    expect(server.answerPush(challenge.challengeId, { approve: true, number: challenge.numberToMatch! })).to.equal('approved');
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'approved', gatesPassed: 1, next: 'gate' });
    // Polling again does not pass the gate twice.
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'approved', gatesPassed: 1, next: 'gate' });
  });

  it('an explicit denial polls denied', async () => {
    const { client, server, challenge } = await pushFlow();
    expect(server.answerPush(challenge.challengeId, { approve: false, number: challenge.numberToMatch! })).to.equal('denied');
    expect((await client.poll(challenge.challengeId)).status).to.equal('denied');
  });

  it('expires after the out-of-band lifetime (2 minutes)', async () => {
    const { client, server, challenge, time } = await pushFlow();
    time.advance(2 * MINUTE - SECOND);
    expect((await client.poll(challenge.challengeId)).status).to.equal('pending');
    time.advance(2 * SECOND);
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'expired', gatesPassed: 0 });
    expect(server.answerPush(challenge.challengeId, { approve: true, number: challenge.numberToMatch! })).to.equal('expired');
    expect((await client.poll(challenge.challengeId)).status).to.equal('expired');
  });

  it('honours a custom outOfBandTtl', async () => {
    const ctx = setup({ gatesRequired: 2, outOfBandTtlMs: 20 * SECOND });
    await start(ctx.client, ADELE);
    const challenge = await ctx.client.startChallenge('app-notification');
    ctx.time.advance(20 * SECOND + 1);
    expect((await ctx.client.poll(challenge.challengeId)).status).to.equal('expired');
  });
});

describe('mock backend: phone calls', () => {
  it('mobile call: pressing # approves', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('mobile-call');
    expect(challenge).to.include({ type: 'mobile-call', hint: '+1 ••• ••• ••34', pollAfter: 2 });
    expect(challenge.codeLength).to.equal(undefined);
    expect(server.lastMessage(ADELE, 'call')).to.include({ to: '+1 425 555 0134', challengeId: challenge.challengeId });
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'pending', gatesPassed: 0 });
    expect(server.answerCall(challenge.challengeId, { pressHash: true })).to.equal('approved');
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'approved', gatesPassed: 1, next: 'password' });
  });

  it('office call: declining denies', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('office-call');
    expect(challenge).to.include({ type: 'office-call', hint: '+1 ••• ••• ••00' });
    expect(server.lastMessage(ADELE, 'call')).to.include({ to: '+1 425 555 0100' });
    expect(server.answerCall(challenge.challengeId, { pressHash: false })).to.equal('denied');
    expect(await client.poll(challenge.challengeId)).to.deep.equal({ status: 'denied', gatesPassed: 0 });
  });

  it('no answer: the call expires after 2 minutes', async () => {
    const { client, server, time } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('office-call');
    time.advance(2 * MINUTE + 1);
    expect((await client.poll(challenge.challengeId)).status).to.equal('expired');
    expect(server.answerCall(challenge.challengeId, { pressHash: true })).to.equal('expired');
    expect((await client.poll(challenge.challengeId)).status).to.equal('expired');
  });

  it('answering a challenge that is not a call or push throws', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const challenge = await client.startChallenge('email');
    expect(() => server.answerCall(challenge.challengeId, { pressHash: true })).to.throw();
    expect(() => server.answerPush(challenge.challengeId, { approve: true })).to.throw();
    expect(() => server.answerCall('no-such-challenge', { pressHash: true })).to.throw();
  });
});

describe('mock backend: security questions', () => {
  async function questionsFlow() {
    const ctx = setup({ gatesRequired: 2 });
    await start(ctx.client, ADELE);
    await passEmail(ctx.server, ctx.client, ADELE);
    const challenge = await ctx.client.startChallenge('questions');
    return { ...ctx, challenge };
  }
  const answers = answersOf(ADELE);

  it('asks 2 distinct questions of adele’s, without their answers', async () => {
    const { challenge, server } = await questionsFlow();
    expect(challenge).to.include({ type: 'questions', methodId: 'questions', hint: '' });
    expect(challenge.codeLength).to.equal(undefined);
    expect(challenge.questions).to.have.length(2);
    const ids = challenge.questions!.map((q) => q.id);
    expect(new Set(ids).size).to.equal(2);
    for (const q of challenge.questions!) {
      expect([...answers.keys()]).to.include(q.id);
      expect(q.text).to.be.a('string').and.not.empty;
    }
    const json = JSON.stringify(challenge);
    for (const answer of answers.values()) expect(json).to.not.include(answer);
    // Nothing is sent for questions.
    expect(server.outbox.filter((m) => m.challengeId === challenge.challengeId)).to.have.length(0);
  });

  it('asks the questions in the flow’s language where it has them', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await client.startFlow({ username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'es-MX' });
    await passEmail(server, client, ADELE);
    const challenge = await client.startChallenge('questions');
    for (const q of challenge.questions!) expect(q.text, q.id).to.match(/^¿.+\?$/);
  });

  const variants: Array<[string, (a: string) => string]> = [
    ['different case', (a) => a.toUpperCase()],
    ['extra spaces', (a) => `   ${a.replace(/ /g, '   ')}  \t`],
    ['full-width (NFKC-equivalent) characters', (a) => fullWidth(a)],
    ['all at once', (a) => ` ${fullWidth(a.toLowerCase()).replace(/\u3000/g, '\u3000 ')} `],
  ];
  for (const [name, transform] of variants) {
    it(`accepts answers with ${name}`, async () => {
      const { client, challenge } = await questionsFlow();
      const given = challenge.questions!.map((q) => ({ questionId: q.id, answer: transform(answers.get(q.id)!) }));
      expect(given.every((g, i) => g.answer !== answers.get(challenge.questions![i]!.id))).to.equal(true);
      expect(await client.verify(challenge.challengeId, { answers: given })).to.deep.equal({
        result: 'verified',
        attemptsRemaining: 5,
        gatesPassed: 2,
        next: 'password',
      });
    });
  }

  it('a wrong answer is rejected with replacement questions that can then be answered', async () => {
    const { client, challenge } = await questionsFlow();
    const [first, second] = challenge.questions!;
    const rejected = await client.verify(challenge.challengeId, {
      answers: [
        { questionId: first!.id, answer: answers.get(first!.id)! },
        { questionId: second!.id, answer: 'definitely not it' },
      ],
    });
    expect(rejected).to.include({ result: 'rejected', attemptsRemaining: 4, gatesPassed: 1 });
    expect(rejected.next).to.equal(undefined);
    expect(rejected.challenge).to.exist;
    expect(rejected.challenge).to.include({ challengeId: challenge.challengeId, type: 'questions' });
    expect(rejected.challenge!.questions).to.have.length(2);
    const replacement = rejected.challenge!.questions!;
    const ok = await client.verify(challenge.challengeId, {
      answers: replacement.map((q) => ({ questionId: q.id, answer: answers.get(q.id)! })),
    });
    expect(ok).to.include({ result: 'verified', next: 'password' });
  });

  it('answering only one of the two questions is not enough', async () => {
    const { client, challenge } = await questionsFlow();
    const q = challenge.questions![0]!;
    const result = await client.verify(challenge.challengeId, { answers: [{ questionId: q.id, answer: answers.get(q.id)! }] });
    expect(result.result).to.equal('rejected');
  });
});

describe('mock backend: second gate from a different family', () => {
  it('after email, email cannot be started again', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    expect((await passEmail(server, client, ADELE)).next).to.equal('gate');
    const error = await failure(client.startChallenge('email'));
    expect(error.code).to.equal('method_unavailable');
    expect(error.status).to.equal(409);
    expect((await client.startChallenge('mobile-sms')).type).to.equal('mobile-sms');
  });

  it('after an app code, the app notification is unavailable too (one authenticator app)', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-code');
    const { code } = (await server.currentTotp(ADELE))!;
    expect(await client.verify(challenge.challengeId, { code })).to.include({ gatesPassed: 1, next: 'gate' });
    for (const id of ['app-code', 'app-notification']) {
      expect((await failure(client.startChallenge(id))).code, id).to.equal('method_unavailable');
    }
  });

  it('after an SMS, a call to the same mobile is unavailable', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    await passSms(server, client, ADELE);
    expect((await failure(client.startChallenge('mobile-call'))).code).to.equal('method_unavailable');
    expect((await client.startChallenge('office-call')).type).to.equal('office-call');
  });

  it('once every gate is passed, no further challenge starts', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    await passEmail(server, client, ADELE);
    await passSms(server, client, ADELE);
    expect((await failure(client.startChallenge('app-code'))).code).to.equal('method_unavailable');
  });
});

describe('mock backend: lockout', () => {
  // With maxAttempts 1 a wrong code is both one failed verification and one
  // exhausted challenge, so these hold whichever of the two the backend counts.
  const ONE_TRY = { maxAttempts: 1 } as const;

  async function failOnce(server: MockResetServer, client: HttpResetClient, username: string) {
    const { challenge, code } = await emailChallenge(server, client, username);
    const result = await client.verify(challenge.challengeId, { code: wrong(code) });
    expect(result).to.include({ result: 'rejected', attemptsRemaining: 0 });
  }

  it('5 failed challenges within 24 h lock the user out until 24 h have passed', async () => {
    const { client, server, time } = setup(ONE_TRY);
    await start(client, ADELE);
    for (let i = 0; i < 4; i++) {
      await failOnce(server, client, ADELE);
      time.advance(MINUTE);
    }
    // Four failures: not yet locked.
    expect((await startRaw(server, ADELE)).status).to.equal(200);
    await start(client, ADELE);
    await failOnce(server, client, ADELE);
    // The running flow ends...
    expect((await failure(client.startChallenge('email'))).code).to.equal('locked_out');
    // ...and no new one starts.
    const error = await failure(start(client, ADELE));
    expect(error.code).to.equal('locked_out');
    expect(error.status).to.equal(403);
    expectProblem(await startRaw(server, ADELE), 'locked_out', 403);
    time.advance(23 * HOUR);
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
    time.advance(HOUR);
    const flow = await start(client, ADELE);
    expect(flow.flowToken).to.be.a('string');
    expect((await passEmail(server, client, ADELE)).next).to.equal('password');
  });

  it('5 exhausted challenges (default 5 attempts each) lock the user out', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    try {
      for (let i = 0; i < 5; i++) await exhaust(server, client, ADELE);
    } catch (error) {
      // A backend that counts every wrong code locks the flow before the fifth challenge.
      expect(error).to.be.instanceOf(ResetError);
      expect((error as ResetError).code).to.equal('locked_out');
    }
    expectProblem(await startRaw(server, ADELE), 'locked_out', 403);
  });

  it('failures older than 24 h do not count', async () => {
    const { client, server, time } = setup(ONE_TRY);
    await start(client, ADELE);
    for (let i = 0; i < 4; i++) await failOnce(server, client, ADELE);
    time.advance(24 * HOUR + SECOND);
    await start(client, ADELE);
    await failOnce(server, client, ADELE);
    expect((await startRaw(server, ADELE)).status).to.equal(200);
  });

  it('denied pushes and declined calls count as failures', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    for (let i = 0; i < 4; i++) {
      const type = i % 2 ? 'mobile-call' : 'app-notification';
      const challenge = await client.startChallenge(type);
      if (type === 'mobile-call') server.answerCall(challenge.challengeId, { pressHash: false });
      else server.answerPush(challenge.challengeId, { approve: false });
      expect((await client.poll(challenge.challengeId)).status).to.equal('denied');
    }
    expect(server.isLocked(ADELE)).to.equal(false);
    const last = await client.startChallenge('app-notification');
    server.answerPush(last.challengeId, { approve: true, number: 0 });
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
  });

  it('after a denial the person may ask for another push; each denial counts once', async () => {
    const { client, server, time } = setup({ gatesRequired: 2, lockoutThreshold: 3 });
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-notification');
    async function deny(polls: number) {
      expect(server.answerPush(challenge.challengeId, { approve: false })).to.equal('denied');
      for (let i = 0; i < polls; i++) expect((await client.poll(challenge.challengeId)).status).to.equal('denied');
    }
    await deny(3);
    time.advance(30 * SECOND);
    const again = await client.resend(challenge.challengeId);
    expect(again.challengeId).to.equal(challenge.challengeId);
    expect(server.outbox.filter((m) => m.channel === 'push')).to.have.length(2);
    expect((await client.poll(challenge.challengeId)).status).to.equal('pending');
    await deny(2);
    // Two denials so far (threshold 3), however often polled: not locked.
    expect(server.isLocked(ADELE)).to.equal(false);
    time.advance(30 * SECOND);
    await client.resend(challenge.challengeId);
    await deny(0);
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
  });

  it('one user’s lockout does not lock another', async () => {
    const { client, server } = setup(ONE_TRY);
    await start(client, ADELE);
    for (let i = 0; i < 5; i++) await failOnce(server, client, ADELE);
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
    expect((await startRaw(server, MEGAN)).status).to.equal(200);
  });

  // Push bombing (MFA fatigue): the denial must count when the person denies,
  // not when (or if) the attacker's client polls.
  it('a denied push counts even when the client never polls it', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    for (let i = 0; i < 5; i++) {
      const challenge = await client.startChallenge('app-notification');
      expect(server.answerPush(challenge.challengeId, { approve: false })).to.equal('denied');
    }
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
  });

  it('a resend does not wipe out a denial', async () => {
    const { client, server, time } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    for (let i = 0; i < 5; i++) {
      const challenge = await client.startChallenge('app-notification');
      expect(server.answerPush(challenge.challengeId, { approve: false })).to.equal('denied');
      time.advance(30 * SECOND);
      // Refused or sent: either way the denial must have counted.
      await client.resend(challenge.challengeId).catch(() => undefined);
    }
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
  });

  // Wrong guesses on challenges that are abandoned before their last attempt must
  // still count, or app codes (the same TOTP across challenges, and nothing
  // reaches the victim) can be guessed without end, 4 per challenge.
  it('one live flow per username: starting over ends the earlier flow, and its wrong attempts count once', async () => {
    const { client, server } = setup({ lockoutThreshold: 2 });
    const other = new HttpResetClient({ baseUrl: 'https://mock.test/api', fetch: server.fetch });
    await start(client, ADELE);
    const first = await client.startChallenge('email');
    await client.verify(first.challengeId, { code: '000000' });
    await client.verify(first.challengeId, { code: '000001' });
    expect(server.isLocked(ADELE)).to.equal(false);
    await start(other, ADELE);
    // The first flow is gone; its challenge with wrong attempts counted once.
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    const second = await other.startChallenge('email');
    await other.verify(second.challengeId, { code: '000000' });
    expect(server.isLocked(ADELE)).to.equal(false);
    await other.cancel();
    expect(server.isLocked(ADELE)).to.equal(true, 'the cancelled flow’s wrong attempt counted');
  });

  it('wrong app codes spread over abandoned challenges still lead to a lockout', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const { code } = (await server.currentTotp(ADELE))!;
    // 40 wrong guesses (8 challenges' worth of attempts), 4 per challenge.
    try {
      for (let i = 0; i < 10; i++) {
        const challenge = await client.startChallenge('app-code');
        for (let j = 0; j < 4; j++) await client.verify(challenge.challengeId, { code: wrong(code) });
      }
    } catch (error) {
      // A backend that locks the flow mid-way answers locked_out here.
      expect(error).to.be.instanceOf(ResetError);
      expect((error as ResetError).code).to.equal('locked_out');
    }
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
  });
});

describe('mock backend: new password', () => {
  async function ready(options: MockOptions = {}) {
    const ctx = setup(options);
    const flow = await start(ctx.client, ADELE);
    await passEmail(ctx.server, ctx.client, ADELE);
    return { ...ctx, flow };
  }

  it('rejects a password that is too short, with the limit (422, problem+json)', async () => {
    const { client, server, flow } = await ready();
    const error = await failure(client.resetPassword('Ab1!xyz'));
    expect(error.code).to.equal('password_rejected');
    expect(error.status).to.equal(422);
    expect(error.reasons).to.deep.include({ code: 'too_short', limit: 8 });
    const raw = await send(server, 'POST', '/v1/flows/current/password', { token: flow.flowToken, body: { newPassword: 'short' } });
    expectProblem(raw, 'password_rejected', 422);
    expect(raw.body!['reasons']).to.deep.include({ code: 'too_short', limit: 8 });
  });

  it('rejects a password containing the username (any case)', async () => {
    const { client } = await ready();
    for (const password of ['my-adele-Secret-9', 'XX-ADELE-xx-2026']) {
      const error = await failure(client.resetPassword(password));
      expect(error.code).to.equal('password_rejected');
      expect(error.reasons.map((r) => r.code)).to.deep.equal(['contains_username']);
    }
  });

  it('rejects a breached password (any case)', async () => {
    const { client } = await ready();
    for (const password of ['password123', 'PassWord123']) {
      const error = await failure(client.resetPassword(password));
      expect(error.code).to.equal('password_rejected');
      expect(error.reasons.map((r) => r.code)).to.deep.equal(['breached']);
    }
  });

  it('rejects her old password as recently used', async () => {
    const { client } = await ready({ passwordPolicy: { ...DEFAULT_POLICY, disallowUsername: false } });
    const error = await failure(client.resetPassword('Adele-Old-Passw0rd'));
    expect(error.code).to.equal('password_rejected');
    expect(error.status).to.equal(422);
    expect(error.reasons.map((r) => r.code)).to.deep.equal(['recently_used']);
  });

  it('refuses a password before the gates are passed', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const none = await failure(client.resetPassword('Brand-New-Secret-42'));
    expect(none.status).to.be.within(400, 499);
    expect(none.code).to.not.equal('password_rejected');
    await passEmail(server, client, ADELE);
    const one = await failure(client.resetPassword('Brand-New-Secret-42'));
    expect(one.status).to.be.within(400, 499);
    expect(one.code).to.not.equal('password_rejected');
    expect(server.users.get(ADELE)!.password).to.equal('Adele-Old-Passw0rd');
    expect(server.outbox.filter((m) => /password was changed/.test(m.subject ?? ''))).to.have.length(0);
  });

  it('resets: notifies adele’s addresses, then the flow is gone', async () => {
    const { client, server, flow } = await ready();
    const before = server.outbox.length;
    const result = await client.resetPassword('Correct-Horse-Battery-9');
    expect(result).to.deep.equal({
      result: 'reset',
      notified: [
        { channel: 'email', hint: 'a•••@contoso.com' },
        { channel: 'email', hint: 'a•••@fabrikam.com' },
      ],
    });
    const sent = server.outbox.slice(before);
    expect(sent.map((m) => m.to).sort()).to.deep.equal(['adele.vance@fabrikam.com', 'adele@contoso.com']);
    for (const m of sent) {
      expect(m.channel).to.equal('email');
      expect(m.subject).to.match(/password was changed/i);
      expect(m.body).to.not.include('Correct-Horse-Battery-9');
    }
    expect(server.users.get(ADELE)!.password).to.equal('Correct-Horse-Battery-9');
    // The server forgot the flow...
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { token: flow.flowToken, body: { methodId: 'email' } }), 'flow_expired', 401);
    expectProblem(await send(server, 'POST', '/v1/flows/current/password', { token: flow.flowToken, body: { newPassword: 'Another-Secret-77' } }), 'flow_expired', 401);
    // ...and so did the client.
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
  });

  it('the new password joins the history', async () => {
    const { client, server } = await ready();
    await client.resetPassword('Correct-Horse-Battery-9');
    await start(client, ADELE);
    await passEmail(server, client, ADELE);
    const error = await failure(client.resetPassword('Correct-Horse-Battery-9'));
    expect(error.reasons.map((r) => r.code)).to.deep.equal(['recently_used']);
  });

  it('a rejected password keeps the flow', async () => {
    const { client } = await ready();
    await failure(client.resetPassword('password123'));
    expect((await client.resetPassword('Correct-Horse-Battery-9')).result).to.equal('reset');
  });
});

describe('mock backend: the flow token', () => {
  it('a missing, unknown or malformed Bearer token is flow_expired (401)', async () => {
    const { server } = setup();
    await startRaw(server, ADELE);
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { body: { methodId: 'email' } }), 'flow_expired', 401);
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { token: 'made-up', body: { methodId: 'email' } }), 'flow_expired', 401);
    const basic = await server.fetch(
      new Request(`${BASE}/v1/flows/current/challenges`, {
        method: 'POST',
        headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json' },
        body: JSON.stringify({ methodId: 'email' }),
      }),
    );
    expect(basic.status).to.equal(401);
    expect(server.outbox).to.have.length(0);
  });

  it('never puts the flow token (or a code or the password) in a URL', async () => {
    const { client, server, requests } = setup({ gatesRequired: 2 });
    const flow = await start(client, ADELE);
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    await client.verify(challenge.challengeId, { code });
    const push = await client.startChallenge('app-notification');
    await client.poll(push.challengeId);
    await client.resend(push.challengeId).catch(() => undefined);
    server.answerPush(push.challengeId, { approve: true, number: server.lastMessage(ADELE, 'push')!.numberToMatch! });
    await client.poll(push.challengeId);
    await client.resetPassword('Correct-Horse-Battery-9');
    expect(requests.length).to.be.greaterThan(6);
    for (const r of requests) {
      expect(r.url).to.not.include(flow.flowToken);
      expect(r.url).to.not.include(encodeURIComponent(flow.flowToken));
      expect(r.url).to.not.include(code);
      expect(r.url).to.not.include('Correct-Horse');
      expect(new URL(r.url).search).to.equal('');
    }
    const withFlow = requests.filter((r) => r.url.includes('/v1/flows/current'));
    expect(withFlow.length).to.be.greaterThan(0);
    for (const r of withFlow) expect(r.headers.get('authorization')).to.equal(`Bearer ${flow.flowToken}`);
  });

  it('DELETE /v1/flows/current answers 204 and ends the flow', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const deleted = await send(server, 'DELETE', '/v1/flows/current', { token });
    expect(deleted.status).to.equal(204);
    expect(deleted.body).to.equal(undefined);
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } }), 'flow_expired', 401);
    expectProblem(await send(server, 'DELETE', '/v1/flows/current', { token }), 'flow_expired', 401);
  });

  it('client.cancel() ends the flow on the server', async () => {
    const { client, server } = setup();
    const flow = await start(client, ADELE);
    await client.cancel();
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { token: flow.flowToken, body: { methodId: 'email' } }), 'flow_expired', 401);
  });

  it('a flow expires after 15 minutes', async () => {
    const { client, server, time } = setup();
    const flow = await start(client, ADELE);
    expect(flow.expiresAt).to.equal(new Date(T0 + 15 * MINUTE).toISOString());
    time.advance(15 * MINUTE - SECOND);
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    time.advance(2 * SECOND);
    const error = await failure(client.verify(challenge.challengeId, { code }));
    expect(error.code).to.equal('flow_expired');
    expect(error.status).to.equal(401);
  });

  it('one flow’s token does not reach another flow’s challenge', async () => {
    const { server } = setup();
    const a = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const b = (await startRaw(server, MEGAN)).body!['flowToken'] as string;
    const challenge = (await send(server, 'POST', '/v1/flows/current/challenges', { token: a, body: { methodId: 'email' } })).body!;
    const code = server.lastMessage(ADELE, 'email')!.code!;
    const cross = await send(server, 'POST', `/v1/flows/current/challenges/${challenge['challengeId'] as string}/verify`, { token: b, body: { code } });
    expectProblem(cross, 'not_found', 404);
  });
});

describe('mock backend: HTTP surface', () => {
  it('malformed JSON → 400 invalid_request', async () => {
    const { server } = setup();
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: '{"username": "adele@contoso.com",' }), 'invalid_request', 400);
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { token, raw: 'not json' }), 'invalid_request', 400);
    expectProblem(await send(server, 'POST', '/v1/flows/current/password', { token, raw: '' }), 'invalid_request', 400);
  });

  it('a body that does not match protocol v1 → 400 invalid_request', async () => {
    const { server } = setup();
    expectProblem(await send(server, 'POST', '/v1/flows', { body: { username: '', captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' } }), 'invalid_request', 400);
    expectProblem(await send(server, 'POST', '/v1/flows', { body: { username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN } }), 'invalid_request', 400);
  });

  it('unknown routes → 404 not_found', async () => {
    const { server } = setup();
    expectProblem(await send(server, 'GET', '/v1/nothing'), 'not_found', 404);
    expectProblem(await send(server, 'GET', '/v2/config'), 'not_found', 404);
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges/x/explode', { body: {} }), 'not_found', 404);
  });

  it('an unknown challenge id → 404 not_found', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    expectProblem(await send(server, 'GET', '/v1/flows/current/challenges/nope', { token }), 'not_found', 404);
  });
});

describe('mock backend: rate limiting of flow starts', () => {
  it('the 11th start for one username within a minute is rate_limited', async () => {
    const { client, server, time } = setup();
    for (let i = 0; i < 10; i++) {
      time.advance(SECOND);
      await start(client, i % 2 ? ADELE : ' Adele@Contoso.com');
    }
    const error = await failure(start(client, ADELE));
    expect(error.code).to.equal('rate_limited');
    expect(error.status).to.equal(429);
    // The first start (T0 + 1 s) leaves the one-minute window at T0 + 61 s; it is now T0 + 10 s.
    expect(error.retryAfter).to.equal(51);
    const raw = await startRaw(server, ADELE);
    expectProblem(raw, 'rate_limited', 429);
    expect(raw.response.headers.get('retry-after')).to.equal('51');
    // Another username is not affected.
    expect((await startRaw(server, MEGAN)).status).to.equal(200);
    // Once the first start leaves the window, one more is allowed.
    time.advance(51 * SECOND);
    expect((await startRaw(server, ADELE)).status).to.equal(200);
  });

  it('unknown usernames are rate limited the same way', async () => {
    const { server } = setup();
    for (let i = 0; i < 10; i++) expect((await startRaw(server, 'ghost@contoso.com')).status).to.equal(200);
    expectProblem(await startRaw(server, 'ghost@contoso.com'), 'rate_limited', 429);
  });
});

describe('mock backend: createMockHandler and the devices API', () => {
  function handlerSetup(options: MockOptions = {}) {
    const time = clock(T0);
    const { server } = createMockBackend({ now: time.now, ...options });
    const handler = createMockHandler(server);
    const client = new HttpResetClient({ baseUrl: BASE, fetch: handler });
    const get = async (path: string) => {
      const r = await handler(new Request(BASE + path));
      return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as Record<string, unknown> };
    };
    const post = async (path: string, body: unknown) => {
      const r = await handler(new Request(BASE + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    return { time, server, client, get, post };
  }

  it('still serves protocol v1', async () => {
    const { client } = handlerSetup();
    expect((await client.getConfig()).protocol).to.equal(1);
    expect((await start(client, ADELE)).methods.length).to.be.greaterThan(0);
  });

  it('/mock/state lists the users, their devices and the outbox', async () => {
    const { client, get } = handlerSetup();
    await start(client, ADELE);
    await client.startChallenge('email');
    const state = await get('/mock/state');
    expect(state.status).to.equal(200);
    expect(state.type).to.match(/^application\/json/);
    expect(state.body['now']).to.equal(T0);
    const users = state.body['users'] as Array<Record<string, unknown>>;
    expect(users.map((u) => u['username'])).to.deep.equal(SEED_USERS.map((u) => u.username));
    const adele = users.find((u) => u['username'] === ADELE)!;
    expect(adele).to.include({ displayName: 'Adele Vance', role: 'user', enabled: true, locked: false, authenticator: true, email: 'adele.vance@fabrikam.com' });
    expect(adele['questions']).to.have.length(4);
    expect(users.find((u) => u['username'] === 'locked@contoso.com')).to.include({ locked: true });
    expect(users.find((u) => u['username'] === 'diego@contoso.com')).to.include({ enabled: false });
    const outbox = state.body['outbox'] as Array<Record<string, unknown>>;
    expect(outbox).to.have.length(1);
    expect(outbox[0]).to.include({ channel: 'email', to: 'adele.vance@fabrikam.com' });
  });

  it('/mock/totp/{user} shows the app’s current code', async () => {
    const { server, get, time } = handlerSetup();
    time.advance(10 * SECOND);
    const shown = await get(`/mock/totp/${encodeURIComponent(ADELE)}`);
    expect(shown.status).to.equal(200);
    expect(shown.body).to.deep.equal({ code: (await server.currentTotp(ADELE))!.code, secondsLeft: 20 });
    expect((await get('/mock/totp/megan%40contoso.com')).status).to.equal(404);
    expect((await get('/mock/totp/nobody%40contoso.com')).status).to.equal(404);
  });

  it('/mock/push/{challenge} answers a push', async () => {
    const { client, server, post } = handlerSetup({ gatesRequired: 2 });
    await start(client, ADELE);
    const denied = await client.startChallenge('app-notification');
    expect((await post(`/mock/push/${denied.challengeId}`, { approve: true })).body).to.deep.equal({ status: 'denied' });
    expect((await client.poll(denied.challengeId)).status).to.equal('denied');
    const push = await client.startChallenge('app-notification');
    const number = server.lastMessage(ADELE, 'push')!.numberToMatch;
    const answer = await post(`/mock/push/${push.challengeId}`, { approve: true, number });
    expect(answer).to.deep.equal({ status: 200, body: { status: 'approved' } });
    expect(await client.poll(push.challengeId)).to.include({ status: 'approved', gatesPassed: 1 });
    expect((await post('/mock/push/no-such-challenge', { approve: true })).status).to.equal(404);
  });

  it('/mock/call/{challenge} answers a call', async () => {
    const { client, post } = handlerSetup();
    await start(client, ADELE);
    const declined = await client.startChallenge('mobile-call');
    expect((await post(`/mock/call/${declined.challengeId}`, { pressHash: false })).body).to.deep.equal({ status: 'denied' });
    expect((await client.poll(declined.challengeId)).status).to.equal('denied');
    const call = await client.startChallenge('office-call');
    expect((await post(`/mock/call/${call.challengeId}`, { pressHash: true })).body).to.deep.equal({ status: 'approved' });
    expect(await client.poll(call.challengeId)).to.deep.equal({ status: 'approved', gatesPassed: 1, next: 'password' });
  });

  it('answers 404 for an unknown devices path and 405 for a wrong method', async () => {
    const { get, post } = handlerSetup();
    expect((await get('/mock/nothing')).status).to.equal(404);
    expect((await post('/mock/state', {})).status).to.equal(405);
  });
});
