/**
 * The mock's "devices" over HTTP, for the devices panel of the demo and the
 * stories: what a person's inbox, phone and authenticator app would show, the
 * buttons to answer a push or a call and, where the mock's clock can be moved,
 * a jump forward in time. Requests and answers are the schemas of
 * devices-api.ts. Not part of protocol v1: never serve it in production.
 */
import * as z from 'zod/mini';
import {
  CallAnswer,
  ClockAdvance,
  PushAnswer,
  type ClockState,
  type DeviceMessage,
  type DeviceUser,
  type DevicesError,
  type DevicesState,
  type TotpCode,
} from './devices-api.js';
import type { MockResetServer } from './server.js';

export type { DeviceUser } from './devices-api.js';

/** A clock for the mock (`now` option) that can be moved forward: expiry on demand. */
export interface MockClock {
  /** The mock's time: the base clock plus every jump. */
  readonly now: () => number;
  /** Move the clock forward (codes, pushes, calls and flows expire). */
  readonly advance: (ms: number) => void;
  /** How far it was moved so far. */
  readonly advancedMs: number;
}

/** Clocks made here, by their `now`: the devices API finds a server's clock through its `now` option. */
const clocks = new WeakMap<() => number, MockClock>();

/**
 * A clock the devices API can move: pass its `now` as the mock's `now` option
 * (`new MockResetServer({ now: clock.now })`) and `POST /mock/clock` moves it.
 */
export function createMockClock(base: () => number = () => Date.now()): MockClock {
  let advancedMs = 0;
  const clock: MockClock = {
    now: () => base() + advancedMs,
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the mock clock only moves forward');
      advancedMs += ms;
    },
    get advancedMs() {
      return advancedMs;
    },
  };
  clocks.set(clock.now, clock);
  return clock;
}

export interface DevicesHandlerOptions {
  /**
   * The clock `POST /mock/clock` moves; it must be the one the server reads.
   * Default: the server's `now` option when it came from `createMockClock`;
   * otherwise the clock cannot be moved (`POST /mock/clock` answers 404).
   */
  clock?: Pick<MockClock, 'advance' | 'advancedMs'>;
}

/** A `(Request) => Response` handler for `…/mock/*`; answers 404 elsewhere. Never throws. */
export function createDevicesHandler(server: MockResetServer, options: DevicesHandlerOptions = {}) {
  const clock = options.clock ?? clocks.get(server.options.now);
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const match = /\/mock\/(state|totp|push|call|clock)(?:\/([^/]+))?$/.exec(path);
    if (!match) return fail(404, 'not found');
    const [, what, rawId] = match;
    const id = decodePath(rawId ?? '');
    if (id === undefined) return fail(400, 'the path is not valid percent-encoding');
    if ((what === 'state' || what === 'clock') !== (rawId === undefined)) return fail(404, 'not found');
    try {
      switch (what) {
        case 'state':
          if (request.method !== 'GET') return fail(405, 'method not allowed', 'GET');
          return reply(200, state(server, clock));
        case 'totp': {
          if (request.method !== 'GET') return fail(405, 'method not allowed', 'GET');
          const code = await server.currentTotp(id);
          return code ? reply(200, { code: code.code, secondsLeft: code.secondsLeft } satisfies TotpCode) : fail(404, 'no authenticator');
        }
        case 'push': {
          if (request.method !== 'POST') return fail(405, 'method not allowed', 'POST');
          const body = await read(request, PushAnswer);
          if (!body.ok) return body.response;
          return reply(200, { status: server.answerPush(id, { approve: body.data.approve, number: body.data.number }) });
        }
        case 'call': {
          if (request.method !== 'POST') return fail(405, 'method not allowed', 'POST');
          const body = await read(request, CallAnswer);
          if (!body.ok) return body.response;
          return reply(200, { status: server.answerCall(id, { pressHash: body.data.pressHash }) });
        }
        default: {
          // `clock`: only where the mock's clock can be moved.
          if (!clock) return fail(404, 'this mock’s clock cannot be moved (create it with now: createMockClock().now)');
          if (request.method !== 'POST') return fail(405, 'method not allowed', 'POST');
          const body = await read(request, ClockAdvance);
          if (!body.ok) return body.response;
          clock.advance(body.data.advanceMs);
          return reply(200, { now: server.options.now(), advancedMs: clock.advancedMs } satisfies ClockState);
        }
      }
    } catch (error) {
      // answerPush/answerCall throw for a challenge that is unknown, not out of band, or gone.
      return fail(404, error instanceof Error ? error.message : 'not found');
    }
  };
}

function state(server: MockResetServer, clock: DevicesHandlerOptions['clock']): DevicesState {
  const users = [...server.users.values()].map((u): DeviceUser => ({
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    enabled: u.enabled !== false,
    locked: server.isLocked(u.username),
    email: u.email,
    mobile: u.mobile,
    office: u.office,
    authenticator: !!u.authenticatorSecret,
    questions: (u.questions ?? []).map(({ text, answer }) => ({ text, answer })),
  }));
  const outbox = server.outbox.map((m): DeviceMessage => ({
    id: m.id,
    time: m.time,
    channel: m.channel,
    to: m.to,
    username: m.username,
    subject: m.subject,
    body: m.body,
    lang: m.lang,
    code: m.code,
    challengeId: m.challengeId,
    numberToMatch: m.numberToMatch,
  }));
  return { now: server.options.now(), clock: !!clock, advancedMs: clock?.advancedMs, users, outbox };
}

function decodePath(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

type Read<T> = { ok: true; data: T } | { ok: false; response: Response };

/** A JSON body checked against its schema; a bad one is a 400 answer, not a throw. */
async function read<T>(request: Request, schema: z.ZodMiniType<T>): Promise<Read<T>> {
  let data: unknown;
  try {
    data = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: fail(400, 'the body is not JSON') };
  }
  const result = schema.safeParse(data);
  if (!result.success) return { ok: false, response: fail(400, `invalid request: ${z.prettifyError(result.error)}`) };
  return { ok: true, data: result.data };
}

/** A failure: `{ error }` (schema `DevicesError`); a 405 says which method the path takes. */
function fail(status: number, error: string, allow?: string) {
  return reply(status, { error } satisfies DevicesError, allow ? { allow } : {});
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}
