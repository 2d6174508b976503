/**
 * createMockHandler: protocol v1 plus the devices API the demo’s panel uses.
 */
import { expect } from '@open-wc/testing';
import { createMockBackend, createMockHandler, SEED_USERS, type MockOptions } from '../../src/mock/index.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';
import { clock } from '../helpers.js';
import { BASE, T0, SECOND, ADELE, start, withIdempotencyKey } from './support.js';

describe('mock backend: createMockHandler and the devices API', () => {
  function handlerSetup(options: MockOptions = {}) {
    const time = clock(T0);
    const { server } = createMockBackend({ now: time.now, ...options });
    const handler = createMockHandler(server);
    const client = new HttpResetClient({ baseUrl: BASE, fetch: (r) => handler(withIdempotencyKey(r)) });
    const get = async (path: string) => {
      const r = await handler(new Request(BASE + path));
      return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as Record<string, unknown> };
    };
    const post = async (path: string, body: unknown) => {
      const r = await handler(
        new Request(BASE + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      );
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
    expect(adele).to.include({
      displayName: 'Adele Vance',
      role: 'user',
      enabled: true,
      locked: false,
      authenticator: true,
      email: 'adele.vance@fabrikam.com',
    });
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
    const { client, server, post, time } = handlerSetup({ gatesRequired: 2 });
    await start(client, ADELE);
    const denied = await client.startChallenge('app-notification');
    expect((await post(`/mock/push/${denied.challengeId}`, { approve: true })).body).to.deep.equal({ status: 'denied' });
    expect((await client.poll(denied.challengeId)).status).to.equal('denied');
    // A new push to the same app waits for the cooldown.
    time.advance(30 * SECOND);
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
