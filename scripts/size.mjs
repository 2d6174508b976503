// npm run size: min+gzip bytes of each entry and of the bundle, against the
// budgets in package.json ("size-budget"). Exits 1 over budget. Bytes are
// deterministic for a given build, so this can gate CI.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const budget = pkg['size-budget'] ?? {};
if (!existsSync('dist/sspr-reset.bundle.js')) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
/** An entry's own file plus every chunk it imports statically (lit and zod excluded: they are the app's). */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/(?:import|export)[^'"]*?from\s*["'](\.[^"']+)["']/g)) {
    closure(join(file, '..', spec), seen);
  }
  for (const [, spec] of text.matchAll(/import\s*["'](\.[^"']+)["']/g)) closure(join(file, '..', spec), seen);
  return seen;
}

const rows = [];
let failed = false;
for (const file of ['dist/sspr-reset.bundle.js', 'dist/sspr-reset.js', 'dist/protocol.js', 'dist/mock.js']) {
  const files = [...closure(file)];
  const raw = files.reduce((n, f) => n + readFileSync(f).length, 0);
  const gzip = files.reduce((n, f) => n + gz(f), 0);
  const limit = budget[file];
  const over = limit !== undefined && gzip > limit;
  failed ||= over;
  rows.push({ file, files: files.length, 'min bytes': raw, 'min+gzip bytes': gzip, budget: limit ?? '-', status: over ? 'OVER' : 'ok' });
}
console.table(rows);
const chunks = existsSync('dist/chunks') ? readdirSync('dist/chunks').filter((f) => f.endsWith('.js')) : [];
console.log(`shared chunks: ${chunks.length}; lit and zod are peer imports of the library entries and counted only in the bundle.`);
if (failed) {
  console.error('size budget exceeded');
  process.exit(1);
}
