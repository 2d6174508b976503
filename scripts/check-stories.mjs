#!/usr/bin/env node
/**
 * Plays every story of the static Storybook (storybook-static/, built by
 * `npm run build-storybook`) in each browser engine the tests run in
 * (Chromium, Firefox, WebKit: scripts/browsers.mjs), once with the toolbar's
 * locale set to English and once to Spanish, and fails unless each one
 * renders and its play function passes in every engine.
 *
 *   npm run build-storybook && npm run test:stories
 *   node scripts/check-stories.mjs [filter ...]   only the story ids containing a filter
 *   BROWSERS=firefox npm run test:stories          only some engines (default: all three)
 *   STORY_LOCALES=en,ar node scripts/check-stories.mjs other locales (default: en,es; any shipped one)
 *   BROWSERS=chromium STORY_LOCALES=en node scripts/check-stories.mjs methods--email
 *                                                  a quick local run: one engine, one locale, some stories
 *   STORY_TIMEOUT_S=90 …                           more time per story on a loaded machine (default 30)
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
 *
 * Chromium and Firefox are driven by puppeteer-core (CDP and WebDriver BiDi):
 * the hook is added with `evaluateOnNewDocument` and sends each event through
 * `exposeFunction`; errors come from puppeteer's page events. WebKit is driven
 * over WebDriver classic, which has neither: this script's server writes the
 * hook into iframe.html itself, where it queues the events together with the
 * page's uncaught errors, console errors and failed loads, and the queue is
 * read every 100 ms; the server reports the HTTP errors. WebKit plays one
 * story at a time (WebKitWebDriver holds one session), so each is its own.
 * Firefox too plays one at a time (see CONCURRENCY).
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { WEBKIT_CAPABILITIES, missingEngines, puppeteerLaunchOptions, selectedEngines, startWebKit } from './browsers.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), 'storybook-static');
/** Every locale of the toolbar (every shipped one). */
const ALL_LOCALES = ['en', 'ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'ko', 'nl', 'pl', 'pt-BR', 'zh-Hans', 'zh-Hant'];
/**
 * The toolbar locales each story is played in: STORY_LOCALES (comma-separated),
 * else English and Spanish (every locale is walked by test/i18n-locales.test.ts;
 * all fourteen here would take CI past its time).
 */
const LOCALES = process.env.STORY_LOCALES
  ? process.env.STORY_LOCALES.split(',')
      .map((l) => l.trim())
      .filter(Boolean)
  : ['en', 'es'];
/**
 * A story's whole run: loading, its play function, and the axe pass after it
 * (seconds on a busy machine). STORY_TIMEOUT_S gives more on a loaded one.
 */
const STORY_TIMEOUT_MS = (Number(process.env.STORY_TIMEOUT_S) || 30) * 1000;
/**
 * Stories played at once in one engine. Headless Chromium treats every page as
 * visible and focused; Firefox throttles the timers of a background tab and
 * gives it no focus, so a second tab's play function stalls; WebKitWebDriver
 * holds a single session.
 */
const CONCURRENCY = { chromium: 2, firefox: 1, webkit: 1 };
/** Console messages that are never failures, whatever their level. */
const IGNORED_CONSOLE = [/Lit is in dev mode/i];
/** Browsers ask for /favicon.ico by themselves; the static build has none. */
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

/**
 * Serves `root`. `options.inject`: HTML written at the start of iframe.html's
 * <head> (WebKit's hook); `options.onHttpError(status, url)`: each answer >= 400.
 */
function serve(root, options = {}) {
  const server = createServer((req, res) => {
    const answer = (status, headers) => {
      if (status >= 400) options.onHttpError?.(status, `http://${req.headers.host}${req.url}`);
      return res.writeHead(status, headers);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      answer(400).end();
      return;
    }
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) {
      answer(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (options.inject && file === join(root, 'iframe.html')) {
        const html = readFileSync(file, 'utf8');
        const at = html.search(/<head[^>]*>/i);
        const head = at < 0 ? 0 : at + html.slice(at).indexOf('>') + 1;
        const body = Buffer.from(html.slice(0, head) + options.inject + html.slice(head));
        answer(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      const { size } = statSync(file);
      answer(200, { 'Content-Type': type, 'Content-Length': size, 'Cache-Control': 'no-cache' });
      if (req.method === 'HEAD') res.end();
      else
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
    } catch {
      answer(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  });
}

// ---------------------------------------------------------------------------
// In-page hook: runs before Storybook's scripts (evaluateOnNewDocument, or
// written into iframe.html for WebDriver)

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

/**
 * For WebDriver, which can neither expose a function nor listen to the page:
 * queues the hook's events and the page's own errors in
 * `window.__checkStoriesQueue` as [kind, text] pairs, read by polling.
 */
function installQueue() {
  const queue = [];
  globalThis.__checkStoriesQueue = queue;
  globalThis.__checkStoriesEvent = (name, json) => queue.push(['event', name, json]);
  const text = (value) => {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === 'object' && value !== null) {
      try {
        return JSON.stringify(value);
      } catch {
        return String(value);
      }
    }
    return String(value);
  };
  globalThis.addEventListener(
    'error',
    (event) => {
      const target = event.target;
      if (target && target !== globalThis && (target.src || target.href)) {
        queue.push(['problem', `request failed: ${target.src || target.href} (${target.localName} did not load)`]);
      } else {
        queue.push(['problem', `page error: ${event.error ? text(event.error) : event.message}`]);
      }
    },
    true,
  );
  globalThis.addEventListener('unhandledrejection', (event) => queue.push(['problem', `page error: ${text(event.reason)}`]));
  const consoleError = console.error;
  console.error = function (...args) {
    queue.push(['console', args.map(text).join(' ')]);
    return consoleError.apply(this, args);
  };
}

/** The <script> the server writes into iframe.html for WebDriver runs. */
const INJECTED_HOOK = `<script>(${installQueue})();(${installHook})();</script>`;

// ---------------------------------------------------------------------------
// One story in one locale

const oneLine = (text, max = 300) => {
  const line = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const errorText = (e) =>
  e && typeof e === 'object' ? oneLine([e.name, e.message ?? e.title, e.description].filter(Boolean).join(': ')) : oneLine(e);

/** The body classes Storybook sets once a story is shown, or its error display. */
const bodyState = () => ({
  main: globalThis.document.body.classList.contains('sb-show-main'),
  error: globalThis.document.body.classList.contains('sb-show-errordisplay'),
});

async function runStory(driver, baseUrl, entry, locale) {
  const url = `${baseUrl}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=story&globals=locale:${locale}`;
  const expectsPlay = entry.tags?.includes('play-fn') ?? false;
  const problems = []; // page errors, console errors, HTTP errors
  const failures = []; // Storybook's failure events
  const phases = [];
  let globals;
  let finished;
  let settle;
  const done = new Promise((r) => (settle = r));

  const page = await driver.open({
    onProblem: (text) => problems.push(text),
    onConsoleError(text, where) {
      if (IGNORED_CONSOLE.some((re) => re.test(text))) return;
      if (text.startsWith('Failed to load resource') && isAutoFavicon(where)) return;
      // Storybook logs a failing play function / render itself: that is reported from its event.
      if (failures.length) return;
      problems.push(`console error: ${oneLine(text)}${where && text.startsWith('Failed to load') ? ` (${where})` : ''}`);
    },
    onHttpError(status, where) {
      if (!isAutoFavicon(where)) problems.push(`HTTP ${status} ${where}`);
    },
    onEvent(name, json) {
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
          failures.push(`unhandled errors while playing: ${(Array.isArray(payload) ? payload : [payload]).map(errorText).join(' | ')}`);
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
    },
  });
  try {
    let timer;
    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), STORY_TIMEOUT_MS)));
    const outcome = await Promise.race([page.goto(url, STORY_TIMEOUT_MS).then(() => done), timeout]).catch(
      (err) => `navigation: ${errorText(err)}`,
    );
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
      const body = await page.body().catch(() => null);
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
// Engines: a driver opens one page per story; the page loads a URL, reports to
// the story's handlers, reads the body classes and closes.

/** Chromium or Firefox through puppeteer-core; a new page per story, two at once. */
async function puppeteerDriver(engine) {
  const browser = await puppeteer.launch(puppeteerLaunchOptions(engine));
  return {
    version: await browser.version(),
    async open(handlers) {
      const page = await browser.newPage();
      try {
        page.on('pageerror', (err) => handlers.onProblem(`page error: ${errorText(err)}`));
        page.on('console', (msg) => {
          if (msg.type() === 'error') handlers.onConsoleError(msg.text(), msg.location()?.url);
        });
        page.on('response', (res) => {
          if (res.status() >= 400) handlers.onHttpError(res.status(), res.url());
        });
        page.on('requestfailed', (req) => {
          handlers.onProblem(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`);
        });
        await page.exposeFunction('__checkStoriesEvent', (name, json) => handlers.onEvent(name, json));
        await page.evaluateOnNewDocument(installHook);
      } catch (err) {
        await page.close().catch(() => {});
        throw err;
      }
      return {
        goto: (url, timeout) => page.goto(url, { waitUntil: 'load', timeout }),
        body: () => page.evaluate(bodyState),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

/**
 * WebKit: MiniBrowser through WebKitWebDriver (WebDriver classic) in its own
 * Xvfb, one session, one story at a time. The server writes the hook into
 * iframe.html (INJECTED_HOOK) and says which answers were HTTP errors.
 */
async function webkitDriver(server) {
  const webkit = await startWebKit();
  let browser;
  let current; // the handlers of the story being played
  server.onHttpError = (status, where) => current?.onHttpError(status, where);
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port: webkit.port,
      path: '/',
      logLevel: 'silent',
      // WebDriver classic: WebKitWebDriver matches no session that asks for BiDi, which webdriverio does by default.
      capabilities: { ...WEBKIT_CAPABILITIES, 'wdio:enforceWebDriverClassic': true },
    });
  } catch (err) {
    await webkit.stop();
    throw err;
  }
  const version = browser.capabilities.browserVersion;
  return {
    version: `WebKitGTK ${version}`,
    async open(handlers) {
      current = handlers;
      const drain = async () => {
        const items = await browser.execute(() => globalThis.__checkStoriesQueue?.splice(0) ?? []);
        for (const [kind, text, json] of items ?? []) {
          if (kind === 'event') handlers.onEvent(text, json);
          else if (kind === 'console') handlers.onConsoleError(text);
          else handlers.onProblem(text);
        }
      };
      let polling = false;
      let poller = Promise.resolve();
      const stopPolling = async () => {
        polling = false;
        await poller;
      };
      return {
        async goto(url, timeout) {
          await browser.setTimeout({ pageLoad: timeout, script: timeout });
          await browser.url(url);
          polling = true;
          poller = (async () => {
            while (polling) {
              await drain().catch((err) => handlers.onProblem(`could not read the page: ${errorText(err)}`));
              await new Promise((r) => setTimeout(r, 100));
            }
          })();
        },
        async body() {
          await stopPolling();
          await drain();
          return browser.execute(bodyState);
        },
        async close() {
          await stopPolling();
          current = undefined;
          // Stop the story's timers and requests before the next one.
          await browser.url('about:blank');
        },
      };
    },
    async close() {
      await browser.deleteSession().catch(() => {});
      await webkit.stop();
    },
  };
}

/** Plays every job in one engine; resolves to { passed, failed, version }. */
async function playIn(engine, jobs, log) {
  let server;
  let driver;
  let passed = 0;
  let failed = 0;
  try {
    server = await serve(ROOT, {
      inject: engine === 'webkit' ? INJECTED_HOOK : undefined,
      onHttpError: (status, where) => server?.onHttpError?.(status, where),
    });
    const baseUrl = `http://127.0.0.1:${server.address().port}`;
    driver = engine === 'webkit' ? await webkitDriver(server) : await puppeteerDriver(engine);
    log(`${engine}: playing ${jobs.length} runs in ${driver.version}`);

    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const { entry, locale } = jobs[next++];
        const t0 = Date.now();
        let result;
        try {
          result = await runStory(driver, baseUrl, entry, locale);
        } catch (err) {
          result = { ok: false, reasons: [`runner error: ${errorText(err)}`] };
        }
        const ms = Date.now() - t0;
        const pinned = result.effectiveLocale && result.effectiveLocale !== locale ? `, story pins locale ${result.effectiveLocale}` : '';
        const label = `${engine} ${entry.id} [${locale}]`;
        if (result.ok) {
          passed++;
          log(`ok   ${label} (${ms} ms${pinned})`);
        } else {
          failed++;
          log(`FAIL ${label} (${ms} ms${pinned}): ${result.reasons.join('; ')}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY[engine], jobs.length) }, worker));
  } catch (err) {
    log(`check-stories: ${engine}: ${err?.stack ?? err}`);
    failed = jobs.length - passed; // the runs that did not pass, or never ran
  } finally {
    await driver?.close().catch(() => {});
    if (server) {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
    }
  }
  return { passed, failed };
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
  const unknown = LOCALES.filter((l) => !ALL_LOCALES.includes(l));
  if (!LOCALES.length || unknown.length) {
    console.error(
      `check-stories: STORY_LOCALES must name some of ${ALL_LOCALES.join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}`,
    );
    return 1;
  }
  let engines;
  try {
    engines = selectedEngines();
  } catch (err) {
    console.error(`check-stories: ${err.message}`);
    return 1;
  }
  const missing = missingEngines(engines);
  if (missing) {
    console.error(`check-stories: ${missing}; or pick engines with BROWSERS=chromium,firefox,webkit`);
    return 1;
  }

  // Ctrl-C or a CI cancel: browsers, drivers and Xvfb are children of this process and end with it.
  const onSignal = (signal) => {
    console.error(`\ncheck-stories: ${signal}, stopping`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const jobs = stories.flatMap((entry) => LOCALES.map((locale) => ({ entry, locale })));
  console.log(`Playing ${stories.length} stories × ${LOCALES.length} locales (${jobs.length} runs) in ${engines.join(', ')}`);
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  const times = [];
  for (const engine of engines) {
    const t0 = Date.now();
    const result = await playIn(engine, jobs, (line) => console.log(line));
    passed += result.passed;
    failed += result.failed;
    times.push(`${engine} ${result.passed}/${jobs.length} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  console.log(`Time: ${((Date.now() - started) / 1000).toFixed(1)} s (${times.join('; ')})`);
  console.log(`Stories: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
