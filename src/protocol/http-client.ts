import * as check from '../generated/protocol-checks.js';
import type { ResetBackend } from './backend.js';
import { any, verdict, type Check } from './check.js';
import { HEADER_IDEMPOTENCY_KEY, HEADER_REQUEST_ID, isKnownProblemCode, MAX_RETRY_AFTER_SECONDS, REQUEST_ID_PATTERN } from './constants.js';
import { codeOfStatus, ResetError, toResetError } from './errors.js';
import type { StartFlowRequest, VerifyRequest } from './schemas.js';

export interface HttpResetClientOptions {
  /** Base URL under which `/v1/...` lives, e.g. `/api/sspr` or `https://id.contoso.com/sspr`. */
  baseUrl: string;
  /** A `fetch` to use instead of the global one (the mock backend's handler, a test double). */
  fetch?: (request: Request) => Promise<Response>;
  /** Milliseconds before an attempt is abandoned with `timeout`. Default 15000. */
  timeoutMs?: number;
}

/** How many times a `request_in_progress` answer is asked again (after its Retry-After, at most 5 s each). */
const IN_PROGRESS_RETRIES = 3;

/**
 * `ResetBackend` over HTTP: protocol v1 with JSON bodies, the flow token in
 * `Authorization: Bearer`, a timeout on every attempt, and every answer
 * checked against the protocol schemas.
 *
 * Every POST carries an `Idempotency-Key`, one per call. A call whose attempt
 * timed out or was dropped (network error) is sent once more with the same
 * key, so the backend answers it again instead of acting twice (a lost answer
 * to a reset still ends on the done screen); an HTTP answer is never retried,
 * but `request_in_progress` (the first attempt is still running) is asked again.
 *
 * No method throws: whatever goes wrong rejects with a `ResetError`, carrying
 * the answer's request id (`X-Request-Id`) when there was an answer.
 */
export class HttpResetClient implements ResetBackend {
  readonly #base: string;
  readonly #fetch: (request: Request) => Promise<Response>;
  readonly #timeoutMs: number;
  #flowToken: string | undefined;

