/**
 * ALTCHA end to end, for real: the mock issues challenges with altcha-lib,
 * the provider solves them in a Web Worker with altcha-lib, and the mock
 * verifies the solutions with altcha-lib, once each.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { AltchaCaptcha } from '../../src/captcha/altcha.js';
import { decodePayload } from '../../src/captcha/altcha-schema.js';
import { ALTCHA_EASY, AltchaIssuer } from '../../src/mock/altcha.js';
import { ResetError } from '../../src/protocol/errors.js';
import { clock } from '../helpers.js';
import { altcha, altchaBackend, capture, captchaContainer, roleText, waitForText, watchWorkers } from './support.js';

const START = (captchaToken: string) => ({ username: 'adele@contoso.com', captchaToken, locale: 'en' });

describe('ALTCHA: the mock issues, the widget solves in a worker, the mock verifies', () => {
  afterEach(() => document.querySelectorAll('[data-sspr-captcha]').forEach((c) => c.remove()));

  it('solves the mock’s real challenge in a worker, and the mock starts a flow with the solution', async () => {
    const { backend, fetchChallenge } = altchaBackend({ altcha: { cost: 100, minCounter: 200, maxCounter: 400 } });
    const workers = watchWorkers();
    try {
      const { provider } = altcha(fetchChallenge);
      const container = captchaContainer();
      provider.mount(container);
      const token = await provider.getToken();
      expect(token).to.be.a('string');
      expect(workers.urls).to.have.length(1);
      expect(workers.urls[0]).to.match(/altcha\.worker\.(ts|js)$/);
      // The token is ALTCHA's payload: the signed challenge and the counter found.
      const payload = decodePayload(token!)!;
      expect(payload.challenge.parameters.algorithm).to.equal('PBKDF2/SHA-256');
      expect(payload.solution.counter).to.be.within(200, 400);
      const flow = await backend.startFlow(START(token!));
      expect(flow.flowToken).to.be.a('string');
    } finally {
      workers.restore();
    }
  });

  it('starts solving when mounted, shows accessible progress, then says it is verified', async () => {
    const { fetchChallenge } = altchaBackend({ altcha: { cost: 200, minCounter: 300, maxCounter: 600 } });
    const { provider } = altcha(fetchChallenge);
    const container = captchaContainer();
    provider.mount(container);
    expect(roleText(container, 'status')).to.equal('Verifying that you’re not a robot…');
    const progress = container.querySelector('progress')!;
    expect(progress.getAttribute('aria-label')).to.equal('Verification progress');
    await expect(container).to.be.accessible();
    // The challenge says how many attempts a solve takes at most: the bar is determinate.
    await waitUntil(() => progress.max === 600, 'progress has no max');
    await waitForText(container, 'status', /^Verified: you’re not a robot\.$/);
    expect(container.querySelector('progress')).to.equal(null);
    expect(container.querySelector('[role="alert"]')).to.equal(null);
    await expect(container).to.be.accessible();
  });

  it('the status line stays in the document: the start and the end are announced, not every step', async () => {
    const { fetchChallenge } = altchaBackend();
    const { provider } = altcha(fetchChallenge);
    const container = captchaContainer();
    provider.mount(container);
    const status = container.querySelector('[role="status"]')!;
    const texts = new Set<string>();
    const observer = new MutationObserver(() => texts.add(status.textContent?.trim() ?? ''));
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    await provider.getToken();
    observer.disconnect();
    expect(container.querySelector('[role="status"]')).to.equal(status);
    expect([...texts]).to.deep.equal(['Verified: you’re not a robot.']);
  });

  it('a failure is announced with Try again, which solves a new challenge', async () => {
    const { fetchChallenge } = altchaBackend();
    let offline = true;
    const { provider, fetched } = altcha((signal) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetchChallenge(signal)));
    const container = captchaContainer();
    provider.mount(container);
    await waitForText(container, 'alert', /^We couldn’t check that you’re not a robot\.$/);
    await expect(container).to.be.accessible();
    expect(await provider.getToken()).to.equal(null, 'no token, never an empty one');
    offline = false;
    const retry = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Try again')!;
    retry.click();
    await waitForText(container, 'status', /^Verified/);
    expect(container.querySelector('[role="alert"]')).to.equal(null);
    expect(fetched()).to.equal(3);
    expect(await provider.getToken()).to.be.a('string');
  });

  it('a submit during the solve waits for it', async () => {
    const { backend, fetchChallenge } = altchaBackend();
    const { provider } = altcha(fetchChallenge);
    provider.mount(captchaContainer());
    const token = await provider.getToken();
    await backend.startFlow(START(token!));
  });

  it('a solution counts once: the mock refuses it the second time (captcha_failed), and the provider solves a new one', async () => {
    const { backend, fetchChallenge } = altchaBackend();
    const { provider, fetched } = altcha(fetchChallenge);
    provider.mount(captchaContainer());
    const first = (await provider.getToken())!;
    await backend.startFlow(START(first));
    const replay = await backend.startFlow(START(first)).catch((error: unknown) => error);
    expect(replay).to.be.instanceOf(ResetError);
    expect((replay as ResetError).code).to.equal('captcha_failed');
    // The provider never hands out a token twice.
    const second = (await provider.getToken())!;
    expect(second).to.not.equal(first);
    expect(fetched()).to.equal(2);
    await backend.startFlow(START(second));
  });

  it('reset() (the backend refused the token) solves a new challenge at once', async () => {
    const { fetchChallenge } = altchaBackend();
    const { provider, fetched } = altcha(fetchChallenge);
    const container = captchaContainer();
    provider.mount(container);
    await waitForText(container, 'status', /^Verified/);
    provider.reset();
    expect(roleText(container, 'status')).to.match(/^Verifying/);
    await waitForText(container, 'status', /^Verified/);
    expect(fetched()).to.equal(2);
  });

  it('a solution left until its challenge nearly expires is replaced, quietly', async () => {
    const { fetchChallenge } = altchaBackend({ altcha: { ...ALTCHA_EASY, ttlMs: 2000 } });
    const { provider, fetched } = altcha(fetchChallenge);
    const container = captchaContainer();
    provider.mount(container);
    await waitForText(container, 'status', /^Verified/);
    await waitUntil(() => fetched() >= 2, 'the expiring solution was not replaced', { timeout: 5000 });
    await waitForText(container, 'status', /^Verified/);
    expect(container.querySelector('[role="alert"]')).to.equal(null);
  });

  it('the mock refuses an expired, a forged, a tampered or a malformed token', async () => {
    const time = clock();
    const issuer = new AltchaIssuer({ ...ALTCHA_EASY, ttlMs: 60_000 }, time.now);
    const solve = async () => {
      const { provider } = altcha(() => issuer.challenge());
      provider.mount(captchaContainer());
      return (await provider.getToken())!;
    };
    const expired = await solve();
    time.advance(60_000);
    expect(await issuer.verify(expired)).to.equal('expired');

    // Another server's keys sign differently.
    const stranger = new AltchaIssuer(ALTCHA_EASY, time.now);
    const { provider } = altcha(() => stranger.challenge());
    provider.mount(captchaContainer());
    expect(await issuer.verify((await provider.getToken())!)).to.equal('invalid');

    const payload = decodePayload(await solve())!;
    const flipped = payload.solution.derivedKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const tampered = { ...payload, solution: { ...payload.solution, derivedKey: flipped } };
    const retimed = { ...payload, challenge: { ...payload.challenge, parameters: { ...payload.challenge.parameters, cost: 1000 } } };
    for (const forged of [tampered, retimed]) expect(await issuer.verify(btoa(JSON.stringify(forged)))).to.equal('invalid');
    for (const junk of ['', 'mock-captcha-pass', btoa('{}'), '%%%']) expect(await issuer.verify(junk)).to.equal('malformed');
  });

  it('two requests racing with one solution: one gets through', async () => {
    const issuer = new AltchaIssuer(ALTCHA_EASY);
    const { provider } = altcha(() => issuer.challenge());
    provider.mount(captchaContainer());
    const token = (await provider.getToken())!;
    const verdicts = await Promise.all([issuer.verify(token), issuer.verify(token), issuer.verify(token)]);
    expect(verdicts.sort()).to.deep.equal(['replayed', 'replayed', 'verified']);
  });

  it('where no worker can start, solves on the page (and says why once in the console)', async () => {
    const { backend, fetchChallenge } = altchaBackend();
    const Original = globalThis.Worker;
    globalThis.Worker = class {
      constructor() {
        throw new DOMException('refused by the page', 'SecurityError');
      }
    } as unknown as typeof Worker;
    let token: string | null = null;
    try {
      const warnings = await capture('warn', async () => {
        const { provider } = altcha(fetchChallenge);
        provider.mount(captchaContainer());
        token = await provider.getToken();
      });
      expect(warnings.map((w) => String(w[0])).join('\n')).to.match(/ALTCHA worker.*Solving on the page instead/s);
    } finally {
      globalThis.Worker = Original;
    }
    await backend.startFlow(START(token!));
  });

  it('a backend without the challenge route is an error for the page’s developer, not an empty token', async () => {
    const reported: unknown[] = [];
    const container = captchaContainer();
    const notFound = () => Promise.reject(new ResetError('not_found', { status: 404 }));
    let token: string | null = 'untouched';
    const errors = await capture('error', async () => {
      const provider = new AltchaCaptcha({ fetchChallenge: notFound, onError: (e) => reported.push(e) });
      provider.mount(container);
      token = await provider.getToken();
    });
    expect(token).to.equal(null);
    expect(String(errors[0]?.[0])).to.match(/does not serve GET \/v1\/captcha\/challenge/);
    expect(reported).to.have.length(1);
    expect(reported[0]).to.include({ code: 'captcha_unavailable', provider: 'altcha' });
    expect(roleText(container, 'alert')).to.match(/couldn’t check/);
  });

  it('a challenge it cannot solve (another format, scrypt) is refused before any work', async () => {
    const { fetchChallenge } = altchaBackend();
    const scrypt = async (signal?: AbortSignal) => {
      const challenge = (await fetchChallenge(signal)) as { parameters: Record<string, unknown> };
      return { ...challenge, parameters: { ...challenge.parameters, algorithm: 'SCRYPT' } };
    };
    const reported: unknown[] = [];
    const errors = await capture('error', async () => {
      const provider = new AltchaCaptcha({ fetchChallenge: scrypt, onError: (e) => reported.push(e) });
      provider.mount(captchaContainer());
      expect(await provider.getToken()).to.equal(null);
    });
    expect(String(errors[0]?.[0])).to.match(/did not answer an ALTCHA v2 challenge this widget can solve/);
    expect(reported).to.have.length(1);
  });

  it('destroy() stops the solve and its worker', async () => {
    const { fetchChallenge } = altchaBackend({ altcha: { cost: 1000, minCounter: 50_000, maxCounter: 50_000 } });
    const { provider } = altcha(fetchChallenge);
    const container = captchaContainer();
    provider.mount(container);
    await waitUntil(() => (container.querySelector('progress')?.value ?? 0) > 0, 'the solve never reported progress', { timeout: 10_000 });
    provider.destroy();
    const value = container.querySelector('progress')!.value;
    await new Promise((r) => setTimeout(r, 500));
    expect(container.querySelector('progress')!.value).to.equal(value, 'no progress after destroy()');
  });
});
