/**
 * Vite dev-server plugin: the in-memory mock backend (src/mock) answering
 * real HTTP under `/api/sspr/`, so the demo's `<sspr-reset api-base="/api/sspr">`
 * talks to it exactly as it would to a production backend.
 *
 * For `vite` (dev) only: it does nothing in `vite build`.
 */
import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { MockResetServer, SEED_USERS, createMockHandler } from '../src/mock/index.js';

const PREFIX = '/api/sspr/';

/** Serve protocol v1 and the mock devices API from an in-memory backend. */
export function mockBackendPlugin(): Plugin {
  return {
    name: 'sspr-mock-backend',
    apply: 'serve',
    configureServer(server) {
      // One backend per dev-server start: restarting the server resets users and outbox.
      const handle = createMockHandler(new MockResetServer({ latencyMs: 250 }));
      const logger = server.config.logger;
      logger.info(
        `[sspr mock] backend at ${PREFIX}; seed users: ${SEED_USERS.map((u) => `${u.username} (${describeUser(u)})`).join(', ')}`,
        { timestamp: true },
      );

      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (!url.startsWith(PREFIX)) {
          next();
          return;
        }
        void (async () => {
          try {
            const response = await handle(await toRequest(req));
            await sendResponse(res, response, req.method === 'HEAD');
          } catch (error) {
            const what = `[sspr mock] ${req.method ?? 'GET'} ${url}`;
            if (req.destroyed || res.destroyed) {
              // The browser went away mid-request (navigation, abort): nobody to answer.
              logger.warn(`${what}: the client closed the connection`, { timestamp: true });
            } else {
              logger.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { timestamp: true });
            }
            sendFailure(res);
          }
        })();
      });
    },
  };
}

function describeUser(user: (typeof SEED_USERS)[number]): string {
  const notes: string[] = [user.role];
  if (user.locked) notes.push('locked');
  if (user.enabled === false) notes.push('not enabled');
  return notes.join(', ');
}

/** Node request → WHATWG `Request`, the body read fully into memory. */
async function toRequest(req: IncomingMessage): Promise<Request> {
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path"…) are not valid header names.
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) {
      for (const v of value) headers.append(name, v);
    } else {
      headers.set(name, value);
    }
  }
  const init: RequestInit = { method, headers };
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    // A copy into a plain ArrayBuffer-backed array: what BodyInit accepts.
    init.body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(`http://localhost${req.url ?? '/'}`, init);
}

/** WHATWG `Response` → Node response: status, headers, body bytes. */
async function sendResponse(res: ServerResponse, response: Response, head: boolean): Promise<void> {
  const body = response.body === null ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const bodyless = head || response.status === 204 || response.status === 304;
  if (!bodyless) res.setHeader('content-length', String(body.byteLength));
  res.end(bodyless ? undefined : body);
}

/** Last resort: a problem document, never a hung request or a crashed server. */
function sendFailure(res: ServerResponse): void {
  try {
    if (res.headersSent) {
      res.end();
      return;
    }
    const body = JSON.stringify({ type: 'urn:sspr:problem:server_error', title: 'server error', status: 500, code: 'server_error' });
    res.statusCode = 500;
    res.setHeader('content-type', 'application/problem+json');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-length', String(Buffer.byteLength(body)));
    res.end(body);
  } catch {
    // The socket is gone; nothing left to answer.
  }
}
