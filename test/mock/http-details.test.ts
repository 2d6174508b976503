/**
 * HTTP done right, and the answers to the protocol's once-silent cases:
 * request ids, no-store, 405 with Allow, 415, 413, WWW-Authenticate, bad
 * ids and strings, the order of checks, and what verify, resend and a push do
 * at the edges.
 */
import { expect } from '@open-wc/testing';
import { MOCK_CAPTCHA_TOKEN } from '../../src/mock/index.js';
import { MAX_BODY_BYTES, REQUEST_ID_PATTERN } from '../../src/protocol/schemas.js';
import { MINUTE, SECOND, ADELE, BASE, setup, send, startRaw, expectProblem, start, failure, passEmail } from './support.js';

const START = { username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' };

describe('mock backend: every answer', () => {
  it('carries X-Request-Id and Cache-Control: no-store; a problem names the same id in instance', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const answers = [
      await send(server, 'GET', '/v1/config'),
      await send(server, 'DELETE', '/v1/flows/current', { token }),
      await send(server, 'POST', '/v1/flows', { body: { username: '' } }),
      await send(server, 'DELETE', '/v1/flows/current', { token }),
      await send(server, 'GET', '/v1/nothing'),
      await send(server, 'PUT', '/v1/config', { body: {} }),
      await send(server, 'POST', '/v1/flows', { raw: 'x', headers: { 'content-type': 'text/plain' } }),
      await send(server, 'POST', '/v1/flows', { raw: `"${'x'.repeat(MAX_BODY_BYTES)}"` }),
    ];
    expect(answers.map((a) => a.status)).to.deep.equal([200, 204, 400, 401, 404, 405, 415, 413]);
    const ids = new Set<string>();
    for (const a of answers) {
      const id = a.response.headers.get('x-request-id')!;
      expect(id, String(a.status)).to.match(REQUEST_ID_PATTERN);
      ids.add(id);
      expect(a.response.headers.get('cache-control'), String(a.status)).to.equal('no-store');
      if (a.status >= 400) {
        expect(a.response.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(a.body!['instance']).to.equal(`urn:sspr:request:${id}`);
        expect(a.body!['status']).to.equal(a.status);
      }
    }
    expect(ids.size).to.equal(answers.length);
  });
});

describe('mock backend: HTTP rules', () => {
  it('a body must be application/json (any parameters): anything else is 415, so a cross-site form cannot start a flow', async () => {
    const { server } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      expectProblem(
        await send(server, 'POST', '/v1/flows', { raw: JSON.stringify(START), headers: { 'content-type': type } }),
        'unsupported_media_type',
        415,
      );
    }
    const none = await server.fetch(
      new Request(`${BASE}/v1/flows`, {
        method: 'POST',
        body: new Blob([JSON.stringify(START)]),
        headers: { 'idempotency-key': 'k'.repeat(16) },
      }),
    );
    expect(none.status).to.equal(415);
    const ok = await send(server, 'POST', '/v1/flows', {
      raw: JSON.stringify(START),
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    });
    expect(ok.status).to.equal(200);
    expect(server.outbox).to.have.length(0);
  });

  it('a wrong method is 405 with Allow; OPTIONS is 204 with Allow', async () => {
    const { server } = setup();
    const cases: Array<[string, string, string]> = [
      ['PUT', '/v1/config', 'GET'],
      ['GET', '/v1/flows', 'POST'],
      ['POST', '/v1/flows/current', 'DELETE'],
      ['DELETE', '/v1/flows/current/challenges/abc', 'GET'],
      ['GET', '/v1/flows/current/password', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await send(server, method, path, method === 'GET' ? {} : { body: {} });
      expectProblem(answer, 'method_not_allowed', 405);
      expect(answer.response.headers.get('allow'), `${method} ${path}`).to.equal(allow);
    }
    const options = await send(server, 'OPTIONS', '/v1/flows');
    expect(options.status).to.equal(204);
    expect(options.response.headers.get('allow')).to.equal('POST');
  });

  it('401 names the Bearer scheme, with invalid_token when a token was sent', async () => {
    const { server } = setup();
    const none = await send(server, 'GET', '/v1/flows/current/challenges/abc');
    expectProblem(none, 'flow_expired', 401);
    expect(none.response.headers.get('www-authenticate')).to.equal('Bearer');
    const bad = await send(server, 'GET', '/v1/flows/current/challenges/abc', { token: 'not-a-flow' });
    expect(bad.response.headers.get('www-authenticate')).to.equal('Bearer error="invalid_token"');
  });

  it('a body over 16 KiB is 413: it is read no further than the limit', async () => {
    const { server } = setup();
    const big = JSON.stringify({ ...START, locale: 'x'.repeat(MAX_BODY_BYTES) });
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: big }), 'payload_too_large', 413);
    // Exactly the limit is read (and then refused for what it says, not for its size).
    const exact = `{"pad":"${'x'.repeat(MAX_BODY_BYTES - 10)}"}`;
    expect(new TextEncoder().encode(exact).length).to.equal(MAX_BODY_BYTES);
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: exact }), 'invalid_request', 400);
  });

  it('a challenge id that is not valid percent-encoding is 404, never a failure', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    for (const id of ['%ED%A0%80', '%E0%A4%A', '%', '%FF']) {
      expectProblem(
        await send(server, 'POST', `/v1/flows/current/challenges/${id}/verify`, { token, body: { code: '123456' } }),
        'not_found',
        404,
      );
      expectProblem(await send(server, 'GET', `/v1/flows/current/challenges/${id}`, { token }), 'not_found', 404);
    }
  });

  it('strings must be well-formed Unicode: a lone surrogate is 400', async () => {
    const { server } = setup();
    const raw = `{"username":"adele\\ud800@contoso.com","captchaToken":"${MOCK_CAPTCHA_TOKEN}","locale":"en"}`;
    expectProblem(await send(server, 'POST', '/v1/flows', { raw }), 'invalid_request', 400);
  });

  it('checks in protocol order: path, method, media type, size, key, token, body', async () => {
    const { server } = setup({ requireIdempotencyKey: true });
    const text = { 'content-type': 'text/plain' };
    expectProblem(await send(server, 'POST', '/v1/nowhere', { raw: 'x', headers: text, key: null }), 'not_found', 404);
    expectProblem(await send(server, 'POST', '/v1/config', { raw: 'x', headers: text, key: null }), 'method_not_allowed', 405);
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: 'x', headers: text, key: null }), 'unsupported_media_type', 415);
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: 'x'.repeat(MAX_BODY_BYTES + 1), key: null }), 'payload_too_large', 413);
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: 'x', key: null }), 'invalid_request', 400);
    expectProblem(await send(server, 'POST', '/v1/flows/current/challenges', { raw: 'x', token: 'nope' }), 'flow_expired', 401);
    expectProblem(await send(server, 'POST', '/v1/flows', { raw: 'x' }), 'invalid_request', 400);
  });

  it('no header, body or id in any answer carries the flow token after the flow start', async () => {
    const { server } = setup();
    const start = await startRaw(server, ADELE);
    const token = start.body!['flowToken'] as string;
    const answer = await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } });
    expect(JSON.stringify(answer.body)).to.not.include(token);
    for (const [, value] of answer.response.headers) expect(value).to.not.include(token);
  });
});

