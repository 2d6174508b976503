/**
 * Issue 8, points 4, 6 and 7, at the client: idempotency keys and the one
 * retry of a lost answer, timers released, Retry-After read as RFC 9110 says,
 * request ids, and nothing a `fetch` or a custom `backend` hands back escaping
 * as anything but a `ResetError`.
 */
import { expect } from '@open-wc/testing';
import { MOCK_CAPTCHA_TOKEN, MockResetServer } from '../src/mock/index.js';
import { checkedBackend, type ResetBackend } from '../src/protocol/backend.js';
import { ResetError, toResetError } from '../src/protocol/errors.js';
import { HttpResetClient, parseRetryAfter, randomKey } from '../src/protocol/http-client.js';
import { IDEMPOTENCY_KEY_PATTERN, MAX_RETRY_AFTER_SECONDS } from '../src/protocol/schemas.js';
import { CHALLENGE, CONFIG, FLOW, RESET, START, json, problem } from './fixtures.js';

const BASE = 'https://id.example.test/sspr';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REQUEST_ID = 'req-7f3a9c21.b4';

interface Seen {
  method: string;
  path: string;
  key: string | null;
  body: string;
  request: Request;
}

type Answer = Response | Promise<Response> | 'drop' | 'hang';

/** A fake fetch: records every request; `answer` may drop it (network error) or never answer. */
function fake(answer: (request: Request, seen: Seen[]) => Answer, timeoutMs = 200) {
  const seen: Seen[] = [];
  const fetch = async (request: Request) => {
    const body = request.method === 'GET' ? '' : await request.clone().text();
    const path = new URL(request.url).pathname.replace('/sspr', '');
    seen.push({ method: request.method, path, key: request.headers.get('idempotency-key'), body, request });
    const a = answer(request, seen);
    if (a === 'drop') throw new TypeError('Failed to fetch');
    if (a === 'hang') return new Promise<Response>(() => {});
    return a;
  };
  return { client: new HttpResetClient({ baseUrl: BASE, fetch, timeoutMs }), seen };
}

/** A backend that answers every call (after a start) with a valid document. */
function protocol(request: Request): Response {
  const path = new URL(request.url).pathname.replace('/sspr', '');
  if (path === '/v1/config') return json(CONFIG);
  if (path === '/v1/flows') return json(FLOW);
  if (path === '/v1/flows/current' && request.method === 'DELETE') return new Response(null, { status: 204 });
  if (path === '/v1/flows/current/password') return json(RESET);
  if (path.endsWith('/verify')) return json({ result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'password' });
  if (request.method === 'GET') return json({ status: 'pending', gatesPassed: 0 });
  return json(CHALLENGE);
}

/** The ResetError a call rejects with; fails the test if it resolves, throws synchronously, or rejects with anything else. */
async function failure(call: () => Promise<unknown>): Promise<ResetError> {
  let promise: Promise<unknown>;
  try {
    promise = call();
  } catch (error) {
    throw new Error(`threw synchronously: ${String(error)}`, { cause: error });
  }
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a ResetError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error, `rejects with a ResetError, not ${String(outcome.error)}`).to.be.instanceOf(ResetError);
  return outcome.error as ResetError;
}

describe('Idempotency-Key', () => {
  it('every POST carries one, a UUID unique to its call; GET and DELETE carry none', async () => {
    const { client, seen } = fake(protocol);
    await client.getConfig();
    await client.startFlow(START);
    await client.startChallenge('email');
    await client.verify('ch-1', { code: '123456' });
    await client.poll('ch-1');
    await client.resend('ch-1');
    await client.startChallenge('email');
    await client.resetPassword('Correct-Horse-9');
    await client.startFlow(START);
    await client.cancel();
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts).to.have.length(7);
    for (const s of posts) {
      expect(s.key, s.path).to.match(UUID);
      expect(s.key, s.path).to.match(IDEMPOTENCY_KEY_PATTERN);
    }
    expect(new Set(posts.map((s) => s.key)).size, 'one key per call').to.equal(posts.length);
    for (const s of seen.filter((s) => s.method !== 'POST')) expect(s.key, `${s.method} ${s.path}`).to.equal(null);
  });

  it('is made from getRandomValues where randomUUID is missing (a page served over http)', () => {
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = Array.from({ length: 20 }, randomKey);
      for (const key of keys) expect(key).to.match(UUID);
      expect(new Set(keys).size).to.equal(20);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(typeof crypto.randomUUID).to.equal('function');
  });
});

