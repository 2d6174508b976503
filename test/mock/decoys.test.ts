/**
 * Unknown usernames: a decoy flow answered like a real user’s, that sends
 * nothing, verifies nothing and locks out the same way.
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_POLICY, type MockResetServer } from '../../src/mock/index.js';
import { METHOD_TYPES, type FlowResponse } from '../../src/protocol/schemas.js';
import { T0, SECOND, MINUTE, ADELE, MEGAN, setup, failure, send, expectProblem, startRaw, start, wrong, byId } from './support.js';

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
