/**
 * What stops guessing without handing anyone a cheap lockout: failed
 * challenges, one strike per flow, locks with backoff, one notice per lock,
 * flows in progress left alone, the cap of 100 wrong attempts, and flow
 * starts per minute.
 */
import { expect } from '@open-wc/testing';
import { createMockBackend, type MockResetServer } from '../../src/mock/index.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';
import {
  SECOND,
  MINUTE,
  HOUR,
  ADELE,
  MEGAN,
  setup,
  failure,
  expectProblem,
  send,
  startRaw,
  start,
  wrong,
  passEmail,
  withIdempotencyKey,
  BASE,
} from './support.js';

/** With one attempt per challenge, one wrong code fails the challenge. */
const ONE_TRY = { maxAttempts: 1 } as const;

/** Another client of the same server: someone else, for the same username. */
function other(server: MockResetServer) {
  return new HttpResetClient({ baseUrl: BASE, fetch: (r) => server.fetch(withIdempotencyKey(r)) });
}

/** One wrong app code (nothing is sent to the person) in the client's flow. */
async function wrongAppCode(server: MockResetServer, client: HttpResetClient, username = ADELE) {
  const challenge = await client.startChallenge('app-code');
  const shown = (await server.currentTotp(username))!.code;
  return client.verify(challenge.challengeId, { code: wrong(shown) });
}

/** A flow with one failed challenge (a strike), then cancelled. */
async function failedFlow(server: MockResetServer, client: HttpResetClient, username = ADELE) {
  await start(client, username);
  expect(await wrongAppCode(server, client, username)).to.include({ result: 'rejected', attemptsRemaining: 0 });
  await client.cancel();
}

function lockNotices(server: MockResetServer) {
  return server.outbox.filter((m) => /is locked/.test(m.subject ?? ''));
}

