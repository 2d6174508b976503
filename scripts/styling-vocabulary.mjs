#!/usr/bin/env node
/**
 * The styling vocabulary of <sspr-reset>, generated from the source so that
 * no table of it is kept by hand:
 *
 *   slots        `@slot` lines of the element's JSDoc (src/sspr-reset.ts)
 *   shadow parts `@csspart` lines: styled with `sspr-reset::part(name)`
 *   light hooks  `@csshook` lines: `part` names on the light-DOM form, which
 *                `::part()` cannot reach; styled with `sspr-reset [part~="name"]`
 *   tokens       `@cssproperty` lines, with each default read from
 *                src/sspr-reset.styles.ts (`--_x: var(--sspr-x, default)`)
 *
 * A part or hook line may end with `(steps: identify, challenge)`: the steps
 * it is rendered in (default: every step). test/vocabulary.test.ts checks
 * the table against the markup of each step.
 *
 *   node scripts/styling-vocabulary.mjs           write docs/styling-vocabulary.md, and the tables in README.md and docs/theming.md
 *   node scripts/styling-vocabulary.mjs --check   exit 1 if any is not what would be written (CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) => readFileSync(join(root, path), 'utf8');

const STEPS = ['loading', 'identify', 'methods', 'challenge', 'password', 'done', 'blocked'];

/** The element's JSDoc tags, one per line: `@tag name - description`. */
function readTags(source) {
  const block = source.match(/\/\*\*((?:(?!\*\/)[\s\S])*@tagname sspr-reset[\s\S]*?)\*\//);
  if (!block) throw new Error('src/sspr-reset.ts: no JSDoc block with @tagname sspr-reset');
  const tags = [];
  for (const line of block[1].split('\n')) {
    const m = line.match(/^\s*\*\s*@(slot|csspart|csshook|cssproperty)\s+(\S+)\s+-\s+(.+?)\s*$/);
    if (m) tags.push({ tag: m[1], name: m[2], description: m[3] });
  }
  return tags;
}

/** `(steps: a, b)` at the end of a description: the steps, and the description without it. */
function splitSteps(name, description) {
  const m = description.match(/^(.*?)\s*\(steps: ([^)]+)\)$/);
  if (!m) return { steps: STEPS, description };
  const steps = m[2].split(/,\s*/);
  for (const s of steps) if (!STEPS.includes(s)) throw new Error(`${name}: unknown step ${s} (known: ${STEPS.join(', ')})`);
  return { steps, description: m[1] };
}

/** Public token → its default, from the styles: `--_x: var(--sspr-x, default);`. */
function readDefaults(styles) {
  const defaults = new Map();
  for (const m of styles.matchAll(/--_[\w-]+:\s*var\((--sspr-[\w-]+),\s*([^;]+)\);/g)) {
    defaults.set(m[1], m[2].trim());
  }
  return defaults;
}

/** `light-dark(a, b)` → `a` / `b`; anything else as code. */
function showDefault(value) {
  const ld = value.match(/^light-dark\((.+), (.+)\)$/);
  if (ld) return `\`${ld[1]}\` / \`${ld[2]}\``;
  return `\`${value.replace(/\|/g, '\\|')}\``;
}

