/**
 * Flows: the methods offered to each seed user and why some are not, and a
 * second gate from a different family.
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_POLICY, SEED_USERS } from '../../src/mock/index.js';
import { METHOD_TYPES } from '../../src/protocol/schemas.js';
import {
  T0,
  MINUTE,
  ADELE,
  ALEX,
  MEGAN,
  setup,
  failure,
  expectProblem,
  startRaw,
  start,
  passEmail,
  passSms,
  answersOf,
  fullWidth,
  byId,
} from './support.js';

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
