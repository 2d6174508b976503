#!/usr/bin/env node
/**
 * Screenshots of the example brand themes (themes/*.css) in the demo, for
 * docs/theming.md: for each theme, the demo's sign-in card and the widget's
 * methods screen (the same card, the logo in the same place), then the
 * default theme in dark and in forced colors. The demo (Vite, with its mock
 * backend) is started on a free port and stopped; Chromium is Debian's,
 * driven by puppeteer-core (scripts/browsers.mjs).
 *
 *   node scripts/theme-screenshots.mjs     write docs/theming/*.png
 *
 * test/node/theming.test.mjs uses startDemo(), openDemo() and toMethods()
 * for what needs Chromium's DevTools protocol (forced colors).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { puppeteerLaunchOptions } from './browsers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const THEMES = ['contoso', 'fabrikam', 'northwind-dark'];
const OUT = join(root, 'docs/theming');

/** The demo on a free port: `{ url, close }`. */
export async function startDemo() {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'demo'),
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'error',
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the demo server has no local URL');
  return { url, close: () => server.close() };
}

export function launch() {
  return puppeteer.launch({ ...puppeteerLaunchOptions('chromium'), defaultViewport: { width: 1280, height: 900 } });
}

/** The demo with `theme`, on the sign-in page or (`reset`) the widget's first step. */
export async function openDemo(page, url, { theme = 'contoso', reset = false } = {}) {
  await page.goto(`${url}?theme=${theme}${reset ? '#reset' : ''}`, { waitUntil: 'load' });
  await page.waitForFunction(() => globalThis.document.querySelector('sspr-reset')?.step === 'identify', { timeout: 30_000 });
  await page.evaluate(() => globalThis.document.querySelector('sspr-reset').updateComplete);
}

/**
 * Media features through the DevTools protocol: puppeteer's own
 * emulateMediaFeatures() refuses `forced-colors`, which Chromium emulates.
 */
export async function emulateMedia(page, features) {
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', { features: Object.entries(features).map(([name, value]) => ({ name, value })) });
}

/** From the first step to the methods: the user ID, the ALTCHA proof of work, Next. */
export async function toMethods(page, username = 'adele@contoso.com') {
  await page.evaluate((u) => globalThis.document.querySelector('sspr-reset').setAttribute('username', u), username);
  await page.waitForFunction(() => globalThis.document.querySelector('sspr-reset [part~="captcha-altcha"]')?.dataset.state === 'verified', {
    timeout: 60_000,
  });
  await page.click('sspr-reset button[type="submit"]');
  await page.waitForFunction(() => globalThis.document.querySelector('sspr-reset')?.step === 'methods', { timeout: 30_000 });
  // The two-gate note and the disclosure settle; the focus ring on the heading is not shown.
  await page.evaluate(() => globalThis.document.querySelector('sspr-reset').updateComplete);
}

/** Ends the person's flow (DELETE /v1/flows/current), so the next screenshot's flow is not refused as one too many. */
export async function abandon(page) {
  await page.evaluate(async () => {
    const el = globalThis.document.querySelector('sspr-reset');
    el.restart();
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
}

/** The view on show (the sign-in card, or the widget), with a margin of the page around it. */
async function shoot(page, name) {
  const view = await page.$('#signin-view:not([hidden]) .signin-card, #reset-view:not([hidden]) sspr-reset');
  const box = await view.boundingBox();
  const margin = 16;
  const clip = { x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin };
  await page.screenshot({ path: join(OUT, `${name}.png`), clip });
  console.log(`docs/theming/${name}.png`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const demo = await startDemo();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await emulateMedia(page, { 'prefers-reduced-motion': 'reduce' });
    for (const theme of THEMES) {
      await openDemo(page, demo.url, { theme });
      await shoot(page, `${theme}-sign-in`);
      await openDemo(page, demo.url, { theme, reset: true });
      await toMethods(page);
      await shoot(page, `${theme}-methods`);
      await abandon(page);
    }
    // The default theme, dark (theme="auto" and a dark preference), and in forced colors.
    await emulateMedia(page, { 'prefers-reduced-motion': 'reduce', 'prefers-color-scheme': 'dark' });
    await openDemo(page, demo.url, { reset: true });
    await page.evaluate(() => globalThis.document.querySelector('sspr-reset').setAttribute('theme', 'auto'));
    await toMethods(page);
    await shoot(page, 'contoso-dark-methods');
    await abandon(page);
    await emulateMedia(page, { 'prefers-reduced-motion': 'reduce', 'forced-colors': 'active' });
    await openDemo(page, demo.url, { reset: true });
    await toMethods(page);
    await shoot(page, 'forced-colors-methods');
    await abandon(page);
  } finally {
    await browser.close();
    await demo.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
