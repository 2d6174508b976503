#!/usr/bin/env node
/**
 * Plays every story of the static Storybook (storybook-static/, built by
 * `npm run build-storybook`) in headless Chromium, once with the toolbar's
 * locale set to English and once to Spanish, and fails unless each one
 * renders and its play function passes.
 *
 *   npm run build-storybook && npm run test:stories
 *   node scripts/check-stories.mjs [filter ...]   only the story ids containing a filter
 *
 * How a story's outcome is read (Storybook 10, preview runtime
 * `StoryRender.render()` and `PreviewWithSelection`): before the page's own
 * scripts run, a hook traps the assignment of
 * `window.__STORYBOOK_ADDONS_CHANNEL__` (the preview's channel, whose `emit`
 * also calls local listeners) and forwards these events to this script:
 *   - `storyRenderPhaseChanged` (loading, rendering, playing, played, completed, finished, errored …);
 *   - `globalsUpdated` (checks that `&globals=locale:xx` reached the story);
 *   - `playFunctionThrewException`, `unhandledErrorsWhilePlaying`,
 *     `storyThrewException`, `storyErrored`, `storyMissing`: failures;
 *   - `storyFinished` { status: 'success' | 'error' }: the end of the render,
 *     emitted after the play function and afterEach, passed or failed.
 * Neither `storyRendered` nor `storyFinished`'s status nor the body classes
 * reveal a failing play function: Storybook's test annotations set
 * `parameters.throwPlayFunctionExceptions: false`, so a failing play emits
 * `playFunctionThrewException`, logs the error, then carries on to
 * `storyRendered` and `storyFinished` { status: 'success' } with the story
 * shown (`sb-show-main`). Hence the failure events are collected.
 * A story passes when `storyFinished` says success, no failure event came,
 * the play function reached the `played` phase (stories tagged `play-fn`),
 * the body shows `sb-show-main` and not `sb-show-errordisplay`, and the page
 * logged no uncaught error (`pageerror`), no console error and no HTTP error.
 * Warnings ("Lit is in dev mode" …) are ignored.
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, CHROME_PATH as CHROME } from './chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), 'storybook-static');
const LOCALES = ['en', 'es'];
const STORY_TIMEOUT_MS = 20_000;
const CONCURRENCY = 2;
/** Console messages that are never failures, whatever their level. */
const IGNORED_CONSOLE = [/Lit is in dev mode/i];
/** Chromium asks for /favicon.ico by itself (once per browser); the static build has none. */
const isAutoFavicon = (url) => URL.canParse(url ?? '') && new URL(url).pathname === '/favicon.ico';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

// ---------------------------------------------------------------------------
// Static server

function serve(root) {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const { size } = statSync(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  });
}

// ---------------------------------------------------------------------------
// In-page hook: runs before Storybook's scripts (evaluateOnNewDocument)

function installHook() {
  const EVENTS = [
    'storyRenderPhaseChanged',
    'globalsUpdated',
    'playFunctionThrewException',
    'unhandledErrorsWhilePlaying',
    'storyThrewException',
    'storyErrored',
    'storyMissing',
    'storyFinished',
  ];
  const send = (name, payload) => {
    let json;
    try {
      json = JSON.stringify(payload ?? null);
    } catch {
      json = JSON.stringify(String(payload));
    }
    // Binding added by page.exposeFunction before navigation.
    globalThis.__checkStoriesEvent?.(name, json);
  };
  const hooked = new WeakSet();
  let channel;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next) {
      channel = next;
      if (next && typeof next.on === 'function' && !hooked.has(next)) {
        hooked.add(next);
        for (const name of EVENTS) next.on(name, (payload) => send(name, payload));
      }
    },
  });
}

// ---------------------------------------------------------------------------
// One story in one locale

