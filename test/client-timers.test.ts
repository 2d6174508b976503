/**
 * Issue 14, point 5: a request releases its timer when it settles. Each
 * attempt runs under a timer of its own (`setTimeout`, `timeoutMs`) that is
 * cleared as soon as the attempt settles (answer, failure, abort), or has
 * fired (timeout); nothing stays scheduled for `timeoutMs` after the call has
 * ended, as `AbortSignal.timeout` did (about 0.2 kB held for 15 s per request).
 *
 * `setTimeout` and `clearTimeout` are watched, not faked: timers run for real.
 * The client's timers are told from the test runner's by their delays, which
 * no one else here uses.
 */
import { expect } from '@open-wc/testing';
import { ResetError } from '../src/protocol/errors.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { CONFIG, FLOW, RESET, START, json, problem } from './fixtures.js';

/** The attempt timeout of the client under test: long enough never to fire unless a test wants it to. */
const TIMEOUT_MS = 4321;
/** A short one, for the tests where the backend never answers. */
const SHORT_TIMEOUT_MS = 37;
/** The Retry-After (seconds) of a `request_in_progress` answer whose wait is aborted. */
const RETRY_AFTER_S = 3;

interface Timer {
  delay: number;
  cleared: boolean;
  fired: boolean;
}

/** Every timer started with one of `delays` while the watch is on, and whether it was cleared or has fired. */
function watchTimers(...delays: number[]) {
  const timers = new Map<unknown, Timer>();
  const set = globalThis.setTimeout;
  const clear = globalThis.clearTimeout;
  globalThis.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    if (typeof handler !== 'function' || !delays.includes(Number(delay))) return set(handler, delay, ...args);
    const timer: Timer = { delay: Number(delay), cleared: false, fired: false };
    const id = set(
      (...a: unknown[]) => {
        timer.fired = true;
        (handler as (...a: unknown[]) => void)(...a);
      },
      delay,
      ...args,
    );
    timers.set(id, timer);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id?: number) => {
    const timer = timers.get(id);
    if (timer && !timer.fired) timer.cleared = true;
    clear(id);
  }) as typeof clearTimeout;
  return {
    /** Timers started, in order. */
    started: () => [...timers.values()],
    /** Timers still scheduled: neither cleared nor fired. */
    pending: () => [...timers.values()].filter((t) => !t.cleared && !t.fired),
    restore() {
      globalThis.setTimeout = set;
      globalThis.clearTimeout = clear;
    },
  };
}

type Answer = Response | 'drop' | 'hang' | ((signal: AbortSignal) => Promise<Response>);

/** A client on a fake fetch answering each attempt in turn from `answers` (the last one repeats). */
function client(answers: Answer[], timeoutMs = TIMEOUT_MS) {
  let n = 0;
  const fetch = (request: Request): Promise<Response> => {
    const answer = answers[Math.min(n++, answers.length - 1)]!;
    if (answer === 'drop') return Promise.reject(new TypeError('Failed to fetch'));
    if (answer === 'hang') return new Promise<Response>(() => {});
    if (typeof answer === 'function') return answer(request.signal);
    return Promise.resolve(answer.clone());
  };
  return { client: new HttpResetClient({ baseUrl: 'https://id.example.test/sspr', fetch, timeoutMs }), attempts: () => n };
}

