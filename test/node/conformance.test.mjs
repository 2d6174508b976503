// The conformance kit (bin/sspr-reset-conformance.js, conformance/) against
// the reference backend, and against variants of it with ONE planted fault
// each (test/node/faults/): the rule the fault breaks fails, every other rule
// holds. Needs `npm run build` (the kit and the mock load dist/).
// Run: node --test test/node/conformance.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { junit, summary, tap } from '../../conformance/report.js';
import { runConformance } from '../../conformance/run.js';
import { FAULTS, startMock } from './faults/index.mjs';

const BIN = fileURLToPath(new URL('../../bin/sspr-reset-conformance.js', import.meta.url));
const LATEST = fileURLToPath(new URL('./faults/latest-message.mjs', import.meta.url));
const users = JSON.parse(await readFile(new URL('../../conformance/mock-users.json', import.meta.url), 'utf8'));
const ORIGIN = 'http://localhost:5173';

/** Which rules each planted fault must fail, and only those. */
const EXPECTED = {
  'enumeration-by-shape': ['P-116'],
  'enumeration-by-time': ['P-119'],
  'no-attempt-limit': ['P-68', 'P-84'],
  'reusable-code': ['P-61'],
  'missing-no-store': ['P-23'],
  'secret-in-url': ['P-29'],
  'no-idempotency': ['P-107', 'P-108', 'P-110'],
};

/** Run the kit in process against a mock with `fault` (or none). */
async function run(fault) {
  const mock = await startMock({ fault });
  try {
    return await runConformance({ baseUrl: mock.baseUrl, users, outboxUrl: mock.outboxUrl, clockUrl: mock.clockUrl, origin: ORIGIN });
  } finally {
    await mock.close();
  }
}

const ids = (results, status) => results.filter((r) => r.status === status).map((r) => r.id);

describe('conformance kit', () => {
  /** @type {Awaited<ReturnType<typeof run>>} */
  let clean;
  before(async () => {
    clean = await run();
  });

  it('passes against the reference backend, checking every rule it lists', () => {
    const failed = clean.results.filter((r) => r.status === 'fail');
    assert.deepEqual(
      failed.map((r) => `${r.id}: ${r.failures.join(' | ')}`),
      [],
    );
    assert.deepEqual(ids(clean.results, 'warn'), []);
    // With a movable clock and an origin, nothing is left out.
    assert.deepEqual(ids(clean.results, 'skip'), []);
    for (const r of clean.results.filter((x) => x.status === 'pass')) assert.ok(r.checks > 0, r.id);
  });

  it('plants each fault the issue names', () => {
    assert.deepEqual(Object.keys(FAULTS).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [fault, rules] of Object.entries(EXPECTED)) {
    it(`fails ${rules.join(', ')} against a backend with ${fault}, and holds every other rule`, async () => {
      const { results } = await run(fault);
      assert.deepEqual(
        ids(results, 'fail'),
        rules,
        `failed: ${results
          .filter((r) => r.status === 'fail')
          .map((r) => `${r.id}: ${r.failures[0]}`)
          .join('\n')}`,
      );
      for (const id of rules) {
        const r = results.find((x) => x.id === id);
        assert.ok(r.failures.length > 0 && r.level === 'MUST', id);
      }
      // Every rule that held against the reference backend holds here too, but the broken ones.
      const held = ids(clean.results, 'pass').filter((id) => !rules.includes(id));
      assert.deepEqual(
        held.filter((id) => results.find((r) => r.id === id).status !== 'pass'),
        [],
      );
    });
  }
});

describe('sspr-reset-conformance (the command)', () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conformance-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** Run the command; resolves with its exit code and output. */
  const command = (args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? error.code : 0, stdout, stderr }),
      );
    });

  it('exits 1 on a failed MUST, naming the rule in the summary, JUnit XML and TAP (codes read by an --outbox-command)', async () => {
    const mock = await startMock({ fault: 'missing-no-store' });
    try {
      const junit = join(dir, 'report.xml');
      const tap = join(dir, 'report.tap');
      // The command finds the code in the message's text (no "code" member): as from a mail catcher.
      const hook = `OUTBOX_URL=${mock.outboxUrl} ${JSON.stringify(process.execPath)} ${JSON.stringify(LATEST)}`;
      const out = await command(['--base-url', mock.baseUrl, '--outbox-command', hook, '--junit', junit, '--tap', tap, '-q']);
      assert.equal(out.code, 1, out.stderr);
      assert.match(out.stdout, /^FAIL P-23 +MUST +every answer carries Cache-Control: no-store$/m);
      assert.match(out.stdout, /1 MUST rules failed \(P-23\)/);
      assert.match(out.stdout, /^NOT CONFORMANT$/m);
      const xml = await readFile(junit, 'utf8');
      assert.match(xml, /<testsuites name="sspr-reset conformance" tests="\d+" failures="1" /);
      assert.match(
        xml,
        /<testcase classname="sspr-reset\.conformance\.MUST" name="P-23 [^"]*" time="0">\s*<failure message="P-23 violated: /,
      );
      const tapText = await readFile(tap, 'utf8');
      assert.match(tapText, /^TAP version 14\n1\.\.\d+\n/);
      assert.match(tapText, /^not ok \d+ - P-23 MUST every answer carries Cache-Control: no-store$/m);
      assert.equal(tapText.match(/^not ok /gm).length, 1);
      assert.match(tapText, /^ok \d+ - P-58 MUST flows expire # SKIP opt-in/m);
      // The codes came through the command: the rules that need them were checked and held.
      for (const rule of ['P-61', 'P-63', 'P-98', 'P-99']) assert.match(tapText, new RegExp(`^ok \\d+ - ${rule} MUST [^#]*$`, 'm'));
    } finally {
      await mock.close();
    }
  });

  it('exits 2 with the usage on a missing --base-url, and 2 when the backend cannot be reached', async () => {
    const usage = await command([]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--base-url is required/);
    assert.match(usage.stderr, /^Usage: sspr-reset-conformance --base-url URL/m);
    const down = await command(['--base-url', 'http://127.0.0.1:9/']);
    assert.equal(down.code, 2);
    assert.match(down.stderr, /^sspr-reset-conformance: /);
  });
});

