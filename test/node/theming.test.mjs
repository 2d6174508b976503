// Theming where it needs Chromium's DevTools protocol (forced colors, which
// @web/test-runner's emulateMedia cannot set): the demo (Vite and its mock
// backend, scripts/theme-screenshots.mjs) in Debian's Chromium through
// puppeteer-core. In forced colors the card keeps an edge, the primary action
// looks unlike the quiet ones, and axe finds no WCAG A/AA violation. And the
// demo: its sign-in card and the widget share one look (the logo does not
// move when the widget opens), its devices panel passes contrast after a push
// is answered.
// Run: node --test test/node/theming.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { THEMES, abandon, emulateMedia, launch, openDemo, startDemo, toMethods } from '../../scripts/theme-screenshots.mjs';

const AXE = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** axe's WCAG 2.x A/AA violations inside the element matched by `selector` (shadow roots included). */
async function axe(page, selector, rules) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  return page.evaluate(
    async (sel, only) => {
      const target = globalThis.document.querySelector(sel);
      const options = only
        ? { runOnly: { type: 'rule', values: only } }
        : { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };
      const result = await globalThis.axe.run(target, options);
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary})`).join('; ')}`);
    },
    selector,
    rules,
  );
}

describe('theming in Chromium: forced colors, and the demo’s devices panel', { timeout: 180_000 }, () => {
  let demo;
  let browser;
  before(async () => {
    demo = await startDemo();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('forced colors: the card keeps its edge, the primary action stands apart, and axe passes', async () => {
    const page = await browser.newPage();
    await emulateMedia(page, { 'forced-colors': 'active' });
    await openDemo(page, demo.url, { reset: true });
    const look = () =>
      page.evaluate(() => {
        const el = globalThis.document.querySelector('sspr-reset');
        const css = (node) => globalThis.getComputedStyle(node);
        const card = css(el.shadowRoot.querySelector('[part~="card"]'));
        const primary = css(el.querySelector('[part~="button-primary"]'));
        const quiet = css(el.querySelector('[part~="button-link"], [part~="button-secondary"]'));
        return {
          edge: `${card.borderTopStyle} ${card.borderTopWidth}`,
          primary: { background: primary.backgroundColor, color: primary.color },
          quiet: { background: quiet.backgroundColor, color: quiet.color },
        };
      });
    for (const screen of ['identify', 'methods']) {
      if (screen === 'methods') await toMethods(page);
      const seen = await look();
      assert.match(seen.edge, /^solid [1-9]/, `${screen}: the card's edge in forced colors (${seen.edge})`);
      assert.notEqual(seen.primary.background, 'rgba(0, 0, 0, 0)', `${screen}: the primary action is filled`);
      assert.notEqual(seen.primary.background, seen.quiet.background, `${screen}: primary and quiet actions differ in fill`);
      assert.notEqual(seen.primary.color, seen.quiet.color, `${screen}: primary and quiet actions differ in text color`);
      assert.deepEqual(await axe(page, 'sspr-reset'), [], `${screen}: axe in forced colors`);
    }
    await abandon(page);
    await page.close();
  });

  it('every example theme passes axe (WCAG A/AA, contrast included) on the widget’s methods step', async () => {
    const page = await browser.newPage();
    for (const theme of THEMES) {
      await openDemo(page, demo.url, { theme, reset: true });
      await toMethods(page);
      assert.deepEqual(await axe(page, 'sspr-reset'), [], theme);
      await abandon(page);
    }
    await page.close();
  });

  it('the demo: the logo does not move when the widget opens, in every example theme', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const logoBox = () =>
      page.evaluate(() => {
        const reset = !globalThis.document.querySelector('#reset-view').hidden;
        const logo = reset
          ? globalThis.document.querySelector('sspr-reset [slot="logo"] .brand-mark')
          : globalThis.document.querySelector('#signin-view .brand-mark');
        const { x, y, width } = logo.getBoundingClientRect();
        const card = reset
          ? globalThis.document.querySelector('sspr-reset').shadowRoot.querySelector('[part~="card"]')
          : globalThis.document.querySelector('.signin-card');
        return { x: Math.round(x), y: Math.round(y), width: Math.round(width), cardWidth: Math.round(card.getBoundingClientRect().width) };
      });
    for (const theme of THEMES) {
      await openDemo(page, demo.url, { theme });
      const signIn = await logoBox();
      await page.click('#cant-access');
      await page.waitForFunction(() => !globalThis.document.querySelector('#reset-view').hidden);
      const widget = await logoBox();
      assert.deepEqual(widget, signIn, `${theme}: the logo and the card, on the sign-in page and in the widget`);
    }
    await page.close();
  });

  it('the devices panel passes contrast after a push is answered', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    await openDemo(page, demo.url, { reset: true });
    // nestor is an administrator: two verifications, so the push is offered.
    await toMethods(page, 'nestor@contoso.com');
    await page.evaluate(() => {
      const el = globalThis.document.querySelector('sspr-reset');
      const label = [...el.querySelectorAll('label')].find((l) => /Approve a notification/.test(l.textContent));
      label.querySelector('input').click();
      el.querySelector('button[type="submit"]').click();
    });
    await page.waitForFunction(() => globalThis.document.querySelector('sspr-reset [part~="number-match"]'), { timeout: 30_000 });
    const number = await page.$eval('sspr-reset [part~="number-match"]', (n) => n.textContent.trim());
    await page.waitForFunction(() => globalThis.document.querySelector('sspr-mock-devices')?.shadowRoot?.querySelector('.number-input'), {
      timeout: 30_000,
    });
    await page.evaluate((n) => {
      const root = globalThis.document.querySelector('sspr-mock-devices').shadowRoot;
      const input = root.querySelector('.number-input');
      input.value = n;
      input.dispatchEvent(new globalThis.InputEvent('input', { bubbles: true, composed: true }));
      [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Approve').click();
    }, number);
    await page.waitForFunction(
      () => globalThis.document.querySelector('sspr-mock-devices').shadowRoot.querySelector('.outcome[data-tone="good"]'),
      { timeout: 30_000 },
    );
    // The fresh message's highlight fades (a 1 s transition): judge the colors it settles on, and those on the way.
    for (const wait of [0, 1500]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      assert.deepEqual(await axe(page, 'sspr-mock-devices', ['color-contrast']), [], `contrast ${wait} ms after the answer`);
    }
    await page.close();
  });
});