const oneLine = (text, max = 300) => {
  const line = String(text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const errorText = (e) =>
  e && typeof e === 'object' ? oneLine([e.name, e.message ?? e.title, e.description].filter(Boolean).join(': ')) : oneLine(e);

async function runStory(browser, baseUrl, entry, locale) {
  const url = `${baseUrl}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=story&globals=locale:${locale}`;
  const expectsPlay = entry.tags?.includes('play-fn') ?? false;
  const problems = []; // page errors, console errors, HTTP errors
  const failures = []; // Storybook's failure events
  const phases = [];
  let globals;
  let finished;
  let settle;
  const done = new Promise((r) => (settle = r));

  const page = await browser.newPage();
  try {
    page.on('pageerror', (err) => problems.push(`page error: ${errorText(err)}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      if (IGNORED_CONSOLE.some((re) => re.test(text))) return;
      const where = msg.location()?.url;
      if (text.startsWith('Failed to load resource') && isAutoFavicon(where)) return;
      // Storybook logs a failing play function / render itself: that is reported from its event.
      if (failures.length) return;
      problems.push(`console error: ${oneLine(text)}${where && text.startsWith('Failed to load') ? ` (${where})` : ''}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !isAutoFavicon(res.url())) problems.push(`HTTP ${res.status()} ${res.url()}`);
    });
    page.on('requestfailed', (req) => {
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
    });

    await page.exposeFunction('__checkStoriesEvent', (name, json) => {
      let payload;
      try {
        payload = JSON.parse(json);
      } catch {
        payload = json;
      }
      switch (name) {
        case 'storyRenderPhaseChanged':
          if (!payload?.storyId || payload.storyId === entry.id) phases.push(payload?.newPhase);
          break;
        case 'globalsUpdated':
          globals = payload;
          break;
        case 'playFunctionThrewException':
          failures.push(`play function threw: ${errorText(payload)}`);
          break;
        case 'unhandledErrorsWhilePlaying':
          failures.push(
            `unhandled errors while playing: ${(Array.isArray(payload) ? payload : [payload]).map(errorText).join(' | ')}`,
          );
          break;
        case 'storyThrewException':
          // Follows playFunctionThrewException for a failing play function: say it once.
          if (!failures.some((f) => f.startsWith('play function threw'))) failures.push(`story threw: ${errorText(payload)}`);
          break;
        case 'storyErrored':
          failures.push(`story errored: ${errorText(payload)}`);
          settle(); // not followed by storyFinished
          break;
        case 'storyMissing':
          failures.push(`story missing${payload ? `: ${oneLine(JSON.stringify(payload))}` : ''}`);
          settle(); // not followed by storyFinished
          break;
        case 'storyFinished':
          if (!payload?.storyId || payload.storyId === entry.id) {
            finished = payload;
            settle();
          }
          break;
      }
    });
    await page.evaluateOnNewDocument(installHook);

    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), STORY_TIMEOUT_MS)));
    const outcome = await Promise.race([
      page.goto(url, { waitUntil: 'load', timeout: STORY_TIMEOUT_MS }).then(() => done),
      timeout,
    ]).catch((err) => `navigation: ${errorText(err)}`);
    clearTimeout(timer);

    const reasons = [];
    if (outcome === 'timeout') {
      reasons.push(`timed out after ${STORY_TIMEOUT_MS / 1000} s (last phase: ${phases.at(-1) ?? 'none'})`);
    } else if (typeof outcome === 'string') {
      reasons.push(outcome);
    }
    reasons.push(...failures);
    if (finished && finished.status !== 'success') {
      const failedReports = (finished.reporters ?? []).filter((r) => r?.status === 'failed');
      if (!failures.length || failedReports.length) {
        reasons.push(
          `story finished with status "${finished.status}"${failedReports.length ? ` (failed reports: ${failedReports.map((r) => r.type).join(', ')})` : ''}`,
        );
      }
    }
    if (finished?.status === 'success' && !failures.length) {
      if (expectsPlay && !phases.includes('played')) reasons.push('the play function did not run (no "played" phase)');
      const body = await page
        .evaluate(() => ({
          main: document.body.classList.contains('sb-show-main'),
          error: document.body.classList.contains('sb-show-errordisplay'),
        }))
        .catch(() => null);
      if (!body) reasons.push('could not read the page after the story finished');
      else if (body.error) reasons.push('Storybook shows its error display (body.sb-show-errordisplay)');
      else if (!body.main) reasons.push('the story is not shown (no body.sb-show-main)');
    }
    if (outcome !== 'timeout' && typeof outcome !== 'string') {
      const requested = globals?.userGlobals?.locale;
      if (requested !== locale) reasons.push(`globals=locale:${locale} not applied (toolbar locale: ${requested ?? 'unknown'})`);
    }
    reasons.push(...problems);

    return { ok: reasons.length === 0, reasons, effectiveLocale: globals?.globals?.locale };
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(ROOT, 'iframe.html')) || !existsSync(join(ROOT, 'index.json'))) {
    console.error(
      `check-stories: ${ROOT} is missing or incomplete (no iframe.html / index.json).\n` +
        'Build the static Storybook first: npm run build-storybook',
    );
    return 1;
  }
  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8'));
  const filters = process.argv.slice(2);
  const stories = Object.values(index.entries ?? {}).filter(
    (e) => e.type === 'story' && (!filters.length || filters.some((f) => e.id.includes(f))),
  );
  if (!stories.length) {
    console.error(`check-stories: no story in ${join(ROOT, 'index.json')}${filters.length ? ` matching ${filters.join(', ')}` : ''}.`);
    return 1;
  }
  if (!existsSync(CHROME)) {
    console.error(`check-stories: no Chromium at ${CHROME} (set CHROME_PATH).`);
    return 1;
  }

  const started = Date.now();
  let server;
  let browser;
  const stop = async () => {
    await browser?.close().catch(() => {});
    browser = undefined;
    if (server) {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
      server = undefined;
    }
  };
  const onSignal = (signal) => {
    console.error(`\ncheck-stories: ${signal}, stopping`);
    stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const jobs = stories.flatMap((entry) => LOCALES.map((locale) => ({ entry, locale })));
  let passed = 0;
  let failed = 0;
  try {
    server = await serve(ROOT);
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS });
    console.log(`Playing ${stories.length} stories × ${LOCALES.length} locales (${jobs.length} runs) with ${CHROME}`);

    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { entry, locale } = jobs[next++];
        const t0 = Date.now();
        let result;
        try {
          result = await runStory(browser, baseUrl, entry, locale);
        } catch (err) {
          result = { ok: false, reasons: [`runner error: ${errorText(err)}`] };
        }
        const ms = Date.now() - t0;
        const pinned = result.effectiveLocale && result.effectiveLocale !== locale ? `, story pins locale ${result.effectiveLocale}` : '';
        const label = `${entry.id} [${locale}]`;
        if (result.ok) {
          passed++;
          console.log(`ok   ${label} (${ms} ms${pinned})`);
        } else {
          failed++;
          console.log(`FAIL ${label} (${ms} ms${pinned}): ${result.reasons.join('; ')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  } catch (err) {
    console.error(`check-stories: ${err?.stack ?? err}`);
    failed = jobs.length - passed; // the runs that did not pass, or never ran
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  console.log(`Time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Stories: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
