/**
 * HttpResetClient against a fake `fetch` the test controls: what goes over the
 * wire, and how every kind of answer (or no answer) becomes a ResetError.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ResetError } from '../src/protocol/errors.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { PROBLEM_CODES, PROBLEM_STATUS, type PollResponse, type VerifyResponse } from '../src/protocol/schemas.js';
import { CHALLENGE, CONFIG, FLOW, RESET, START, TOKEN, json, problem } from './fixtures.js';

const BASE = 'https://id.example.test/sspr';
const VERIFIED: VerifyResponse = { result: 'verified', attemptsRemaining: 5, gatesPassed: 1, next: 'password' };
const POLLED: PollResponse = { status: 'pending', gatesPassed: 0 };

interface Seen {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  request: Request;
}

/** A fake fetch: records every request (body read up front) and answers with `answer`. */
function fake(answer: (request: Request) => Response | Promise<Response>, options: { timeoutMs?: number; baseUrl?: string } = {}) {
  const seen: Seen[] = [];
  const fetch = async (request: Request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
    seen.push({ method: request.method, url: request.url, headers: request.headers, body, request });
    return answer(request);
  };
  const client = new HttpResetClient({
    baseUrl: options.baseUrl ?? BASE,
    fetch,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { client, seen };
}

/** A backend that answers every protocol v1 call with a valid document. */
function protocolFake(options: { timeoutMs?: number } = {}) {
  return fake((request) => {
    const path = new URL(request.url).pathname.replace('/sspr', '');
    if (path === '/v1/config') return json(CONFIG);
    if (path === '/v1/flows') return json(FLOW);
    if (path === '/v1/flows/current' && request.method === 'DELETE') return new Response(null, { status: 204 });
    if (path === '/v1/flows/current/password') return json(RESET);
    if (path === '/v1/flows/current/challenges') return json(CHALLENGE);
    if (path.endsWith('/verify')) return json(VERIFIED);
    if (path.endsWith('/resend')) return json(CHALLENGE);
    if (request.method === 'GET') return json(POLLED);
    return problem('not_found', 404);
  }, options);
}

/** The ResetError a call rejects with; fails the test if it resolves or throws anything else. */
async function failure(promise: Promise<unknown>): Promise<ResetError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    expect(error, `rejects with a ResetError, not ${String(error)}`).to.be.instanceOf(ResetError);
    expect((error as Error).name).to.equal('ResetError');
    return error as ResetError;
  }
  throw new Error(`expected a ResetError, got ${JSON.stringify(value)}`);
}

