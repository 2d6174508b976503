// @web/test-runner in three engines from Debian's packages (scripts/browsers.mjs):
// Chromium and Firefox ESR through puppeteer-core, WebKitGTK's MiniBrowser through
// WebKitWebDriver in a private Xvfb display. BROWSERS=chromium,firefox,webkit (any
// subset) picks engines for a quick local run; unset, all three run, as in CI.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { WEBKIT_CAPABILITIES, missingEngines, puppeteerLaunchOptions, selectedEngines, startWebKit } from './scripts/browsers.mjs';

const ENGINES = selectedEngines();
const missing = missingEngines(ENGINES);
if (missing) throw new Error(`web-test-runner.config.js: ${missing}; or pick engines with BROWSERS=chromium,firefox,webkit`);

/** WebKit: starts Xvfb and WebKitWebDriver with the run, stops them with it. */
class WebKitLauncher extends WebdriverLauncher {
  constructor() {
    // WebDriver classic: WebKitWebDriver matches no session that asks for BiDi, which webdriverio does by default.
    const capabilities = { ...WEBKIT_CAPABILITIES, 'wdio:enforceWebDriverClassic': true };
    super({ hostname: '127.0.0.1', port: 0, path: '/', capabilities, logLevel: 'error' });
  }

  async initialize(config) {
    await super.initialize(config);
    this.name = 'WebKit';
    this.webkit = await startWebKit();
    this.options.port = this.webkit.port;
  }

  async stop() {
    await super.stop();
    await this.webkit?.stop();
    this.webkit = undefined;
  }
}

const LAUNCHERS = {
  // puppeteer-core passed in: the launcher is then named after the engine (Chromium, Firefox).
  chromium: () => chromeLauncher({ puppeteer: puppeteerCore, launchOptions: puppeteerLaunchOptions('chromium') }),
  firefox: () => chromeLauncher({ puppeteer: puppeteerCore, launchOptions: puppeteerLaunchOptions('firefox') }),
  webkit: () => new WebKitLauncher(),
};

/** A plain closing line ("Tests: N passed, N failed, N skipped") for CI logs and people. */
function summaryReporter() {
  return {
    stop({ sessions }) {
      const count = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        for (const test of suite.tests) count[test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed'] += 1;
        suite.suites.forEach(walk);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test counts as a failure.
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) count.failed += 1;
      }
      console.log(`\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
    },
  };
}

/**
 * A strict policy: no inline script or style, no eval, Trusted Types for DOM
 * sinks (Lit's policy, and the widget's sspr-reset policy for the ALTCHA
 * worker's URL), workers from the page's origin only.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws:",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html sspr-reset',
].join('; ');

/**
 * A slow network for the later steps, on demand: while the page has the cookie
 * `sspr-hold-later-steps=1`, the modules of the later steps are held until the page asks
 * `/__release-later-steps` (test/pending-step.test.ts: what a person sees who presses Next
 * before those steps' code has arrived). One page runs at a time (concurrency 1).
 */
function holdLaterSteps() {
  const held = new Set();
  const LATER = /^\/src\/steps\/(methods|challenge|password|done)\.ts$/;
  return async (ctx, next) => {
    if (ctx.path === '/__release-later-steps') {
      for (const release of held) release();
      held.clear();
      ctx.body = 'released';
      return;
    }
    if (!LATER.test(ctx.path)) return next();
    // The runner lets browsers cache every file for a year (its cacheMiddleware, which sets the header
    // once the response is made): a copy an earlier test file fetched would be reused without a
    // request, and could not be held. These four modules are never cached.
    const set = ctx.response.set.bind(ctx.response);
    ctx.response.set = (field, value) => set(field, String(field).toLowerCase() === 'cache-control' ? 'no-store' : value);
    if (/(^|;\s*)sspr-hold-later-steps=1/.test(ctx.get('cookie'))) await new Promise((resolve) => held.add(resolve));
    await next();
    ctx.set('cache-control', 'no-store');
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/csp.test.ts', '!test/csp-altcha.test.ts'],
  groups: [
    {
      name: 'csp',
      files: ['test/csp.test.ts', 'test/csp-altcha.test.ts'],
      testRunnerHtml: (testFramework) =>
        `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}"></head>` +
        `<body><script src="/test/csp-recorder.js"></script><script type="module" src="${testFramework}"></script></body></html>`,
    },
  ],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  middleware: [holdLaterSteps()],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  concurrency: 1,
  // One engine at a time, one file at a time: the machine has 2 cores, and a busy one makes timing flaky.
  concurrentBrowsers: 1,
  browsers: ENGINES.map((engine) => LAUNCHERS[engine]()),
  // Firefox and WebKit take seconds to start, and WebKit opens a MiniBrowser per run.
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter()],
  // Lit's development build (the 'development' export condition, for its extra checks) says so
  // once per test file: noise in every run. Every other browser log, warning and error is shown.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode.')),
  testsFinishTimeout: 10 * 60 * 1000,
};
