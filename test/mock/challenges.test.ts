/**
 * Code challenges: email codes, attempts, expiry, resend, and the
 * authenticator app’s TOTP codes.
 */
import { expect } from '@open-wc/testing';
import { hotp, SEED_USERS, totp } from '../../src/mock/index.js';
import { T0, SECOND, MINUTE, ADELE, setup, failure, send, expectProblem, start, wrong, emailChallenge } from './support.js';

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
    expect(message).to.include({
      channel: 'email',
      to: 'adele.vance@fabrikam.com',
      username: ADELE,
      challengeId: challenge.challengeId,
      time: T0,
    });
    expect(message.code).to.match(/^\d{6}$/);
    expect(message.body).to.include(message.code!);
    expect(Object.values(challenge)).to.not.include(message.code);
  });

  it('verifies the right code once: verified, next password; then it is spent', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    const { challenge, code } = await emailChallenge(server, client, ADELE);
    // Every attempt is taken before it is evaluated, the right one too: 4 of 5 were left.
    expect(await client.verify(challenge.challengeId, { code })).to.deep.equal({
      result: 'verified',
      attemptsRemaining: 4,
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
    const raw = await send(server, 'POST', `/v1/flows/current/challenges/${challenge.challengeId}/resend`, {
      token: flow.flowToken,
      body: {},
    });
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