describe('HttpResetClient: requests', () => {
  it('sends each call to its path with its method, JSON body and headers', async () => {
    const { client, seen } = protocolFake();
    expect(await client.getConfig()).to.deep.equal(CONFIG);
    expect(await client.startFlow(START)).to.deep.equal(FLOW);
    expect(await client.startChallenge('email')).to.deep.equal(CHALLENGE);
    expect(await client.verify('ch-1', { code: '123456' })).to.deep.equal(VERIFIED);
    expect(await client.poll('ch-1')).to.deep.equal(POLLED);
    expect(await client.resend('ch-1')).to.deep.equal(CHALLENGE);
    expect(await client.resetPassword('Correct-Horse-9')).to.deep.equal(RESET);
    expect(seen.map((s) => [s.method, s.url])).to.deep.equal([
      ['GET', `${BASE}/v1/config`],
      ['POST', `${BASE}/v1/flows`],
      ['POST', `${BASE}/v1/flows/current/challenges`],
      ['POST', `${BASE}/v1/flows/current/challenges/ch-1/verify`],
      ['GET', `${BASE}/v1/flows/current/challenges/ch-1`],
      ['POST', `${BASE}/v1/flows/current/challenges/ch-1/resend`],
      ['POST', `${BASE}/v1/flows/current/password`],
    ]);
    expect(seen.map((s) => (s.body === '' ? undefined : (JSON.parse(s.body) as unknown)))).to.deep.equal([
      undefined,
      START,
      { methodId: 'email' },
      { code: '123456' },
      undefined,
      {},
      { newPassword: 'Correct-Horse-9' },
    ]);
    for (const s of seen) {
      expect(s.headers.get('accept')).to.include('application/json');
      expect(s.headers.get('accept')).to.include('application/problem+json');
      expect(s.headers.get('content-type')).to.equal(s.body === '' ? null : 'application/json');
      expect(s.request.cache).to.equal('no-store');
      expect(s.request.credentials).to.equal('same-origin');
      expect(s.request.referrerPolicy).to.equal('no-referrer');
    }
  });

  it('drops trailing slashes of the base URL', async () => {
    const { client, seen } = fake(() => json(CONFIG), { baseUrl: `${BASE}//` });
    await client.getConfig();
    expect(seen[0]!.url).to.equal(`${BASE}/v1/config`);
  });

  it('encodes the challenge id into one path segment', async () => {
    const { client, seen } = protocolFake();
    await client.startFlow(START);
    await client.poll('a/b?c#d');
    await client.verify('a/b?c#d', { code: '1' });
    expect(seen[1]!.url).to.equal(`${BASE}/v1/flows/current/challenges/a%2Fb%3Fc%23d`);
    expect(seen[2]!.url).to.equal(`${BASE}/v1/flows/current/challenges/a%2Fb%3Fc%23d/verify`);
  });

  it('sends Authorization: Bearer <flowToken> on flow calls only, never in a URL', async () => {
    const { client, seen } = protocolFake();
    await client.getConfig();
    await client.startFlow(START);
    await client.startChallenge('email');
    await client.verify('ch-1', { code: '123456' });
    await client.poll('ch-1');
    await client.resend('ch-1');
    await client.resetPassword('Correct-Horse-9');
    await client.startFlow(START);
    await client.cancel();
    const [config, start1, ...rest] = seen;
    expect(config!.headers.get('authorization')).to.equal(null);
    expect(start1!.headers.get('authorization')).to.equal(null);
    // The second start (a flow was running) does not carry the old token either.
    const start2 = rest.find((s) => s.url.endsWith('/v1/flows'))!;
    expect(start2.headers.get('authorization')).to.equal(null);
    const flowCalls = seen.filter((s) => s.url.includes('/v1/flows/current'));
    expect(flowCalls).to.have.length(6);
    for (const s of flowCalls) expect(s.headers.get('authorization'), s.url).to.equal(`Bearer ${TOKEN}`);
    for (const s of seen) {
      expect(s.url).to.not.include(TOKEN);
      expect(s.url).to.not.include('123456');
      expect(s.url).to.not.include('Correct-Horse-9');
      expect(s.url).to.not.include('captcha-OK');
      expect(new URL(s.url).search).to.equal('');
    }
  });

  it('without a flow, flow calls fail with flow_expired and send nothing', async () => {
    const { client, seen } = protocolFake();
    const calls: Array<() => Promise<unknown>> = [
      () => client.startChallenge('email'),
      () => client.verify('ch-1', { code: '123456' }),
      () => client.poll('ch-1'),
      () => client.resend('ch-1'),
      () => client.resetPassword('Correct-Horse-9'),
    ];
    for (const call of calls) expect((await failure(call())).code).to.equal('flow_expired');
    await client.cancel();
    expect(seen).to.have.length(0);
  });

  it('forgets the token after a successful reset, keeps it after a rejected password', async () => {
    let reject = true;
    const { client, seen } = fake((request) => {
      if (request.url.endsWith('/v1/flows')) return json(FLOW);
      if (reject) return problem('password_rejected', 422, { reasons: [{ code: 'breached' }] });
      return json(RESET);
    });
    await client.startFlow(START);
    expect((await failure(client.resetPassword('password123'))).code).to.equal('password_rejected');
    reject = false;
    await client.resetPassword('Correct-Horse-9');
    expect(seen[2]!.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    const count = seen.length;
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    expect(seen).to.have.length(count);
  });

  it('does not remember a token from a start answer that fails validation', async () => {
    const { client, seen } = fake(() => json({ ...FLOW, gatesRequired: 3 }));
    expect((await failure(client.startFlow(START))).code).to.equal('invalid_response');
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    expect(seen).to.have.length(1);
  });

  it('a failed start forgets the previous flow', async () => {
    let fail = false;
    const { client, seen } = fake(() => (fail ? problem('captcha_failed', 400) : json(FLOW)));
    await client.startFlow(START);
    fail = true;
    expect((await failure(client.startFlow(START))).code).to.equal('captcha_failed');
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    expect(seen).to.have.length(2);
  });
});

describe('HttpResetClient: cancel', () => {
  it('sends DELETE /v1/flows/current with the token, then forgets it', async () => {
    const { client, seen } = protocolFake();
    await client.startFlow(START);
    await client.cancel();
    expect(seen).to.have.length(2);
    expect(seen[1]).to.include({ method: 'DELETE', url: `${BASE}/v1/flows/current`, body: '' });
    expect(seen[1]!.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    await client.cancel();
    expect(seen).to.have.length(2);
  });

  it('forgets the token even when the DELETE fails', async () => {
    let down = false;
    const { client, seen } = fake(() => {
      if (down) throw new TypeError('Failed to fetch');
      return json(FLOW);
    });
    await client.startFlow(START);
    down = true;
    expect((await failure(client.cancel())).code).to.equal('network_error');
    expect((await failure(client.startChallenge('email'))).code).to.equal('flow_expired');
    expect(seen).to.have.length(2);
  });
});

describe('HttpResetClient: failures are ResetErrors', () => {
  it('times out a fetch that never answers (timeoutMs 50) with `timeout`', async () => {
    let aborted = false;
    const { client } = fake(
      (request) =>
        new Promise<Response>((_, reject) => {
          request.signal.addEventListener('abort', () => {
            aborted = true;
            reject(request.signal.reason as DOMException);
          });
        }),
      { timeoutMs: 50 },
    );
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('timeout');
    expect(error.status).to.equal(undefined);
    // The request itself is aborted too (the abort reaches the Request's own signal a tick later).
    await waitUntil(() => aborted, 'the request was never aborted', { timeout: 1000 });
  });

  // A fetch that does not honour the signal (a test double, the mock's latency)
  // must not hang the call: the client races it against its own timeout.
  it('times out even when the fetch ignores the abort signal', async () => {
    const { client } = fake(() => new Promise<Response>(() => {}), { timeoutMs: 50 });
    const guard = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 1000));
    const outcome = await Promise.race([
      client.getConfig().then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      guard,
    ]);
    expect(outcome, 'the call was still pending 1 s after a 50 ms timeout').to.be.instanceOf(ResetError);
    expect((outcome as ResetError).code).to.equal('timeout');
  });

  it('a fetch that rejects (TypeError) is network_error, with the cause kept', async () => {
    const cause = new TypeError('Failed to fetch');
    const { client } = fake(() => Promise.reject(cause));
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('network_error');
    expect(error.status).to.equal(undefined);
    expect(error.cause).to.equal(cause);
  });

  it('a fetch that throws synchronously is network_error', async () => {
    const client = new HttpResetClient({
      baseUrl: BASE,
      fetch: () => {
        throw new TypeError('boom');
      },
    });
    expect((await failure(client.getConfig())).code).to.equal('network_error');
  });

  it('an outer AbortSignal aborts the request', async () => {
    let seenSignal: AbortSignal | undefined;
    const { client } = fake(
      (request) =>
        new Promise<Response>((_, reject) => {
          seenSignal = request.signal;
          request.signal.addEventListener('abort', () => reject(request.signal.reason as DOMException));
        }),
    );
    const controller = new AbortController();
    const pending = client.getConfig(controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    expect(seenSignal!.aborted).to.equal(false);
    controller.abort();
    const error = await failure(pending);
    expect(seenSignal!.aborted).to.equal(true);
    expect(error.code).to.not.equal('timeout');
  });

  it('an already aborted outer signal never gets an answer', async () => {
    const { client, seen } = fake((request) =>
      request.signal.aborted ? Promise.reject(request.signal.reason as DOMException) : json(CONFIG),
    );
    await failure(client.getConfig(AbortSignal.abort()));
    expect(seen).to.have.length.at.most(1);
    expect(seen.every((s) => s.request.signal.aborted)).to.equal(true);
  });

  it('200 with malformed JSON is invalid_response', async () => {
    const { client } = fake(() => new Response('{"protocol": 1,', { status: 200, headers: { 'content-type': 'application/json' } }));
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('invalid_response');
    expect(error.status).to.equal(200);
  });

  it('200 with text/html is invalid_response, even when the text is valid JSON', async () => {
    const html = fake(
      () => new Response('<!doctype html><title>Sign in</title>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    expect((await failure(html.client.getConfig())).code).to.equal('invalid_response');
    const disguised = fake(
      () => new Response(JSON.stringify(CONFIG), { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    expect((await failure(disguised.client.getConfig())).code).to.equal('invalid_response');
    const none = fake(() => new Response(JSON.stringify(CONFIG), { status: 200, headers: { 'content-type': '' } }));
    expect((await failure(none.client.getConfig())).code).to.equal('invalid_response');
  });

  it('accepts a JSON content type with parameters', async () => {
    const { client } = fake(
      () => new Response(JSON.stringify(CONFIG), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }),
    );
    expect(await client.getConfig()).to.deep.equal(CONFIG);
  });

  it('200 with JSON of the wrong shape is invalid_response', async () => {
    const cases: Array<[string, unknown]> = [
      ['gatesRequired 3', { ...CONFIG, gatesRequired: 3 }],
      ['protocol 2', { ...CONFIG, protocol: 2 }],
      // An unknown method type is no longer a wrong shape: protocol v1 grows by additions (issue 8).
      ['a method that is not a string', { ...CONFIG, methods: [42] }],
      ['missing policy', { ...CONFIG, passwordPolicy: undefined }],
      ['an array', [CONFIG]],
      ['null', null],
    ];
    for (const [name, body] of cases) {
      const { client } = fake(() => json(body));
      const error = await failure(client.getConfig());
      expect(error.code, name).to.equal('invalid_response');
      expect(error.status, name).to.equal(200);
    }
    const badChallenge = fake((request) => (request.url.endsWith('/v1/flows') ? json(FLOW) : json({ ...CHALLENGE, numberToMatch: 100 })));
    await badChallenge.client.startFlow(START);
    expect((await failure(badChallenge.client.startChallenge('email'))).code).to.equal('invalid_response');
  });

  it('a 204 where a document is expected is invalid_response', async () => {
    const { client } = fake(() => new Response(null, { status: 204 }));
    expect((await failure(client.getConfig())).code).to.equal('invalid_response');
  });

  for (const code of PROBLEM_CODES) {
    it(`maps the problem ${code} to a ResetError with its code and status`, async () => {
      const status = PROBLEM_STATUS[code];
      const { client } = fake((request) =>
        request.url.endsWith('/v1/flows') ? json(FLOW) : problem(code, status, { detail: 'details', attemptsRemaining: 2 }),
      );
      for (const call of [() => client.getConfig(), async () => (await client.startFlow(START), client.startChallenge('email'))]) {
        const error = await failure(call());
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(status);
        expect(error.attemptsRemaining).to.equal(2);
      }
    });
  }

  it('a problem sent as application/json is read too', async () => {
    const { client } = fake(() => json({ status: 403, code: 'locked_out' }, 403));
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('locked_out');
    expect(error.status).to.equal(403);
  });

  it('uses the Retry-After header when the body has no retryAfter; the body wins otherwise', async () => {
    const header = fake(() => problem('rate_limited', 429, {}, { 'retry-after': '17' }));
    const fromHeader = await failure(header.client.getConfig());
    expect(fromHeader.code).to.equal('rate_limited');
    expect(fromHeader.retryAfter).to.equal(17);
    const both = fake(() => problem('rate_limited', 429, { retryAfter: 5 }, { 'retry-after': '17' }));
    expect((await failure(both.client.getConfig())).retryAfter).to.equal(5);
    const neither = fake(() => problem('rate_limited', 429));
    expect((await failure(neither.client.getConfig())).retryAfter).to.equal(undefined);
    // RFC 9110: Retry-After may also be an HTTP-date (issue 8); one in the past means now.
    const past = fake(() => problem('rate_limited', 429, {}, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }));
    expect((await failure(past.client.getConfig())).retryAfter).to.equal(0);
    const malformed = fake(() => problem('rate_limited', 429, {}, { 'retry-after': 'soon' }));
    expect((await failure(malformed.client.getConfig())).retryAfter).to.equal(undefined);
  });

  it('a 502 with an HTML body is server_error', async () => {
    const { client } = fake(
      () => new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('server_error');
    expect(error.status).to.equal(502);
  });

  it('a 500 with broken problem JSON is server_error', async () => {
    const { client } = fake(() => new Response('{"code": "serv', { status: 500, headers: { 'content-type': 'application/problem+json' } }));
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('server_error');
    expect(error.status).to.equal(500);
  });

  it('a 429 without a problem body is rate_limited, with Retry-After', async () => {
    const { client } = fake(
      () => new Response('Too many requests', { status: 429, headers: { 'content-type': 'text/plain', 'retry-after': '42' } }),
    );
    const error = await failure(client.getConfig());
    expect(error.code).to.equal('rate_limited');
    expect(error.status).to.equal(429);
    expect(error.retryAfter).to.equal(42);
  });

  // Issue 8: an unknown problem code (or none) is read by its HTTP status, not refused as invalid.
  it('a 4xx that is no problem document, or has an unknown code, is read by its status', async () => {
    const html = fake(() => new Response('<h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } }));
    const notFound = await failure(html.client.getConfig());
    expect(notFound.code).to.equal('request_failed');
    expect(notFound.status).to.equal(404);
    const unknownCode = fake(() => problem('teapot', 418));
    expect((await failure(unknownCode.client.getConfig())).code).to.equal('request_failed');
    const noCode = fake(() => json({ status: 400, title: 'Bad' }, 400));
    expect((await failure(noCode.client.getConfig())).code).to.equal('request_failed');
  });

  it('carries the reasons of password_rejected', async () => {
    const reasons = [{ code: 'too_short', limit: 8 }, { code: 'breached' }];
    const { client } = fake((request) => (request.url.endsWith('/v1/flows') ? json(FLOW) : problem('password_rejected', 422, { reasons })));
    await client.startFlow(START);
    const error = await failure(client.resetPassword('pass'));
    expect(error.code).to.equal('password_rejected');
    expect(error.status).to.equal(422);
    expect(error.reasons).to.deep.equal(reasons);
  });

  it('reasons default to an empty list', async () => {
    const { client } = fake(() => problem('invalid_request', 400));
    expect((await failure(client.getConfig())).reasons).to.deep.equal([]);
  });

  it('no error message carries the flow token or the password', async () => {
    const { client } = fake((request) =>
      request.url.endsWith('/v1/flows')
        ? json(FLOW)
        : new Response(`echo ${TOKEN}`, { status: 400, headers: { 'content-type': 'text/plain' } }),
    );
    await client.startFlow(START);
    const error = await failure(client.resetPassword('Correct-Horse-9'));
    expect(`${error.message} ${String(error.stack)}`).to.not.include(TOKEN);
    expect(`${error.message} ${String(error.stack)}`).to.not.include('Correct-Horse-9');
  });
});
