// Every translation file against the messages in the sources (issue 12, checks):
// each locale in locales/*.xlf (and each target locale of lit-localize.json) has a
// translation of every message the sources hold, nothing the sources lack, and every
// placeholder of a message exactly once, as the source writes it.
//
// The messages come from the sources themselves, analysed as `lit-localize extract`
// does, so a string added to the UI and not yet extracted is reported too.
// A failure lists the units by id with their English text; fix it in locales/<code>.xlf:
// `npm run localize:extract` adds new units and refreshes sources, then write each
// <target> right after its <source>, copying each <x id="…" equiv-text="…"/> from it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = readConfigFileAndWriteSchema(`${root}lit-localize.json`);
const xliffDir = config.resolve(config.interchange.xliffDir);

/** @typedef {string | { id: string, equiv: string }} Part  text, or a placeholder */

/** The messages of the sources, by id, as parts. */
const sourceMessages = (() => {
  const { messages, errors } = new RuntimeLitLocalizer(config).extractSourceMessages();
  assert.equal(errors.length, 0, `lit-localize could not analyse the sources:\n${errors.map((e) => e.messageText).join('\n')}`);
  return new Map(
    messages.map((m) => [
      m.name,
      // (Empty text between placeholders, e.g. before a message that starts with one, is no part of the XLIFF.)
      /** @type {Part[]} */ (
        m.contents.filter((c) => c !== '').map((c) => (typeof c === 'string' ? c : { id: String(c.index), equiv: c.untranslatable }))
      ),
    ]),
  );
})();

const decode = (s) =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (whole, name, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[name.toLowerCase()] ?? whole;
  });

/** An XLIFF 1.2 <source> or <target> body as parts; throws on markup other than <x/>. */
function parts(xml) {
  /** @type {Part[]} */
  const out = [];
  let last = 0;
  for (const m of xml.matchAll(/<([^>]*)>/g)) {
    if (m.index > last) out.push(decode(xml.slice(last, m.index)));
    const x = /^x\s+([^>]*?)\/$/.exec(m[1]);
    if (!x) throw new Error(`unexpected markup <${m[1]}> in ${JSON.stringify(xml)}`);
    const attrs = Object.fromEntries([...x[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], decode(a[2])]));
    out.push({ id: attrs.id ?? '', equiv: attrs['equiv-text'] ?? '' });
    last = m.index + m[0].length;
  }
  if (last < xml.length) out.push(decode(xml.slice(last)));
  return out;
}

/** One locale file: its target-language and its units. */
function readXliff(path) {
  const xml = readFileSync(path, 'utf8');
  const language = /<file\b[^>]*\btarget-language="([^"]*)"/.exec(xml)?.[1];
  /** @type {Map<string, { source?: Part[], target?: Part[], count: number }>} */
  const units = new Map();
  for (const [, id, body] of xml.matchAll(/<trans-unit\s+id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1];
    const target = /<target(?:\s[^>]*)?>([\s\S]*?)<\/target>/.exec(body)?.[1];
    const previous = units.get(id);
    units.set(id, {
      source: source === undefined ? undefined : parts(source),
      target: target === undefined ? undefined : parts(target),
      count: (previous?.count ?? 0) + 1,
    });
  }
  return { language, units };
}

const text = (p) => p.map((x) => (typeof x === 'string' ? x : `{${x.id}}`)).join('');
const placeholders = (p) => p.filter((x) => typeof x !== 'string');
const english = (id) => JSON.stringify(text(sourceMessages.get(id) ?? []));
const report = (lines) => (lines.length ? `\n  ${lines.join('\n  ')}\n` : '');

const files = readdirSync(xliffDir)
  .filter((f) => f.endsWith('.xlf'))
  .map((f) => f.slice(0, -'.xlf'.length));
const locales = [...new Set([...config.targetLocales, ...files])].sort();

describe('translation files', () => {
  it('the sources hold messages, and every target locale has a file', () => {
    assert.ok(sourceMessages.size > 50, `only ${sourceMessages.size} messages found in the sources`);
    const missing = config.targetLocales.filter((l) => !files.includes(l));
    assert.deepEqual(missing, [], `no locales/<code>.xlf for ${missing.join(', ')}`);
  });

  for (const locale of locales) {
    describe(`locales/${locale}.xlf`, () => {
      const { language, units } = files.includes(locale)
        ? readXliff(`${xliffDir}/${locale}.xlf`)
        : { language: undefined, units: new Map() };

      it('names its own language', () => {
        assert.equal(language, locale);
      });

      it('translates every message the sources have', () => {
        const lacking = [...sourceMessages.keys()]
          .filter((id) => !units.get(id)?.target?.some((p) => typeof p !== 'string' || p.trim() !== ''))
          .map((id) => `${id} ${english(id)}${units.has(id) ? ' (no <target>)' : ' (no unit: run npm run localize:extract)'}`);
        assert.equal(lacking.length, 0, `${lacking.length} of ${sourceMessages.size} messages untranslated:${report(lacking)}`);
      });

      it('has no message the sources lack, and each message once', () => {
        const extra = [...units.keys()]
          .filter((id) => !sourceMessages.has(id))
          .map((id) => `${id} ${JSON.stringify(text(units.get(id)?.source ?? []))}`);
        assert.equal(extra.length, 0, `messages no longer in the sources (run npm run localize:extract):${report(extra)}`);
        const twice = [...units].filter(([, u]) => u.count > 1).map(([id, u]) => `${id} ×${u.count}`);
        assert.equal(twice.length, 0, `units written more than once:${report(twice)}`);
      });

      it('translates the current English (its <source> texts match the sources)', () => {
        const stale = [...units]
          .filter(([id, u]) => sourceMessages.has(id) && JSON.stringify(u.source) !== JSON.stringify(sourceMessages.get(id)))
          .map(([id]) => `${id} ${english(id)}`);
        assert.equal(stale.length, 0, `stale <source> (run npm run localize:extract, then check the translation):${report(stale)}`);
      });

      it('keeps every placeholder of the source exactly once, as the source writes it', () => {
        const wrong = [];
        for (const [id, unit] of units) {
          const source = sourceMessages.get(id);
          if (!source || !unit.target) continue;
          const want = placeholders(source);
          const got = placeholders(unit.target);
          const ids = (list) => list.map((p) => p.id).sort();
          if (JSON.stringify(ids(got)) !== JSON.stringify(ids(want))) {
            wrong.push(`${id} ${english(id)}: placeholders {${ids(got).join('}, {')}} where the source has {${ids(want).join('}, {')}}`);
            continue;
          }
          for (const p of got) {
            const expected = want.find((w) => w.id === p.id)?.equiv;
            if (p.equiv !== expected)
              wrong.push(
                `${id} ${english(id)}: <x id="${p.id}"> has equiv-text ${JSON.stringify(p.equiv)}, the source ${JSON.stringify(expected)}`,
              );
          }
        }
        assert.equal(wrong.length, 0, `placeholders differ from the source:${report(wrong)}`);
      });
    });
  }
});
