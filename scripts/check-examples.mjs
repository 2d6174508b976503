#!/usr/bin/env node
/**
 * The example apps in examples/, as a person would use the published package:
 * pack it (`npm pack`), install the tarball into each example with its own
 * committed lockfile (`npm ci`), type-check it strictly and build it, then
 * serve it on 127.0.0.1 and, in headless Chromium, complete one password
 * reset on the in-page mock: adele@contoso.com, the mock captcha, the email
 * method, the code from the example's mock inbox, a new password, the done
 * screen, and the host page's own `sspr-complete` handler.
 *
 *   npm run test:examples                        all examples
 *   node scripts/check-examples.mjs react vue    only these
 *   node scripts/check-examples.mjs --build      rebuild dist/ first (else only when it is missing)
 *   node scripts/check-examples.mjs --update-locks
 *       refresh each example's package-lock.json (npm install) after its
 *       package.json changed or the library's dependencies did; then commit them
 *
 * The tarball is written to .pack/sspr-reset.tgz (no version in the name, so
 * the examples' `file:` dependency never changes). Its `integrity` is kept out
 * of the examples' lockfiles, because the tarball changes with every build;
 * everything else in them is pinned.
 *
 * Ends with a plain `Examples: N passed, N failed` line; exits 1 on any failure.
 * A failed browser run leaves a screenshot in .pack/.
 */
/* global document, customElements -- the page.evaluate() and waitForFunction() callbacks run in the page */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, renameSync, rmSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PACK_DIR = join(ROOT, '.pack');
const TARBALL = join(PACK_DIR, 'sspr-reset.tgz');
const STEP_TIMEOUT_MS = 15_000;

// The shared Chromium path and flags (scripts/browsers.mjs; scripts/chromium.mjs before it).
const { CHROME_PATH, CHROME_ARGS } = await import(existsSync(join(ROOT, 'scripts/browsers.mjs')) ? './browsers.mjs' : './chromium.mjs');

/**
 * Each example: how to check and build it, what to serve, and the pages to
 * walk through (a path under the served root).
 */
const EXAMPLES = {
  html: { check: ['run', 'typecheck'], build: null, serve: '.', pages: ['/'] },
  react: {
    check: ['run', 'typecheck'],
    build: ['exec', '--', 'vite', 'build', '--logLevel', 'warn'],
    serve: 'dist',
    pages: ['/', '/?bare'],
  },
  vue: { check: ['run', 'typecheck'], build: ['exec', '--', 'vite', 'build', '--logLevel', 'warn'], serve: 'dist', pages: ['/'] },
};

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in EXAMPLES));
if (unknown.length) {
  console.error(`unknown example ${unknown.join(', ')} (known: ${Object.keys(EXAMPLES).join(', ')})`);
  process.exit(2);
}
const selected = names.length ? names : Object.keys(EXAMPLES);

const results = [];
function record(name, ok, seconds, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds.toFixed(1)} s)${detail ? `\n${indent(detail)}` : ''}`);
}
const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `     ${l}`)
    .join('\n');

/** Run a command; resolves { ok, output } (stdout and stderr together), never throws. */
function run(cmd, cmdArgs, cwd) {
  return new Promise((resolveRun) => {
    execFile(
      cmd,
      cmdArgs,
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolveRun({ ok: !error, output: `${stdout}${stderr}`.trim() || String(error?.message ?? '') });
      },
    );
  });
}

/** Time a step and record it; returns whether it passed. */
async function step(name, fn) {
  const start = performance.now();
  let result;
  try {
    result = await fn();
  } catch (error) {
    result = { ok: false, output: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  const { ok } = result;
  const detail = ok ? '' : result.output;
  record(name, ok, (performance.now() - start) / 1000, detail.split('\n').slice(-60).join('\n'));
  return ok;
}

// ---------------------------------------------------------------------------
// The package

/** The files the package's exports and web-types point at. */
function packagedFiles() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  if (pkg['web-types']) targets.add(pkg['web-types']);
  return [...targets].filter((t) => !t.includes('*'));
}

async function pack() {
  const missing = packagedFiles().filter((f) => !existsSync(join(ROOT, f)));
  if (flags.has('--build') || missing.some((f) => f.startsWith('./dist/'))) {
    const built = await run('npm', ['run', 'build'], ROOT);
    if (!built.ok) return built;
  }
  const stillMissing = packagedFiles().filter((f) => !existsSync(join(ROOT, f)));
  if (stillMissing.length) return { ok: false, output: `the package's exports name missing files: ${stillMissing.join(', ')}` };
  mkdirSync(PACK_DIR, { recursive: true });
  const packed = await run('npm', ['pack', '--json', '--pack-destination', PACK_DIR], ROOT);
  if (!packed.ok) return packed;
  const jsonStart = packed.output.indexOf('[');
  const [info] = JSON.parse(packed.output.slice(jsonStart));
  renameSync(join(PACK_DIR, info.filename), TARBALL);
  return { ok: true, output: '' };
}

