/**
 * What the captcha tests share: a mock backend that speaks ALTCHA, an ALTCHA
 * provider wired to it, and small DOM helpers.
 *
 * `altchaBackend()` is the mock itself once its routes are wired (the mock
 * serves `GET /v1/captcha/challenge` and verifies ALTCHA in `POST /v1/flows`
 * when `captchaProvider` is `altcha`). Until then a shim in front of it does
 * both with the same code (src/mock/altcha.ts), so these tests hold before and after.
 */
import { AltchaCaptcha } from '../../src/captcha/altcha.js';
import type { CaptchaContext } from '../../src/captcha/types.js';
import { ALTCHA_EASY, AltchaIssuer, type AltchaOptions } from '../../src/mock/altcha.js';
import { MOCK_BASE_URL, MOCK_CAPTCHA_TOKEN, MockResetServer, type MockOptions } from '../../src/mock/index.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';

export { capture, captchaContainer, roleText, waitForText } from './dom.js';

export type AltchaMockOptions = MockOptions & { altcha?: AltchaOptions };

const CHALLENGE_PATH = '/v1/captcha/challenge';

/** The in-page mock with `captchaProvider: 'altcha'` (easy challenges unless `altcha` says otherwise), and a client on it. */
export async function altchaBackend(options: AltchaMockOptions = {}) {
  const mockOptions = { altcha: ALTCHA_EASY, ...options, captchaProvider: 'altcha' } as MockOptions;
  const server = new MockResetServer(mockOptions);
  const probe = await server.fetch(new Request(MOCK_BASE_URL + CHALLENGE_PATH));
  const wired = probe.status === 200;
  const fetch = wired ? server.fetch : shim(server, new AltchaIssuer(options.altcha ?? ALTCHA_EASY, options.now));
  const backend = new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch });
  /** `GET /v1/captcha/challenge`, as the widget's backend fetches it. */
  const fetchChallenge = async (signal?: AbortSignal) => {
    const response = await fetch(new Request(MOCK_BASE_URL + CHALLENGE_PATH, signal ? { signal } : {}));
    if (!response.ok)
      throw Object.assign(new Error(`challenge: ${response.status}`), { code: response.status === 404 ? 'not_found' : 'server_error' });
    return (await response.json()) as unknown;
  };
  return { server, backend, fetch, fetchChallenge, wired };
}

/** Serves the challenge route and checks ALTCHA tokens in front of a mock that does not yet. */
function shim(server: MockResetServer, issuer: AltchaIssuer) {
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' && path.endsWith(CHALLENGE_PATH))
      return Response.json(await issuer.challenge(), { headers: { 'cache-control': 'no-store' } });
    if (request.method === 'POST' && path.endsWith('/v1/flows')) {
      const body = (await request.clone().json()) as { captchaToken?: unknown };
      const verdict = typeof body.captchaToken === 'string' ? await issuer.verify(body.captchaToken) : 'malformed';
      if (verdict !== 'verified') {
        const problem = { type: 'urn:sspr:problem:captcha_failed', title: 'captcha failed', status: 400, code: 'captcha_failed' };
        return Response.json(problem, { status: 400, headers: { 'content-type': 'application/problem+json' } });
      }
      return server.fetch(new Request(request, { body: JSON.stringify({ ...body, captchaToken: MOCK_CAPTCHA_TOKEN }) }));
    }
    return server.fetch(request);
  };
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
