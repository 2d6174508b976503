/**
 * What the mock backend's tests share. MockResetServer is driven through its
 * HTTP surface: the production HttpResetClient wired to `server.fetch`, and
 * raw `Request`s where statuses and headers matter. Time only moves through
 * the mock's `now` option (a controllable clock).
 */
import { expect } from '@open-wc/testing';
import { createMockBackend, MOCK_CAPTCHA_TOKEN, SEED_USERS, type MockOptions, type MockResetServer } from '../../src/mock/index.js';
import { ResetError } from '../../src/protocol/errors.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';
import type { Method } from '../../src/protocol/schemas.js';
import { clock } from '../helpers.js';

export const BASE = 'https://mock.test/api';
/** A fixed start, aligned to a 30 s TOTP step, so every run sees the same codes. */
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const ADELE = 'adele@contoso.com';
export const ALEX = 'alex@contoso.com';
export const MEGAN = 'megan@contoso.com';

export function setup(options: MockOptions = {}) {
  const time = clock(T0);
  const { server } = createMockBackend({ now: time.now, ...options });
  const requests: Request[] = [];
  const client = new HttpResetClient({
    baseUrl: BASE,
    fetch: (request) => {
      const keyed = withIdempotencyKey(request);
      requests.push(keyed.clone());
      return server.fetch(keyed);
    },
  });
  return { time, server, client, requests };
}

/** The ResetError a call rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<ResetError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    expect(error, 'rejects with a ResetError').to.be.instanceOf(ResetError);
    return error as ResetError;
  }
  throw new Error(`expected a ResetError, got ${JSON.stringify(value)}`);
}

/** A fresh Idempotency-Key (one per logical action). */
export function newKey() {
  return crypto.randomUUID();
}

/**
 * A POST with an Idempotency-Key, as protocol v1 requires: the key it has, or
 * a fresh one (for a client that does not send one yet).
 */
export function withIdempotencyKey(request: Request) {
  if (request.method !== 'POST' || request.headers.has('idempotency-key')) return request;
  const headers = new Headers(request.headers);
  headers.set('idempotency-key', newKey());
  return new Request(request, { headers });
}

export interface RequestInit {
  token?: string;
  body?: unknown;
  raw?: string;
  /** Idempotency-Key of a POST; default a fresh one; null for none. */
  key?: string | null;
  /** Other headers (they win). */
  headers?: Record<string, string>;
}

export function request(method: string, path: string, init: RequestInit = {}) {
  const headers = new Headers();
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  const body = init.raw ?? (init.body === undefined ? null : JSON.stringify(init.body));
  if (body !== null) headers.set('content-type', 'application/json');
  const key = init.key === undefined ? newKey() : init.key;
  if (method === 'POST' && key !== null) headers.set('idempotency-key', key);
  for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
  return new Request(BASE + path, { method, headers, body });
}

export async function send(server: MockResetServer, method: string, path: string, init: RequestInit = {}) {
  const response = await server.fetch(request(method, path, init));
  const text = await response.text();
  return { response, status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

/** Assert a raw answer is an RFC 9457 problem with our code and the matching status. */
export function expectProblem(
  answer: { response: Response; status: number; body: Record<string, unknown> | undefined },
  code: string,
  status: number,
) {
  expect(answer.status, `status of ${code}`).to.equal(status);
  expect(answer.response.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(answer.body).to.include({ code, status, type: `urn:sspr:problem:${code}` });
}

export function startRaw(server: MockResetServer, username: string, captchaToken = MOCK_CAPTCHA_TOKEN) {
  return send(server, 'POST', '/v1/flows', { body: { username, captchaToken, locale: 'en' } });
}

export function start(client: HttpResetClient, username: string) {
  return client.startFlow({ username, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' });
}

/** A code that differs from `code` in its last digit. */
export function wrong(code: string) {
  return code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
}

export async function emailChallenge(server: MockResetServer, client: HttpResetClient, username: string) {
  const challenge = await client.startChallenge('email');
  const message = server.lastMessage(username, 'email')!;
  expect(message.challengeId).to.equal(challenge.challengeId);
  return { challenge, code: message.code! };
}

export async function passEmail(server: MockResetServer, client: HttpResetClient, username: string) {
  const { challenge, code } = await emailChallenge(server, client, username);
  const result = await client.verify(challenge.challengeId, { code });
  expect(result.result).to.equal('verified');
  return result;
}

export async function passSms(server: MockResetServer, client: HttpResetClient, username: string) {
  const challenge = await client.startChallenge('mobile-sms');
  const code = server.lastMessage(username, 'sms')!.code!;
  const result = await client.verify(challenge.challengeId, { code });
  expect(result.result).to.equal('verified');
  return result;
}

/** Exhaust a code challenge with wrong codes. */
export async function exhaust(server: MockResetServer, client: HttpResetClient, username: string, attempts = 5) {
  const { challenge, code } = await emailChallenge(server, client, username);
  let last;
  for (let i = 0; i < attempts; i++) last = await client.verify(challenge.challengeId, { code: wrong(code) });
  return { challenge, code, last };
}

export function answersOf(username: string) {
  return new Map(SEED_USERS.find((u) => u.username === username)!.questions!.map((q) => [q.id, q.answer]));
}

/** ASCII to its full-width compatibility form (NFKC maps it back); space to the ideographic space. */
export function fullWidth(text: string) {
  return [...text]
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c === 0x20) return '\u3000';
      return c > 0x20 && c < 0x7f ? String.fromCodePoint(c + 0xfee0) : ch;
    })
    .join('');
}

export function byId(methods: readonly Method[]) {
  return Object.fromEntries(methods.map((m) => [m.id, m]));
}
