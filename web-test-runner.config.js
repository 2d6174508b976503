// @web/test-runner in the system Chromium (Debian's /usr/bin/chromium, or CHROME_PATH).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, CHROME_PATH } from './scripts/chromium.mjs';

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

/** A strict policy: no inline script or style, no eval, Trusted Types for DOM sinks (Lit's policy only). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws:",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export default {
  files: ['test/**/*.test.ts', '!test/csp.test.ts'],
  groups: [
    {
      name: 'csp',
      files: 'test/csp.test.ts',
      testRunnerHtml: (testFramework) =>
        `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}"></head>` +
        `<body><script src="/test/csp-recorder.js"></script><script type="module" src="${testFramework}"></script></body></html>`,
    },
  ],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  concurrency: 1,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROME_PATH,
        headless: true,
        args: CHROME_ARGS,
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter()],
  testsFinishTimeout: 10 * 60 * 1000,
};
