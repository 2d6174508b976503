import * as z from 'zod/mini';
import type { ResetBackend } from './backend.js';
import { ResetError, type ResetErrorCode } from './errors.js';
import {
  Challenge,
  ConfigResponse,
  FlowResponse,
  PasswordResponse,
  PollResponse,
  Problem,
  VerifyResponse,
  isKnownProblemCode,
  type StartFlowRequest,
  type VerifyRequest,
} from './schemas.js';

export interface HttpResetClientOptions {
  /** Base URL under which `/v1/...` lives, e.g. `/api/sspr` or `https://id.contoso.com/sspr`. */
  baseUrl: string;
  /** A `fetch` to use instead of the global one (the mock backend's handler, a test double). */
  fetch?: (request: Request) => Promise<Response>;
  /** Milliseconds before a call is abandoned with `timeout`. Default 15000. */
  timeoutMs?: number;
}

type Schema<T> = z.ZodMiniType<T>;

/**
 * `ResetBackend` over HTTP: protocol v1 with JSON bodies, the flow token in
 * `Authorization: Bearer`, a timeout on every call, and every answer checked
 * against the protocol schemas. Whatever goes wrong rejects with a `ResetError`.
 */
export class HttpResetClient implements ResetBackend {
  readonly #base: string;
  readonly #fetch: (request: Request) => Promise<Response>;
  readonly #timeoutMs: number;
  #flowToken: string | undefined;

  constructor(options: HttpResetClientOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((request) => globalThis.fetch(request));
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  getConfig(signal?: AbortSignal) {
    return this.#call('GET', '/v1/config', ConfigResponse, undefined, signal, false);
  }

  async startFlow(request: StartFlowRequest, signal?: AbortSignal) {
    this.#flowToken = undefined;
    const flow = await this.#call('POST', '/v1/flows', FlowResponse, request, signal, false);
    this.#flowToken = flow.flowToken;
    return flow;
  }

  startChallenge(methodId: string, signal?: AbortSignal) {
    return this.#call('POST', '/v1/flows/current/challenges', Challenge, { methodId }, signal);
  }

  verify(challengeId: string, request: VerifyRequest, signal?: AbortSignal) {
    return this.#call('POST', `${challengePath(challengeId)}/verify`, VerifyResponse, request, signal);
  }

  poll(challengeId: string, signal?: AbortSignal) {
    return this.#call('GET', challengePath(challengeId), PollResponse, undefined, signal);
  }

  resend(challengeId: string, signal?: AbortSignal) {
    return this.#call('POST', `${challengePath(challengeId)}/resend`, Challenge, {}, signal);
  }

  async resetPassword(newPassword: string, signal?: AbortSignal) {
    const result = await this.#call('POST', '/v1/flows/current/password', PasswordResponse, { newPassword }, signal);
    this.#flowToken = undefined;
    return result;
  }

  async cancel(signal?: AbortSignal) {
    if (this.#flowToken === undefined) return;
    try {
      await this.#call('DELETE', '/v1/flows/current', null, undefined, signal);
    } finally {
      this.#flowToken = undefined;
    }
  }

  async #call<T>(
    method: string,
    path: string,
    schema: Schema<T> | null,
    body: unknown,
    outerSignal: AbortSignal | undefined,
    needsFlow = true,
  ): Promise<T> {
    const headers = new Headers({ accept: 'application/json, application/problem+json' });
    if (body !== undefined) headers.set('content-type', 'application/json');
    if (needsFlow) {
      if (this.#flowToken === undefined) throw new ResetError('flow_expired');
      headers.set('authorization', `Bearer ${this.#flowToken}`);
    }
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = outerSignal ? AbortSignal.any([outerSignal, timeout]) : timeout;
    let response: Response;
    try {
      response = await untilAborted(
        signal,
        this.#fetch(
        new Request(this.#base + path, {
          method,
          headers,
          body: body === undefined ? null : JSON.stringify(body),
          signal,
          credentials: 'same-origin',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
        }),
        ),
      );
    } catch (cause) {
      throw new ResetError(timeout.aborted ? 'timeout' : 'network_error', { cause });
    }
    if (response.ok) {
      if (schema === null) return undefined as T;
      return parse(schema, await readJson(response, signal, timeout), response.status);
    }
    throw problemError(response, await readJson(response, signal, timeout, true));
  }
}

function challengePath(challengeId: string) {
  return `/v1/flows/current/challenges/${encodeURIComponent(challengeId)}`;
}

/**
 * Settle with `work`, or reject as soon as `signal` aborts: the timeout holds
 * even for a `fetch` (a test double, a mock with latency) that ignores signals.
 */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  // Once aborted, nobody waits for `work`: its own rejection (an AbortError) must not surface as unhandled.
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    const settle = () => signal.removeEventListener('abort', abort);
    work.then(
      (value) => (settle(), resolve(value)),
      (error: unknown) => (settle(), reject(error)),
    );
  });
}

async function readJson(response: Response, signal: AbortSignal, timeout: AbortSignal, lenient = false): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(problem\+)?json\b/i.test(type)) {
    if (lenient) return undefined;
    throw new ResetError('invalid_response', { status: response.status, message: `unexpected content-type ${type}` });
  }
  try {
    return await untilAborted(signal, response.json());
  } catch (cause) {
    if (lenient) return undefined;
    throw new ResetError(timeout.aborted ? 'timeout' : 'invalid_response', { status: response.status, cause });
  }
}

function parse<T>(schema: Schema<T>, data: unknown, status: number): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ResetError('invalid_response', { status, message: z.prettifyError(result.error) });
}

/** Turn a non-2xx answer into a typed error; an answer that is no problem document is `server_error` (5xx) or `invalid_response`. */
function problemError(response: Response, data: unknown): ResetError {
  const problem = Problem.safeParse(data);
  const header = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  const retryHeader = Number.isFinite(header) && header >= 0 ? header : undefined;
  if (!problem.success) {
    const code = response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'server_error' : 'invalid_response';
    return new ResetError(code, { status: response.status, retryAfter: retryHeader });
  }
  const p = problem.data;
  return new ResetError(isKnownProblemCode(p.code) ? p.code : byStatus(response.status), {
    status: response.status,
    retryAfter: p.retryAfter ?? retryHeader,
    reasons: p.reasons,
    attemptsRemaining: p.attemptsRemaining,
    message: p.title,
  });
}

/** The meaning of a problem code this version does not know, read from its HTTP status (protocol v1 grows by additions). */
function byStatus(status: number): ResetErrorCode {
  if (status === 401) return 'flow_expired';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'server_error' : 'request_failed';
}