describe('One retry of a lost answer, with the same key', () => {
  it('a timed-out attempt is sent again with the same key and body, and its answer is used', async () => {
    const { client, seen } = fake((request, all) => (all.length === 2 ? 'hang' : protocol(request)), 50);
    await client.startFlow(START);
    expect(await client.startChallenge('email')).to.deep.equal(CHALLENGE);
    expect(seen).to.have.length(3);
    expect(seen[2]!.key).to.equal(seen[1]!.key);
    expect(seen[2]!.body).to.equal(seen[1]!.body);
    expect(seen[2]!.request.headers.get('authorization')).to.equal(`Bearer ${FLOW.flowToken}`);
  });

  it('a dropped connection is sent again once; dropped twice, the call fails with network_error', async () => {
    const once = fake((request, all) => (all.length === 2 ? 'drop' : protocol(request)));
    await once.client.startFlow(START);
    expect(await once.client.resetPassword('Correct-Horse-9')).to.deep.equal(RESET);
    expect(once.seen.map((s) => s.key)).to.deep.equal([once.seen[0]!.key, once.seen[1]!.key, once.seen[1]!.key]);

    const always = fake(() => 'drop');
    expect((await failure(() => always.client.getConfig())).code).to.equal('network_error');
    expect(always.seen).to.have.length(2);
    const hung = fake(() => 'hang', 30);
    expect((await failure(() => hung.client.startFlow(START))).code).to.equal('timeout');
    expect(hung.seen).to.have.length(2);
    expect(hung.seen[1]!.key).to.equal(hung.seen[0]!.key);
  });

  it('an HTTP answer is never retried, whatever its status', async () => {
    for (const answer of [
      () => problem('server_error', 500),
      () => new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
      () => problem('rate_limited', 429, { retryAfter: 3 }),
      () => json({ protocol: 2 }),
    ]) {
      const { client, seen } = fake(answer);
      await failure(() => client.getConfig());
      expect(seen).to.have.length(1);
    }
  });

  it('request_in_progress (the first attempt still running) is asked again with the same key after its Retry-After', async () => {
    const { client, seen } = fake((_, all) => {
      if (all.length === 1) return json(FLOW);
      return all.length === 2 ? problem('request_in_progress', 409, { retryAfter: 0 }, { 'retry-after': '0' }) : json(RESET);
    });
    await client.startFlow(START);
    expect(await client.resetPassword('Correct-Horse-9')).to.deep.equal(RESET);
    expect(seen).to.have.length(3);
    expect(seen[2]!.key).to.equal(seen[1]!.key);
  });

  it('an aborted call is not retried', async () => {
    const { client, seen } = fake(() => 'hang', 5000);
    const abort = new AbortController();
    const pending = client.getConfig(abort.signal);
    await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    expect((await failure(() => pending)).code).to.not.equal('timeout');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).to.have.length(1);
  });

  it('a reset the mock performed but whose answer was lost ends in its replay, not flow_expired', async () => {
    const server = new MockResetServer();
    let dropped = 0;
    const seen: Array<string | null> = [];
    const client = new HttpResetClient({
      baseUrl: 'https://mock.test/api',
      fetch: async (request) => {
        if (request.url.endsWith('/password')) seen.push(request.headers.get('idempotency-key'));
        const response = await server.fetch(request);
        // The reset happened; the answer never reaches the client.
        if (request.url.endsWith('/password') && dropped++ === 0) throw new TypeError('connection reset');
        return response;
      },
    });
    const flow = await client.startFlow({ username: 'adele@contoso.com', captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' });
    const email = flow.methods.find((m) => m.type === 'email')!;
    const challenge = await client.startChallenge(email.id);
    await client.verify(challenge.challengeId, { code: server.lastMessage('adele@contoso.com', 'email')!.code! });
    const answer = await client.resetPassword('Tulip-Garden-Walk-42');
    expect(answer.result).to.equal('reset');
    expect(answer.notified.length).to.be.greaterThan(0);
    expect(seen).to.have.length(2);
    expect(seen[1]).to.equal(seen[0]);
  });
});

describe('Timers and listeners are released when a call settles', () => {
  it('no timeout fires after the answer (the request’s signal stays unaborted)', async () => {
    const { client, seen } = fake(protocol, 40);
    await client.getConfig();
    await new Promise((r) => setTimeout(r, 120));
    expect(seen[0]!.request.signal.aborted).to.equal(false);
  });

  it('the outer signal gets back every listener the call added', async () => {
    const outer = new AbortController();
    let listeners = 0;
    const add = outer.signal.addEventListener.bind(outer.signal);
    const remove = outer.signal.removeEventListener.bind(outer.signal);
    outer.signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => ((listeners += 1), add(...args));
    outer.signal.removeEventListener = (...args: Parameters<AbortSignal['removeEventListener']>) => ((listeners -= 1), remove(...args));
    const { client } = fake((request, all) => (all.length === 1 ? 'drop' : protocol(request)));
    await client.getConfig(outer.signal);
    await client.startFlow(START, outer.signal);
    await failure(() => fake(() => problem('server_error', 500)).client.getConfig(outer.signal));
    expect(listeners).to.equal(0);
  });
});

describe('Retry-After (RFC 9110 section 10.2.3)', () => {
  const now = Date.UTC(2026, 10, 26, 8, 0, 0);
  it('reads delta-seconds, capped at a day', () => {
    expect(parseRetryAfter('120', now)).to.equal(120);
    expect(parseRetryAfter('0', now)).to.equal(0);
    expect(parseRetryAfter('99999999999999999999', now)).to.equal(MAX_RETRY_AFTER_SECONDS);
  });

  it('reads an HTTP-date in each of its three formats, as seconds from now', () => {
    expect(parseRetryAfter('Thu, 26 Nov 2026 08:01:30 GMT', now)).to.equal(90);
    expect(parseRetryAfter('Thursday, 26-Nov-26 08:02:00 GMT', now)).to.equal(120);
    expect(parseRetryAfter('Thu Nov 26 08:00:45 2026', now)).to.equal(45);
    expect(parseRetryAfter('Thu Nov  6 08:00:00 2026', now)).to.equal(0, 'a date past is 0');
    expect(parseRetryAfter('Fri, 26 Nov 2027 08:00:00 GMT', now)).to.equal(MAX_RETRY_AFTER_SECONDS);
  });

  it('ignores anything malformed', () => {
    for (const value of [
      null,
      '',
      '1e3',
      '-5',
      '1.5',
      '0x10',
      '+3',
      'soon',
      'Thu, 31 Feb 2026 08:00:00 GMT',
      'Thu, 26 Nov 2026 25:00:00 GMT',
      'Thu, 26 Foo 2026 08:00:00 GMT',
      '2026-11-26T08:01:00Z',
    ]) {
      expect(parseRetryAfter(value, now), String(value)).to.equal(undefined);
    }
  });

  it('the client applies it: header as a date, bounded body member', async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = await failure(() => fake(() => problem('rate_limited', 429, {}, { 'retry-after': date })).client.getConfig());
    expect(fromDate.retryAfter).to.be.within(58, 61);
    const scientific = await failure(() => fake(() => problem('rate_limited', 429, {}, { 'retry-after': '1e3' })).client.getConfig());
    expect(scientific.retryAfter).to.equal(undefined);
    const huge = await failure(() => fake(() => problem('rate_limited', 429, { retryAfter: 10 ** 9 })).client.getConfig());
    expect(huge.retryAfter).to.equal(MAX_RETRY_AFTER_SECONDS);
  });
});

