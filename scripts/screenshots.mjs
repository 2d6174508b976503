#!/usr/bin/env node
/**
 * Screenshots of the widget for the README, taken in the running demo as a
 * person meets each screen (headless Chromium, scripts/browsers.mjs):
 *
 *   docs/screenshots/methods-screen.png   choose a verification method (nothing preselected,
 *                                         unavailable methods in their closed disclosure)
 *   docs/screenshots/code-screen.png      the emailed code screen (focus in the code field)
 *   docs/screenshots/error-state.png      the same screen after a wrong code: the error with its field
 *
 * It starts nothing: run the demo first, then point this at it.
 *
 *   npm start &                                  # the demo on http://127.0.0.1:5173/
 *   node scripts/screenshots.mjs [URL] [--out DIR] [--locale CODE]   (default URL http://127.0.0.1:5173/, DIR docs/screenshots;
 *                                         --locale ar --out docs/i18n/screenshots: the widget in Arabic, files prefixed ar-)
 *
 * The email code is read from the demo's mock devices API (`api/sspr/mock/state`),
 * as scripts/demo-walk.mjs does. Fails on any page error, console error or failed request.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { puppeteerLaunchOptions } from './browsers.mjs';

const args = process.argv.slice(2);
const localeAt = args.indexOf('--locale');
/** The widget's language (`--locale ar`): the files get its code as a prefix. */
const locale = localeAt >= 0 ? args.splice(localeAt, 2)[1] : undefined;
const outAt = args.indexOf('--out');
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = outAt >= 0 ? resolve(args.splice(outAt, 2)[1]) : join(root, 'docs/screenshots');
const url = args[0] ?? 'http://127.0.0.1:5173/';
const api = new URL('api/sspr/', url);
const USER = 'adele@contoso.com';

const problems = [];
const written = [];
mkdirSync(out, { recursive: true });
const browser = await puppeteer.launch(puppeteerLaunchOptions('chromium'));
try {
  const page = await browser.newPage();
  // A phone-and-a-half wide page, at twice the pixels: the card as people see it, sharp in the README.
  await page.setViewport({ width: 900, height: 1000, deviceScaleFactor: 2 });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 500 && problems.push(`HTTP ${r.status()}: ${r.url()}`));

  const step = () => page.evaluate(() => globalThis.document.querySelector('sspr-reset')?.step);
  const waitForStep = async (name) => {
    await page
      .waitForFunction((n) => globalThis.document.querySelector('sspr-reset')?.step === n, { timeout: 30_000 }, name)
      .catch(async () => {
        throw new Error(`never reached step "${name}" (at "${await step()}")`);
      });
  };
  const settled = () =>
    page.waitForFunction(
      () => {
        const el = globalThis.document.querySelector('sspr-reset');
        return el && !el.querySelector('button[type="submit"][aria-busy="true"]');
      },
      { timeout: 30_000 },
    );
  const submit = () => page.click('sspr-reset form [part~="button-primary"]');
  /** The widget alone (its card), as `name` in the output folder. */
  const shoot = async (name) => {
    await page.evaluate(() => globalThis.document.querySelector('sspr-reset').updateComplete);
    // Fonts and one frame, so the card is drawn as it is.
    await page.evaluate(() => globalThis.document.fonts.ready.then(() => new Promise((r) => globalThis.requestAnimationFrame(() => r()))));
    const path = join(out, locale ? `${locale}-${name}` : name);
    const card = await page.$('sspr-reset');
    await card.screenshot({ path });
    written.push(path);
  };

  await page.goto(url, { waitUntil: 'networkidle0' });
  await page.click('#cant-access');
  await waitForStep('identify');
  if (locale) {
    await page.evaluate((l) => globalThis.document.querySelector('sspr-reset').setAttribute('locale', l), locale);
    await page.waitForFunction(
      (l) => globalThis.document.querySelector('sspr-reset')?.getAttribute('lang') === l,
      { timeout: 30_000 },
      locale,
    );
  }
  await page.type('sspr-reset input[autocomplete="username"]', USER);
  // The demo's captcha is ALTCHA (a proof of work the mock verifies); a demo set up with the mock captcha has a checkbox.
  const checkbox = await page.$('sspr-reset [data-sspr-captcha] input[type="checkbox"]');
  if (checkbox) await checkbox.click();
  else
    await page
      .waitForFunction(() => globalThis.document.querySelector('sspr-reset [part~="captcha-altcha"]')?.dataset.state === 'verified', {
        timeout: 30_000,
      })
      .catch(() => {
        throw new Error('the ALTCHA captcha never verified');
      });
  await submit();
  await waitForStep('methods');
  await settled();
  await shoot('methods-screen.png');

  const email = await page.$$eval('sspr-reset input[type="radio"]', (radios) => {
    const radio = radios.find((r) => r.value === 'email' || r.closest('label, [part~="choice"]')?.textContent?.includes('mail'));
    radio?.click();
    return radio?.value ?? null;
  });
  if (!email) throw new Error('no email method offered');
  await submit();
  await waitForStep('challenge');
  await settled();
  await shoot('code-screen.png');

  let code = null;
  for (let i = 0; i < 50 && !code; i++) {
    const state = await (await fetch(new URL('mock/state', api))).json();
    code = [...state.outbox].reverse().find((m) => m.channel === 'email' && m.username === USER && m.code)?.code ?? null;
    if (!code) await new Promise((r) => setTimeout(r, 200));
  }
  if (!code) throw new Error('the mock sent no email code');
  // A code that is not the one sent: one wrong attempt, its error beside the field.
  const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  await page.type('sspr-reset input[autocomplete="one-time-code"]', wrong);
  await submit();
  await page.waitForFunction(() => globalThis.document.querySelector('sspr-reset input[aria-invalid="true"]'), { timeout: 30_000 });
  await settled();
  await shoot('error-state.png');

  if (problems.length) throw new Error(problems.join('\n'));
  for (const path of written) console.log(`wrote ${path}`);
} catch (error) {
  console.error(`screenshots failed: ${error.message}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
