/**
 * Message bombing and targeted lockout: what an anonymous party can do to
 * someone else's account, and what it costs them.
 */
import { expect } from '@open-wc/testing';
import type { MockResetServer } from '../../src/mock/index.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';
import {
  SECOND,
  MINUTE,
  HOUR,
  ADELE,
  BASE,
  setup,
  failure,
  send,
  start,
  startRaw,
  wrong,
  passEmail,
  withIdempotencyKey,
} from './support.js';

function other(server: MockResetServer) {
  return new HttpResetClient({ baseUrl: BASE, fetch: (r) => server.fetch(withIdempotencyKey(r)) });
}

describe('mock backend: no way around the cooldown', () => {
  it('a new challenge for the same channel waits like a resend', async () => {
    const { client, server, time } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    await client.startChallenge('email');
    const again = await failure(client.startChallenge('email'));
    expect(again.code).to.equal('rate_limited');
    expect(again.retryAfter).to.equal(30);
    // Another channel is not held up.
    expect((await client.startChallenge('mobile-sms')).resendAfter).to.equal(30);
    time.advance(10 * SECOND);
    expect((await failure(client.startChallenge('email'))).retryAfter).to.equal(20);
    time.advance(20 * SECOND);
    expect((await client.startChallenge('email')).resendAfter).to.equal(30);
    expect(server.outbox.filter((m) => m.channel === 'email')).to.have.length(2);
  });

  it('the cooldown is the account’s: a new flow does not reset it', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    await client.startChallenge('email');
    await client.cancel();
    const fresh = other(server);
    await start(fresh, ADELE);
    expect((await failure(fresh.startChallenge('email'))).code).to.equal('rate_limited');
    expect(server.outbox).to.have.length(1);
  });

  it('resends and new challenges share the cooldown', async () => {
    const { client, time } = setup({ gatesRequired: 2 });
    await start(client, ADELE);
    const push = await client.startChallenge('app-notification');
    time.advance(29 * SECOND);
    expect((await failure(client.resend(push.challengeId))).retryAfter).to.equal(1);
    expect((await failure(client.startChallenge('app-notification'))).retryAfter).to.equal(1);
  });
});

describe('mock backend: messages per account and per flow', () => {
  it('five codes per channel per hour, three pushes or calls: then rate_limited until the hour is over', async () => {
    const { client, server, time } = setup({ gatesRequired: 2, challengesPerFlow: 100 });
    await start(client, ADELE);
    for (let i = 0; i < 5; i++) {
      await client.startChallenge('email');
      time.advance(31 * SECOND);
    }
    const sixth = await failure(client.startChallenge('email'));
    expect(sixth.code).to.equal('rate_limited');
    expect(sixth.retryAfter).to.equal(HOUR / SECOND - 5 * 31);
    for (let i = 0; i < 3; i++) {
      await client.startChallenge('app-notification');
      time.advance(31 * SECOND);
    }
    expect((await failure(client.startChallenge('app-notification'))).code).to.equal('rate_limited');
    // Calls to the office phone have a budget of their own.
    expect((await client.startChallenge('office-call')).type).to.equal('office-call');
    expect(server.outbox.filter((m) => m.channel === 'email')).to.have.length(5);
    expect(server.outbox.filter((m) => m.channel === 'push')).to.have.length(3);
  });

  it('the hourly budget is the account’s, whatever the flow', async () => {
    const { client, time } = setup({ codesPerHour: 2 });
    for (let i = 0; i < 2; i++) {
      await start(client, ADELE);
      await client.startChallenge('email');
      await client.cancel();
      time.advance(31 * SECOND);
    }
    await start(client, ADELE);
    expect((await failure(client.startChallenge('email'))).code).to.equal('rate_limited');
  });

  it('a flow takes at most 10 challenge starts and resends', async () => {
    const { client } = setup();
    await start(client, ADELE);
    for (let i = 0; i < 10; i++) await client.startChallenge('app-code');
    const refused = await failure(client.startChallenge('app-code'));
    expect(refused.code).to.equal('rate_limited');
    // Nothing more in this flow: wait for its end (15 minutes).
    expect(refused.retryAfter).to.equal(15 * 60);
  });

  it('60 challenge starts in one flow within a second send at most one message per channel', async () => {
    const { client, server } = setup({ gatesRequired: 2, challengesPerFlow: 100 });
    await start(client, ADELE);
    const types = ['email', 'mobile-sms', 'app-notification', 'mobile-call', 'office-call'];
    for (let i = 0; i < 60; i++) await client.startChallenge(types[i % 5]!).catch(() => undefined);
    expect(server.outbox).to.have.length(5);
  });

  it('an unknown name is limited the same way', async () => {
    const { server, time } = setup({ secret: 'abuse-test-secret', codesPerHour: 1 });
    let token = '';
    for (let i = 0; !token; i++) {
      const answer = await startRaw(server, `nobody.${i}@contoso.com`);
      const methods = (answer.body?.['methods'] ?? []) as Array<{ type: string; unavailable?: string }>;
      if (methods.some((m) => m.type === 'email' && !m.unavailable)) token = answer.body!['flowToken'] as string;
    }
    const first = await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } });
    expect(first.status).to.equal(200);
    time.advance(31 * SECOND);
    const second = await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'email' } });
    expect(second.status).to.equal(429);
    expect(second.response.headers.get('retry-after')).to.equal(String(HOUR / SECOND - 31));
    expect(server.outbox).to.have.length(0);
  });
});

describe('mock backend: what an anonymous party can do to someone else', () => {
  it('one captcha and 15 requests no longer lock anyone out, and send at most one code', async () => {
    const { server } = setup();
    const attacker = other(server);
    await start(attacker, ADELE);
    let requests = 1;
    for (let i = 0; i < 14; i++) {
      requests += 1;
      const started = await attacker.startChallenge(i % 2 ? 'email' : 'app-code').catch(() => undefined);
      if (!started) continue;
      requests += 1;
      await attacker.verify(started.challengeId, { code: '000000' }).catch(() => undefined);
    }
    expect(requests).to.be.at.least(15);
    expect(server.isLocked(ADELE)).to.equal(false);
    expect(server.outbox.filter((m) => m.username === ADELE)).to.have.length(1);
    // The person resets as usual (after the cooldown the attacker's code caused).
    const person = other(server);
    await start(person, ADELE);
    const sms = await person.startChallenge('mobile-sms');
    const code = server.lastMessage(ADELE, 'sms')!.code!;
    expect((await person.verify(sms.challengeId, { code })).next).to.equal('password');
  });

  it('a lock costs five captcha-solved flows, and ends none of the person’s flows in progress', async () => {
    const { client: person, server, time } = setup();
    await start(person, ADELE);
    const attacker = other(server);
    let captchas = 0;
    while (!server.isLocked(ADELE)) {
      await start(attacker, ADELE);
      captchas += 1;
      for (let i = 0; i < 3; i++) {
        const c = await attacker.startChallenge('app-code').catch(() => undefined);
        if (!c) break;
        for (let j = 0; j < 5; j++)
          await attacker.verify(c.challengeId, { code: wrong((await server.currentTotp(ADELE))!.code) }).catch(() => undefined);
      }
      await attacker.cancel().catch(() => undefined);
      time.advance(MINUTE);
    }
    expect(captchas).to.equal(5);
    // Lock notices: one.
    expect(server.outbox.filter((m) => /is locked/.test(m.subject ?? ''))).to.have.length(1);
    // The person's flow (idle 5 minutes now) was not ended by the lock, nor by the attacker's flows.
    expect((await passEmail(server, person, ADELE)).next).to.equal('password');
  });
});
