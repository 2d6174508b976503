/**
 * The report of a conformance run: a readable summary, JUnit XML and TAP.
 * MUST failures fail; SHOULD failures are warnings; skipped rules say why.
 * @module
 */

/** @typedef {import('./run.js').RuleResult} RuleResult */

const MARK = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' };

/**
 * @param {RuleResult[]} results
 * @param {{ baseUrl: string, durationMs: number, notes?: string[] }} run
 */
export function summary(results, run) {
  const lines = [`sspr-reset conformance: ${run.baseUrl} (protocol v1, docs/protocol.md)`, ''];
  for (const r of results) {
    const note = r.note ? ` (${r.note})` : '';
    lines.push(
      `${MARK[r.status]} ${r.id.padEnd(6)} ${r.level.padEnd(6)} ${r.title}${r.status === 'pass' || r.status === 'skip' ? note : ''}`,
    );
    if (r.status === 'fail' || r.status === 'warn') {
      for (const f of r.failures.slice(0, 5)) lines.push(`             ✗ ${f}`);
      if (r.failures.length > 5) lines.push(`             … and ${r.failures.length - 5} more`);
      if (r.note) lines.push(`             (${r.note})`);
    }
  }
  const count = (/** @type {string} */ s) => results.filter((r) => r.status === s).length;
  lines.push('');
  const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
  lines.push(
    `${count('pass')} rules held, ${count('fail')} MUST rules failed${failed.length ? ` (${failed.join(', ')})` : ''}, ${count('warn')} SHOULD warnings, ${count('skip')} not checked; ${(run.notes ?? []).join(', ')}; ${(run.durationMs / 1000).toFixed(1)} s`,
  );
  lines.push(failed.length ? 'NOT CONFORMANT' : 'CONFORMANT (every checked MUST rule held)');
  return `${lines.join('\n')}\n`;
}

function xml(/** @type {string} */ s) {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/**
 * JUnit XML: one test case per rule (classname MUST or SHOULD); a SHOULD
 * failure is a passing case with the warning in system-out.
 * @param {RuleResult[]} results
 * @param {{ baseUrl: string, durationMs: number }} run
 */
export function junit(results, run) {
  const failures = results.filter((r) => r.status === 'fail').length;
  const skipped = results.filter((r) => r.status === 'skip').length;
  const cases = results.map((r) => {
    const open = `    <testcase classname="sspr-reset.conformance.${r.level}" name="${xml(`${r.id} ${r.title}`)}" time="0">`;
    if (r.status === 'fail') {
      return `${open}\n      <failure message="${xml(`${r.id} violated: ${r.failures[0] ?? ''}`)}" type="${r.level}">${xml(r.failures.join('\n'))}</failure>\n    </testcase>`;
    }
    if (r.status === 'skip') return `${open}\n      <skipped message="${xml(r.note ?? 'not checked')}"/>\n    </testcase>`;
    if (r.status === 'warn')
      return `${open}\n      <system-out>${xml(`warning (${r.level}): ${r.failures.join('\n')}`)}</system-out>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sspr-reset conformance" tests="${results.length}" failures="${failures}" skipped="${skipped}" time="${(run.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${xml(`protocol v1 at ${run.baseUrl}`)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(run.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * TAP version 14: `not ok` for a failed MUST, `# SKIP` for a rule not checked,
 * and a SHOULD failure as `ok … # warning` with its details as YAML.
 * @param {RuleResult[]} results
 */
export function tap(results) {
  const lines = ['TAP version 14', `1..${results.length}`];
  results.forEach((r, i) => {
    const name = `${r.id} ${r.level} ${r.title}`.replace(/#/g, '\\#');
    if (r.status === 'skip') lines.push(`ok ${i + 1} - ${name} # SKIP ${r.note ?? 'not checked'}`);
    else if (r.status === 'pass') lines.push(`ok ${i + 1} - ${name}`);
    else {
      lines.push(`${r.status === 'fail' ? 'not ok' : 'ok'} ${i + 1} - ${name}${r.status === 'warn' ? ' # warning' : ''}`);
      lines.push('  ---', `  rule: ${r.id}`, `  level: ${r.level}`, '  failures:');
      for (const f of r.failures.slice(0, 20)) lines.push(`    - ${JSON.stringify(f)}`);
      lines.push('  ...');
    }
  });
  return `${lines.join('\n')}\n`;
}
