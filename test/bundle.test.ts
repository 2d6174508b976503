/**
 * The published single-file bundle in a page with no bundler, where the host
 * app uses @lit/localize itself (it called configureLocalization first).
 * Needs `npm run build` (npm test runs it first).
 */
import { configureLocalization } from '@lit/localize';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMockBackend } from '../src/mock/index.js';

describe('dist/sspr-reset.bundle.js', () => {
  it('defines <sspr-reset> and localizes it next to a host app’s own @lit/localize', async function () {
    // The first file a fresh engine loads: a cold import of the whole single-file bundle and a
    // locale chunk. WebKit under a loaded CI machine took over the 10 s default once.
    this.timeout(30_000);
    // The host app configures lit-localize before the widget loads: the widget must not collide.
    configureLocalization({ sourceLocale: 'en', targetLocales: ['fr'], loadLocale: () => Promise.resolve({ templates: {} }) });
    const url = new URL('../dist/sspr-reset.bundle.js', import.meta.url).href;
    await import(/* @vite-ignore */ url);
    expect(customElements.get('sspr-reset')).to.exist;

    const { backend } = createMockBackend();
    const el = await fixture<HTMLElement & { step: string }>(html`<sspr-reset .backend=${backend} locale="es"></sspr-reset>`);
    const title = () => el.shadowRoot!.querySelector('[part="title"]')?.textContent?.trim();
    await waitUntil(() => title() === 'Recupera el acceso a tu cuenta', `Spanish never rendered (title: ${title()})`);
    expect(el.querySelector('input[autocomplete="username"]')).to.exist;
    // The built locale chunks key messages by a short id (vite.config.ts, shortMessageIds): the
    // widget still finds each one, in the shadow root and in the form.
    const label = () => el.querySelector('label')?.textContent?.trim();
    expect(label()).to.equal('Id. de usuario');
    await waitUntil(() => el.querySelector('button[type="submit"]')?.textContent?.trim() === 'Siguiente', 'Next was never in Spanish');
    await expect(el).to.be.accessible();
  });
});
