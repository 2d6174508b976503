#!/usr/bin/env node
// Start a long-running command as a person would, wait until every URL
// answers 200, then stop it (and everything it started). CI uses it to prove
// that the README's `npm start` and `npm run storybook` really serve.
//
//   node scripts/smoke.mjs [--timeout 120] --url URL [--url URL …] [--then 'CHECK'] -- COMMAND [ARGS …]
//
// With --then, CHECK (a shell command, e.g. a browser walk of the page) runs
// once the URLs answer, before the command is stopped; it must exit 0.
// Exits 0 when all URLs answered in time (and CHECK passed), 1 otherwise
// (printing the command's output), 1 if the command exited early.
import { spawn, spawnSync } from 'node:child_process';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (dash < 0 || dash === argv.length - 1) {
  console.error('usage: node scripts/smoke.mjs [--timeout S] --url URL [--url URL …] -- COMMAND [ARGS …]');
  process.exit(2);
}
const urls = [];
let timeoutS = 120;
let then = null;
for (let i = 0; i < dash; i += 2) {
  if (argv[i] === '--url') urls.push(argv[i + 1]);
  else if (argv[i] === '--timeout') timeoutS = Number(argv[i + 1]);
  else if (argv[i] === '--then') then = argv[i + 1];
  else {
    console.error(`smoke: unknown option ${argv[i]}`);
    process.exit(2);
  }
}
const [cmd, ...args] = argv.slice(dash + 1);
const label = [cmd, ...args].join(' ');

// Its own process group, so stopping it stops npm, vite and any child they started.
const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (c) => (output += c));
child.stderr.on('data', (c) => (output += c));
let exited = null;
child.on('exit', (code, signal) => (exited = { code, signal }));

const stop = async () => {
  if (exited) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
  if (!exited) process.kill(-child.pid, 'SIGKILL');
};

const started = Date.now();
const pending = new Set(urls);
const statuses = new Map();
while (pending.size > 0 && !exited && Date.now() - started < timeoutS * 1000) {
  for (const url of [...pending]) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      statuses.set(url, res.status);
      await res.arrayBuffer();
      if (res.ok) pending.delete(url);
    } catch (error) {
      statuses.set(url, error.cause?.code ?? error.name);
    }
  }
  if (pending.size > 0) await new Promise((r) => setTimeout(r, 500));
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const early = exited;
const checked = pending.size === 0 && then ? spawnSync(then, { shell: true, stdio: 'inherit' }).status === 0 : true;
await stop();

if (pending.size === 0 && checked) {
  console.log(`smoke: \`${label}\` served ${urls.join(', ')} within ${seconds} s${then ? `, \`${then}\` passed` : ''}, then stopped`);
  process.exit(0);
}
if (pending.size === 0) {
  console.error(output.trimEnd());
  console.error(`smoke: \`${then}\` failed against \`${label}\``);
  process.exit(1);
}
console.error(output.trimEnd());
if (early) console.error(`smoke: \`${label}\` exited early (code ${early.code}, signal ${early.signal})`);
for (const url of pending) console.error(`smoke: ${url} never answered 200 (last: ${statuses.get(url) ?? 'no answer'}) in ${seconds} s`);
process.exit(1);
