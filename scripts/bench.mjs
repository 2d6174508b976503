#!/usr/bin/env node
/**
 * npm run bench: how fast <sspr-reset> shows its first field, what it costs, and how it compares
 * with the least a Lit form element can be (the floor), measured side by side in one run.
 *
 *   node scripts/bench.mjs [--runs N] [--latency MS] [--cycles N] [--quick] [--json FILE] [--snapshots DIR]
 *
 *   --runs N       cold loads of each page (default 11); medians are printed
 *   --latency MS   the API latency of the second widget row (default 150)
 *   --cycles N     mount/unmount cycles for the heap check (default 100)
 *   --quick        10 cycles after 5 (not 100 after 20) (CI: `--runs 2 --quick` proves the benchmark works;
 *                  its figures mean nothing)
 *   --json FILE    also write every sample, the medians and the run's conditions to FILE
 *   --snapshots DIR  write a heap snapshot before and after the cycles of each element to DIR
 *                  (<page>-before.heapsnapshot, <page>-after.heapsnapshot; compare them in DevTools' Memory panel)
 *
 * It serves, from one local HTTP server under a strict CSP (script-src 'self'; worker-src 'self';
 * Trusted Types), the BUILT files (`npm run build` first):
 *   /dist/**                 dist/ as static files (the single-file bundle and its lazy chunks; a copy
 *                            taken at the start, so a rebuild during the run cannot mix two builds)
 *   /bench/widget.html       the bundle and <sspr-reset api-base=…>, as a host page uses it
 *   /bench/floor.html        bench/floor-form.js, a minimal Lit form element, bundled here by esbuild
 *   /bench/plain.html        a plain HTML form (no script): the browser's own floor
 *   /bench/blank.html        an empty page: the heap every page starts with
 *   /api/<latency>-<n>/sspr  a fresh mock backend (dist/mock.js) per load, every answer delayed by <latency> ms
 *
 * Each load is cold: a fresh incognito browser context (empty cache, new renderer process) in one
 * headless Chromium (scripts/browsers.mjs). bench/probe.js, injected before the page's own scripts,
 * times the first `input[autocomplete="username"]` inside the host element (light or shadow DOM).
 * docs/performance.md says what each figure means, and keeps the latest ones.
 *
 * BENCH_DEBUG=1 also logs every API request with its time, and each load's duration metrics.
 *
 * Not a timed test: nothing here fails on a slow figure. It fails (exit 1) only when a page
 * cannot be measured: an error in the page, a CSP violation, a failed request, a step never shown.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { puppeteerLaunchOptions } from './browsers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = 'Usage: node scripts/bench.mjs [--runs N] [--latency MS] [--cycles N] [--quick] [--json FILE] [--snapshots DIR]';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    latency: { type: 'string', default: '150' },
    cycles: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    snapshots: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const whole = (flag, text, min) => {
  if (!/^\d+$/.test(text) || Number(text) < min) {
    console.error(`bench: ${flag} wants a whole number ≥ ${min}, not "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return Number(text);
};
const RUNS = whole('--runs', args.runs, 1);
const LATENCY = whole('--latency', args.latency, 1);
const CYCLES = whole('--cycles', args.cycles ?? (args.quick ? '10' : '100'), 1);
/** Mount/unmount cycles before the heap is first read. */
const WARM_CYCLES = args.quick ? 5 : 20;
/** How long any one thing may take before the load counts as broken. */
const TIMEOUT = 30_000;
const USER = 'adele@contoso.com';