  constructor(options: HttpResetClientOptions) {
    this.#base = String(options.baseUrl).replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((request) => globalThis.fetch(request));
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  getConfig(signal?: AbortSignal) {
    return this.#call('GET', () => '/v1/config', check.ConfigResponse, undefined, signal, false);
  }

  /** JSON, as the backend's captcha provider defines it: the provider that asked checks its shape (ALTCHA's challenge). */
  getCaptchaChallenge(signal?: AbortSignal): Promise<unknown> {
    return this.#call('GET', () => '/v1/captcha/challenge', any, undefined, signal, false);
  }

  async startFlow(request: StartFlowRequest, signal?: AbortSignal) {
    this.#flowToken = undefined;
    const flow = await this.#call('POST', () => '/v1/flows', check.FlowResponse, request, signal, false);
    // The token goes into a header: one that can't (a control character, non-Latin-1) breaks the protocol.
    if (!/^[\x21-\x7e]+$/.test(flow.flowToken)) throw new ResetError('invalid_response', { message: 'flowToken is no header value' });
    this.#flowToken = flow.flowToken;
    return flow;
  }

  startChallenge(methodId: string, signal?: AbortSignal) {
    return this.#call('POST', () => '/v1/flows/current/challenges', check.Challenge, { methodId }, signal);
  }

  verify(challengeId: string, request: VerifyRequest, signal?: AbortSignal) {
    return this.#call('POST', () => `${challengePath(challengeId)}/verify`, check.VerifyResponse, request, signal);
  }

  poll(challengeId: string, signal?: AbortSignal) {
    return this.#call('GET', () => challengePath(challengeId), check.PollResponse, undefined, signal);
  }

  resend(challengeId: string, signal?: AbortSignal) {
    return this.#call('POST', () => `${challengePath(challengeId)}/resend`, check.Challenge, {}, signal);
  }

  async resetPassword(newPassword: string, signal?: AbortSignal) {
    const result = await this.#call('POST', () => '/v1/flows/current/password', check.PasswordResponse, { newPassword }, signal);
    this.#flowToken = undefined;
    return result;
  }

  async cancel(signal?: AbortSignal) {
    if (this.#flowToken === undefined) return;
    try {
      await this.#call('DELETE', () => '/v1/flows/current', null, undefined, signal);
    } finally {
      this.#flowToken = undefined;
    }
  }

  /** One call: its attempts (a retry after a lost answer, re-asks while in progress), every failure a `ResetError`. */
  async #call<T>(
    method: string,
    path: () => string,
    schema: Check<T> | null,
    body: unknown,
    outer: AbortSignal | undefined,
    needsFlow = true,
  ): Promise<T> {
    let headers: Headers;
    let url: string;
    try {
      headers = new Headers({ accept: 'application/json, application/problem+json' });
      if (body !== undefined) headers.set('content-type', 'application/json');
      if (method === 'POST') headers.set(HEADER_IDEMPOTENCY_KEY, randomKey());
      if (needsFlow) {
        if (this.#flowToken === undefined) throw new ResetError('flow_expired');
        headers.set('authorization', `Bearer ${this.#flowToken}`);
      }
      // A challenge id with a lone surrogate can't be percent-encoded (URIError).
      url = this.#base + path();
    } catch (error) {
      throw error instanceof ResetError ? error : new ResetError('invalid_request', { cause: error });
    }
    const text = body === undefined ? null : JSON.stringify(body);
    let lost = 0;
    let waiting = 0;
    for (;;) {
      try {
        return await this.#attempt(method, url, headers, text, schema, outer);
      } catch (error) {
        const e = toResetError(error);
        if (outer?.aborted) throw e;
        // A lost answer (timeout, dropped connection) is asked again once, with the same Idempotency-Key;
        // DELETE is best effort (the flow expires on its own).
        if ((e.code === 'timeout' || e.code === 'network_error') && method !== 'DELETE' && lost++ < 1) continue;
        if (e.code === 'request_in_progress' && waiting++ < IN_PROGRESS_RETRIES) {
          await sleep(Math.min(e.retryAfter ?? 1, 5) * 1000, outer);
          if (!outer?.aborted) continue;
        }
        throw e;
      }
    }
  }

  /** One request and its answer, under its own timeout; every timer and listener is released when it settles. */
  async #attempt<T>(
    method: string,
    url: string,
    headers: Headers,
    body: string | null,
    schema: Check<T> | null,
    outer?: AbortSignal,
  ): Promise<T> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort(new DOMException('The backend took too long to answer', 'TimeoutError'));
    }, this.#timeoutMs);
    const onAbort = () => abort.abort(outer?.reason);
    if (outer?.aborted) onAbort();
    outer?.addEventListener('abort', onAbort);
    const signal = abort.signal;
    const failed = (code: 'network_error' | 'invalid_response', init: ConstructorParameters<typeof ResetError>[1]) =>
      new ResetError(timedOut ? 'timeout' : code, init);
    try {
      let response: Response;
      try {
        const request = new Request(url, {
          method,
          headers,
          body,
          signal,
          credentials: 'same-origin',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
        });
        response = await untilAborted(signal, () => this.#fetch(request));
      } catch (cause) {
        throw failed('network_error', { cause });
      }
      if (!isResponse(response)) throw new ResetError('invalid_response', { message: 'fetch answered with no Response' });
      const { status } = response;
      let requestId = idOf(response.headers.get(HEADER_REQUEST_ID));
      const ok = status >= 200 && status < 300;
      if (ok && schema === null) return undefined as T;
      const data = await readJson(response, signal, !ok).catch((cause: unknown) => {
        throw failed('invalid_response', { status, requestId, cause });
      });
      if (ok && schema) {
        const result = verdict(schema, data);
        if (result.success) return result.data;
        throw new ResetError('invalid_response', { status, requestId, message: result.error });
      }
      const problem = verdict(check.Problem, data);
      const retryHeader = parseRetryAfter(response.headers.get('retry-after'));
      // No problem document (a gateway's page), or a code this version doesn't know: the status says what it is.
      if (!problem.success) throw new ResetError(codeOfStatus(status), { status, requestId, retryAfter: retryHeader });
      const p = problem.data;
      requestId ??= idOf(/^urn:sspr:request:(.+)$/.exec(p.instance ?? '')?.[1]);
      throw new ResetError(isKnownProblemCode(p.code) ? p.code : codeOfStatus(status), {
        status,
        requestId,
        retryAfter: p.retryAfter ?? retryHeader,
        reasons: p.reasons,
        attemptsRemaining: p.attemptsRemaining,
        lockedUntil: p.lockedUntil,
        message: p.title,
      });
    } catch (error) {
      // A Response-like object that breaks on use (a custom fetch) is no protocol v1 answer either.
      throw error instanceof ResetError ? error : new ResetError('invalid_response', { cause: error });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }
}

function challengePath(challengeId: string) {
  return `/v1/flows/current/challenges/${encodeURIComponent(challengeId)}`;
}

/** A request id as the protocol shapes it; anything else is no support code. */
function idOf(value: string | null | undefined): string | undefined {
  return value && REQUEST_ID_PATTERN.test(value) ? value : undefined;
}

/** An `Idempotency-Key`: a random UUID (from `getRandomValues` where `randomUUID` is missing: non-secure contexts). */
export function randomKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * `Retry-After` as RFC 9110 (section 10.2.3) defines it: delta-seconds, or an
 * HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime formats), as
 * whole seconds from `now` within [0, MAX_RETRY_AFTER_SECONDS]; anything
 * malformed is `undefined`.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const v = value?.trim() ?? '';
  if (/^\d+$/.test(v)) return Math.min(Number(v), MAX_RETRY_AFTER_SECONDS);
  // Sun, 06 Nov 1994 08:49:37 GMT | Sunday, 06-Nov-94 08:49:37 GMT | Sun Nov  6 08:49:37 1994
  const m = /^[A-Z][a-z]{2,8},? (?:(\d\d)[ -]([A-Z][a-z]{2})[ -](\d\d|\d{4}) (\S+) GMT|([A-Z][a-z]{2}) ([ \d]\d) (\S+) (\d{4}))$/.exec(v);
  const time = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/.exec(m?.[4] ?? m?.[7] ?? '');
  const month = MONTHS.indexOf(m?.[2] ?? m?.[5] ?? '?') / 3;
  if (!m || !time || !Number.isInteger(month)) return undefined;
  const day = Number(m[1] ?? m[6]);
  let year = Number(m[3] ?? m[8]);
  // A two-digit year more than 50 years ahead is in the past century (RFC 9110).
  if (year < 100) year += year + 2000 > new Date(now).getUTCFullYear() + 50 ? 1900 : 2000;
  const date = new Date(Date.UTC(year, month, day, +time[1]!, +time[2]!, +time[3]!));
  if (date.getUTCDate() !== day) return undefined;
  return Math.min(Math.max(0, Math.ceil((date.getTime() - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/** Duck-typed: a `Response` from another realm or a polyfill is fine; a plain object or `undefined` is not. */
function isResponse(value: unknown): value is Response {
  const r = value as Response | null;
  return typeof r?.status === 'number' && typeof r.headers?.get === 'function' && typeof r.json === 'function';
}

/**
 * Settle with `work()`, or reject as soon as `signal` aborts: the timeout holds
 * even for a `fetch` (a test double, a mock with latency) that ignores signals.
 * A `work` that throws synchronously rejects.
 */
function untilAborted<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(toError(signal.reason));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    const settle = () => signal.removeEventListener('abort', abort);
    // Once aborted, nobody waits for `work`: its own rejection (an AbortError) must not surface as unhandled.
    Promise.resolve()
      .then(work)
      .then(
        (value) => (settle(), resolve(value)),
        (error: unknown) => (settle(), reject(toError(error))),
      );
  });
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** Wait `ms`, or less when `signal` aborts; the timer is released either way. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (clearTimeout(timer), signal?.removeEventListener('abort', done), resolve());
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** The JSON body of a protocol answer; for a problem (`lenient`), no body or a broken one is `undefined`. */
async function readJson(response: Response, signal: AbortSignal, lenient: boolean): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(type)) {
    if (lenient) return undefined;
    throw new Error(`unexpected content-type ${type}`);
  }
  try {
    return await untilAborted(signal, () => response.json());
  } catch (error) {
    // A timeout while the body arrives is still a timeout.
    if (lenient && !signal.aborted) return undefined;
    throw error;
  }
}
