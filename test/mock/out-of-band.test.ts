/**
 * Challenges answered out of band and polled: the authenticator app’s push
 * notification (number matching) and phone calls.
 */
import { expect } from '@open-wc/testing';
import { T0, SECOND, MINUTE, ADELE, setup, failure, start } from './support.js';

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
    // Many pushes, limits on messages off: every number is in range.
    const many = setup({ gatesRequired: 2, resendCooldownSeconds: 0, pushesAndCallsPerHour: 100, challengesPerFlow: 100 });
    await start(many.client, ADELE);
    for (let i = 0; i < 30; i++) {
      const again = await many.client.startChallenge('app-notification');
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