for (const file of ['dist/sspr-reset.bundle.js', 'dist/mock.js', 'dist/mock-node.js']) {
  if (!existsSync(join(ROOT, file))) {
    console.error(`bench: ${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}
// A copy of dist/ taken now is what the run serves: a rebuild while it runs cannot mix two builds.
// Under node_modules/.cache, so the mock's own imports (zod) resolve from the copy as from dist/.
mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
const DIST = join(mkdtempSync(join(ROOT, 'node_modules', '.cache', 'sspr-bench-')), 'dist');
cpSync(join(ROOT, 'dist'), DIST, { recursive: true, filter: (from) => !from.endsWith('.map') && from !== join(ROOT, 'dist', 'types') });
const BUILT = statSync(join(DIST, 'sspr-reset.bundle.js')).mtime;
process.on('exit', () => rmSync(resolve(DIST, '..'), { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));
const { MockResetServer, createMockHandler } = await import(join(DIST, 'mock.js'));
const { createNodeListener } = await import(join(DIST, 'mock-node.js'));

// ---------------------------------------------------------------------------
// The floor's bundle: Lit and bench/floor-form.js, minified as the widget's bundle is.

const floorBuild = await build({
  entryPoints: [join(ROOT, 'bench/floor-form.js')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
});
const FLOOR_JS = Buffer.from(floorBuild.outputFiles[0].contents);

// ---------------------------------------------------------------------------
// The server: static files, the pages, and a fresh mock backend per load.

/** As strict as the CSP test's page (web-test-runner.config.js): no inline script, no eval, Trusted Types. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html sspr-reset',
].join('; ');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};
const STATIC = { '/dist/': DIST, '/bench/': join(ROOT, 'bench') };
const PAGES = new Set(['/bench/widget.html', '/bench/floor.html', '/bench/plain.html', '/bench/blank.html']);

/** Mock backends by `<latency>-<n>`: each load gets its own (no rate limit or lockout carries over). */
const backends = new Map();
function backend(key) {
  let listener = backends.get(key);
  if (!listener) {
    listener = createNodeListener(createMockHandler(new MockResetServer()), {
      onError: (error, { clientClosed }) => clientClosed || console.error(`bench: mock ${key}: ${error?.stack ?? error}`),
    });
    backends.set(key, listener);
  }
  return listener;
}

/** The file under `dir` that `rest` names, or null when it would leave `dir`. */
function fileUnder(dir, rest) {
  const file = resolve(dir, `.${sep}${rest}`);
  return file.startsWith(dir + sep) ? file : null;
}

/** Requests in flight, when the last one ended, and every answer ≥ 400 (a load with one is broken). */
const traffic = { inflight: 0, lastEnd: 0, failed: [] };
/** Until no request has been in flight for `quietMs`: the page's network is idle. */
async function networkIdle(quietMs = 100) {
  for (;;) {
    const wait = traffic.inflight ? quietMs : traffic.lastEnd + quietMs - performance.now();
    if (!traffic.inflight && wait <= 0) return;
    await new Promise((r) => setTimeout(r, Math.max(wait, 10)));
  }
}

const server = createServer(async (req, res) => {
  traffic.inflight += 1;
  res.on('close', () => {
    traffic.inflight -= 1;
    traffic.lastEnd = performance.now();
    if (res.statusCode >= 400) traffic.failed.push(`HTTP ${res.statusCode}: ${req.method} ${req.url}`);
  });
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    res.end(body);
  };
  try {
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    const api = /^\/api\/(\d+)-(\d+)\/sspr\//.exec(url.pathname);
    if (api) {
      const latency = Number(api[1]);
      if (process.env.BENCH_DEBUG) {
        const t0 = performance.now();
        res.on('finish', () =>
          console.error(`bench: ${req.method} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - t0)} ms`),
        );
      }
      setTimeout(() => backend(`${api[1]}-${api[2]}`)(req, res), latency);
      return;
    }
    const path = decodeURIComponent(url.pathname);
    // The browser asks for one on every page; the pages have none.
    if (path === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (path === '/bench/floor.bundle.js') return send(200, TYPES['.js'], FLOOR_JS);
    if (path === '/bench/widget.html') {
      const base = url.searchParams.get('api') ?? '';
      if (!/^\/api\/\d+-\d+\/sspr$/.test(base)) return send(400, 'text/plain', 'widget.html?api=/api/<latency>-<n>/sspr');
      const page = await readFile(join(ROOT, 'bench/widget.html'), 'utf8');
      return send(200, TYPES['.html'], page.replace('%API_BASE%', base));
    }
    const prefix = Object.keys(STATIC).find((p) => path.startsWith(p));
    const file = prefix && fileUnder(STATIC[prefix], path.slice(prefix.length));
    if (!file || (prefix === '/bench/' && !PAGES.has(path))) return send(404, 'text/plain', 'not found');
    const type = TYPES[extname(file)];
    if (!type) return send(404, 'text/plain', 'not found');
    return send(200, type, await readFile(file));
  } catch (error) {
    if (error?.code === 'ENOENT' || error?.code === 'EISDIR') return send(404, 'text/plain', 'not found');
    console.error(`bench: ${req.url}: ${error?.stack ?? error}`);
    return send(500, 'text/plain', 'server error');
  }
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

/** min+gzip bytes of a script the page fetched, by its path on the server. */
const gzipBytes = new Map();
function gzipOf(path) {
  if (!gzipBytes.has(path)) {
    const file = path === '/bench/floor.bundle.js' ? null : path.startsWith('/dist/') && fileUnder(STATIC['/dist/'], path.slice(6));
    const bytes = file === null ? FLOOR_JS : file && existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    gzipBytes.set(path, gzipSync(bytes, { level: 9 }).length);
  }
  return gzipBytes.get(path);
}
const jsGzip = (paths) => paths.reduce((n, p) => n + gzipOf(p), 0);

// ---------------------------------------------------------------------------
// Loading a page cold and measuring it.

const PROBE = readFileSync(join(ROOT, 'bench/probe.js'), 'utf8');

let sessions = 0;
const apiBase = (latency) => `/api/${latency}-${++sessions}/sspr`;

/** The pages measured, in the order of the table. */
const KINDS = [
  { id: 'blank', label: 'blank page', host: 'body', url: () => '/bench/blank.html', input: false },
  { id: 'plain', label: 'plain HTML form (no script)', host: 'body', url: () => '/bench/plain.html', input: true },
  { id: 'floor', label: 'Lit floor (minimal Lit form element)', host: 'floor-form', url: () => '/bench/floor.html', input: true },
  ...[0, LATENCY].map((latency) => ({
    id: `widget-${latency}`,
    label: `sspr-reset bundle, API ${latency} ms`,
    host: 'sspr-reset',
    url: () => `/bench/widget.html?api=${apiBase(latency)}`,
    input: true,
    widget: true,
    latency,
  })),
];

/** `promise`, or a rejection naming `what` after `limit` ms. */
function timed(promise, what, limit = TIMEOUT) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${limit / 1000} s`)), limit)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Page errors and console errors (CSP violations and failed loads among them): any one breaks the run;
 * answers ≥ 400 are caught by the server. (CDP's Network domain is off: it would add its own work and
 * memory to every request of the page measured.)
 */