export function vocabulary() {
  const tags = readTags(read('src/sspr-reset.ts'));
  const styles = read('src/sspr-reset.styles.ts');
  const defaults = readDefaults(styles);
  const slots = tags.filter((t) => t.tag === 'slot');
  const names = tags
    .filter((t) => t.tag === 'csspart' || t.tag === 'csshook')
    .map((t) => {
      const shadow = t.tag === 'csspart';
      return {
        name: t.name,
        kind: shadow ? 'shadow part' : 'light-DOM hook',
        selector: shadow ? `sspr-reset::part(${t.name})` : `sspr-reset [part~="${t.name}"]`,
        ...splitSteps(t.name, t.description),
      };
    });
  const seen = new Set();
  for (const n of names) {
    if (seen.has(n.name)) throw new Error(`${n.name}: documented twice`);
    seen.add(n.name);
  }
  // A default that is another token's private property is shown as that public token.
  const privateOf = new Map([...styles.matchAll(/(--_[\w-]+):\s*var\((--sspr-[\w-]+),/g)].map((m) => [m[1], m[2]]));
  const publicDefault = (value) => value?.replace(/var\((--_[\w-]+)\)/g, (all, name) => privateOf.get(name) ?? all);
  const tokens = tags.filter((t) => t.tag === 'cssproperty').map((t) => ({ ...t, default: publicDefault(defaults.get(t.name)) }));
  const used = new Set([...styles.matchAll(/var\((--sspr-[\w-]+)/g)].map((m) => m[1]));
  const problems = [
    ...tokens.filter((t) => !used.has(t.name)).map((t) => `${t.name} is documented but the styles never read it`),
    ...[...used]
      .filter((u) => !tokens.some((t) => t.name === u))
      .map((u) => `${u} is read by the styles but not documented (@cssproperty)`),
    ...tokens.filter((t) => t.default === undefined).map((t) => `${t.name} has no default (\`--_x: var(${t.name}, default)\`)`),
  ];
  if (problems.length) throw new Error(`styling vocabulary:\n  ${problems.join('\n  ')}`);
  return { slots, names, tokens };
}

const stepsCell = (steps) => (steps.length === STEPS.length ? 'every step' : steps.join(', '));

function slotTable({ slots }) {
  return ['| slot | what goes there |', '| --- | --- |', ...slots.map((s) => `| \`${s.name}\` | ${s.description} |`)].join('\n');
}

function nameTable({ names }, { withSteps }) {
  const out = withSteps
    ? ['| name | kind | selector | steps | what |', '| --- | --- | --- | --- | --- |']
    : ['| name | kind | selector | what |', '| --- | --- | --- | --- |'];
  for (const n of names) {
    const steps = withSteps ? ` ${stepsCell(n.steps)} |` : '';
    out.push(`| \`${n.name}\` | ${n.kind} | \`${n.selector}\` |${steps} ${n.description} |`);
  }
  return out.join('\n');
}

function tokenTable({ tokens }) {
  return [
    '| token | default (light / dark) | what |',
    '| --- | --- | --- |',
    ...tokens.map((t) => `| \`${t.name}\` | ${showDefault(t.default)} | ${t.description} |`),
  ].join('\n');
}

function tables(v, { withSteps }) {
  return [slotTable(v), nameTable(v, { withSteps }), tokenTable(v)].join('\n\n');
}

function documentText(v) {
  return `# Styling vocabulary of \`<sspr-reset>\`

<!-- Generated by scripts/styling-vocabulary.mjs from src/sspr-reset.ts (JSDoc) and src/sspr-reset.styles.ts: do not edit. Run \`node scripts/styling-vocabulary.mjs\`. -->

Every name a designer can style, where it lives and the selector that reaches it. The card's
chrome is in the element's shadow root: its **shadow parts** are styled with \`::part()\`. The form
is rendered into the element's light DOM (so password managers see its inputs); \`::part()\` cannot
reach it, so its elements carry **light-DOM hooks**, \`part\` attributes styled with an attribute
selector. A name is the same in every step it appears in (the steps column); an element may carry
several (\`part="button button-primary"\`). How to use them, with examples:
[theming.md](theming.md).

${tables(v, { withSteps: true })}
`;
}

/** Replace the generated block `<!-- name:start … -->` … `<!-- name:end -->` of `text` with `body`. */
function replaceBlock(path, text, name, body) {
  const start = text.match(new RegExp(`<!-- ${name}:start[^>]*-->`));
  const end = `<!-- ${name}:end -->`;
  const b = text.indexOf(end);
  if (!start || b < start.index) throw new Error(`${path}: no generated block <!-- ${name}:start … --> … ${end}`);
  return `${text.slice(0, start.index + start[0].length)}\n${body}\n${text.slice(b)}`;
}

function main() {
  const check = process.argv.includes('--check');
  const v = vocabulary();
  const files = new Map();
  files.set('docs/styling-vocabulary.md', documentText(v));
  files.set('README.md', replaceBlock('README.md', read('README.md'), 'styling-vocabulary', tables(v, { withSteps: false })));
  let theming = read('docs/theming.md');
  theming = replaceBlock('docs/theming.md', theming, 'theming-tokens', tokenTable(v));
  theming = replaceBlock('docs/theming.md', theming, 'theming-names', nameTable(v, { withSteps: false }));
  files.set('docs/theming.md', theming);
  const stale = [];
  for (const [path, text] of files) {
    let current = null;
    try {
      current = read(path);
    } catch {
      // missing: stale
    }
    if (current === text) continue;
    if (check) stale.push(path);
    else writeFileSync(join(root, path), text);
  }
  if (stale.length) {
    console.error(`styling vocabulary out of date: ${stale.join(', ')}. Run \`node scripts/styling-vocabulary.mjs\`.`);
    process.exit(1);
  }
  if (!check) console.log(`styling vocabulary: ${v.names.length} names, ${v.slots.length} slots, ${v.tokens.length} tokens`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
