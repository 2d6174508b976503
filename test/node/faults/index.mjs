// The reference backend (dist/mock.js) on a free port of 127.0.0.1, with a
// clock the devices API can move (POST /mock/clock) and, optionally, one
// planted fault: a wrapper around its WHATWG handler that breaks one rule of
// protocol v1 the way a real backend might. src/mock itself has no fault
// switches: it is the reference teams copy.
import { createServer } from 'node:http';
import { MockResetServer, SEED_USERS, createDevicesHandler } from '../../../dist/mock.js';
import { createNodeListener, withLocalCors } from '../../../dist/mock-node.js';

const KNOWN = new Set(SEED_USERS.map((u) => u.username.trim().normalize('NFKC').toLowerCase()));
const isKnown = (name) => KNOWN.has(String(name).trim().normalize('NFKC').toLowerCase());

/** Copy of an answer with other headers or body. */
function rebuild(response, { headers, body } = {}) {
  return new Response(body === undefined ? response.body : body, { status: response.status, headers: headers ?? response.headers });
}

/** A request's JSON body, read from a clone (the original still goes on). */
async function jsonOf(request) {
  try {
    return await request.clone().json();
  } catch {
    return undefined;
  }
}

const isStart = (request) => request.method === 'POST' && /\/v1\/flows$/.test(new URL(request.url).pathname);

/**
 * Each fault: mock options it needs, and a wrapper of the handler.
 * @type {Record<string, { options?: object, wrap?: (next: (r: Request) => Promise<Response>) => (r: Request) => Promise<Response> }>}
 */
export const FAULTS = {
  /** Decoys give themselves away: every hint of an unknown username is empty. */
  'enumeration-by-shape': {
    wrap: (next) => async (request) => {
      const body = isStart(request) ? await jsonOf(request) : undefined;
      const response = await next(request);
      if (!body || isKnown(body.username) || response.status !== 200) return response;
      const flow = await response.json();
      flow.methods = flow.methods.map((m) => ({ ...m, hint: '' }));
      return rebuild(response, { body: JSON.stringify(flow) });
    },
  },
  /** A known username costs a slow directory lookup (150 ms) that an unknown one skips. */
  'enumeration-by-time': {
    wrap: (next) => async (request) => {
      const body = isStart(request) ? await jsonOf(request) : undefined;
      if (body && isKnown(body.username)) await new Promise((r) => setTimeout(r, 150));
      return next(request);
    },
  },
  /** No limit on guesses: a challenge and a flow take a million attempts. */
  'no-attempt-limit': { options: { maxAttempts: 1_000_000, attemptsPerFlow: 1_000_000 } },
  /** A verified code verifies again (the backend forgets to spend it). */
  'reusable-code': {
    wrap: (next) => {
      const verified = new Map();
      return async (request) => {
        const match = /\/challenges\/([^/]+)\/verify$/.exec(new URL(request.url).pathname);
        const body = match ? await jsonOf(request) : undefined;
        const response = await next(request);
        if (!match || !body?.code) return response;
        const id = match[1];
        if (response.status === 200) {
          const answer = await response.clone().json();
          if (answer.result === 'verified') verified.set(id, { code: body.code, answer });
          return response;
        }
        const earlier = verified.get(id);
        if (response.status === 409 && earlier?.code === body.code) {
          const headers = new Headers(response.headers);
          headers.set('content-type', 'application/json');
          return new Response(JSON.stringify(earlier.answer), { status: 200, headers });
        }
        return response;
      };
    },
  },
  /** Answers may be cached: no Cache-Control on any answer. */
  'missing-no-store': {
    wrap: (next) => async (request) => {
      const response = await next(request);
      const headers = new Headers(response.headers);
      headers.delete('cache-control');
      return rebuild(response, { headers });
    },
  },
  /** The flow token is taken from the query string too (RFC 6750 §2.3), so it ends up in URLs and logs. */
  'secret-in-url': {
    wrap: (next) => async (request) => {
      const url = new URL(request.url);
      const token = url.searchParams.get('access_token');
      if (token === null || request.headers.has('authorization')) return next(request);
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${token}`);
      const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
      return next(new Request(url, { method: request.method, headers, body }));
    },
  },
  /** Idempotency-Key is checked for form but never honoured: every request is a new one. */
  'no-idempotency': {
    wrap: (next) => {
      let n = 0;
      return async (request) => {
        const key = request.headers.get('idempotency-key');
        if (key === null) return next(request);
        const headers = new Headers(request.headers);
        headers.set('idempotency-key', `${key}.${++n}`);
        const body = await request.arrayBuffer();
        return next(new Request(request.url, { method: request.method, headers, body }));
      };
    },
  },
};

/**
 * Start the mock, with one fault or none.
 * @param {{ fault?: keyof typeof FAULTS, options?: object }} [setup]
 */
export async function startMock({ fault, options = {} } = {}) {
  const planted = fault ? FAULTS[fault] : {};
  if (!planted) throw new Error(`unknown fault ${fault}`);
  let advancedMs = 0;
  const now = () => Date.now() + advancedMs;
  // A short resend cooldown (an option of the mock, not a fault) keeps a run to seconds.
  const server = new MockResetServer({ now, resendCooldownSeconds: 5, ...options, ...planted.options });
  const clock = {
    advance: (ms) => {
      advancedMs += ms;
    },
    get advancedMs() {
      return advancedMs;
    },
  };
  const devices = createDevicesHandler(server, { clock });
  const handler = (request) => (new URL(request.url).pathname.startsWith('/mock/') ? devices(request) : server.fetch(request));
  // CORS for pages on localhost, as the sspr-reset-mock command answers it.
  const wrapped = withLocalCors(planted.wrap ? planted.wrap(handler) : handler);
  const http = createServer(createNodeListener(wrapped, { onError: () => {} }));
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${http.address().port}`;
  return {
    baseUrl,
    outboxUrl: `${baseUrl}/mock/state`,
    clockUrl: `${baseUrl}/mock/clock`,
    server,
    close: () =>
      new Promise((resolve) => {
        http.close(resolve);
        http.closeAllConnections();
      }),
  };
}