function watch(page, label, problems) {
  page.on('pageerror', (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`${label}: console error: ${m.text()}`));
}

/**
 * The heap after two full garbage collections, in bytes (Runtime.getHeapUsage): `js`, V8's heap
 * (usedSize), and `dom`, Blink's objects (DOM nodes, style sheets: embedderHeapUsedSize).
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? NaN };
}

/** A page with the probe in it, in a fresh incognito context; `use(page, cdp)` measures, then the context closes. */
async function cold(browser, kind, use) {
  const context = await browser.createBrowserContext();
  const problems = [];
  try {
    const page = await context.newPage();
    watch(page, kind.label, problems);
    await page.evaluateOnNewDocument(`globalThis.__BENCH_HOST__ = ${JSON.stringify(kind.host)};\n${PROBE}`);
    const cdp = await page.createCDPSession();
    // Durations in the main thread's CPU time, not wall time: a busy machine stretches them less.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const url = ORIGIN + kind.url();
    await timed(page.goto(url, { waitUntil: 'load', timeout: TIMEOUT }), `${kind.label}: loading ${url}`);
    const result = await use(page, cdp);
    problems.push(...traffic.failed.splice(0).map((f) => `${kind.label}: ${f}`));
    if (problems.length) throw new Error(problems.join('\n'));
    return result;
  } finally {
    await context.close();
  }
}

