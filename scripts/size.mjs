// npm run size: min+gzip bytes of each entry and of the bundle, against the
// budgets in package.json ("size-budget"). Exits 1 over budget. Bytes are
// deterministic for a given build, so this can gate CI.
//
// The bundle's row is what a page downloads before the first field: the bundle
// and what it imports statically (the first step, Lit, @lit/localize). The wire
// (HTTP client, the answers' checks), the later steps, locales and captcha providers are lazy
// chunks, counted in "whole widget" (but locales and providers) and below.
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
/**
 * An entry's own file plus every chunk it imports statically (lit and zod excluded: they are the app's);
 * with `lazy`, also every chunk it imports dynamically, but locales and captcha providers.
 */
function closure(file, lazy = false, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)[^'"`]*?from\s*["'](\.[^"']+)["']/g),
    ...text.matchAll(/import\s*["'](\.[^"']+)["']/g),
    ...(lazy
      ? [...text.matchAll(/import\(\s*["'`](\.[^"'`]+)["'`]\s*\)/g)].filter(([, spec]) => !/(^|\/)(locales|captcha)\//.test(spec))
      : []),
  ];
  for (const [, spec] of specs) closure(join(file, '..', spec), lazy, seen);
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
console.log(
  `before the first field (the bundle and its static imports): ${rows[0]['min+gzip bytes']} B min+gzip, budget ${budget['dist/sspr-reset.bundle.js'] ?? '-'}`,
);
// The whole widget as the bundle's page gets it: the bundle, and every chunk it loads later
// (the wire, the later steps), but not the locales (one per person, below) nor captcha providers (one per config).
{
  const files = [...closure('dist/sspr-reset.bundle.js', true)];
  const gzip = files.reduce((n, f) => n + gz(f), 0);
  const limit = budget['whole widget'];
  const over = limit !== undefined && gzip > limit;
  failed ||= over;
  console.log(
    `whole widget (the bundle and the later steps it fetches, ${files.length} files): ${gzip} B min+gzip, budget ${limit ?? '-'}${over ? ' OVER' : ''}`,
  );
  const locales = existsSync('dist/locales') ? readdirSync('dist/locales').filter((f) => f.endsWith('.js')) : [];
  const sizes = locales.map((f) => [f.replace(/-[\w-]{8}\.js$/, ''), gz(join('dist/locales', f))]);
  const localeLimit = budget['each locale chunk'];
  const overLocales = sizes.filter(([, n]) => localeLimit !== undefined && n > localeLimit);
  failed ||= overLocales.length > 0;
  console.log(
    `locale chunks (one locale fetched per person, in three parts: the first step's words, then the wire's and the later steps'), min+gzip: ${sizes.map(([l, n]) => `${l} ${n}`).join(', ')}; budget ${localeLimit ?? '-'}${overLocales.length ? ` OVER: ${overLocales.map(([l]) => l).join(', ')}` : ''}`,
  );
  const [firstLocale, firstWords] = sizes.filter(([l]) => !l.includes('.')).reduce((a, b) => (b[1] > a[1] ? b : a), ['-', 0]);
  console.log(
    `before the first field in another language (the bundle and the first step's words, ${firstLocale} the largest): ${rows[0]['min+gzip bytes'] + firstWords} B min+gzip`,
  );
}
const chunks = existsSync('dist/chunks') ? readdirSync('dist/chunks').filter((f) => f.endsWith('.js')) : [];
console.log(`shared chunks: ${chunks.length}; lit and zod are peer imports of the library entries and counted only in the bundle.`);

// Captcha providers load when the backend's config names one: each is a lazy chunk (and
// ALTCHA's worker a file of its own), beside the library entry (chunks/) and the bundle (captcha/).
// Their code must not reach a main closure: the hosts of their scripts, and the solver, say whether it did.
const lazy = [];
for (const dir of ['dist/chunks', 'dist/captcha']) {
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const provider = /^(altcha(?:\.worker|-solver)?|turnstile|hcaptcha|recaptcha|friendly-captcha|hosted|trusted)-[\w-]+\.js$/.exec(
      name,
    )?.[1];
    if (provider)
      lazy.push({
        chunk: `${dir.slice('dist/'.length)}/${name}`,
        'min bytes': readFileSync(join(dir, name)).length,
        'min+gzip bytes': gz(join(dir, name)),
      });
  }
}
if (lazy.length > 0) {
  console.log('captcha chunks, each loaded only when the config names its provider:');
  console.table(lazy);
}
const PROVIDER_CODE = [
  'challenges.cloudflare.com',
  'js.hcaptcha.com',
  'www.google.com/recaptcha',
  '@friendlycaptcha/sdk',
  'solveChallenge',
  'Verification progress',
];
// Nor may zod, anywhere in the widget: the browser checks answers with the checks generated from the
// schemas (src/protocol/check.ts); zod stays for the mock and the `protocol` entry ("_zod" is on every zod schema).
const ZOD = ['_zod', 'jitless', 'zod/mini'];
for (const entry of ['dist/sspr-reset.bundle.js', 'dist/sspr-reset.js']) {
  for (const file of closure(entry, true)) {
    const zod = ZOD.filter((marker) => readFileSync(file, 'utf8').includes(marker));
    if (zod.length > 0) {
      console.error(
        `${file} (in the widget ${entry} loads) carries zod (${zod.join(', ')}): check answers with src/generated/protocol-checks.ts`,
      );
      failed = true;
    }
  }
  for (const file of closure(entry)) {
    const text = readFileSync(file, 'utf8');
    const found = PROVIDER_CODE.filter((marker) => text.includes(marker));
    if (found.length > 0) {
      console.error(
        `${file} (in the closure of ${entry}) carries captcha provider code (${found.join(', ')}): it must stay in its lazy chunk`,
      );
      failed = true;
    }
  }
}
if (failed) {
  console.error('size budget exceeded');
  process.exit(1);
}