describe('mock backend: the edges of a challenge', () => {
  it('answers of the wrong form are 400 and take no attempt', async () => {
    const { client } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const email = await client.startChallenge('email');
    const error = await failure(client.verify(email.challengeId, { answers: [{ questionId: 'q-city', answer: 'Seattle' }] }));
    expect(error.code).to.equal('invalid_request');
    // A code of the wrong length is a wrong attempt like any other.
    expect(await client.verify(email.challengeId, { code: '1' })).to.include({ result: 'rejected', attemptsRemaining: 4 });
    const questions = await client.startChallenge('questions');
    expect((await failure(client.verify(questions.challengeId, { code: '123456' }))).code).to.equal('invalid_request');
  });

  it('a resend revives an expired challenge, without giving back attempts', async () => {
    const { client, server, time } = setup({ lockoutThreshold: 100 });
    await start(client, ADELE);
    const email = await client.startChallenge('email');
    await client.verify(email.challengeId, { code: 'nope' });
    time.advance(10 * MINUTE + SECOND);
    expect((await failure(client.verify(email.challengeId, { code: '123456' }))).code).to.equal('challenge_expired');
    await client.resend(email.challengeId);
    const code = server.lastMessage(ADELE, 'email')!.code!;
    expect(await client.verify(email.challengeId, { code })).to.include({ result: 'verified', attemptsRemaining: 3 });
  });

  it('a challenge never outlives its flow', async () => {
    const { client, time } = setup();
    const flow = await start(client, ADELE);
    time.advance(14 * MINUTE);
    const email = await client.startChallenge('email');
    expect(email.expiresAt).to.equal(flow.expiresAt);
  });

  it('a push passes its gate when the person approves, before any poll', async () => {
    const { client, server } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    await passEmail(server, client, ADELE);
    const push = await client.startChallenge('app-notification');
    server.answerPush(push.challengeId, { approve: true, number: push.numberToMatch });
    expect((await client.resetPassword('Brand-New-Secret-42')).result).to.equal('reset');
  });
});
