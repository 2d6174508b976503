/**
 * The hosted providers' adapters, each against a stub of its provider's
 * documented JavaScript API (test/stubs/, no network): render into the light
 * DOM with the site key, the token once solved, reset after a token, after
 * expiry and after failure, removal; and the shared script loader.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { loadScript } from '../../src/captcha/hosted.js';
import { loadCaptcha } from '../../src/captcha/registry.js';
import { TurnstileCaptcha } from '../../src/captcha/turnstile.js';
import type { CaptchaContext } from '../../src/captcha/types.js';
import { capture, captchaContainer, roleText } from './dom.js';

interface StubWidget {
  params?: Record<string, unknown>;
  options?: Record<string, unknown>;
  element: HTMLElement;
  resets: number;
  removed?: boolean;
  destroyed?: boolean;
}
interface Stub {
  widgets: Map<unknown, StubWidget> | StubWidget[];
  solve(id: unknown): string;
  expire(id: unknown): void;
  fail(id: unknown): unknown;
  [more: string]: unknown;
}
const stubs = () => (window as unknown as { __captchaStubs: Record<string, Stub> }).__captchaStubs;
const stubUrl = (name: string) => new URL(`../stubs/${name}.js`, import.meta.url).href;

/** How a test drives one provider's stub: its newest widget, and acting on it as the person or the provider would. */
interface Driver {
  provider: 'turnstile' | 'hcaptcha' | 'recaptcha-v2' | 'friendly-captcha';
  stub: string;
  widget(): StubWidget | undefined;
  solve(): string;
  expire(): void;
  fail(): void;
  siteKey(widget: StubWidget): unknown;
}

function mapDriver(provider: Driver['provider'], stub: string): Driver {
  const newest = () => [...(stubs()[stub]!.widgets as Map<unknown, StubWidget & { id: unknown }>).values()].at(-1);
  return {
    provider,
    stub,
    widget: newest,
    solve: () => stubs()[stub]!.solve(newest()!.id),
    expire: () => stubs()[stub]!.expire(newest()!.id),
    fail: () => void stubs()[stub]!.fail(newest()!.id),
    siteKey: (w) => w.params!['sitekey'],
  };
}

const friendly: Driver = {
  provider: 'friendly-captcha',
  stub: 'friendly-captcha',
  widget: () => (stubs()['friendly-captcha']!.widgets as StubWidget[]).filter((w) => !w.destroyed).at(-1),
  solve() {
    const stub = stubs()['friendly-captcha']!;
    const widget = friendly.widget()! as StubWidget & { state: string; response: string };
    // After an error the person presses the widget's restart button: it solves again.
    widget.state = 'solving';
    (stub['complete'] as (w: unknown) => void)(widget);
    return widget.response;
  },
  expire: () => stubs()['friendly-captcha']!.expire(friendly.widget()),
  fail: () => void stubs()['friendly-captcha']!.fail(friendly.widget()),
  siteKey: (w) => w.options!['sitekey'],
};

const DRIVERS: Driver[] = [
  mapDriver('turnstile', 'turnstile'),
  mapDriver('hcaptcha', 'hcaptcha'),
  mapDriver('recaptcha-v2', 'recaptcha'),
  friendly,
];

async function mounted(driver: Driver, context: CaptchaContext = {}) {
  const provider = (await loadCaptcha({ provider: driver.provider, siteKey: 'site-key-1' }, { locale: () => 'es', ...context }))!;
  const container = captchaContainer();
  const before = driver.widget();
  provider.mount(container);
  await waitUntil(() => driver.widget() && driver.widget() !== before, `${driver.provider}: no widget rendered`);
  return { provider, container, widget: driver.widget()! };
}

