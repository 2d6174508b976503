// @web/test-runner in the system Chromium (Debian's /usr/bin/chromium, or CHROME_PATH).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

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
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 10 * 60 * 1000,
};
