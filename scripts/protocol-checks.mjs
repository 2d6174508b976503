#!/usr/bin/env node
/**
 * Generate src/generated/protocol-checks.ts: the checks the widget runs on every backend answer,
 * written with the small combinators of src/protocol/check.ts from the zod schemas of
 * src/protocol/schemas.ts, so the browser gets the protocol's rules without zod (issue 14:
 * 6.7 kB gzip of the widget).
 *
 *   node scripts/protocol-checks.mjs           write the file
 *   node scripts/protocol-checks.mjs --check   exit 1 if the file on disk is not what would be written (CI)
 *
 * It reads zod's schema definitions (`_zod.def`), and fails on anything it does not know how to
 * check exactly as zod does, so a new kind of rule in schemas.ts cannot be dropped silently.
 * test/checks.test.ts compares the generated checks with zod on generated answers.
 */
import { join } from 'node:path';
import { loadZod, writeOrCheck } from './protocol-schema.mjs';

/** The answers the widget checks (what HttpResetClient and a custom backend's calls return, and problems). */
export const ANSWERS = ['ConfigResponse', 'FlowResponse', 'Challenge', 'VerifyResponse', 'PollResponse', 'PasswordResponse', 'Problem'];

const { schemas } = await loadZod();

/** The exported name of each schema object (the first export, for one exported twice). */
const exported = new Map();
for (const [name, value] of Object.entries(schemas)) if (value?._zod && !exported.has(value)) exported.set(value, name);

const fail = (what, schema) => {
  throw new Error(
    `protocol-checks: cannot check ${what} (${JSON.stringify(schema._zod.def.type)}) as zod does; teach scripts/protocol-checks.mjs`,
  );
};

/** The bounds a schema's checks set: `[min, max]` of length or value; throws on any other check. */
function bounds(schema, kind) {
  let min;
  let max;
  for (const check of schema._zod.def.checks ?? []) {
    const def = check._zod.def;
    if (kind === 'length' && def.check === 'min_length') min = def.minimum;
    else if (kind === 'length' && def.check === 'max_length') max = def.maximum;
    else if (kind === 'value' && def.check === 'greater_than' && def.inclusive) min = def.value;
    else if (kind === 'value' && def.check === 'less_than' && def.inclusive) max = def.value;
    else fail(`the check ${JSON.stringify(def.check)}`, schema);
  }
  return [min, max];
}

/** `f(a, b)` without trailing undefined arguments. */
function call(f, ...args) {
  while (args.length && args.at(-1) === undefined) args.pop();
  return `${f}(${args.map((a) => (a === undefined ? 'undefined' : a)).join(', ')})`;
}

/** A string check's bounds, when `schema` is a plain string check (no format): for the union rule below. */
function plainString(schema) {
  const def = schema._zod.def;
  return def.type === 'string' && !def.format ? bounds(schema, 'length') : undefined;
}

/** The values a literal or an enum allows; undefined for any other schema. */
function valuesOf(schema) {
  const def = schema._zod.def;
  return def.type === 'enum' ? Object.values(def.entries) : def.type === 'literal' ? def.values : undefined;
}

const named = new Map(); // schema → name in the generated module
const definitions = []; // `const name = …` in dependency order
const uses = new Map();

function count(schema) {
  uses.set(schema, (uses.get(schema) ?? 0) + 1);
  if (uses.get(schema) > 1) return;
  const def = schema._zod.def;
  if (def.type === 'object') {
    Object.values(def.shape).forEach(count);
  } else if (def.type === 'union') def.options.forEach(count);
  else if (def.type === 'optional') count(def.innerType);
  else if (def.type === 'array') count(def.element);
}

/** The combinator expression of a schema, naming a schema used more than once. */
function expression(schema) {
  if (named.has(schema)) return named.get(schema);
  const text = inline(schema);
  if (uses.get(schema) > 1 || ANSWERS.includes(exported.get(schema))) {
    const name = exported.get(schema) ?? `s${definitions.length}`;
    named.set(schema, name);
    definitions.push({ name, text, exported: ANSWERS.includes(name) });
    return name;
  }
  return text;
}

function inline(schema) {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string': {
      const [min, max] = bounds(schema, 'length');
      if (def.format && def.format !== 'datetime') fail(`the string format ${def.format}`, schema);
      return call('str', min, max, def.format ? `/${def.pattern.source}/` : undefined);
    }
    case 'number': {
      if (def.format !== 'safeint') fail('a number that is not z.int()', schema);
      return call('int', ...bounds(schema, 'value'));
    }
    case 'boolean':
      bounds(schema, 'none');
      return 'bool';
    case 'unknown':
      return 'any';
    case 'literal':
    case 'enum':
      return call('one', ...valuesOf(schema).map((v) => JSON.stringify(v)));
    case 'optional':
      return call('opt', expression(def.innerType));
    case 'array':
      return call('list', expression(def.element), ...bounds(schema, 'length'));
    case 'union': {
      bounds(schema, 'none');
      // An open enum, `union([known values, non-empty string])`: the string check alone accepts and
      // returns exactly the same (every known value is a string it accepts), in fewer bytes.
      const strings = def.options.map(plainString);
      const open = strings.findIndex((b) => b && b[1] === undefined);
      const values = def.options.map(valuesOf);
      const accepted = (v) => typeof v === 'string' && v.length >= (strings[open]?.[0] ?? 0);
      if (open >= 0 && values.every((known, i) => i === open || known?.every(accepted))) return expression(def.options[open]);
      // Literals and enums only: one list of values.
      if (values.every(Boolean)) return call('one', ...values.flat().map((v) => JSON.stringify(v)));
      return call('either', ...def.options.map(expression));
    }
    case 'object': {
      const loose = def.catchall?._zod.def.type === 'unknown';
      if (def.catchall && !loose) fail('an object with a catchall other than unknown', schema);
      bounds(schema, 'none');
      const members = Object.entries(def.shape).map(
        ([key, value]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${expression(value)}`,
      );
      return call('obj', `{ ${members.join(', ')} }`, loose ? 'true' : undefined);
    }
    default:
      return fail('this schema', schema);
  }
}

for (const name of ANSWERS) {
  if (!schemas[name]?._zod) throw new Error(`src/protocol/schemas.ts does not export a zod schema named ${name}`);
  count(schemas[name]);
}
for (const name of ANSWERS) expression(schemas[name]);

const used = ['str', 'int', 'bool', 'one', 'any', 'opt', 'either', 'list', 'obj'].filter((f) =>
  definitions.some(({ text }) => new RegExp(`(^|[^\\w$])${f}([(,)\\s]|$)`).test(text)),
);
const text = `// Do not modify this file by hand!
// Generated by \`npm run protocol-checks\` (scripts/protocol-checks.mjs) from the zod schemas of
// src/protocol/schemas.ts: the checks the widget runs on backend answers, without zod.

import { ${used.join(', ')}, type Check } from '../protocol/check.js';
import type * as T from '../protocol/schemas.js';

${definitions
  .map(({ name, text, exported }) => (exported ? `export const ${name} = ${text} as Check<T.${name}>;` : `const ${name} = ${text};`))
  .join('\n')}
`;

await writeOrCheck(join('src', 'generated', 'protocol-checks.ts'), text, 'npm run protocol-checks');