describe('Request ids', () => {
  it('come from X-Request-Id, else the problem’s instance; malformed ones are no support code', async () => {
    const header = await failure(() => fake(() => problem('server_error', 500, {}, { 'x-request-id': REQUEST_ID })).client.getConfig());
    expect(header.requestId).to.equal(REQUEST_ID);
    const instance = await failure(() =>
      fake(() => problem('server_error', 500, { instance: `urn:sspr:request:${REQUEST_ID}` })).client.getConfig(),
    );
    expect(instance.requestId).to.equal(REQUEST_ID);
    for (const bad of ['short', 'has space in it', 'x'.repeat(129)]) {
      const error = await failure(() =>
        fake(() => problem('server_error', 500, { instance: `urn:sspr:request:${bad}` }, { 'x-request-id': bad })).client.getConfig(),
      );
      expect(error.requestId, bad).to.equal(undefined);
    }
  });

  it('an answer of the wrong shape, or no problem document, still carries its id', async () => {
    const shape = await failure(() => fake(() => json({ protocol: 2 }, 200, { 'x-request-id': REQUEST_ID })).client.getConfig());
    expect(shape.code).to.equal('invalid_response');
    expect(shape.requestId).to.equal(REQUEST_ID);
    const gateway = await failure(() =>
      fake(
        () => new Response('busy', { status: 503, headers: { 'content-type': 'text/plain', 'x-request-id': REQUEST_ID } }),
      ).client.getConfig(),
    );
    expect(gateway.code).to.equal('server_error');
    expect(gateway.requestId).to.equal(REQUEST_ID);
  });

  it('an answer with no problem document is read by its status', async () => {
    const page = (status: number) => () => new Response('<h1>No</h1>', { status, headers: { 'content-type': 'text/html' } });
    const codes = [];
    for (const status of [400, 401, 403, 429, 500, 503]) codes.push((await failure(() => fake(page(status)).client.getConfig())).code);
    expect(codes).to.deep.equal(['request_failed', 'flow_expired', 'request_failed', 'rate_limited', 'server_error', 'server_error']);
  });

  it('locked_out carries lockedUntil; a problem without status is read', async () => {
    const lockedUntil = '2026-11-27T08:00:00Z';
    const bare = () =>
      new Response(JSON.stringify({ code: 'locked_out', lockedUntil }), {
        status: 403,
        headers: { 'content-type': 'application/problem+json' },
      });
    const error = await failure(() => fake(bare).client.startFlow(START));
    expect(error.code).to.equal('locked_out');
    expect(error.lockedUntil).to.equal(lockedUntil);
  });
});