describe('mock backend: strikes and locks', () => {
  it('five failed flows within 24 h lock reset for an hour; locked_out says until when', async () => {
    const { client, server, time } = setup(ONE_TRY);
    for (let i = 0; i < 4; i++) {
      await failedFlow(server, client);
      time.advance(MINUTE);
    }
    expect(server.isLocked(ADELE)).to.equal(false);
    await failedFlow(server, client);
    expect(server.lockedUntil(ADELE)).to.equal(time.now() + HOUR);
    const error = await failure(start(client, ADELE));
    expect(error.code).to.equal('locked_out');
    expect(error.status).to.equal(403);
    const raw = await startRaw(server, ADELE);
    expectProblem(raw, 'locked_out', 403);
    expect(raw.body!['lockedUntil']).to.equal(new Date(time.now() + HOUR).toISOString());
    expect(raw.response.headers.get('retry-after')).to.equal('3600');
    time.advance(HOUR - SECOND);
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
    time.advance(SECOND);
    await start(client, ADELE);
    expect((await passEmail(server, client, ADELE)).next).to.equal('password');
  });

  it('a flow adds one strike however many of its challenges fail, and ends with its tenth attempt', async () => {
    const { client, server } = setup({ ...ONE_TRY, lockoutThreshold: 2 });
    await start(client, ADELE);
    for (let i = 0; i < 9; i++) expect(await wrongAppCode(server, client)).to.include({ attemptsRemaining: 0 });
    expect(server.isLocked(ADELE)).to.equal(false);
    expect(await wrongAppCode(server, client)).to.include({ attemptsRemaining: 0 });
    // Ten attempts: the flow is over, and counted once.
    expect((await failure(client.startChallenge('app-code'))).code).to.equal('flow_expired');
    expect(server.isLocked(ADELE)).to.equal(false);
    await failedFlow(server, client);
    expect(server.isLocked(ADELE)).to.equal(true);
  });

  it('guesses per flow are bounded: 10 attempts over all its challenges, however they are abandoned', async () => {
    const { client, server } = setup();
    await start(client, ADELE);
    let guesses = 0;
    const error = await failure(
      (async () => {
        for (;;) {
          const challenge = await client.startChallenge('app-code');
          for (let j = 0; j < 4; j++) {
            await client.verify(challenge.challengeId, { code: wrong((await server.currentTotp(ADELE))!.code) });
            guesses += 1;
          }
        }
      })(),
    );
    expect(error.code).to.equal('flow_expired');
    expect(guesses).to.equal(10);
  });

  it('each further lock within 24 h lasts twice as long, up to 24 h', async () => {
    const { client, server, time } = setup({ ...ONE_TRY, lockoutThreshold: 1, lockoutBaseMs: 6 * HOUR });
    for (const hours of [6, 12, 24]) {
      await failedFlow(server, client);
      expect(server.lockedUntil(ADELE), `${hours} h`).to.equal(time.now() + hours * HOUR);
      time.advance(hours * HOUR);
    }
  });

  it('one notice per lock, however many failures come during it', async () => {
    const { client, server, time } = setup({ ...ONE_TRY, lockoutThreshold: 1 });
    const prepared = [other(server), other(server)];
    for (const c of prepared) await start(c, ADELE);
    await failedFlow(server, client);
    expect(lockNotices(server)).to.have.length(1);
    expect(lockNotices(server)[0]).to.include({ to: ADELE, channel: 'email' });
    expect(lockNotices(server)[0]!.body).to.include(new Date(time.now() + HOUR).toISOString());
    // Flows started before the lock fail during it: counted, no new lock, no new notice.
    for (const c of prepared) expect(await wrongAppCode(server, c)).to.include({ result: 'rejected' });
    expect(lockNotices(server)).to.have.length(1);
    time.advance(HOUR);
    await failedFlow(server, client);
    expect(lockNotices(server)).to.have.length(2);
  });

  it('a lock leaves a flow without mistakes alone, and ends flows with wrong attempts', async () => {
    const { client: person, server } = setup({ ...ONE_TRY, maxAttempts: 2 });
    const attacker = other(server);
    await start(person, ADELE);
    // A flow of the attacker's with one wrong attempt, kept open.
    const tainted = other(server);
    await start(tainted, ADELE);
    const open = await tainted.startChallenge('app-code');
    await tainted.verify(open.challengeId, { code: '000000' });
    for (let i = 0; i < 5; i++) {
      await start(attacker, ADELE);
      const c = await attacker.startChallenge('app-code');
      for (let j = 0; j < 2; j++) await attacker.verify(c.challengeId, { code: wrong((await server.currentTotp(ADELE))!.code) });
      await attacker.cancel();
    }
    expect(server.isLocked(ADELE)).to.equal(true);
    expect((await failure(tainted.verify(open.challengeId, { code: '000001' }))).code).to.equal('locked_out');
    expect((await failure(tainted.startChallenge('email'))).code).to.equal('flow_expired');
    // The person's own flow goes on to the end.
    expect((await passEmail(server, person, ADELE)).next).to.equal('password');
    expect((await person.resetPassword('Brand-New-Secret-42')).result).to.equal('reset');
  });

  it('denied pushes and declined calls are failed challenges', async () => {
    const { client, server, time } = setup({ gatesRequired: 2, lockoutThreshold: 4 });
    for (const type of ['app-notification', 'mobile-call', 'office-call', 'app-notification'] as const) {
      await start(client, ADELE);
      const challenge = await client.startChallenge(type);
      if (type === 'app-notification') server.answerPush(challenge.challengeId, { approve: false });
      else server.answerCall(challenge.challengeId, { pressHash: false });
      await client.cancel();
      time.advance(MINUTE);
    }
    expect(server.isLocked(ADELE)).to.equal(true);
  });

  // Push bombing (MFA fatigue): the denial counts when the person denies, not when (or if) the attacker polls.
  it('a denied push counts even when the client never polls it, and a resend does not wipe it out', async () => {
    const { client, server, time } = setup({ gatesRequired: 2, lockoutThreshold: 1 });
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-notification');
    expect(server.answerPush(challenge.challengeId, { approve: false })).to.equal('denied');
    expect(server.isLocked(ADELE)).to.equal(true);
    time.advance(30 * SECOND);
    expect((await failure(client.resend(challenge.challengeId))).code).to.equal('locked_out');
    expect(server.isLocked(ADELE)).to.equal(true);
  });

  it('after a denial the person may ask again; each denial counts, and the flow counts once', async () => {
    const { client, server, time } = setup({ gatesRequired: 2, lockoutThreshold: 2 });
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-notification');
    for (let i = 0; i < 2; i++) {
      server.answerPush(challenge.challengeId, { approve: false });
      for (let p = 0; p < 3; p++) expect((await client.poll(challenge.challengeId)).status).to.equal('denied');
      time.advance(30 * SECOND);
      expect((await client.resend(challenge.challengeId)).challengeId).to.equal(challenge.challengeId);
      expect((await client.poll(challenge.challengeId)).status).to.equal('pending');
    }
    server.answerPush(challenge.challengeId, { approve: false });
    expect((await client.poll(challenge.challengeId)).status).to.equal('denied');
    // Three denials, one strike: not locked until another flow fails.
    expect(server.isLocked(ADELE)).to.equal(false);
    await client.cancel();
    await start(client, ADELE);
    const call = await client.startChallenge('mobile-call');
    server.answerCall(call.challengeId, { pressHash: false });
    expect(server.isLocked(ADELE)).to.equal(true);
  });

  it('one account’s lock does not lock another', async () => {
    const { client, server } = setup({ ...ONE_TRY, lockoutThreshold: 1 });
    await failedFlow(server, client);
    expect((await failure(start(client, ADELE))).code).to.equal('locked_out');
    expect((await startRaw(server, MEGAN)).status).to.equal(200);
  });

  it('wrong attempts in a flow that is cancelled before its challenge ends still count, once', async () => {
    const { client, server } = setup({ lockoutThreshold: 1 });
    await start(client, ADELE);
    const challenge = await client.startChallenge('app-code');
    await client.verify(challenge.challengeId, { code: '000000' });
    await client.verify(challenge.challengeId, { code: '000001' });
    expect(server.isLocked(ADELE)).to.equal(false);
    await client.cancel();
    expect(server.isLocked(ADELE)).to.equal(true, 'the cancelled flow’s wrong attempts counted');
  });

  it('after 100 wrong attempts without a successful reset, reset is locked with no set end', async () => {
    const { client, server, time } = setup({ maxConsecutiveFailures: 12, lockoutThreshold: 1000 });
    async function guess(times: number) {
      await start(client, ADELE);
      const c = await client.startChallenge('app-code');
      for (let i = 0; i < times; i++) await client.verify(c.challengeId, { code: wrong((await server.currentTotp(ADELE))!.code) });
      // Once locked, this flow (with wrong attempts) answers locked_out even to its cancel.
      await client.cancel().catch(() => undefined);
      time.advance(MINUTE);
    }
    await guess(4);
    await guess(4);
    await guess(3);
    // A successful reset starts the count again.
    await start(client, ADELE);
    await passEmail(server, client, ADELE);
    await client.resetPassword('Brand-New-Secret-42');
    for (let i = 0; i < 2; i++) await guess(4);
    expect(server.isLocked(ADELE)).to.equal(false);
    await guess(4);
    expect(server.lockedUntil(ADELE)).to.equal(Number.POSITIVE_INFINITY);
    time.advance(7 * 24 * HOUR);
    const raw = await startRaw(server, ADELE);
    expectProblem(raw, 'locked_out', 403);
    expect(raw.body!['lockedUntil']).to.equal(undefined);
    expect(raw.response.headers.get('retry-after')).to.equal(null);
    expect(lockNotices(server).at(-1)!.body).to.include('until an administrator unlocks it');
    server.unlock(ADELE);
    expect((await startRaw(server, ADELE)).status).to.equal(200);
  });

  it('refuses a configuration that allows more than 100 wrong attempts', () => {
    expect(() => createMockBackend({ maxConsecutiveFailures: 101 })).to.throw(RangeError);
  });
});