describe('hosted captcha adapters, against stubs of their documented APIs', () => {
  before(async () => {
    // As the real scripts: loaded by a <script> element, announcing themselves through their onload callback.
    await loadScript({
      src: `${stubUrl('turnstile')}?render=explicit&onload=__stubTurnstile`,
      onload: '__stubTurnstile',
      ready: () => false,
    });
    await loadScript({ src: `${stubUrl('hcaptcha')}?render=explicit&onload=__stubHCaptcha`, onload: '__stubHCaptcha', ready: () => false });
    await loadScript({
      src: `${stubUrl('recaptcha')}?render=explicit&onload=__stubRecaptcha`,
      onload: '__stubRecaptcha',
      ready: () => false,
    });
    await loadScript({ src: stubUrl('friendly-captcha'), ready: () => 'frcaptcha' in window });
  });

  beforeEach(() => {
    stubs()['friendly-captcha']!['manual'] = true;
  });

  afterEach(() => document.querySelectorAll('[data-sspr-captcha]').forEach((c) => c.remove()));

  for (const driver of DRIVERS) {
    describe(driver.provider, () => {
      it('renders into the container, in the light DOM, with the site key; no token before it is solved', async () => {
        const { provider, container, widget } = await mounted(driver);
        expect(container.contains(widget.element)).to.be.true;
        expect(container.getRootNode()).to.equal(document);
        expect(driver.siteKey(widget)).to.equal('site-key-1');
        if (driver.provider !== 'friendly-captcha') expect(await provider.getToken()).to.equal(null);
        // Idempotent: the verification step mounts after every render.
        provider.mount(container);
        expect(driver.widget()).to.equal(widget);
        expect(container.querySelectorAll('[part="captcha-widget"]')).to.have.length(1);
      });

      it('hands out the solved token once, then resets the widget: the next try needs a fresh token', async () => {
        const { provider, widget } = await mounted(driver);
        const token = driver.solve();
        const resets = widget.resets;
        expect(await provider.getToken()).to.equal(token);
        expect(widget.resets).to.equal(resets + 1);
        if (driver.provider !== 'friendly-captcha') expect(await provider.getToken()).to.equal(null);
      });

      it('expiry drops the token and resets the widget', async () => {
        const { provider, widget } = await mounted(driver);
        driver.solve();
        const resets = widget.resets;
        driver.expire();
        expect(widget.resets).to.equal(resets + 1);
        if (driver.provider !== 'friendly-captcha') expect(await provider.getToken()).to.equal(null);
      });

      it('a failure resets the widget, but not forever (a wrong site key fails every time)', async () => {
        const { widget } = await mounted(driver);
        const resets = widget.resets;
        driver.fail();
        driver.fail();
        driver.fail();
        expect(widget.resets).to.equal(resets + 2);
        // A success counts again from zero.
        driver.solve();
        driver.fail();
        expect(widget.resets).to.equal(resets + 3);
      });

      it('reset() (the backend refused the token) resets the widget; destroy() removes it', async () => {
        const { provider, widget } = await mounted(driver);
        driver.solve();
        const resets = widget.resets;
        provider.reset();
        expect(widget.resets).to.equal(resets + 1);
        if (driver.provider !== 'friendly-captcha') expect(await provider.getToken()).to.equal(null);
        provider.destroy!();
        if (driver.provider === 'recaptcha-v2') expect(widget.resets).to.equal(resets + 2, 'reCAPTCHA documents no removal: reset');
        else expect(widget.removed ?? widget.destroyed).to.be.true;
      });
    });
  }

  it('Turnstile: renders explicitly with the action and language, handles its own errors, resets expiry itself', async () => {
    const { widget } = await mounted(DRIVERS[0]!);
    expect(widget.params).to.include({ action: 'password_reset', language: 'es', 'refresh-expired': 'manual', retry: 'never' });
    expect(stubs()['turnstile']!.fail((widget as { id?: unknown }).id)).to.equal(true, 'a handled error returns true');
  });

  it('hCaptcha: an expired challenge (not yet solved) also resets the widget', async () => {
    const { widget } = await mounted(DRIVERS[1]!);
    const resets = widget.resets;
    (stubs()['hcaptcha']!['challengeExpired'] as (id: unknown) => void)((widget as { id?: unknown }).id);
    expect(widget.resets).to.equal(resets + 1);
  });

  it('Friendly Captcha: starts solving at once, and a submit during the puzzle waits for it', async () => {
    const { provider, widget } = await mounted(friendly);
    expect(widget.options).to.include({ startMode: 'auto', language: 'es' });
    const token = provider.getToken();
    const response = friendly.solve();
    expect(await token).to.equal(response);
  });

  describe('recaptcha-v3', () => {
    it('renders nothing to click, and executes the password_reset action for a fresh token at each submit', async () => {
      const provider = (await loadCaptcha({ provider: 'recaptcha-v3', siteKey: 'v3-key' }))!;
      const container = captchaContainer();
      provider.mount(container);
      expect(container.childElementCount).to.equal(0);
      const executed = stubs()['recaptcha']!['executed'] as Array<{ siteKey: string; action: string }>;
      const before = executed.length;
      const first = await provider.getToken();
      const second = await provider.getToken();
      expect(first).to.match(/^recaptcha-v3-token-/);
      expect(second).to.not.equal(first);
      expect(executed.slice(before)).to.deep.equal([
        { siteKey: 'v3-key', action: 'password_reset' },
        { siteKey: 'v3-key', action: 'password_reset' },
      ]);
      provider.reset();
    });

    it('when reCAPTCHA cannot execute: no token, and the developer is told once', async () => {
      const reported: unknown[] = [];
      const provider = (await loadCaptcha({ provider: 'recaptcha-v3', siteKey: 'v3-key' }, { onError: (e) => reported.push(e) }))!;
      stubs()['recaptcha']!['failExecute'] = true;
      try {
        const errors = await capture('error', async () => {
          expect(await provider.getToken()).to.equal(null);
          expect(await provider.getToken()).to.equal(null);
        });
        expect(errors).to.have.length(1);
        expect(String(errors[0]![0])).to.match(/recaptcha-v3 captcha could not run/);
        expect(reported).to.have.length(1);
      } finally {
        stubs()['recaptcha']!['failExecute'] = false;
      }
    });
  });

  it('a provider whose script cannot load says so to the person, the console and onError, once', async () => {
    class Unreachable extends TurnstileCaptcha {
      protected override load() {
        return Promise.reject(new Error('https://challenges.cloudflare.com/turnstile/v0/api.js did not load'));
      }
    }
    const reported: Array<{ code: string }> = [];
    const container = captchaContainer();
    const provider = new Unreachable({ provider: 'turnstile', siteKey: 'k' }, { onError: (e) => reported.push(e) });
    const errors = await capture('error', async () => {
      provider.mount(container);
      await waitUntil(() => roleText(container, 'alert'), 'no alert');
    });
    expect(roleText(container, 'alert')).to.equal(
      'The check that you’re not a robot couldn’t load. Check your connection, then reload the page.',
    );
    expect(String(errors[0]![0])).to.match(/turnstile captcha could not start/);
    expect(reported.map((e) => e.code)).to.deep.equal(['captcha_unavailable']);
    expect(await provider.getToken()).to.equal(null);
    await expect(container).to.be.accessible();
  });

  describe('loadScript', () => {
    it('injects a provider’s script once, through the Trusted Types policy, and waits for its onload callback', async () => {
      const src = `${stubUrl('turnstile')}?render=explicit&onload=__stubOnce`;
      const both = Promise.all([
        loadScript({ src, onload: '__stubOnce', ready: () => false }),
        loadScript({ src, onload: '__stubOnce', ready: () => false }),
      ]);
      await both;
      const injected = [...document.querySelectorAll<HTMLScriptElement>('script')].filter((s) => s.src === src);
      expect(injected).to.have.length(1);
      expect(injected[0]!.async).to.be.true;
    });

    it('gives the script the page’s nonce (a nonce-based CSP)', async () => {
      const marker = document.createElement('script');
      marker.type = 'application/json';
      marker.setAttribute('nonce', 'n0nce-123');
      document.head.append(marker);
      try {
        const src = `${stubUrl('hcaptcha')}?render=explicit&onload=__stubNonce`;
        await loadScript({ src, onload: '__stubNonce', ready: () => false });
        const injected = [...document.querySelectorAll<HTMLScriptElement>('script')].find((s) => s.src === src)!;
        expect(injected.nonce).to.equal('n0nce-123');
      } finally {
        marker.remove();
      }
    });

    it('a script that cannot load rejects with what to check; a later try loads it anew', async () => {
      const src = new URL('../stubs/missing.js', import.meta.url).href;
      const error = await loadScript({ src, ready: () => false }).catch((e: unknown) => e);
      expect(String(error)).to.match(/refused to load .*trusted-types.*docs\/captcha\.md/s);
      const again = await loadScript({ src, ready: () => false }).catch((e: unknown) => e);
      expect(again).to.be.instanceOf(Error);
      expect([...document.querySelectorAll<HTMLScriptElement>('script')].filter((s) => s.src === src)).to.have.length(2);
    });

    it('a page that loaded the provider itself is left alone', async () => {
      const count = document.scripts.length;
      await loadScript({ src: 'https://challenges.cloudflare.com/turnstile/v0/api.js', ready: () => true });
      expect(document.scripts.length).to.equal(count);
    });
  });
});
