/**
 * What slows guessing down: failed verifications lock a username out, and
 * flow starts are rate limited.
 */
import { expect } from '@open-wc/testing';
import type { MockResetServer } from '../../src/mock/index.js';
import { ResetError } from '../../src/protocol/errors.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';
import { SECOND, MINUTE, HOUR, ADELE, MEGAN, setup, failure, expectProblem, startRaw, start, wrong, emailChallenge, passEmail, exhaust } from './support.js';

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
