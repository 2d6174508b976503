/**
 * Limits that hold under concurrency: hundreds of requests fired at once, on
 * one challenge, across challenges and flows. Every attempt is taken before
 * any wait, and a TOTP step is used with one take, so at most the limit is
 * ever evaluated. Evaluations are counted through the mock's crypto.
 */
import { expect } from '@open-wc/testing';
import { webCrypto, type MockCrypto } from '../../src/mock/crypto.js';
import type { MockResetServer } from '../../src/mock/index.js';
import { ADELE, setup, send, startRaw, wrong } from './support.js';

/** Comparisons made (one per code evaluated; three per app code). */
function counting() {
  const count = { equal: 0 };
  const crypto: MockCrypto = { hmac: (...a) => webCrypto.hmac(...a), equal: (a, b) => ((count.equal += 1), webCrypto.equal(a, b)) };
  return { crypto, count };
}

async function flowToken(server: MockResetServer, username = ADELE) {
  const answer = await startRaw(server, username);
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return answer.body!['flowToken'] as string;
}

async function challengeOf(server: MockResetServer, token: string, methodId: string) {
  const answer = await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId } });
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return answer.body!['challengeId'] as string;
}

function verifyAll(server: MockResetServer, token: string, id: string, codes: string[]) {
  return Promise.all(codes.map((code) => send(server, 'POST', `/v1/flows/current/challenges/${id}/verify`, { token, body: { code } })));
}

const tally = (answers: Array<{ status: number; body: Record<string, unknown> | undefined }>) => {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status === 200 ? String(a.body!['result']) : String(a.body!['code']);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

describe('mock backend: limits under concurrency', () => {
  it('500 verifies at once on one challenge: 5 are evaluated, and a right code among the rest does not verify', async () => {
    const work = counting();
    const { server } = setup({ crypto: work.crypto, lockoutThreshold: 100 });
    const token = await flowToken(server);
    const id = await challengeOf(server, token, 'email');
    const code = server.lastMessage(ADELE, 'email')!.code!;
    const codes = Array.from({ length: 500 }, (_, i) => (i === 499 ? code : wrong(code)));
    const answers = await verifyAll(server, token, id, codes);
    expect(tally(answers)).to.deep.equal({ rejected: 5, too_many_attempts: 495 });
    expect(work.count.equal).to.equal(5);
    // Each evaluated attempt saw its own count: 4, 3, 2, 1, 0 — never below zero.
    const left = answers.filter((a) => a.status === 200).map((a) => a.body!['attemptsRemaining'] as number);
    expect(left.sort()).to.deep.equal([0, 1, 2, 3, 4]);
    expect(answers.at(-1)!.status).to.equal(429);
  });

  it('the right code in a burst of wrong ones: at most five evaluated, at most one gate passed', async () => {
    const { server } = setup({ lockoutThreshold: 100 });
    const token = await flowToken(server);
    const id = await challengeOf(server, token, 'email');
    const code = server.lastMessage(ADELE, 'email')!.code!;
    const answers = await verifyAll(server, token, id, [wrong(code), code, ...Array.from({ length: 98 }, () => wrong(code))]);
    const { verified = 0, rejected = 0, ...refused } = tally(answers);
    expect(verified).to.be.at.most(1);
    expect(verified + rejected).to.be.at.most(5);
    expect(
      Object.keys(refused).every((c) => c === 'too_many_attempts' || c === 'method_unavailable'),
      JSON.stringify(refused),
    ).to.equal(true);
    for (const a of answers.filter((x) => x.body!['result'] === 'verified')) expect(a.body).to.include({ gatesPassed: 1 });
  });

  it('one app code sent 50 times at once, in one challenge and in three flows, verifies once', async () => {
    const { server } = setup({ lockoutThreshold: 100 });
    const shown = (await server.currentTotp(ADELE))!.code;
    const token = await flowToken(server);
    const id = await challengeOf(server, token, 'app-code');
    const one = await verifyAll(
      server,
      token,
      id,
      Array.from({ length: 50 }, () => shown),
    );
    expect(tally(one)['verified']).to.equal(1);

    const other = setup({ lockoutThreshold: 100 });
    const code = (await other.server.currentTotp(ADELE))!.code;
    const flows = await Promise.all(
      [0, 1, 2].map(async () => {
        const t = await flowToken(other.server);
        return { t, id: await challengeOf(other.server, t, 'app-code') };
      }),
    );
    const answers = (
      await Promise.all(
        flows.map(({ t, id: c }) =>
          verifyAll(
            other.server,
            t,
            c,
            Array.from({ length: 10 }, () => code),
          ),
        ),
      )
    ).flat();
    expect(tally(answers)['verified']).to.equal(1);
  });

  it('bursts across flows and challenges: 5 evaluations per challenge, one strike per flow, and the lock stops the rest', async () => {
    const work = counting();
    const { server } = setup({ crypto: work.crypto });
    const shown = (await server.currentTotp(ADELE))!.code;
    let flows = 0;
    for (let round = 0; round < 4; round++) {
      const tokens = (await Promise.all([0, 1, 2].map(() => startRaw(server, ADELE))))
        .filter((a) => a.status === 200)
        .map((a) => a.body!['flowToken'] as string);
      flows += tokens.length;
      await Promise.all(
        tokens.map(async (token) => {
          const started = await send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: 'app-code' } });
          if (started.status !== 200) return;
          await verifyAll(
            server,
            token,
            started.body!['challengeId'] as string,
            Array.from({ length: 100 }, () => wrong(shown)),
          );
        }),
      );
      await Promise.all(tokens.map((token) => send(server, 'DELETE', '/v1/flows/current', { token })));
    }
    // Three comparisons per app code evaluated.
    const evaluated = work.count.equal / 3;
    expect(server.isLocked(ADELE)).to.equal(true);
    expect(evaluated).to.be.at.most(5 * flows);
    expect(flows).to.be.at.most(6);
    expect(evaluated).to.be.at.most(30);
  });

  it('50 flow starts at once for one name: at most three live flows, the rest wait', async () => {
    const { server } = setup({ flowsPerMinute: 100 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => startRaw(server, ADELE)));
    expect(tally(answers.map((a) => (a.status === 200 ? { status: 200, body: { result: 'flow' } } : a)))).to.deep.equal({
      flow: 3,
      rate_limited: 47,
    });
  });

  it('60 challenge starts at once in one flow send at most one message per channel', async () => {
    const { server } = setup({ gatesRequired: 2, challengesPerFlow: 100 });
    const token = await flowToken(server);
    const types = ['email', 'mobile-sms', 'app-notification', 'mobile-call', 'office-call'];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        send(server, 'POST', '/v1/flows/current/challenges', { token, body: { methodId: types[i % 5] } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).to.have.length(5);
    expect(server.outbox).to.have.length(5);
    expect(new Set(server.outbox.map((m) => m.to + m.channel)).size).to.equal(5);
  });
});
