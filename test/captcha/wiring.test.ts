/**
 * The captcha as the widget wires it: the provider the backend's config
 * names, made by the controller (src/captcha/registry.ts), its challenge
 * fetched through the widget's backend; a provider the widget does not know
 * reported to the page's developer (console, `sspr-error`), never an empty
 * token; and the mock's challenge route.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { ALTCHA_EASY } from '../../src/mock/altcha.js';
import { MOCK_BASE_URL, MockResetServer, type MockOptions } from '../../src/mock/index.js';
import type { ResetBackend } from '../../src/protocol/backend.js';
import { HttpResetClient } from '../../src/protocol/http-client.js';
import type { SsprReset } from '../../src/sspr-reset.js';
import { capture, roleText } from './dom.js';

/** The widget on an in-page mock, and the requests it sent. */
async function widget(options: MockOptions, wrap: (backend: HttpResetClient) => ResetBackend = (b) => b) {
  const server = new MockResetServer({ altcha: ALTCHA_EASY, ...options });
  const requests: string[] = [];
  const backend = new HttpResetClient({
    baseUrl: MOCK_BASE_URL,
    fetch: (request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname.replace(/^.*\/v1\//, '/v1/')}`);
      return server.fetch(request);
    },
  });
  const errors: string[] = [];
  const el = await fixture<SsprReset>(
    html`<sspr-reset
      .backend=${wrap(backend)}
      locale="en"
      @sspr-error=${(e: CustomEvent<{ code: string }>) => errors.push(e.detail.code)}
    ></sspr-reset>`,
  );
  await waitUntil(() => el.step === 'identify', 'identify step never showed');
  const container = () => el.querySelector<HTMLElement>('[data-sspr-captcha]')!;
  const userId = el.querySelector<HTMLInputElement>('input[autocomplete="username"]')!;
  userId.value = 'adele@contoso.com';
  const next = () => [...el.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Next')!.click();
  return { el, server, requests, errors, container, next };
}

describe('the captcha the backend names, wired into the widget', () => {
  it('ALTCHA from the config: the challenge comes through the widget’s backend, and Next starts a flow', async () => {
    const { el, requests, errors, container, next } = await widget({ captchaProvider: 'altcha' });
    await waitUntil(() => roleText(container(), 'status') === 'Verified: you’re not a robot.', 'ALTCHA never verified', {
      timeout: 20_000,
    });
    next();
    await waitUntil(() => el.step === 'methods', 'no flow started');
    expect(requests.filter((r) => r.startsWith('GET /v1/captcha/challenge'))).to.have.length(1);
    expect(errors).to.deep.equal([]);
  });

  it('ALTCHA after captcha_failed: a new challenge is solved, and the person goes on', async () => {
    const { el, server, errors, container, next } = await widget({ captchaProvider: 'altcha' });
    await waitUntil(() => roleText(container(), 'status')?.startsWith('Verified'), 'ALTCHA never verified', { timeout: 20_000 });
    // The solution is spent elsewhere first (a replay): the backend refuses it.
    const fetchOriginal = server.fetch;
    let replayed = false;
    server.fetch = async (request) => {
      if (!replayed && request.method === 'POST' && request.url.endsWith('/v1/flows')) {
        replayed = true;
        // Another request (its own Idempotency-Key) spends the solution first.
        const headers = new Headers(request.headers);
        headers.set('idempotency-key', crypto.randomUUID());
        await fetchOriginal(new Request(request.clone(), { headers }));
      }
      return fetchOriginal(request);
    };
    next();
    await waitUntil(() => errors.includes('captcha_failed'), 'the replay was not refused');
    await waitUntil(() => roleText(container(), 'status')?.startsWith('Verified'), 'no new solution', { timeout: 20_000 });
    next();
    await waitUntil(() => el.step === 'methods', 'no flow started');
  });

  it('a provider the widget does not know: console and sspr-error say so, the person is told, no flow starts', async () => {
    let parts!: Awaited<ReturnType<typeof widget>>;
    const consoleErrors = await capture('error', async () => {
      parts = await widget({ captchaProvider: 'acme-captcha' });
      await waitUntil(() => parts.errors.length > 0, 'no sspr-error');
      await waitUntil(() => roleText(parts.container(), 'alert'), 'the person is not told');
      parts.next();
      await waitUntil(() => /Confirm that you’re not a robot/.test(parts.el.textContent), 'Next was not refused');
    });
    expect(parts.errors).to.deep.equal(['captcha_unsupported']);
    expect(consoleErrors).to.have.length(1);
    expect(String(consoleErrors[0]![0])).to.match(/"acme-captcha".*Supported: altcha, turnstile/s);
    expect(parts.requests.filter((r) => r.startsWith('POST /v1/flows'))).to.deep.equal([], 'never an empty token');
    await expect(parts.el).to.be.accessible();
  });

  it('ALTCHA with a custom backend that cannot fetch challenges: sspr-error captcha_unavailable', async () => {
    const plain = (b: HttpResetClient): ResetBackend => ({
      getConfig: (s) => b.getConfig(s),
      startFlow: (r, s) => b.startFlow(r, s),
      startChallenge: (m, s) => b.startChallenge(m, s),
      verify: (c, r, s) => b.verify(c, r, s),
      poll: (c, s) => b.poll(c, s),
      resend: (c, s) => b.resend(c, s),
      resetPassword: (p, s) => b.resetPassword(p, s),
      cancel: (s) => b.cancel(s),
    });
    let parts!: Awaited<ReturnType<typeof widget>>;
    const consoleErrors = await capture('error', async () => {
      parts = await widget({ captchaProvider: 'altcha' }, plain);
      await waitUntil(() => parts.errors.length > 0, 'no sspr-error');
    });
    expect(parts.errors).to.deep.equal(['captcha_unavailable']);
    expect(String(consoleErrors[0]![0])).to.match(/ALTCHA captcha cannot fetch a challenge: the backend has no getCaptchaChallenge\(\)/);
  });

  it('the mock checkbox stays for the mock provider (tests and the stories of other steps)', async () => {
    const { container } = await widget({});
    expect(container().querySelector('input[type="checkbox"]')).to.exist;
  });

  it('the element leaving the page stops the solve', async () => {
    const { el, container } = await widget({ captchaProvider: 'altcha', altcha: { cost: 1000, minCounter: 50_000, maxCounter: 50_000 } });
    await waitUntil(() => (container().querySelector('progress')?.value ?? 0) > 0, 'no progress', { timeout: 10_000 });
    const box = container();
    el.remove();
    const value = box.querySelector('progress')!.value;
    await new Promise((r) => setTimeout(r, 500));
    expect(box.querySelector('progress')!.value).to.equal(value);
  });
});

describe('the mock’s GET /v1/captcha/challenge', () => {
  it('answers a fresh signed ALTCHA challenge, not kept by caches, with captchaProvider altcha', async () => {
    const server = new MockResetServer({ captchaProvider: 'altcha' });
    const answer = await server.fetch(new Request(`${MOCK_BASE_URL}/v1/captcha/challenge`));
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('cache-control')).to.equal('no-store');
    const challenge = (await answer.json()) as { parameters: Record<string, unknown>; signature: string };
    expect(challenge.parameters).to.include({ algorithm: 'PBKDF2/SHA-256', cost: 1000, keyLength: 32 });
    expect(challenge.parameters['data']).to.deep.equal({ maxCounter: 3000 });
    expect(challenge.signature).to.match(/^[0-9a-f]{64}$/);
    const again = (await (await server.fetch(new Request(`${MOCK_BASE_URL}/v1/captcha/challenge`))).json()) as typeof challenge;
    expect(again.parameters['nonce']).to.not.equal(challenge.parameters['nonce']);
  });

  it('is not there (404) for any other provider', async () => {
    const answer = await new MockResetServer().fetch(new Request(`${MOCK_BASE_URL}/v1/captcha/challenge`));
    expect(answer.status).to.equal(404);
  });

  it('a flow start with the mock checkbox’s token is refused under ALTCHA', async () => {
    const server = new MockResetServer({ captchaProvider: 'altcha' });
    const client = new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch: server.fetch });
    const error = await client
      .startFlow({ username: 'adele@contoso.com', captchaToken: 'mock-captcha-pass', locale: 'en' })
      .catch((e: unknown) => e);
    expect(error).to.include({ code: 'captcha_failed' });
  });
});