describe('Never a synchronous throw, always a ResetError', () => {
  it('a challenge id with a lone surrogate is invalid_request, and nothing is sent', async () => {
    const { client, seen } = fake(protocol);
    await client.startFlow(START);
    for (const call of [() => client.verify('ch-\uD800', { code: '1' }), () => client.poll('\uDFFFch'), () => client.resend('\uD83D')]) {
      expect((await failure(call)).code).to.equal('invalid_request');
    }
    expect(seen).to.have.length(1);
  });

  it('a fetch that answers with no Response, or one that breaks on use, is invalid_response', async () => {
    const broken = {
      status: 200,
      headers: {
        get() {
          throw new Error('broken headers');
        },
      },
      json: () => Promise.resolve(CONFIG),
    };
    for (const answer of [undefined, null, 'ok', { ok: true }, broken]) {
      const client = new HttpResetClient({ baseUrl: BASE, fetch: () => Promise.resolve(answer as unknown as Response) });
      const error = await failure(() => client.getConfig());
      expect(error.code, JSON.stringify(answer)).to.equal('invalid_response');
    }
  });

  it('a fetch that throws a non-Error, or rejects with one, is network_error', async () => {
    const throws = new HttpResetClient({
      baseUrl: BASE,
      fetch: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- what a careless fetch does
        throw 'nope';
      },
    });
    expect((await failure(() => throws.getConfig())).code).to.equal('network_error');
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a careless fetch does
    const rejects = new HttpResetClient({ baseUrl: BASE, fetch: () => Promise.reject(42) });
    expect((await failure(() => rejects.getConfig())).code).to.equal('network_error');
  });

  it('a flow token that can’t be a header value is invalid_response, and not kept', async () => {
    const { client, seen } = fake(() => json({ ...FLOW, flowToken: 'abc\ndef' }));
    expect((await failure(() => client.startFlow(START))).code).to.equal('invalid_response');
    expect((await failure(() => client.startChallenge('email'))).code).to.equal('flow_expired');
    expect(seen).to.have.length(1);
  });
});