// ---------------------------------------------------------------------------
// Installing, checking, building

const lockPath = (name) => join(ROOT, 'examples', name, 'package-lock.json');

/** Drop the tarball's integrity from a lockfile (it changes with every build). */
function stripTarballIntegrity(name) {
  const lock = JSON.parse(readFileSync(lockPath(name), 'utf8'));
  const entry = lock.packages?.['node_modules/sspr-reset'];
  if (entry && 'integrity' in entry) {
    delete entry.integrity;
    writeFileSync(lockPath(name), JSON.stringify(lock, null, 2) + '\n');
  }
}

async function install(name) {
  const cwd = join(ROOT, 'examples', name);
  if (flags.has('--update-locks')) {
    const result = await run('npm', ['install', '--no-audit', '--no-fund'], cwd);
    if (result.ok) stripTarballIntegrity(name);
    return result;
  }
  if (!existsSync(lockPath(name)))
    return {
      ok: false,
      output: `examples/${name}/package-lock.json is missing: run node scripts/check-examples.mjs --update-locks ${name}`,
    };
  const lock = JSON.parse(readFileSync(lockPath(name), 'utf8'));
  if (lock.packages?.['node_modules/sspr-reset']?.integrity) {
    return {
      ok: false,
      output: `examples/${name}/package-lock.json pins the tarball's integrity, which changes with every build: run node scripts/check-examples.mjs --update-locks ${name}`,
    };
  }
  const result = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], cwd);
  if (!result.ok && /lock file|package-lock\.json|in sync/i.test(result.output)) {
    result.output += `\n(If examples/${name}/package.json or the library's dependencies changed: node scripts/check-examples.mjs --update-locks ${name})`;
  }
  return result;
}

// ---------------------------------------------------------------------------
// Serving

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** A static server for one folder on 127.0.0.1 (a free port); /favicon.ico answers 204. */
function serve(root) {
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
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
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-store',
      });
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveServer(server));
  });
}

// ---------------------------------------------------------------------------
// One reset in the browser, as a person does it

const USERNAME = 'adele@contoso.com';
const NEW_PASSWORD = 'Blue-Harbor-2741!';

/** The input whose label reads `label` (a string, or a RegExp source between slashes). */
async function field(page, label) {
  const handle = await page.waitForFunction(
    (label) => {
      const host = document.querySelector('sspr-reset');
      const match = (text) => (label.startsWith('/') ? new RegExp(label.slice(1, -1)).test(text) : text === label);
      for (const l of host?.querySelectorAll('label') ?? []) {
        if (match(l.textContent.trim().replace(/\s+/g, ' '))) return l.control ?? l.querySelector('input');
      }
      return null;
    },
    { timeout: STEP_TIMEOUT_MS },
    label,
  );
  return handle.asElement();
}

/** The button (or link) of the widget that reads `text`. */
async function button(page, text) {
  const handle = await page.waitForFunction(
    (text) =>
      [...(document.querySelector('sspr-reset')?.querySelectorAll('button, a') ?? [])].find((b) => b.textContent.trim() === text) ?? null,
    { timeout: STEP_TIMEOUT_MS },
    text,
  );
  return handle.asElement();
}

async function untilStep(page, name) {
  await page
    .waitForFunction((name) => document.querySelector('sspr-reset')?.step === name, { timeout: STEP_TIMEOUT_MS }, name)
    .catch(async () => {
      const at = await page.evaluate(() => {
        const el = document.querySelector('sspr-reset');
        if (!el) return 'no <sspr-reset> in the page';
        if (!customElements.get('sspr-reset')) return '<sspr-reset> is in the page but not defined';
        return `it is at "${el.step}"`;
      });
      throw new Error(`the widget did not reach the "${name}" step: ${at}`);
    });
}

