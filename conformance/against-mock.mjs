#!/usr/bin/env node
/**
 * `npm run conformance`: start the reference backend (`sspr-reset-mock`) on a
 * free port of 127.0.0.1, run the conformance kit against it with the mock's
 * outbox as the test hook and a local page origin for CORS, stop the mock,
 * and exit with the kit's code. Extra arguments go to the kit (`-- --junit
 * report.xml`). Needs dist/ (`npm run build`).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mockBin = fileURLToPath(new URL('../bin/sspr-reset-mock.js', import.meta.url));
const kitBin = fileURLToPath(new URL('../bin/sspr-reset-conformance.js', import.meta.url));

const mock = spawn(process.execPath, [mockBin, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const stopMock = () => {
  if (mock.exitCode === null && mock.signalCode === null) mock.kill('SIGTERM');
};
process.on('exit', stopMock);

const base = await new Promise((resolve, reject) => {
  let seen = '';
  const timer = setTimeout(() => reject(new Error(`the mock did not start within 15 s:\n${seen}`)), 15_000);
  mock.stdout.setEncoding('utf8');
  const onData = (/** @type {string} */ text) => {
    seen += text;
    const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
    if (match) {
      clearTimeout(timer);
      mock.stdout.off('data', onData);
      mock.stdout.resume(); // the messages it prints from now on are not needed
      resolve(match[1]);
    }
  };
  mock.stdout.on('data', onData);
  mock.once('exit', (code) => reject(new Error(`the mock exited with ${code} before it listened:\n${seen}`)));
}).catch((error) => {
  process.stderr.write(`conformance: ${error.message}\n`);
  process.exit(2);
});

process.stdout.write(`conformance: the reference backend (sspr-reset-mock) is on ${base}\n`);
const kit = spawn(
  process.execPath,
  [kitBin, '--base-url', base, '--outbox-url', `${base}/mock/state`, '--origin', 'http://localhost:5173', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
const [code] = await new Promise((resolve) => kit.once('exit', (...args) => resolve(args)));
stopMock();
process.exitCode = code ?? 1;
