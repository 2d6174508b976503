#!/usr/bin/env node
/**
 * Generate docs/protocol.schema.json (JSON Schema draft 2020-12) from the
 * protocol v1 zod schemas in src/protocol/schemas.ts.
 *
 *   node scripts/protocol-schema.mjs           write the file
 *   node scripts/protocol-schema.mjs --check   exit 1 if the file on disk is not what would be written (CI)
 *
 * Node cannot import .ts, so schemas.ts is bundled on the fly with esbuild,
 * together with zod's `toJSONSchema`, into one self-contained ES module that
 * is imported from a data: URL (one zod instance, nothing written to disk).
 * scripts/openapi.mjs reuses DEFS, loadZod and canonical for docs/openapi.json.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'src/protocol/schemas.ts';
const target = join(root, 'docs', 'protocol.schema.json');

/** One `$defs` entry per exported request, response and problem schema, in this order. */
export const DEFS = {
  ConfigResponse: 'GET /v1/config: 200 answer.',
  StartFlowRequest: 'POST /v1/flows: request body.',
  FlowResponse: 'POST /v1/flows: 200 answer, identical in shape for known and unknown usernames.',
  StartChallengeRequest: 'POST /v1/flows/current/challenges: request body.',
  Challenge:
    'POST /v1/flows/current/challenges and POST /v1/flows/current/challenges/{id}/resend: 200 answer; also VerifyResponse.challenge.',
  VerifyRequest: 'POST /v1/flows/current/challenges/{id}/verify: request body, a code or answers.',
  VerifyResponse: 'POST /v1/flows/current/challenges/{id}/verify: 200 answer.',
  PollResponse: 'GET /v1/flows/current/challenges/{id}: 200 answer (poll methods).',
  PasswordRequest: 'POST /v1/flows/current/password: request body.',
  PasswordResponse: 'POST /v1/flows/current/password: 200 answer.',
  Problem: 'Every 4xx/5xx answer: RFC 9457 application/problem+json with the stable `code` member.',
};

/** Keyword order in the output; unlisted keywords follow in alphabetical order. */
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  '$ref',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  'oneOf',
  'allOf',
  '$defs',
];
/** Keywords whose members are names (property names, definition names): keep their source order. */
const NAME_MAPS = new Set(['properties', '$defs']);

export async function loadZod() {
  const result = await build({
    stdin: {
      contents: `export * as schemas from './${source}';\nexport { registry, toJSONSchema } from 'zod/mini';\n`,
      resolveDir: root,
      sourcefile: 'protocol-schema-entry.ts',
      loader: 'ts',
    },
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

export function canonical(value, names = false) {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (!names) {
    const rank = (k) => (KEYWORD_ORDER.includes(k) ? KEYWORD_ORDER.indexOf(k) : KEYWORD_ORDER.length);
    keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  const out = {};
  for (const key of keys) out[key] = canonical(value[key], !names && NAME_MAPS.has(key));
  return out;
}

export async function generate() {
  const { schemas, registry, toJSONSchema } = await loadZod();
  const reg = registry();
  for (const name of Object.keys(DEFS)) {
    if (!schemas[name]?._zod) throw new Error(`${source} does not export a zod schema named ${name}`);
    reg.add(schemas[name], { id: name });
  }
  // io "input": what a parser of protocol v1 accepts. zod objects ignore (strip)
  // unknown members, so no `additionalProperties: false` is emitted.
  const { schemas: generated } = toJSONSchema(reg, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    uri: (id) => `#/$defs/${id}`,
  });
  const defs = {};
  for (const [name, description] of Object.entries(DEFS)) {
    const { $schema, $id, ...schema } = generated[name];
    defs[name] = { description, ...schema };
  }
  const document = canonical({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $comment: `Generated from ${source} by node scripts/protocol-schema.mjs. Do not edit by hand.`,
    title: 'sspr-reset HTTP reset protocol v1',
    description: `Request, response and problem bodies of protocol v${schemas.PROTOCOL_VERSION}; see docs/protocol.md.`,
    $defs: defs,
  });
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Write `text` to `file`, or with `--check` only compare them: a stale or
 * missing file prints its first differing line and how to regenerate it
 * (`command`), and sets exit code 1. Shared by the generators of docs/.
 */
export async function writeOrCheck(file, text, command) {
  const shown = relative(process.cwd(), file) || file;
  if (process.argv.includes('--check')) {
    const current = await readFile(file, 'utf8').catch(() => null);
    if (current === text) {
      console.log(`${shown} is up to date.`);
      return;
    }
    if (current === null) {
      console.error(`${shown} is missing. Run: ${command}`);
    } else {
      const a = current.split('\n');
      const b = text.split('\n');
      let line = 0;
      while (line < a.length && line < b.length && a[line] === b[line]) line++;
      console.error(`${shown} differs from what ${source} generates (first difference at line ${line + 1}):`);
      console.error(`  on disk:   ${a[line] ?? '<end of file>'}`);
      console.error(`  generated: ${b[line] ?? '<end of file>'}`);
      console.error(`Run: ${command}`);
    }
    process.exitCode = 1;
    return;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  console.log(`wrote ${shown}`);
}

async function main() {
  await writeOrCheck(target, await generate(), 'node scripts/protocol-schema.mjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 2;
  });
}
