/**
 * The mock's HTTP surface: routes, the checks every request goes through in
 * protocol order, idempotency, request ids, and RFC 9457 problem documents.
 *
 * Order: path (404) → method (405 + Allow) → for a POST: media type (415),
 * size (413, read no further), Idempotency-Key (400), the kept answer
 * (replay, 409, 422) →
 * the call itself: flow token (401), lock (locked_out), body (400), then
 * the call's own checks.
 */
import * as z from 'zod/mini';
import {
  IDEMPOTENCY_KEY_PATTERN,
  MAX_BODY_BYTES,
  PasswordRequest,
  PROBLEM_STATUS,
  StartChallengeRequest,
  StartFlowRequest,
  VerifyRequest,
} from '../protocol/schemas.js';
import { poll, resend, startChallenge, verify } from './challenges.js';
import { randomHex, sha256Hex } from './crypto.js';
import { configOf, endFlow, flowOf, resetPassword, startFlow } from './flows.js';
import type { Answer } from './idempotency.js';
import { Problem } from './problem.js';
import type { MockState } from './state.js';

interface Call {
  state: MockState;
  request: Request;
  /** The challenge id in the path, decoded. */
  id: string;
  /** The request body as text (POST). */
  text: string;
}
type Handler = (call: Call) => unknown;

/** Every route of protocol v1, by path under `/v1/`, with a handler per HTTP method. `undefined` answers 204. */
const ROUTES: Array<[RegExp, Record<string, Handler>]> = [
  [/^config$/, { GET: ({ state }) => configOf(state.options) }],
  // A self-hosted captcha's challenge (ALTCHA), an addition to protocol v1: 404 unless the tenant uses it.
  [/^captcha\/challenge$/, { GET: async ({ state }) => (await import('./altcha.js')).captchaChallenge(state) }],
  [/^flows$/, { POST: ({ state, text }) => startFlow(state, body(text, StartFlowRequest)) }],
  [/^flows\/current$/, { DELETE: ({ state, request }) => endFlow(state, flowOf(state, request, false)) }],
  [
    /^flows\/current\/challenges$/,
    {
      POST: ({ state, request, text }) => {
        const flow = flowOf(state, request);
        return startChallenge(state, flow, body(text, StartChallengeRequest).methodId);
      },
    },
  ],
  [/^flows\/current\/challenges\/([^/]+)$/, { GET: ({ state, request, id }) => poll(state, flowOf(state, request), id) }],
  [
    /^flows\/current\/challenges\/([^/]+)\/verify$/,
    {
      POST: ({ state, request, id, text }) => {
        const flow = flowOf(state, request);
        return verify(state, flow, id, body(text, VerifyRequest));
      },
    },
  ],
  // The resend's body is `{}`; its contents are ignored.
  [/^flows\/current\/challenges\/([^/]+)\/resend$/, { POST: ({ state, request, id }) => resend(state, flowOf(state, request), id) }],
  [
    /^flows\/current\/password$/,
    {
      POST: ({ state, request, text }) => {
        const flow = flowOf(state, request);
        return resetPassword(state, flow, body(text, PasswordRequest).newPassword);
      },
    },
  ],
];

