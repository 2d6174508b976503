/**
 * Idempotency-Key: a repeated POST gets the first answer again, byte for
 * byte, with no second side effect; a lost answer to a successful reset is
 * answered again on retry.
 */
import { expect } from '@open-wc/testing';
import { webCrypto, type MockCrypto } from '../../src/mock/crypto.js';
import { MOCK_CAPTCHA_TOKEN, type MockResetServer } from '../../src/mock/index.js';
import { ADELE, setup, send, startRaw, expectProblem, newKey } from './support.js';

const START = { username: ADELE, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' };

async function twice(server: MockResetServer, path: string, init: { token?: string; body?: unknown }) {
  const key = newKey();
  const first = await send(server, 'POST', path, { ...init, key });
  const again = await send(server, 'POST', path, { ...init, key });
  return { first, again, key };
}

/** Same status, body and request id; the repeat says it is a replay. */
function expectReplay(first: Awaited<ReturnType<typeof send>>, again: Awaited<ReturnType<typeof send>>) {
  expect(again.status).to.equal(first.status);
  expect(again.body).to.deep.equal(first.body);
  expect(again.response.headers.get('x-request-id')).to.equal(first.response.headers.get('x-request-id'));
  expect(again.response.headers.get('content-type')).to.equal(first.response.headers.get('content-type'));
  expect(first.response.headers.get('idempotent-replayed')).to.equal(null);
  expect(again.response.headers.get('idempotent-replayed')).to.equal('true');
}

async function verifiedFlow(server: MockResetServer) {
  const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
  const challenge = await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } });
  const id = challenge.body!['challengeId'] as string;
  const code = server.lastMessage(ADELE, 'email')!.code!;
  expect((await send(server, 'POST', `/v1/flows/current/challenges/${id}/verify`, { token, body: { code } })).status).to.equal(200);
  return token;
}

