/**
 * Protocol v1 over HTTP: the routes, request bodies checked against the
 * protocol's schemas, JSON answers, and RFC 9457 problem documents.
 *
 * Every request passes through `serve`, so it is where per-request concerns
 * (request ids, idempotency keys) belong.
 */
import { PROBLEM_STATUS, PasswordRequest, StartChallengeRequest, StartFlowRequest, VerifyRequest } from '../protocol/schemas.js';
import { poll, resend, startChallenge, verify } from './challenges.js';
import { configOf, endFlow, flowOf, resetPassword, startFlow } from './flows.js';
import { Problem } from './problem.js';
import type { MockState } from './state.js';

/** Answer a protocol v1 request. Never throws: failures are problem documents. */
export async function serve(state: MockState, request: Request): Promise<Response> {
  const { latencyMs } = state.options;
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  try {
    const { status, body } = await route(state, request);
    if (body === undefined) return new Response(null, { status });
    return json(status, body);
  } catch (error) {
    const problem = error instanceof Problem ? error : new Problem('server_error');
    if (!(error instanceof Problem)) console.error('mock backend failure', error);
    return problemResponse(problem);
  }
}

async function route(state: MockState, request: Request): Promise<{ status: number; body?: unknown }> {
  const path = new URL(request.url).pathname;
  const match = /\/v1\/(config|flows(?:\/current(?:\/(challenges(?:\/([^/]+)(?:\/(verify|resend))?)?|password))?)?)$/.exec(path);
  if (!match) throw new Problem('not_found');
  const [, resource = '', sub, challengeId, action] = match;
  const method = request.method.toUpperCase();
  const id = challengeId === undefined ? undefined : decodeURIComponent(challengeId);

  if (resource === 'config' && method === 'GET') return ok(configOf(state.options));
  if (resource === 'flows' && method === 'POST') return ok(await startFlow(state, await body(request, StartFlowRequest)));
  if (resource === 'flows/current' && method === 'DELETE') {
    endFlow(state, flowOf(state, request));
    return { status: 204 };
  }
  if (sub === 'password' && method === 'POST') {
    return ok(resetPassword(state, flowOf(state, request), (await body(request, PasswordRequest)).newPassword));
  }
  if (sub?.startsWith('challenges')) {
    const flow = flowOf(state, request);
    if (id === undefined && method === 'POST') {
      return ok(startChallenge(state, flow, (await body(request, StartChallengeRequest)).methodId));
    }
    if (id !== undefined && action === undefined && method === 'GET') return ok(poll(state, flow, id));
    if (id !== undefined && action === 'verify' && method === 'POST') {
      return ok(await verify(state, flow, id, await body(request, VerifyRequest)));
    }
    if (id !== undefined && action === 'resend' && method === 'POST') return ok(resend(state, flow, id));
  }
  throw new Problem('invalid_request', { detail: `${method} is not allowed here` });
}

/** The request's JSON body, checked against a protocol v1 schema. */
async function body<T>(request: Request, schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
  let data: unknown;
  try {
    data = await request.json();
  } catch {
    throw new Problem('invalid_request', { detail: 'the body is not JSON' });
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new Problem('invalid_request', { detail: 'the body does not match protocol v1' });
  return result.data;
}

function ok(body: unknown) {
  return { status: 200, body };
}

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

/** An RFC 9457 problem document; a numeric `retryAfter` is also sent as the Retry-After header. */
function problemResponse(problem: Problem) {
  const status = PROBLEM_STATUS[problem.code];
  const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'cache-control': 'no-store' };
  if (typeof problem.extra['retryAfter'] === 'number') headers['retry-after'] = String(problem.extra['retryAfter']);
  return new Response(
    JSON.stringify({ type: `urn:sspr:problem:${problem.code}`, title: problem.code.replace(/_/g, ' '), status, code: problem.code, ...problem.extra }),
    { status, headers },
  );
}