/** Answer a protocol v1 request. Never throws: failures are problem documents. */
export async function serve(state: MockState, request: Request): Promise<Response> {
  const { latencyMs } = state.options;
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  const requestId = randomHex(16);
  const answer = await handle(state, request, requestId).catch((error: unknown) => problemAnswer(error, requestId));
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

async function handle(state: MockState, request: Request, requestId: string): Promise<Answer> {
  const path = new URL(request.url).pathname;
  // What follows the last `/v1/`: the base URL before it can be anything.
  const suffix = /\/v1\/((?:(?!\/v1\/).)+)$/.exec(path)?.[1] ?? '';
  let found: { handlers: Record<string, Handler>; id: string } | undefined;
  for (const [pattern, handlers] of ROUTES) {
    const match = pattern.exec(suffix);
    if (match) {
      found = { handlers, id: decodeId(match[1]) };
      break;
    }
  }
  if (!found) throw new Problem('not_found');
  const method = request.method.toUpperCase();
  const allow = Object.keys(found.handlers).join(', ');
  if (method === 'OPTIONS') return { status: 204, headers: basics(requestId, { allow }), body: null };
  const handler = found.handlers[method];
  if (!handler) throw new Problem('method_not_allowed', { detail: `${method} is not served here` }, { allow });
  const call: Call = { state, request, id: found.id, text: '' };
  const run = async () => answerOf(await handler(call), requestId);
  if (method !== 'POST') return run();

  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    throw new Problem('unsupported_media_type', { detail: 'a request body must be application/json' });
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new Problem('payload_too_large');
  call.text = await readText(request);
  const key = request.headers.get('idempotency-key');
  if (key === null ? state.options.requireIdempotencyKey : !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new Problem('invalid_request', { detail: 'every POST carries an Idempotency-Key of 16 to 128 characters [A-Za-z0-9._-]' });
  }
  if (key === null) return run();

  // Slot and fingerprint are digests, computed before the claim: the claim itself is one step.
  const slot = await sha256Hex([method, path, request.headers.get('authorization') ?? '', key].join('\n'));
  const fingerprint = await sha256Hex(call.text);
  const claim = state.idempotency.claim(slot, fingerprint);
  if (claim.kind === 'replay') return { ...claim.answer, headers: { ...claim.answer.headers, 'idempotent-replayed': 'true' } };
  if (claim.kind === 'in-progress') throw new Problem('request_in_progress', { retryAfter: 1 });
  if (claim.kind === 'mismatch') throw new Problem('idempotency_key_reused', { detail: 'this Idempotency-Key was used with another body' });
  const answer = await run().catch((error: unknown) => problemAnswer(error, requestId));
  if (answer.status >= 500) state.idempotency.release(slot);
  else state.idempotency.keep(slot, answer);
  return answer;
}

/** A challenge id from the path; one that is not valid percent-encoded UTF-8 names no challenge. */
function decodeId(raw: string | undefined) {
  if (raw === undefined) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new Problem('not_found');
  }
}

/** The body as UTF-8 text, read no further than the size limit. */
async function readText(request: Request): Promise<string> {
  const bytes = await readBytes(request);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Problem('invalid_request', { detail: 'the body is not UTF-8' });
  }
}

/** The body's bytes, read no further than the limit where the engine streams request bodies. */
async function readBytes(request: Request): Promise<Uint8Array> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new Problem('payload_too_large');
  // Firefox has no Request.body (undefined, where other engines give null for no body): read it whole.
  if ((request.body as ReadableStream<Uint8Array> | null | undefined) === undefined) {
    const whole = new Uint8Array(await request.arrayBuffer());
    if (whole.byteLength > MAX_BODY_BYTES) throw new Problem('payload_too_large');
    return whole;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Problem('payload_too_large');
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.byteLength), 0);
  return bytes;
}

/** The request's JSON body, checked against a protocol v1 schema; every string must be well-formed Unicode. */
function body<T>(text: string, schema: z.ZodMiniType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Problem('invalid_request', { detail: 'the body is not JSON' });
  }
  if (!wellFormed(data)) throw new Problem('invalid_request', { detail: 'a string has a lone surrogate' });
  const result = schema.safeParse(data);
  if (!result.success) throw new Problem('invalid_request', { detail: 'the body does not match protocol v1' });
  return result.data;
}

function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return !/[\uD800-\uDFFF]/u.test(value);
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value !== null && typeof value === 'object') return Object.entries(value).every(([k, v]) => wellFormed(k) && wellFormed(v));
  return true;
}

/** Headers on every answer. */
function basics(requestId: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-request-id': requestId, ...extra };
}

function answerOf(result: unknown, requestId: string): Answer {
  if (result === undefined) return { status: 204, headers: basics(requestId), body: null };
  return { status: 200, headers: basics(requestId, { 'content-type': 'application/json' }), body: JSON.stringify(result) };
}

/** An RFC 9457 problem document; `retryAfter` is also sent as Retry-After, 401 names the Bearer scheme. */
function problemAnswer(error: unknown, requestId: string): Answer {
  if (!(error instanceof Problem)) console.error('mock backend failure', error);
  const problem = error instanceof Problem ? error : new Problem('server_error');
  const status = PROBLEM_STATUS[problem.code];
  const headers = basics(requestId, { 'content-type': 'application/problem+json', ...problem.headers });
  const retryAfter = problem.extra['retryAfter'];
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  if (status === 401) headers['www-authenticate'] ??= 'Bearer';
  const document = {
    type: `urn:sspr:problem:${problem.code}`,
    title: problem.code.replace(/_/g, ' '),
    status,
    code: problem.code,
    instance: `urn:sspr:request:${requestId}`,
    ...problem.extra,
  };
  return { status, headers, body: JSON.stringify(document) };
}