describe('mock backend: flows per account', () => {
  it('starting flows for someone does not end their flow in progress', async () => {
    const { client: person, server, time } = setup();
    await start(person, ADELE);
    const attacker = other(server);
    for (let i = 0; i < 2; i++) await start(attacker, ADELE);
    // Three live flows: a fourth waits until one has been idle for 2 minutes.
    const refused = await failure(start(attacker, ADELE));
    expect(refused.code).to.equal('rate_limited');
    expect(refused.retryAfter).to.equal(120);
    time.advance(90 * SECOND);
    const challenge = await person.startChallenge('email');
    time.advance(31 * SECOND);
    // Now the attacker's idle flows go first; the person's, used 31 s ago, stays.
    await start(attacker, ADELE);
    await start(attacker, ADELE);
    const code = server.lastMessage(ADELE, 'email')!.code!;
    expect((await person.verify(challenge.challengeId, { code })).next).to.equal('password');
  });

  it('a flow left idle is ended when the account needs room, least recently used first', async () => {
    const { server, time } = setup();
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await startRaw(server, ADELE)).body!['flowToken'] as string);
    time.advance(2 * MINUTE);
    // The second flow is used now: the first is the least recently used.
    expect(
      (await send(server, 'POST', '/v1/flows/current/challenges', { token: tokens[1], body: { methodId: 'app-code' } })).status,
    ).to.equal(200);
    expect((await startRaw(server, ADELE)).status).to.equal(200);
    expectProblem(await send(server, 'DELETE', '/v1/flows/current', { token: tokens[0] }), 'flow_expired', 401);
    expect((await send(server, 'DELETE', '/v1/flows/current', { token: tokens[1] })).status).to.equal(204);
  });
});

describe('mock backend: rate limiting of flow starts', () => {
  it('the 11th start for one username within a minute is rate_limited', async () => {
    const { client, server, time } = setup({ flowsPerAccount: 100 });
    for (let i = 0; i < 10; i++) {
      time.advance(SECOND);
      await start(client, i % 2 ? ADELE : ' Adele@Contoso.com');
    }
    const error = await failure(start(client, ADELE));
    expect(error.code).to.equal('rate_limited');
    expect(error.status).to.equal(429);
    // The window opened with the first start (T0 + 1 s) and closes at T0 + 61 s; it is now T0 + 10 s.
    expect(error.retryAfter).to.equal(51);
    const raw = await startRaw(server, ADELE);
    expectProblem(raw, 'rate_limited', 429);
    expect(raw.response.headers.get('retry-after')).to.equal('51');
    // Another username is not affected.
    expect((await startRaw(server, MEGAN)).status).to.equal(200);
    time.advance(51 * SECOND);
    expect((await startRaw(server, ADELE)).status).to.equal(200);
  });

  it('unknown usernames are rate limited the same way', async () => {
    const { server } = setup({ flowsPerAccount: 100, secret: 'enumeration-test-secret' });
    const first = await startRaw(server, 'ghost@contoso.com');
    for (let i = 1; i < 10; i++) expect((await startRaw(server, 'ghost@contoso.com')).status).to.equal(first.status);
    expectProblem(await startRaw(server, 'ghost@contoso.com'), 'rate_limited', 429);
  });
});
