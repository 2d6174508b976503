/**
 * Protocol v1 over HTTP: the routes, request bodies checked against the
 * protocol's schemas, JSON answers, and RFC 9457 problem documents. What each
 * route does is the handlers' business (flows.ts, challenges.ts).
 *
 * Every request passes through `serve`, so it is where per-request concerns
 * (request ids, idempotency keys) belong.
 */
import {
  PROBLEM_STATUS,
  PasswordRequest,
  StartChallengeRequest,
  StartFlowRequest,
  VerifyRequest,
  type Challenge,
  type ConfigResponse,
  type FlowResponse,
  type PollResponse,
  type ProblemCode,
  type PasswordResponse,
  type VerifyResponse,
} from '../protocol/schemas.js';

/** A protocol failure: thrown anywhere in a handler, answered as a problem document. */
export class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/** What the routes call; `F` is the backend's flow record. */
export interface ProtocolHandlers<F> {
  config(): ConfigResponse;
  startFlow(request: StartFlowRequest): Promise<FlowResponse>;
  /** The live flow the request's Bearer token names; throws `flow_expired` or `locked_out`. */
  flow(request: Request): F;
  endFlow(flow: F): void;
  resetPassword(flow: F, newPassword: string): PasswordResponse;
  startChallenge(flow: F, methodId: string): Challenge;
  poll(flow: F, challengeId: string): PollResponse;
  verify(flow: F, challengeId: string, request: VerifyRequest): Promise<VerifyResponse>;
  resend(flow: F, challengeId: string): Challenge;
}

/** Answer a protocol v1 request. Never throws: failures are problem documents. */
export async function serve<F>(request: Request, handlers: ProtocolHandlers<F>, latencyMs: number): Promise<Response> {
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  try {
    const { status, body } = await route(request, handlers);
    if (body === undefined) return new Response(null, { status });
    return json(status, body);
  } catch (error) {
    const problem = error instanceof Problem ? error : new Problem('server_error');
    if (!(error instanceof Problem)) console.error('mock backend failure', error);
    return problemResponse(problem);
  }
}

async function route<F>(request: Request, handlers: ProtocolHandlers<F>): Promise<{ status: number; body?: unknown }> {
  const path = new URL(request.url).pathname;
  const match = /\/v1\/(config|flows(?:\/current(?:\/(challenges(?:\/([^/]+)(?:\/(verify|resend))?)?|password))?)?)$/.exec(path);
  if (!match) throw new Problem('not_found');
  const [, resource = '', sub, challengeId, action] = match;
  const method = request.method.toUpperCase();
  const id = challengeId === undefined ? undefined : decodeURIComponent(challengeId);

  if (resource === 'config' && method === 'GET') return ok(handlers.config());
  if (resource === 'flows' && method === 'POST') return ok(await handlers.startFlow(await body(request, StartFlowRequest)));
  if (resource === 'flows/current' && method === 'DELETE') {
    handlers.endFlow(handlers.flow(request));
    return { status: 204 };
  }
  if (sub === 'password' && method === 'POST') {
    return ok(handlers.resetPassword(handlers.flow(request), (await body(request, PasswordRequest)).newPassword));
  }
  if (sub?.startsWith('challenges')) {
    const flow = handlers.flow(request);
    if (id === undefined && method === 'POST') {
      return ok(handlers.startChallenge(flow, (await body(request, StartChallengeRequest)).methodId));
    }
    if (id !== undefined && action === undefined && method === 'GET') return ok(handlers.poll(flow, id));
    if (id !== undefined && action === 'verify' && method === 'POST') {
      return ok(await handlers.verify(flow, id, await body(request, VerifyRequest)));
    }
    if (id !== undefined && action === 'resend' && method === 'POST') return ok(handlers.resend(flow, id));
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

/** An instant as protocol v1 writes it (ISO 8601, UTC). */
export function iso(ms: number) {
  return new Date(ms).toISOString();
}
