/**
 * `sspr-reset/mock`: an in-memory backend that implements protocol v1, for
 * demos, Storybook and tests. It answers real `Request`s with real `Response`s,
 * so the widget talks to it through the production `HttpResetClient`.
 * @module
 */
import { HttpResetClient } from '../protocol/http-client.js';
import { createDevicesHandler } from './devices.js';
import type { MockOptions } from './options.js';
import { MockResetServer } from './server.js';

export { MockResetServer } from './server.js';
export { MOCK_CAPTCHA_TOKEN } from './token.js';
export { DEFAULT_POLICY } from './policy.js';
export { maskEmail, maskPhone } from './delivery.js';
export { normalizeAnswer } from './challenges.js';
export type { MockOptions } from './options.js';
export type { OutboxMessage } from './delivery.js';
export { SEED_USERS, COMMON_PASSWORDS, type SeedUser, type SeedQuestion } from './seed.js';
export { totp, hotp, base32Decode } from './totp.js';
export { createDevicesHandler, type DeviceUser } from './devices.js';

/** Base URL the in-page mock client uses; nothing is fetched from it. */
export const MOCK_BASE_URL = 'https://mock.sspr.invalid/api/sspr';

/**
 * A handler that serves protocol v1 and, under `…/mock/*`, the devices API,
 * as one `(Request) => Promise<Response>`: mount it in a dev server or pass
 * it as `fetch` to `HttpResetClient`.
 */
export function createMockHandler(server: MockResetServer) {
  const devices = createDevicesHandler(server);
  return (request: Request) => (new URL(request.url).pathname.includes('/mock/') ? devices(request) : server.fetch(request));
}

/**
 * A mock backend in the page: the server plus an `HttpResetClient` wired to
 * it, ready for `<sspr-reset>.backend`.
 */
export function createMockBackend(options: MockOptions = {}) {
  const server = new MockResetServer(options);
  const backend = new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch: server.fetch });
  return { server, backend };
}