/** The ResetError a call rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<ResetError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a ResetError, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).to.be.instanceOf(ResetError);
  return outcome.error as ResetError;
}

describe('Every timer a request starts is released when it settles', () => {
  let timers: ReturnType<typeof watchTimers>;
  beforeEach(() => {
    timers = watchTimers(TIMEOUT_MS, SHORT_TIMEOUT_MS, RETRY_AFTER_S * 1000);
  });
  afterEach(() => timers.restore());

  it('an answer: the attempt ran under its own timeout timer, cleared when the answer was read', async () => {
    const { client: c } = client([json(CONFIG)]);
    expect(await c.getConfig()).to.deep.equal(CONFIG);
    expect(timers.started().map((t) => t.delay)).to.deep.equal([TIMEOUT_MS], 'one timer of timeoutMs per attempt');
    expect(timers.pending()).to.deep.equal([]);
  });

  it('a problem answer (500) and an answer that breaks the schema', async () => {
    expect((await failure(client([problem('server_error', 500)]).client.getConfig())).code).to.equal('server_error');
    expect((await failure(client([json({ protocol: 2 })]).client.getConfig())).code).to.equal('invalid_response');
    expect(timers.started()).to.have.length(2);
    expect(timers.pending()).to.deep.equal([]);
  });

  it('a dropped connection asked again: each attempt has its own timer, both cleared', async () => {
    const { client: c, attempts } = client(['drop', json(FLOW)]);
    expect(await c.startFlow(START)).to.deep.equal(FLOW);
    expect(attempts()).to.equal(2);
    expect(timers.started().map((t) => t.delay)).to.deep.equal([TIMEOUT_MS, TIMEOUT_MS]);
    expect(timers.pending()).to.deep.equal([]);
  });

  it('a backend that never answers: each attempt ends by its own timer firing, and the call fails with `timeout`', async () => {
    const { client: c, attempts } = client(['hang'], SHORT_TIMEOUT_MS);
    expect((await failure(c.getConfig())).code).to.equal('timeout');
    expect(attempts()).to.equal(2, 'a lost answer is asked again once');
    expect(timers.started().map((t) => ({ delay: t.delay, fired: t.fired }))).to.deep.equal([
      { delay: SHORT_TIMEOUT_MS, fired: true },
      { delay: SHORT_TIMEOUT_MS, fired: true },
    ]);
    expect(timers.pending()).to.deep.equal([]);
  });

  it('a body that never arrives times out too, and its timer is spent', async () => {
    const stalled = () =>
      Promise.resolve(new Response(new ReadableStream({ start() {} }), { status: 200, headers: { 'content-type': 'application/json' } }));
    const { client: c } = client([stalled], SHORT_TIMEOUT_MS);
    expect((await failure(c.getConfig())).code).to.equal('timeout');
    expect(timers.started().length).to.equal(2);
    expect(timers.pending()).to.deep.equal([]);
  });

  it('the caller aborts a request in flight: the call fails at once (not `timeout`), and its timer is cleared', async () => {
    const { client: c, attempts } = client(['hang']);
    const caller = new AbortController();
    const call = c.getConfig(caller.signal);
    await new Promise((r) => setTimeout(r, 10));
    caller.abort();
    expect((await failure(call)).code).to.not.equal('timeout');
    expect(attempts()).to.equal(1, 'an aborted call is not asked again');
    expect(timers.started()).to.have.length(1);
    expect(timers.pending()).to.deep.equal([]);
  });

  it('a caller’s signal aborted before the call: no request is left with a timer', async () => {
    const { client: c } = client(['hang']);
    const caller = new AbortController();
    caller.abort();
    expect((await failure(c.getConfig(caller.signal))).code).to.not.equal('timeout');
    expect(timers.pending()).to.deep.equal([]);
  });

  it('the caller aborts while the client waits to ask again (request_in_progress): the wait’s timer is cleared too', async () => {
    const { client: c } = client([json(FLOW), problem('request_in_progress', 409, { retryAfter: RETRY_AFTER_S })]);
    await c.startFlow(START);
    const caller = new AbortController();
    const call = c.resetPassword('Correct-Horse-9', caller.signal);
    // The first attempt has answered 409; the client now waits Retry-After before asking again.
    await new Promise((r) => setTimeout(r, 20));
    expect(timers.pending().map((t) => t.delay)).to.deep.equal([RETRY_AFTER_S * 1000], 'only the wait is scheduled');
    caller.abort();
    expect((await failure(call)).code).to.equal('request_in_progress');
    expect(timers.pending()).to.deep.equal([]);
  });

  it('many calls in a row leave nothing scheduled', async () => {
    const { client: c } = client([json(FLOW), problem('server_error', 500), 'drop', json(RESET)]);
    await c.startFlow(START);
    expect((await failure(c.startChallenge('email'))).code).to.equal('server_error');
    expect(await c.resetPassword('Correct-Horse-9')).to.deep.equal(RESET);
    const { client: config } = client([json(CONFIG)]);
    for (let i = 0; i < 20; i++) await config.getConfig();
    expect(timers.started()).to.have.length(24);
    expect(timers.pending()).to.deep.equal([]);
  });
});
