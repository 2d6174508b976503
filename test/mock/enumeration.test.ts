/**
 * No enumeration by shape or by work: an unknown username gets a decoy shaped
 * like a real account of the population (picked by an HMAC of the name under
 * the server secret), that sends nothing, verifies nothing, locks out the same
 * way, and costs the same work to verify. Work is counted, not timed.
 */
import { expect } from '@open-wc/testing';
import { SEED_USERS, type MockOptions, type MockResetServer } from '../../src/mock/index.js';
import { webCrypto, type MockCrypto } from '../../src/mock/crypto.js';
import type { FlowResponse } from '../../src/protocol/schemas.js';
import { T0, SECOND, MINUTE, ADELE, MEGAN, setup, failure, send, expectProblem, startRaw, start, wrong, byId } from './support.js';

const SECRET = 'a-fixed-server-secret-for-tests';
/** The seed users, none locked at the start: the population decoys are drawn from. */
const POPULATION = SEED_USERS.map((u) => ({ ...u, locked: false }));

/** What a flow start shows of an account: status, gates, and per method its type, reason and hint pattern. */
function shape(answer: { status: number; body: Record<string, unknown> | undefined }) {
  if (answer.status !== 200) return `${answer.status} ${String(answer.body!['code'])}`;
  const flow = answer.body as unknown as FlowResponse;
  const hint = (h: string) => h.replace(/^[a-z0-9]/i, 'x').replace(/\d\d$/, '99');
  return [flow.gatesRequired, ...flow.methods.map((m) => `${m.type}:${m.unavailable ?? ''}:${hint(m.hint)}`)].join(' ');
}

/** Unknown names, in order, whose decoy flow satisfies `wanted`. */
async function unknownNames(server: MockResetServer, wanted: (flow: FlowResponse) => boolean, count = 1) {
  const names: string[] = [];
  for (let i = 0; names.length < count; i++) {
    if (i > 500) throw new Error('no unknown name of that shape');
    const name = `someone.${i}@contoso.com`;
    const answer = await startRaw(server, name);
    if (answer.status === 200 && wanted(answer.body as unknown as FlowResponse)) names.push(name);
    await send(server, 'DELETE', '/v1/flows/current', { token: answer.body?.['flowToken'] as string });
  }
  return names;
}

function withoutInstance(body: Record<string, unknown> | undefined) {
  if (!body) return body;
  const { instance: _, ...rest } = body;
  return rest;
}

describe('mock backend: decoys follow the real population', () => {
  it('every decoy shape is a real account’s, each in proportion to the accounts that have it', async () => {
    const { server } = setup({ users: POPULATION, secret: SECRET, gatesRequired: 1 });
    const real: string[] = [];
    for (const user of POPULATION) real.push(shape(await startRaw(server, user.username)));
    expect(new Set(real).size).to.be.greaterThan(3);
    const counts = new Map<string, number>();
    const N = 600;
    for (let i = 0; i < N; i++) {
      const s = shape(await startRaw(server, `unknown.${i}@contoso.com`));
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const s of counts.keys()) expect(real, s).to.include(s);
    for (const s of new Set(real)) {
      const expected = (N * real.filter((r) => r === s).length) / real.length;
      expect(counts.get(s) ?? 0, s).to.be.within(expected * 0.6, expected * 1.5);
    }
    // So administrators (two gates, no questions) and people who are not enabled no longer stand out.
    expect([...counts.keys()].some((s) => s.startsWith('2 ') && s.includes('questions:admin-policy'))).to.equal(true);
    expect([...counts.keys()]).to.include('403 not_enabled');
  });

  it('gives one unknown name the same shape and hints every time, whatever its spelling', async () => {
    const { client } = setup({ secret: SECRET });
    const NOBODY = (await unknownNames(setup({ secret: SECRET }).server, () => true))[0]!;
    const first = await start(client, NOBODY);
    const second = await start(client, NOBODY);
    expect(second.flowToken).to.not.equal(first.flowToken);
    expect(second.methods).to.deep.equal(first.methods);
    const third = await start(client, ` ${NOBODY.toUpperCase()}`);
    expect(third.methods).to.deep.equal(first.methods);
  });

  it('derives the shapes from the server secret: another secret, other shapes', async () => {
    const a = setup({ secret: 'one secret' }).server;
    const b = setup({ secret: 'another secret' }).server;
    const names = Array.from({ length: 12 }, (_, i) => `guess.${i}@contoso.com`);
    const shapesOf = async (server: MockResetServer) => Promise.all(names.map(async (n) => shape(await startRaw(server, n))));
    expect(await shapesOf(a)).to.not.deep.equal(await shapesOf(b));
  });
});