/** One cold load of `kind`: every per-load figure. */
function measure(browser, kind) {
  return cold(browser, kind, async (page, cdp) => {
    const sample = {};
    const bench = (what, fn, ...a) => timed(page.evaluate(fn, ...a), `${kind.label}: ${what}`);
    // Main-thread script is read before the harness runs any script of its own in the page: once the
    // page has fetched nothing for a while (its config answer, its lazy chunks), it has done its work.
    await timed(networkIdle(150), `${kind.label}: network idle`);
    const { metrics } = await cdp.send('Performance.getMetrics');
    sample.script = (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000;
    if (process.env.BENCH_DEBUG) console.error(`bench: ${kind.id} ${JSON.stringify(metrics.filter((m) => /Duration/.test(m.name)))}`);
    if (kind.input) {
      const first = await bench('first input', () => globalThis.__bench.firstInput);
      Object.assign(sample, {
        firstInput: first.inDom,
        painted: first.painted,
        jsBeforeInput: jsGzip(first.scripts),
        apiBeforeInput: first.api,
      });
    }
    await bench('settling', () => globalThis.__bench.settled());
    const heap = await heapAfterGc(cdp);
    sample.heap = heap.js;
    sample.domHeap = heap.dom;
    sample.jsLoaded = jsGzip(await bench('scripts', () => globalThis.__bench.scripts()));
    if (kind.widget) {
      sample.toMethods = (await bench('identify → methods', (u) => globalThis.__bench.identify(u), USER)).painted;
      sample.toCode = (await bench('method → code', () => globalThis.__bench.chooseMethod('mail'))).painted;
    }
    return sample;
  });
}

/** With --snapshots DIR: a heap snapshot, to DIR/<name>.heapsnapshot. */
async function snapshot(cdp, name) {
  if (!args.snapshots) return;
  mkdirSync(args.snapshots, { recursive: true });
  const chunks = [];
  const collect = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  writeFileSync(join(args.snapshots, `${name}.heapsnapshot`), chunks.join(''));
}

/**
 * The host element mounted and unmounted `count` times in one page, after `warm` cycles not counted
 * (the modules, the locale and the compiled code of a hot function stay for the page's life): the
 * heap retained, and a warm mount's time to its first field.
 */
function cycles(browser, kind, count, warm) {
  return cold(browser, kind, async (page, cdp) => {
    const bench = (what, fn, ...a) => timed(page.evaluate(fn, ...a), `${kind.label}: ${what}`);
    await bench('first input', () => globalThis.__bench.firstInput);
    await bench('settling', () => globalThis.__bench.settled());
    const attributes = await bench('attributes', () => globalThis.__bench.attributes());
    await bench('unmount', () => globalThis.__bench.unmountAll());
    const run = (n, what) =>
      timed(
        page.evaluate((c, a) => globalThis.__bench.cycles(c, a), n, attributes),
        `${kind.label}: ${what} (each waits for the first field and the requests)`,
        TIMEOUT + n * 2000,
      );
    await run(warm, `${warm} warm-up cycles`);
    const before = await heapAfterGc(cdp);
    await snapshot(cdp, `${kind.id}-before`);
    const times = await run(count, `${count} mount/unmount cycles`);
    const after = await heapAfterGc(cdp);
    await snapshot(cdp, `${kind.id}-after`);
    // Every instance of the element's class still alive (queryObjects collects garbage first): 0 when unmounting frees it.
    const prototype = await page.evaluateHandle((tag) => globalThis.customElements.get(tag).prototype, kind.host);
    const instances = await page.queryObjects(prototype);
    const alive = await instances.evaluate((list) => list.length);
    await Promise.all([prototype.dispose(), instances.dispose()]);
    return {
      mounts: warm + count + 1,
      alive,
      before,
      after,
      js: (after.js - before.js) / count,
      dom: (after.dom - before.dom) / count,
      warmMount: median(times),
    };
  });
}

// ---------------------------------------------------------------------------
// Statistics and the report.

/** The q-quantile (0…1) of the finite values, interpolated between the nearest two. */
function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
const median = (xs) => quantile(xs, 0.5);
const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : '—');
const kB = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : '—');
const MiB = (bytes) => (Number.isFinite(bytes) ? `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 2 ** 20).toFixed(2)} MiB` : '—');
const bytes = (x) => (Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.round(Math.abs(x))} B` : '—');
const times = (x, floor) => (Number.isFinite(x) && Number.isFinite(floor) && floor > 0 ? ` (${(x / floor).toFixed(2)}×)` : '');

function git(...a) {
  try {
    return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------

const command = `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim();
const startedAt = new Date();
const loadBefore = os.loadavg();
const browser = await puppeteer.launch({ ...puppeteerLaunchOptions('chromium'), networkEnabled: false, issuesEnabled: false });
const samples = Object.fromEntries(KINDS.map((k) => [k.id, []]));
let cycleResults;
try {
  const version = await browser.version();
  console.error(`bench: ${version}, ${RUNS} cold load(s) of each page, API latency 0 and ${LATENCY} ms, ${CYCLES} cycles; ${ORIGIN}`);
  // One load of each page first, not counted: the browser's own start-up costs stay out of the figures.
  for (const kind of KINDS) await measure(browser, kind);
  for (let run = 0; run < RUNS; run++) {
    // A different page first each run, so a slow moment of a shared machine falls on each page alike.
    for (let i = 0; i < KINDS.length; i++) {
      const kind = KINDS[(i + run) % KINDS.length];
      samples[kind.id].push(await measure(browser, kind));
    }
    console.error(`bench: run ${run + 1}/${RUNS} done`);
  }
  cycleResults = {};
  for (const kind of KINDS.filter((k) => k.host !== 'body')) cycleResults[kind.id] = await cycles(browser, kind, CYCLES, WARM_CYCLES);
  const loadAfter = os.loadavg();

  const med = (id, key) => median(samples[id].map((s) => s[key]));
  const blankHeap = med('blank', 'heap');
  // The probe and the harness run some script in every page, the blank one too: not the page's.
  const blankScript = med('blank', 'script');
  const floor = {
    firstInput: med('floor', 'firstInput'),
    painted: med('floor', 'painted'),
    script: med('floor', 'script') - blankScript,
    heap: med('floor', 'heap') - blankHeap,
  };
  const rows = KINDS.filter((k) => k.input).map((kind) => {
    const m = (key) => med(kind.id, key);
    const ratio = kind.id !== 'floor';
    const heap = m('heap') - blankHeap;
    return [
      kind.label,
      `${kB(m('jsBeforeInput'))}${m('jsLoaded') > m('jsBeforeInput') ? ` (${kB(m('jsLoaded'))} by idle)` : ''}`,
      ms(m('firstInput')) + (ratio ? times(m('firstInput'), floor.firstInput) : ''),
      ms(m('painted')) + (ratio ? times(m('painted'), floor.painted) : ''),
      ms(m('script') - blankScript) + (ratio ? times(m('script') - blankScript, floor.script) : ''),
      MiB(heap) + (ratio ? times(heap, floor.heap) : ''),
      kind.widget ? `${m('apiBeforeInput')}` : '—',
      kind.widget ? ms(m('toMethods')) : '—',
      kind.widget ? ms(m('toCode')) : '—',
    ];
  });
  const head = [
    'page',
    'JS gzip before first input',
    'first input in DOM',
    'form painted',
    'main-thread script (beyond blank)',
    'heap after GC (vs blank)',
    'API answers before first input',
    'identify → methods',
    'method → code',
  ];
  const medians = Object.fromEntries(
    KINDS.map((k) => [k.id, Object.fromEntries(Object.keys(samples[k.id][0] ?? {}).map((key) => [key, med(k.id, key)]))]),
  );
  const cpu = os.cpus();
  const lines = [
    `sspr-reset benchmark · ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src').length ? ' (src/ has uncommitted changes)' : ''} · dist/ built ${BUILT.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `${version} headless · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'} · Node ${process.version} · load average ${loadBefore[0].toFixed(2)} → ${loadAfter[0].toFixed(2)}`,
    `\`${command}\`: medians of ${RUNS} cold load(s) per page (fresh incognito context each); ratios (×) against the Lit floor in this run`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Mount/unmount: ${CYCLES} cycles after ${WARM_CYCLES} not counted; elements still alive, heap retained per cycle (after GC; JS heap, DOM heap), a warm mount's first input in DOM:`,
    ...Object.entries(cycleResults).map(
      ([id, c]) =>
        `- ${KINDS.find((k) => k.id === id).label}: ${c.alive} of ${c.mounts} elements alive after GC; ${bytes(c.js)} JS, ${bytes(c.dom)} DOM per cycle; warm mount ${ms(c.warmMount)}`,
    ),
    '',
    `First input in DOM, spread over the ${RUNS} loads (min · 25th percentile · median · 75th · max), and the ratio of the minimums (the least disturbed loads):`,
    ...KINDS.filter((k) => k.input).map((k) => {
      const xs = samples[k.id].map((x) => x.firstInput);
      const floorMin = quantile(
        samples.floor.map((x) => x.firstInput),
        0,
      );
      return `- ${k.label}: ${[0, 0.25, 0.5, 0.75, 1].map((q) => Math.round(quantile(xs, q))).join(' · ')} ms${k.id === 'floor' ? '' : `; minimums ${(quantile(xs, 0) / floorMin).toFixed(2)}×`}`;
    }),
    '',
    `First input in DOM against the floor (issue 14: at most 1.3×, and unchanged with API latency): ${KINDS.filter((k) => k.widget)
      .map((k) => `${(med(k.id, 'firstInput') / floor.firstInput).toFixed(2)}× with API ${k.latency} ms`)
      .join(', ')}.`,
  ];
  console.log(lines.join('\n'));
  if (args.json) {
    writeFileSync(
      args.json,
      `${JSON.stringify({ command, startedAt, version, cpus: cpu.length, loadBefore, loadAfter, runs: RUNS, latency: LATENCY, cycles: CYCLES, medians, samples, cycleResults }, null, 2)}\n`,
    );
    console.error(`bench: every sample in ${args.json}`);
  }
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
  server.closeAllConnections();
}
