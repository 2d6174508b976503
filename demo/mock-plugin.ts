/**
 * Vite dev-server plugin: the in-memory mock backend (src/mock) answering
 * real HTTP under `/api/sspr/`, so the demo's `<sspr-reset api-base="/api/sspr">`
 * talks to it exactly as it would to a production backend.
 *
 * Node ↔ WHATWG conversion, the body size limit and failure handling come
 * from `sspr-reset/mock/node` (src/mock/node.ts), the same adapter as the
 * `sspr-reset-mock` command's.
 *
 * For `vite` (dev) only: it does nothing in `vite build`.
 */
import type { Plugin } from 'vite';
import { MockResetServer, SEED_USERS, createMockHandler } from '../src/mock/index.js';
import { createNodeListener } from '../src/mock/node.js';

const PREFIX = '/api/sspr/';

/** Serve protocol v1 and the mock devices API from an in-memory backend. */
export function mockBackendPlugin(): Plugin {
  return {
    name: 'sspr-mock-backend',
    apply: 'serve',
    configureServer(server) {
      // One backend per dev-server start: restarting the server resets users and outbox.
      const handle = createMockHandler(new MockResetServer({ latencyMs: 250, captchaProvider: 'altcha' }));
      const logger = server.config.logger;
      logger.info(
        `[sspr mock] backend at ${PREFIX}; seed users: ${SEED_USERS.map((u) => `${u.username} (${describeUser(u)})`).join(', ')}`,
        { timestamp: true },
      );

      server.middlewares.use(
        createNodeListener(handle, {
          prefix: PREFIX,
          onError(error, { method, url, clientClosed }) {
            const what = `[sspr mock] ${method} ${url}`;
            if (clientClosed) {
              // The browser went away mid-request (navigation, abort): nobody to answer.
              logger.warn(`${what}: the client closed the connection`, { timestamp: true });
            } else {
              logger.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, {
                timestamp: true,
              });
            }
          },
        }),
      );
    },
  };
}

function describeUser(user: (typeof SEED_USERS)[number]): string {
  const notes: string[] = [user.role];
  if (user.locked) notes.push('locked');
  if (user.enabled === false) notes.push('not enabled');
  return notes.join(', ');
}
