/**
 * The provider registry: each provider a backend may name, loaded only when
 * named (its own module); `none` and the mock at once; a provider the widget
 * does not know is an error for the page's developer, never an empty token.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MockCaptcha } from '../../src/captcha/mock.js';
import { CAPTCHA_PROVIDERS, CaptchaError, loadCaptcha } from '../../src/captcha/registry.js';
import { captchaFor } from '../../src/captcha/stand-in.js';
import { capture, captchaContainer, roleText } from './dom.js';

/** Captcha modules the page has fetched so far. */
const fetchedModules = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => /\/src\/captcha\/([\w.-]+)\.ts/.exec(entry.name)?.[1])
    .filter((name): name is string => !!name);

describe('captcha provider registry', () => {
  it('names every provider it supports', () => {
    expect(CAPTCHA_PROVIDERS).to.deep.equal([
      'altcha',
      'turnstile',
      'hcaptcha',
      'recaptcha-v2',
      'recaptcha-v3',
      'friendly-captcha',
      'mock',
      'none',
    ]);
  });

  it('loads each provider only when a config names it, each from a module of its own', async () => {
    const lazy = ['altcha', 'turnstile', 'hcaptcha', 'recaptcha', 'friendly-captcha', 'hosted', 'altcha-schema', 'trusted'];
    expect(fetchedModules().filter((m) => lazy.includes(m))).to.deep.equal([]);

    const turnstile = await loadCaptcha({ provider: 'turnstile', siteKey: 'k' });
    expect(turnstile).to.have.property('id', 'turnstile');
    expect(fetchedModules()).to.include.members(['turnstile', 'hosted', 'trusted']);
    expect(fetchedModules()).to.not.include.members(['altcha']);
    expect(fetchedModules()).to.not.include('hcaptcha');

    const ids: Array<string | undefined> = [];
    for (const provider of ['altcha', 'hcaptcha', 'recaptcha-v2', 'recaptcha-v3', 'friendly-captcha']) {
      ids.push(((await loadCaptcha({ provider, siteKey: 'k' })) as { id?: string }).id);
    }
    expect(ids).to.deep.equal(['altcha', 'hcaptcha', 'recaptcha-v2', 'recaptcha-v3', 'friendly-captcha']);
    expect(fetchedModules()).to.include.members(['altcha', 'hcaptcha', 'recaptcha', 'friendly-captcha']);
    // The solver comes with the worker, or when no worker can start: not with the provider.
    expect(fetchedModules()).to.not.include('altcha-solver');
  });

  it('`none` asks for no captcha, `mock` is the checkbox at once', async () => {
    expect(captchaFor({ provider: 'none' })).to.equal(null);
    expect(await loadCaptcha({ provider: 'none' })).to.equal(null);
    expect(captchaFor({ provider: 'mock' })).to.be.instanceOf(MockCaptcha);
  });

  it('a provider it does not know: a typed error and a console error that say how to fix it', async () => {
    const errors = await capture('error', async () => {
      const error = await loadCaptcha({ provider: 'acme-captcha', siteKey: 'k' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CaptchaError);
      expect(error).to.include({ code: 'captcha_unsupported', provider: 'acme-captcha' });
      expect((error as Error).message).to.match(/names the captcha provider "acme-captcha"/);
      expect((error as Error).message).to.match(
        /Supported: altcha, turnstile, hcaptcha, recaptcha-v2, recaptcha-v3, friendly-captcha, mock, none/,
      );
      expect((error as Error).message).to.match(
        /Fix captcha\.provider in the backend's config, or give the element a provider of your own/,
      );
    });
    expect(errors).to.deep.equal([], 'loadCaptcha throws; it leaves the console to the caller');
  });

  it('in the widget, an unknown provider tells the console and onError once, shows the person why, and yields no token', async () => {
    const reported: Array<{ code: string; provider: string }> = [];
    const container = captchaContainer();
    let token: string | null | undefined;
    const errors = await capture('error', async () => {
      const provider = captchaFor({ provider: 'acme-captcha' }, { onError: (e) => reported.push(e) })!;
      provider.mount(container);
      token = await provider.getToken();
      await waitUntil(() => roleText(container, 'alert'), 'the person is not told');
      provider.mount(container);
      expect(await provider.getToken()).to.equal(null);
    });
    expect(token).to.equal(null, 'never an empty token');
    expect(errors).to.have.length(1);
    expect(String(errors[0]![0])).to.match(/"acme-captcha"/);
    expect(reported).to.deep.equal([{ code: 'captcha_unsupported', provider: 'acme-captcha', message: String(errors[0]![0]) }]);
    expect(roleText(container, 'alert')).to.equal(
      'The check that you’re not a robot can’t run on this page. Contact the site’s administrator.',
    );
    await expect(container).to.be.accessible();
    container.remove();
  });

  it('names that only look like providers are unknown too', async () => {
    for (const provider of ['__proto__', 'constructor', 'toString', 'recaptcha', 'ALTCHA']) {
      const error = await loadCaptcha({ provider }).catch((e: unknown) => e);
      expect(error, provider).to.include({ code: 'captcha_unsupported' });
    }
  });

  it('the stand-in mounts the real provider once its module is there', async () => {
    const container = captchaContainer();
    const provider = captchaFor({ provider: 'altcha' }, { fetchChallenge: () => new Promise(() => undefined) })!;
    provider.mount(container);
    await waitUntil(() => roleText(container, 'status') === 'Verifying that you’re not a robot…', 'ALTCHA never showed');
    provider.destroy!();
    container.remove();
  });
});
