#!/usr/bin/env node
// sspr-reset-conformance: checks a live backend against the MUST rules of
// protocol v1 (docs/protocol.md), citing each rule's number. Exit 0 when
// every checked MUST rule held, 1 when one failed, 2 on a usage error or an
// unreachable backend. See docs/conformance.md.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const USAGE = `Usage: sspr-reset-conformance --base-url URL [options]

Runs the MUST rules of sspr-reset protocol v1 against a live backend (a test
deployment: the kit starts flows, sends codes, locks unknown usernames and
resets the test users' passwords).

Options:
  --base-url URL         The API base (the widget's api-base), e.g. https://id.test.contoso.com/sspr
  --users FILE           Test users JSON (default: the reference mock's seed users)
  --outbox-url URL       Test hook: GET URL answers {"outbox": [{username, channel, code, id?}, ...]}
  --outbox-command CMD   Test hook: a shell command that prints the latest message for
                         $SSPR_USERNAME on $SSPR_CHANNEL (email|sms), $SSPR_ADDRESS
  --origin ORIGIN        An allowed page origin: check CORS (P-37 to P-42)
  --clock-url URL        POST {"advanceMs": N} moves the backend's clock: check expiry
  --wait-expiry          Check expiry by waiting for it (up to 15 minutes)
  --junit FILE           Write JUnit XML
  --tap FILE             Write TAP
  --timing-samples N     Flow starts timed per kind of username (default 12)
  --timing-bound MS      Largest allowed difference of median times (default 30)
  --max-wait S           Longest real wait, for a resend cooldown (default 45)
  -q, --quiet            Print only the summary
  -h, --help             Show this help`;

function usageError(/** @type {string} */ message) {
  process.stderr.write(`sspr-reset-conformance: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** @type {Record<string, any>} */
let values = {};
try {
  ({ values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      users: { type: 'string' },
      'outbox-url': { type: 'string' },
      'outbox-command': { type: 'string' },
      origin: { type: 'string' },
      'clock-url': { type: 'string' },
      'wait-expiry': { type: 'boolean' },
      junit: { type: 'string' },
      tap: { type: 'string' },
      'timing-samples': { type: 'string' },
      'timing-bound': { type: 'string' },
      'max-wait': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  usageError((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values['base-url']) usageError('--base-url is required');
try {
  new URL(values['base-url']);
} catch {
  usageError(`--base-url "${values['base-url']}" is not a URL`);
}
if (values['outbox-url'] && values['outbox-command']) usageError('give --outbox-url or --outbox-command, not both');

/** A whole number from a flag, or a usage error. */
function integer(/** @type {string} */ flag, /** @type {number} */ fallback) {
  const text = values[flag];
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) usageError(`--${flag} wants a whole number, not "${text}"`);
  return Number(text);
}

let usersFile;
try {
  const file = values.users ?? new URL('../conformance/mock-users.json', import.meta.url);
  usersFile = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(usersFile?.users)) throw new Error('it has no "users" array');
} catch (error) {
  usageError(`cannot read the users file: ${error instanceof Error ? error.message : error}`);
}

let runConformance;
let report;
try {
  ({ runConformance } = await import('../conformance/run.js'));
  report = await import('../conformance/report.js');
} catch (error) {
  process.stderr.write(
    `sspr-reset-conformance: cannot load the kit (${error instanceof Error ? error.message : error}); in a git checkout run \`npm run build\` first\n`,
  );
  process.exit(2);
}

const quiet = !!values.quiet;
let outcome;
try {
  outcome = await runConformance({
    baseUrl: values['base-url'],
    users: usersFile,
    outboxUrl: values['outbox-url'],
    outboxCommand: values['outbox-command'],
    origin: values.origin,
    clockUrl: values['clock-url'],
    waitExpiry: !!values['wait-expiry'],
    timingSamples: integer('timing-samples', 12),
    timingBoundMs: integer('timing-bound', 30),
    maxWaitSeconds: integer('max-wait', 45),
    log: quiet ? () => {} : (line) => process.stderr.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`sspr-reset-conformance: ${error instanceof Error ? error.message : error}\n`);
  process.exit(2);
}
const run = { baseUrl: values['base-url'], durationMs: outcome.durationMs, notes: outcome.notes };
process.stdout.write(report.summary(outcome.results, run));
if (values.junit) await writeFile(values.junit, report.junit(outcome.results, run));
if (values.tap) await writeFile(values.tap, report.tap(outcome.results));
process.exitCode = outcome.results.some((r) => r.status === 'fail') ? 1 : 0;
