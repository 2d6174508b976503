/**
 * MockResetServer's HTTP surface: the config, the captcha, the flow token
 * in the Authorization header, routes, bodies and problem documents.
 */
import { expect } from '@open-wc/testing';
import { DEFAULT_POLICY, MOCK_CAPTCHA_TOKEN } from '../../src/mock/index.js';
import { METHOD_TYPES } from '../../src/protocol/schemas.js';
import { BASE, T0, SECOND, MINUTE, ADELE, MEGAN, setup, failure, send, expectProblem, startRaw, start, emailChallenge } from './support.js';

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
      usernameExample: 'user@contoso.com',
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

describe('mock backend: the flow token', () => {
  it('a missing, unknown or malformed Bearer token is flow_expired (401)', async () => {
    const { server } = setup();
    await startRaw(server, ADELE);
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { body: { methodId: 'email' } }), 'flow_expired', 401);
    expectProblem(
      await send(server, 'POST', '/v1/flows/current/challenges', { token: 'made-up', body: { methodId: 'email' } }),
      'flow_expired',
      401,
    );
    const basic = await server.fetch(
      new Request(`${BASE}/v1/flows/current/challenges`, {
        method: 'POST',
        headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/json', 'idempotency-key': 'basic-auth-attempt-0001' },
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
    expectProblem(
      await send(server, 'POST', '/v1/flows/current/challenges', { token: flow.flowToken, body: { methodId: 'email' } }),
      'flow_expired',
      401,
    );
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
    const cross = await send(server, 'POST', `/v1/flows/current/challenges/${challenge['challengeId'] as string}/verify`, {
      token: b,
      body: { code },
    });
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
    expectProblem(
      await send(server, 'POST', '/v1/flows', { body: { username: '', captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' } }),
      'invalid_request',
      400,
    );
    expectProblem(
      await send(server, 'POST', '/v1/flows', { body: { username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN } }),
      'invalid_request',
      400,
    );
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