describe('A custom backend is checked like the HTTP client', () => {
  const good: ResetBackend = {
    getConfig: () => Promise.resolve(CONFIG),
    startFlow: () => Promise.resolve(FLOW),
    startChallenge: () => Promise.resolve(CHALLENGE),
    verify: () => Promise.resolve({ result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'password' }),
    poll: () => Promise.resolve({ status: 'pending', gatesPassed: 0 }),
    resend: () => Promise.resolve(CHALLENGE),
    resetPassword: () => Promise.resolve(RESET),
    cancel: () => Promise.resolve(),
  };

  it('answers of the wrong shape are invalid_response; good ones pass, without unknown members', async () => {
    const wrong = checkedBackend({ ...good, getConfig: () => Promise.resolve({ ...CONFIG, gatesRequired: 3 } as never) });
    expect((await failure(() => wrong.getConfig())).code).to.equal('invalid_response');
    const extra = checkedBackend({ ...good, startFlow: () => Promise.resolve({ ...FLOW, futureMember: { a: 1 } } as never) });
    expect(await extra.startFlow(START)).to.deep.equal(FLOW);
    expect(await checkedBackend(good).resetPassword('x')).to.deep.equal(RESET);
    expect(await checkedBackend(good).cancel()).to.equal(undefined);
  });

  it('a synchronous throw, a missing method, a non-promise answer: all ResetErrors', async () => {
    const throwing = checkedBackend({
      ...good,
      getConfig: () => {
        throw new Error('bug');
      },
    });
    expect((await failure(() => throwing.getConfig())).code).to.equal('network_error');
    const missing = checkedBackend({ ...good, poll: undefined } as unknown as ResetBackend);
    expect((await failure(() => missing.poll('ch-1'))).code).to.equal('network_error');
    const plain = checkedBackend({ ...good, resend: (() => CHALLENGE) as unknown as ResetBackend['resend'] });
    expect(await plain.resend('ch-1')).to.deep.equal(CHALLENGE);
  });

  it('keeps `this` for a class-based backend', async () => {
    class Backend {
      readonly #config = CONFIG;
      getConfig() {
        return Promise.resolve(this.#config);
      }
    }
    const classy = checkedBackend(new Backend() as unknown as ResetBackend);
    expect(await classy.getConfig()).to.deep.equal(CONFIG);
  });

  it('a ResetError from another copy of the package keeps its code and details; an unknown code is read by status', () => {
    const foreign = { name: 'ResetError', message: 'x', code: 'rate_limited', retryAfter: 25, requestId: REQUEST_ID };
    const error = toResetError(foreign);
    expect(error).to.be.instanceOf(ResetError);
    expect([error.code, error.retryAfter, error.requestId]).to.deep.equal(['rate_limited', 25, REQUEST_ID]);
    expect(toResetError({ name: 'ResetError', code: 'brand_new', status: 429 }).code).to.equal('rate_limited');
    expect(toResetError({ name: 'ResetError', code: 'brand_new', status: 403 }).code).to.equal('request_failed');
    expect(toResetError({ name: 'ResetError', code: 'brand_new' }).code).to.equal('server_error');
    expect(toResetError(new ResetError('brand_new' as never, { status: 401 })).code).to.equal('flow_expired');
    expect(toResetError({ name: 'ResetError', code: 'password_rejected', reasons: 'not a list' }).reasons).to.deep.equal([]);
    expect(toResetError(new TypeError('Failed to fetch')).code).to.equal('network_error');
  });

  it('the HTTP client is used as is', () => {
    const client = new HttpResetClient({ baseUrl: BASE });
    expect(checkedBackend(client)).to.equal(client);
  });
});
