/**
 * What the captcha tests share: the in-page mock backend with ALTCHA (it
 * issues challenges at `GET /v1/captcha/challenge` and verifies solutions in
 * `POST /v1/flows` with altcha-lib), and an ALTCHA provider wired to it.
 */
import { AltchaCaptcha } from '../../src/captcha/altcha.js';
import type { CaptchaContext } from '../../src/captcha/types.js';
import { ALTCHA_EASY, type AltchaOptions } from '../../src/mock/altcha.js';
import { MOCK_BASE_URL, MockResetServer, type MockOptions } from '../../src/mock/index.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';

export { capture, captchaContainer, roleText, waitForText } from './dom.js';

const CHALLENGE_PATH = '/v1/captcha/challenge';

/** The in-page mock with `captchaProvider: 'altcha'` (easy challenges unless `altcha` says otherwise), and a client on it. */
export function altchaBackend(options: MockOptions & { altcha?: AltchaOptions } = {}) {
  const server = new MockResetServer({ altcha: ALTCHA_EASY, ...options, captchaProvider: 'altcha' });
  const backend = new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch: server.fetch });
  /** `GET /v1/captcha/challenge`, as the widget's backend fetches it. */
  const fetchChallenge = async (signal?: AbortSignal) => {
    const response = await server.fetch(new Request(MOCK_BASE_URL + CHALLENGE_PATH, signal ? { signal } : {}));
    if (!response.ok)
      throw Object.assign(new Error(`challenge: ${response.status}`), { code: response.status === 404 ? 'not_found' : 'server_error' });
    return (await response.json()) as unknown;
  };
  return { server, backend, fetchChallenge };
}

/** The ALTCHA provider on a challenge source, counting the challenges it fetched. */
export function altcha(fetchChallenge: (signal?: AbortSignal) => Promise<unknown>, context: CaptchaContext = {}) {
  let fetched = 0;
  const provider = new AltchaCaptcha({
    ...context,
    fetchChallenge: (signal) => {
      fetched += 1;
      return fetchChallenge(signal);
    },
  });
  return { provider, fetched: () => fetched };
}

/** Counts the workers started (and their script URLs) while installed. */
export function watchWorkers() {
  const Original = globalThis.Worker;
  const urls: string[] = [];
  globalThis.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      urls.push(String(url));
      super(url, options);
    }
  };
  return { urls, restore: () => (globalThis.Worker = Original) };
}