describe('mock backend: Idempotency-Key', () => {
  it('a repeated flow start answers the same flow: one flow, one rate-limit slot', async () => {
    const { server } = setup({ flowsPerMinute: 2 });
    const { first, again } = await twice(server, '/v1/flows', { body: START });
    expect(first.status).to.equal(200);
    expectReplay(first, again);
    // The replay took no slot: one more start is still allowed, then the limit.
    expect((await startRaw(server, ADELE)).status).to.equal(200);
    expect((await startRaw(server, ADELE)).status).to.equal(429);
  });

  it('a repeated challenge start sends no second code', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const { first, again } = await twice(server, '/v1/flows/current/challenges', { token, body: { methodId: 'email' } });
    expectReplay(first, again);
    expect(server.outbox).to.have.length(1);
  });

  it('a repeated verify takes no second attempt', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const id = (await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } })).body![
      'challengeId'
    ] as string;
    const { first, again } = await twice(server, `/v1/flows/current/challenges/${id}/verify`, { token, body: { code: '000000' } });
    expectReplay(first, again);
    expect(first.body).to.include({ result: 'rejected', attemptsRemaining: 4 });
    const next = await send(server, 'POST', `/v1/flows/current/challenges/${id}/verify`, { token, body: { code: '000000' } });
    expect(next.body).to.include({ attemptsRemaining: 3 });
  });

  it('a reset whose answer was lost is answered again on retry, and happens once', async () => {
    const { server } = setup();
    const token = await verifiedFlow(server);
    const before = server.outbox.length;
    const { first, again } = await twice(server, '/v1/flows/current/password', { token, body: { newPassword: 'Brand-New-Secret-42' } });
    expect(first.body).to.include({ result: 'reset' });
    // The flow is over, yet the retry gets the reset's answer, not "session expired".
    expectReplay(first, again);
    expect(server.outbox.length - before).to.equal(2);
    expect(server.users.get(ADELE)!.passwordHistory.filter((p) => p === 'Brand-New-Secret-42')).to.have.length(1);
    // Without the key it is a new request on an ended flow.
    expectProblem(
      await send(server, 'POST', '/v1/flows/current/password', { token, body: { newPassword: 'Brand-New-Secret-42' } }),
      'flow_expired',
      401,
    );
  });

  it('problems are kept too: a retried refusal is the same refusal, with the same support code', async () => {
    const { server } = setup();
    const token = await verifiedFlow(server);
    const { first, again } = await twice(server, '/v1/flows/current/password', { token, body: { newPassword: 'password123' } });
    expectProblem(first, 'password_rejected', 422);
    expectReplay(first, again);
    expect(again.body!['instance']).to.equal(`urn:sspr:request:${first.response.headers.get('x-request-id')}`);
  });

  it('the same key with another body is refused (422 idempotency_key_reused), and nothing happens', async () => {
    const { server } = setup();
    const token = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const key = newKey();
    expect((await send(server, 'POST', '/v1/flows/current/challenges', { token, key, body: { methodId: 'email' } })).status).to.equal(200);
    const reused = await send(server, 'POST', '/v1/flows/current/challenges', { token, key, body: { methodId: 'mobile-sms' } });
    expectProblem(reused, 'idempotency_key_reused', 422);
    expect(server.outbox).to.have.length(1);
  });

  it('a key whose first request is still running: 409 request_in_progress with Retry-After 1', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let hold = false;
    const crypto: MockCrypto = {
      hmac: async (...a) => (hold && (await held), webCrypto.hmac(...a)),
      equal: (a, b) => webCrypto.equal(a, b),
    };
    const { server } = setup({ crypto });
    hold = true;
    const key = newKey();
    const first = send(server, 'POST', '/v1/flows', { key, body: START });
    await new Promise((r) => setTimeout(r, 50));
    const second = await send(server, 'POST', '/v1/flows', { key, body: START });
    expectProblem(second, 'request_in_progress', 409);
    expect(second.response.headers.get('retry-after')).to.equal('1');
    release();
    expect((await first).status).to.equal(200);
    expectReplay(await first, await send(server, 'POST', '/v1/flows', { key, body: START }));
  });

  it('a failure on the server’s side is not kept: the retry runs again', async () => {
    let fail = true;
    const crypto: MockCrypto = {
      hmac: (...a) => (fail ? ((fail = false), Promise.reject(new Error('HSM unavailable'))) : webCrypto.hmac(...a)),
      equal: (a, b) => webCrypto.equal(a, b),
    };
    const { server } = setup({ crypto });
    const key = newKey();
    const first = await send(server, 'POST', '/v1/flows', { key, body: START });
    expectProblem(first, 'server_error', 500);
    const retry = await send(server, 'POST', '/v1/flows', { key, body: START });
    expect(retry.status).to.equal(200);
    expect(retry.response.headers.get('idempotent-replayed')).to.equal(null);
  });

  it('keys are scoped by route and by flow', async () => {
    const { server } = setup({ gatesRequired: 2 });
    const a = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const b = (await startRaw(server, ADELE)).body!['flowToken'] as string;
    const key = newKey();
    const inA = await send(server, 'POST', '/v1/flows/current/challenges', { token: a, key, body: { methodId: 'email' } });
    const inB = await send(server, 'POST', '/v1/flows/current/challenges', { token: b, key, body: { methodId: 'mobile-sms' } });
    expect(inA.status).to.equal(200);
    expect(inB.status).to.equal(200);
    expect(inB.response.headers.get('idempotent-replayed')).to.equal(null);
  });

  it('a missing key is refused where the key is required; a malformed one always', async () => {
    const strict = setup({ requireIdempotencyKey: true }).server;
    const missing = await send(strict, 'POST', '/v1/flows', { key: null, body: START });
    expectProblem(missing, 'invalid_request', 400);
    expect(String(missing.body!['detail'])).to.include('Idempotency-Key');
    for (const bad of ['short', 'x'.repeat(129), 'has spaces in it!!', 'ünïcödé-key-0000000']) {
      expectProblem(await send(strict, 'POST', '/v1/flows', { key: bad, body: START }), 'invalid_request', 400);
    }
    expect((await send(strict, 'POST', '/v1/flows', { key: 'a'.repeat(16), body: START })).status).to.equal(200);
    // GET and DELETE need none.
    expect((await send(strict, 'GET', '/v1/config')).status).to.equal(200);
  });
});