describe('mock backend: decoys behave like real accounts', () => {
  /** An unknown name whose decoy offers email and SMS codes, on a server with options. */
  async function emailDecoy(options: MockOptions = {}) {
    const ctx = setup({ secret: SECRET, ...options });
    const [name] = await unknownNames(ctx.server, (f) =>
      ['email', 'mobile-sms'].every((t) => f.methods.some((m) => m.type === t && !m.unavailable)),
    );
    return { ...ctx, NOBODY: name! };
  }

  it('sends nothing, ever, and its codes never verify', async () => {
    const { client, server, time, NOBODY } = await emailDecoy();
    const flow = await start(client, NOBODY);
    const email = await client.startChallenge('email');
    expect(email).to.include({ type: 'email', methodId: 'email', codeLength: 6, resendAfter: 30, hint: byId(flow.methods)['email']!.hint });
    expect(email.expiresAt).to.equal(new Date(T0 + 10 * MINUTE).toISOString());
    time.advance(30 * SECOND);
    expect((await client.resend(email.challengeId)).challengeId).to.equal(email.challengeId);
    const sms = await client.startChallenge('mobile-sms');
    for (const code of ['000000', '123456', '999999']) {
      const result = await client.verify(sms.challengeId, { code });
      expect(result.result).to.equal('rejected');
      expect(result.gatesPassed).to.equal(0);
    }
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
      answers.push({ status: a.status, type: a.response.headers.get('content-type'), body: withoutInstance(a.body) });
    }
    return answers;
  }

  it('answers 5 wrong codes and the sixth exactly as for a real user', async () => {
    const { server, NOBODY } = await emailDecoy({ lockoutThreshold: 100 });
    const real = await sixWrongCodes(server, ADELE);
    const fake = await sixWrongCodes(server, NOBODY);
    expect(fake).to.deep.equal(real);
    expect(real.slice(0, 5).map((a) => a.body)).to.deep.equal(
      [4, 3, 2, 1, 0].map((n) => ({ result: 'rejected', attemptsRemaining: n, gatesPassed: 0 })),
    );
    expect(real[5]!.status).to.equal(429);
    expect(real[5]!.body).to.include({ code: 'too_many_attempts', attemptsRemaining: 0 });
  });

  it('locks out after 5 failed flows, as a real user is', async () => {
    const { client, server, time, NOBODY } = await emailDecoy({ maxAttempts: 1 });
    for (const username of [ADELE, NOBODY]) {
      for (let i = 0; i < 5; i++) {
        time.advance(31 * SECOND);
        await start(client, username);
        const challenge = await client.startChallenge(i % 2 ? 'email' : 'mobile-sms');
        const sent = server.lastMessage(username);
        const guess = sent ? wrong(sent.code!) : '000000';
        expect(await client.verify(challenge.challengeId, { code: guess })).to.include({ result: 'rejected', attemptsRemaining: 0 });
        await client.cancel();
      }
    }
    const real = await startRaw(server, ADELE);
    const fake = await startRaw(server, NOBODY);
    expectProblem(real, 'locked_out', 403);
    expect(fake.status).to.equal(real.status);
    expect(Object.keys(fake.body!).sort()).to.deep.equal(Object.keys(real.body!).sort());
    expect(fake.body).to.include({ code: 'locked_out', retryAfter: 3600 });
  });

  it('too few methods for the gates: not_enabled, for a real user and an unknown one alike', async () => {
    const { server } = setup({ methods: ['email'], gatesRequired: 2, secret: SECRET });
    const real = await startRaw(server, MEGAN);
    expectProblem(real, 'not_enabled', 403);
    for (let i = 0; i < 20; i++) {
      const fake = await startRaw(server, `someone.${i}@contoso.com`);
      expect(withoutInstance(fake.body)).to.deep.equal(withoutInstance(real.body));
    }
  });
});

describe('mock backend: the same work for real and decoy accounts', () => {
  /** A crypto that counts what it is asked to do. */
  function counting() {
    const count = { hmac: 0, equal: 0 };
    const crypto: MockCrypto = {
      hmac: (hash, key, data) => ((count.hmac += 1), webCrypto.hmac(hash, key, data)),
      equal: (a, b) => ((count.equal += 1), webCrypto.equal(a, b)),
    };
    const take = () => {
      const done = { ...count };
      count.hmac = 0;
      count.equal = 0;
      return done;
    };
    return { crypto, take };
  }

  it('a flow start, and a wrong app code, email code, SMS code or set of answers, cost the same', async () => {
    const work = counting();
    const { client, server } = setup({ secret: SECRET, gatesRequired: 2, crypto: work.crypto });
    // An unknown name shaped like adele: every method, questions included.
    const [NOBODY] = await unknownNames(
      server,
      (f) => f.gatesRequired === 2 && f.methods.length === 7 && f.methods.every((m) => !m.unavailable),
    );
    const costs: Record<string, Array<{ hmac: number; equal: number }>> = {};
    for (const username of [ADELE, NOBODY!]) {
      work.take();
      await start(client, username);
      (costs['start'] ??= []).push(work.take());
      for (const type of ['app-code', 'email', 'mobile-sms', 'questions'] as const) {
        const challenge = await client.startChallenge(type);
        work.take();
        const request =
          type === 'questions'
            ? { answers: challenge.questions!.map((q) => ({ questionId: q.id, answer: 'not it' })) }
            : { code: type === 'app-code' ? wrong((await server.currentTotp(ADELE))!.code) : '000000' };
        expect((await client.verify(challenge.challengeId, request)).result).to.equal('rejected');
        (costs[type] ??= []).push(work.take());
      }
      await client.cancel();
    }
    expect(costs['start']![0]).to.deep.equal({ hmac: 1, equal: 0 });
    expect(costs['app-code']![0]).to.deep.equal({ hmac: 3, equal: 3 });
    expect(costs['email']![0]).to.deep.equal({ hmac: 0, equal: 1 });
    expect(costs['questions']![0]).to.deep.equal({ hmac: 0, equal: 2 });
    for (const [what, [real, decoy]] of Object.entries(costs)) expect(decoy, what).to.deep.equal(real);
  });
});