describe('the report', () => {
  const results = [
    { id: 'P-23', level: 'MUST', title: 'every answer carries Cache-Control: no-store', status: 'pass', checks: 3, failures: [] },
    {
      id: 'P-25',
      level: 'SHOULD',
      title: 'answers carry X-Content-Type-Options: nosniff',
      status: 'warn',
      checks: 2,
      failures: ['GET /v1/config → 200: X-Content-Type-Options'],
    },
    { id: 'P-58', level: 'MUST', title: 'flows expire', status: 'skip', checks: 0, failures: [], note: 'opt-in: --clock-url' },
  ];
  const run = { baseUrl: 'http://127.0.0.1:1', durationMs: 1234, notes: ['3 answers checked'] };

  it('keeps a failed SHOULD a warning: conformant, no JUnit failure, TAP ok', () => {
    const text = summary(results, run);
    assert.match(
      text,
      /^warn P-25 +SHOULD answers carry X-Content-Type-Options: nosniff\n +✗ GET \/v1\/config → 200: X-Content-Type-Options$/m,
    );
    assert.match(text, /^skip P-58 +MUST +flows expire \(opt-in: --clock-url\)$/m);
    assert.match(text, /1 rules held, 0 MUST rules failed, 1 SHOULD warnings, 1 not checked/);
    assert.match(text, /^CONFORMANT/m);
    const xml = junit(results, run);
    assert.doesNotMatch(xml, /<failure/);
    assert.match(xml, /failures="0" skipped="1"/);
    assert.match(
      xml,
      /name="P-25 [^"]*" time="0">\s*<system-out>warning \(SHOULD\): GET \/v1\/config → 200: X-Content-Type-Options<\/system-out>/,
    );
    assert.match(xml, /name="P-58 flows expire" time="0">\s*<skipped message="opt-in: --clock-url"\/>/);
    const t = tap(results);
    assert.doesNotMatch(t, /^not ok/m);
    assert.match(t, /^ok 2 - P-25 SHOULD answers carry X-Content-Type-Options: nosniff # warning$/m);
    assert.match(t, /^ok 3 - P-58 MUST flows expire # SKIP opt-in: --clock-url$/m);
  });
});