/** The newest email code in the example's mock inbox. */
async function emailCode(page) {
  const handle = await page.waitForFunction(
    () => [...document.querySelectorAll('#outbox [data-channel="email"][data-code]')].at(-1)?.getAttribute('data-code') ?? null,
    { timeout: STEP_TIMEOUT_MS },
  );
  return handle.jsonValue();
}

async function resetPassword(page) {
  await untilStep(page, 'identify');
  await (await field(page, 'User ID')).type(USERNAME);
  await (await field(page, '/not a robot/')).click();
  await (await button(page, 'Next')).click();
  await untilStep(page, 'methods');
  await (await field(page, '/Email my alternate/')).click();
  await (await button(page, 'Continue')).click();
  await untilStep(page, 'challenge');
  const code = await emailCode(page);
  await (await field(page, 'Verification code')).type(code);
  await (await button(page, 'Verify')).click();
  await untilStep(page, 'password');
  await (await field(page, 'New password')).type(NEW_PASSWORD);
  await (await field(page, 'Confirm new password')).type(NEW_PASSWORD);
  await (await button(page, 'Reset password')).click();
  await untilStep(page, 'done');
  const title = await page.evaluate(() =>
    document.querySelector('sspr-reset')?.shadowRoot?.querySelector('[part~="title"]')?.textContent?.trim(),
  );
  if (title !== 'Your password has been reset') throw new Error(`done screen title: ${JSON.stringify(title)}`);
  // The host page's own sspr-complete handler ran (the framework wired the event).
  await page
    .waitForFunction(() => document.querySelector('#host-status')?.textContent?.startsWith('Password reset'), { timeout: STEP_TIMEOUT_MS })
    .catch(async () => {
      const text = await page.evaluate(() => document.querySelector('#host-status')?.textContent);
      throw new Error(`the page's sspr-complete handler did not run (#host-status: ${JSON.stringify(text)})`);
    });
}

async function browse(browser, baseUrl, path, screenshotName) {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  try {
    await page.setViewport({ width: 800, height: 1000 });
    await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
    await resetPassword(page);
    if (problems.length) return { ok: false, output: problems.join('\n') };
    return { ok: true, output: '' };
  } catch (error) {
    const shot = join(PACK_DIR, `${screenshotName}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    return { ok: false, output: [error instanceof Error ? error.message : String(error), ...problems, `screenshot: ${shot}`].join('\n') };
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------

const packed = await step('pack: npm pack → .pack/sspr-reset.tgz', pack);
const ready = [];
if (packed) {
  for (const name of selected) {
    const example = EXAMPLES[name];
    const cwd = join(ROOT, 'examples', name);
    if (!(await step(`${name}: ${flags.has('--update-locks') ? 'npm install (lockfile updated)' : 'npm ci'}`, () => install(name))))
      continue;
    if (!(await step(`${name}: type check (npm ${example.check.join(' ')})`, () => run('npm', example.check, cwd)))) continue;
    if (example.build) {
      rmSync(join(cwd, 'dist'), { recursive: true, force: true });
      if (!(await step(`${name}: build (vite build)`, () => run('npm', example.build, cwd)))) continue;
    }
    ready.push(name);
  }
}

if (ready.length) {
  const browser = await puppeteer.launch({ executablePath: CHROME_PATH, headless: true, args: [...CHROME_ARGS, '--lang=en-US'] });
  try {
    for (const name of ready) {
      const example = EXAMPLES[name];
      const server = await serve(resolve(ROOT, 'examples', name, example.serve));
      const baseUrl = `http://127.0.0.1:${server.address().port}`;
      try {
        for (const path of example.pages) {
          const label = `${name}${path === '/' ? '' : ` ${path}`}`;
          await step(`${label}: one reset on the mock in Chromium`, () =>
            browse(browser, baseUrl, path, `example-${name}${path.replace(/\W+/g, '-')}`.replace(/-$/, '')),
          );
        }
      } finally {
        server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`Examples: ${passed} passed, ${failed} failed`);
process.exit(failed || !packed ? 1 : 0);
