/**
 * Localization: @lit/localize in runtime mode, one locale per page.
 *
 * The published bundles carry a private copy of @lit/localize, so a host app
 * that configured its own @lit/localize does not collide with the widget.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type Locale = (typeof allLocales)[number];
export { allLocales, sourceLocale };

/**
 * The parts of a locale fetched after its first step's words, each with the code that shows it
 * (scripts/split-locales.mjs): `wire`, the errors and captcha providers; `steps`, the later steps.
 */
export type WordsPart = 'wire' | 'steps';
type Templates = LocaleModule['templates'];
type Generated = LocaleModule & { idLength?: number; parts?: Record<WordsPart, () => Promise<{ templates: Templates }>> };

/** Each locale is a chunk of its own (and its parts), fetched only when a page shows it. */
const loaders: Record<(typeof targetLocales)[number], () => Promise<Generated>> = {
  ar: () => import('../generated/locales/ar.js'),
  de: () => import('../generated/locales/de.js'),
  es: () => import('../generated/locales/es.js'),
  fr: () => import('../generated/locales/fr.js'),
  he: () => import('../generated/locales/he.js'),
  it: () => import('../generated/locales/it.js'),
  ja: () => import('../generated/locales/ja.js'),
  ko: () => import('../generated/locales/ko.js'),
  nl: () => import('../generated/locales/nl.js'),
  pl: () => import('../generated/locales/pl.js'),
  'pt-BR': () => import('../generated/locales/pt-BR.js'),
  'zh-Hans': () => import('../generated/locales/zh-Hans.js'),
  'zh-Hant': () => import('../generated/locales/zh-Hant.js'),
};

const GENERATED_ID = /^s[0-9a-f]{16}$/;

/** The parts some code on the page has asked for: a locale loaded later brings them before it shows. */
const wanted = new Set<WordsPart>();
/** The loaded locale's messages (one object, that later parts fill in) and its module. */
let active: { templates: Templates; module: Generated } | undefined;

/** Copy `part` of the active locale into its messages; a part that fails to load leaves those words in English. */
function fill(part: WordsPart, into = active): Promise<void> {
  const load = into?.module.parts?.[part];
  if (!load) return Promise.resolve();
  return load().then(
    ({ templates }) => void Object.assign(into.templates, templates),
    () => undefined,
  );
}

/**
 * @lit/localize looks a message up by the id it computes (`s` and 16 hex digits). A built locale
 * chunk keys each message by that id's first `idLength` characters (vite.config.ts,
 * `shortMessageIds`: a fifth of each chunk saved): look up the full id, then the short one.
 */
function withShortIds(templates: Templates, idLength: number | undefined): Templates {
  if (!idLength) return templates;
  return new Proxy(templates, {
    get: (all, id) => (typeof id !== 'string' ? undefined : (all[id] ?? (GENERATED_ID.test(id) ? all[id.slice(0, idLength)] : undefined))),
  });
}

async function loadLocale(locale: string): Promise<LocaleModule> {
  const module: Generated = await loaders[locale as keyof typeof loaders]();
  const loaded = { templates: { ...module.templates }, module };
  await Promise.all([...wanted].map((part) => fill(part, loaded)));
  active = loaded;
  return { templates: withShortIds(loaded.templates, module.idLength) };
}

const { getLocale, setLocale } = configureLocalization({ sourceLocale, targetLocales, loadLocale });

export { getLocale };

/** Right-to-left languages, by primary subtag. */
const RTL = new Set(['ar', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The text direction of a BCP 47 tag. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL.has(locale.toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';
}

/** Chinese: the script a region writes, when a tag names a region and no script. */
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The tag a candidate stands for among the shipped ones, before matching:
 * Chinese by script (`zh-TW`, `zh-HK`, `zh-MO` → `zh-Hant`; `zh`, `zh-CN`,
 * `zh-SG` → `zh-Hans`; an explicit script wins).
 */
function canonical(tag: string): string {
  const [language, ...rest] = tag.split('-');
  if (language !== 'zh') return tag;
  const script = rest.find((s) => s.length === 4);
  if (script) return `zh-${script}`;
  return rest.some((s) => TRADITIONAL_REGIONS.has(s)) ? 'zh-hant' : 'zh-hans';
}

/**
 * The shipped locale that best matches the candidates, tried in order: an exact
 * match (case-insensitive), then the same primary language (`es-MX` → `es`,
 * `en-GB` → `en`, `pt-PT` → `pt-BR`, Chinese by script: `zh-TW` → `zh-Hant`,
 * `zh-CN` → `zh-Hans`); else the source locale.
 */
export function negotiateLocale(candidates: ReadonlyArray<string | null | undefined>): Locale {
  const shipped = allLocales as readonly string[];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = canonical(candidate.trim().replace(/_/g, '-').toLowerCase());
    const exact = shipped.find((l) => l.toLowerCase() === tag);
    if (exact) return exact as Locale;
    const language = tag.split('-')[0];
    const close = shipped.find((l) => l.toLowerCase().split('-')[0] === language);
    if (close) return close as Locale;
  }
  return sourceLocale;
}

let pending: Promise<void> = Promise.resolve();

/** Switch the widget's locale; resolves when its strings are loaded. Calls are serialized. */
export function useLocale(locale: Locale): Promise<void> {
  pending = pending.then(() => (getLocale() === locale ? undefined : setLocale(locale))).catch(() => undefined);
  return pending;
}

/**
 * The words of `part`, in the active locale and in any locale loaded from now on: resolves once
 * they are in (at once in English). Code that shows them awaits this before it renders.
 */
export function useWords(part: WordsPart): Promise<void> {
  wanted.add(part);
  return pending.then(() => (getLocale() === sourceLocale ? undefined : fill(part)));
}

/** A clock time (ms) in the widget's language: the time of day, with the date when `withDate`. */
export function formatTime(at: number, withDate = false): string {
  return new Intl.DateTimeFormat(getLocale(), withDate ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' }).format(at);
}
