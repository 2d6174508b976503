/**
 * The mock's "devices" over HTTP, for the demo's devices panel: what a
 * person's inbox, phone and authenticator app would show, and the buttons to
 * answer a push or a call. Not part of protocol v1: never serve it in production.
 */
import { normalizeUsername, type MockResetServer } from './server.js';

/** What the devices panel shows of a seed user: everything, secrets included (it is a demo). */
export interface DeviceUser {
  username: string;
  displayName: string;
  role: 'user' | 'admin';
  enabled: boolean;
  locked: boolean;
  email?: string | undefined;
  mobile?: string | undefined;
  office?: string | undefined;
  authenticator: boolean;
  questions: Array<{ text: string; answer: string }>;
}

/** A `(Request) => Response` handler for `…/mock/*`; answers 404 elsewhere. */
export function createDevicesHandler(server: MockResetServer) {
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const match = /\/mock\/(state|totp|push|call)(?:\/([^/]+))?$/.exec(path);
    if (!match) return reply(404, { error: 'not found' });
    const [, what, rawId] = match;
    const id = rawId === undefined ? '' : decodeURIComponent(rawId);
    try {
      if (what === 'state' && request.method === 'GET') {
        const now = server.options.now();
        const users: DeviceUser[] = [...server.users.values()].map((u) => ({
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
        return reply(200, { now, users, outbox: server.outbox });
      }
      if (what === 'totp' && request.method === 'GET') {
        const code = await server.currentTotp(normalizeUsername(id));
        return code ? reply(200, code) : reply(404, { error: 'no authenticator' });
      }
      if (what === 'push' && request.method === 'POST') {
        const body = (await request.json()) as { approve?: unknown; number?: unknown };
        const number = typeof body.number === 'number' ? body.number : undefined;
        return reply(200, { status: server.answerPush(id, { approve: body.approve === true, number }) });
      }
      if (what === 'call' && request.method === 'POST') {
        const body = (await request.json()) as { pressHash?: unknown };
        return reply(200, { status: server.answerCall(id, { pressHash: body.pressHash === true }) });
      }
      return reply(405, { error: 'method not allowed' });
    } catch (error) {
      return reply(404, { error: error instanceof Error ? error.message : 'not found' });
    }
  };
}

function reply(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}
