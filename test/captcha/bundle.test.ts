/**
 * The single-file bundle with the ALTCHA captcha: the provider's chunk and
 * its worker load from beside the bundle (dist/captcha/), as a page without a
 * bundler serves them. Needs `npm run build` (npm test runs it first).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ALTCHA_EASY } from '../../src/mock/altcha.js';
import { createMockBackend } from '../../src/mock/index.js';
import { roleText } from './dom.js';

describe('dist/sspr-reset.bundle.js with ALTCHA', () => {
  it('loads the provider and its worker from beside the bundle, and a person passes the check', async () => {
    await import(/* @vite-ignore */ new URL('../../dist/sspr-reset.bundle.js', import.meta.url).href);
    const Original = globalThis.Worker;
    const workers: string[] = [];
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        workers.push(String(url));
        super(url, options);
      }
    };
    try {
      const { backend } = createMockBackend({ captchaProvider: 'altcha', altcha: ALTCHA_EASY });
      const el = await fixture<HTMLElement & { step: string }>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
      await waitUntil(() => el.step === 'identify', 'identify step never showed');
      const status = () => roleText(el.querySelector('[data-sspr-captcha]')!, 'status');
      await waitUntil(() => status() === 'Verified: you’re not a robot.', `ALTCHA never verified (${status()})`, { timeout: 20_000 });
      expect(workers).to.have.length(1);
      expect(new URL(workers[0]!).pathname).to.match(/^\/dist\/captcha\/altcha\.worker-[\w-]+\.js$/);
      const chunks = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
      expect(chunks.some((p) => /^\/dist\/captcha\/altcha-[\w-]+\.js$/.test(p))).to.equal(true, chunks.join('\n'));
    } finally {
      globalThis.Worker = Original;
    }
  });
});
