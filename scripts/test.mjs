#!/usr/bin/env node
// npm test: the plain-Node tests (test/node/*.test.mjs: published entries
// without a DOM, the mock server CLI and its Node adapter), then every browser
// test under @web/test-runner (web-test-runner.config.js picks the engines).
// Both run even when the first fails; the closing line sums them:
//   Tests: N passed, N failed, N skipped
// Extra arguments go to the test runner (e.g. npm test -- --files test/reducer.test.ts).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

/** Run a command, echo its output, and hand back what it printed on stdout. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
let failedRun = false;

const args = process.argv.slice(2);
if (args.length === 0) {
  const nodeTests = readdirSync('test/node')
    .filter((f) => f.endsWith('.test.mjs'))
    .map((f) => `test/node/${f}`);
  console.log(`\n--- Node tests (${nodeTests.length} files)`);
  const node = await run(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', ...nodeTests]);
  const count = (name) => Number(node.out.match(new RegExp(`^\\S*\\s*${name} (\\d+)`, 'm'))?.[1] ?? 0);
  total.passed += count('pass');
  total.failed += count('fail') + count('cancelled');
  total.skipped += count('skipped') + count('todo');
  if (node.code !== 0) {
    failedRun = true;
    if (count('fail') + count('cancelled') === 0) total.failed += 1; // failed outside any test
  }
}

console.log('\n--- Browser tests (@web/test-runner)');
const wtr = await run(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...args]);
const line = [...wtr.out.matchAll(/^Tests: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)].at(-1);
if (line) {
  total.passed += Number(line[1]);
  total.failed += Number(line[2]);
  total.skipped += Number(line[3]);
} else {
  total.failed += 1; // the runner died before it could count
}
if (wtr.code !== 0) failedRun = true;

console.log(`\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedRun || total.failed > 0 ? 1 : 0);
