/**
 * What the mock says, in every language the widget ships: the e-mails, texts,
 * call scripts and push notifications it "sends", and the stock security
 * questions. Each language is one table of whole sentences with named slots
 * (`{code}`, `{user}`, …); a sentence that holds a count has one form per
 * plural category of its language (`Intl.PluralRules`). English is built in;
 * every other table is a chunk of its own, loaded when a flow in that
 * language starts (`loadMessages`), so sending stays synchronous.
 *
 * The language is picked from a flow's `locale` as the widget picks its own
 * (src/i18n/index.ts, not imported here: it would bring @lit/localize into
 * the mock): an exact match, Chinese by script (`zh-TW`, `zh-HK`, `zh-MO` →
 * `zh-Hant`; `zh`, `zh-CN`, `zh-SG` → `zh-Hans`), else the primary language
 * (`pt-PT` → `pt-BR`, `en-GB` → `en`), else English.
 */
import type { targetLocales } from '../../generated/locale-codes.js';
import en from './messages-en.js';

/** A shipped language: the widget's locales (lit-localize.json), each with a table here. */
export type MessageLanguage = 'en' | (typeof targetLocales)[number];

/** The security questions every seed user registered, by their stable ids. */
export type StockQuestionId = 'q-city' | 'q-pet' | 'q-school' | 'q-street';

/**
 * A sentence with a count in it: one whole sentence per plural category the
 * language uses for the counts the mock sends (1 to 10 minutes), and `other`.
 * A form may write the count as a word (Arabic "دقيقتين") and leave out its slot.
 */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Every text the mock sends or shows, in one language. Slots are named in braces. */
export interface Messages {
  /** E-mail with a code: subject. `{brand}` */
  codeSubject: string;
  /** Its body. `{code}`, `{user}`, `{minutes}` (the count: how long the code lives). */
  codeBody: Plural;
  /** Text message, before its WebOTP line (`@host #code`, added as is). `{code}`, `{brand}` */
  sms: string;
  /** What the automated call says. `{brand}` */
  call: string;
  /** The push notification in the authenticator app. `{user}` */
  push: string;
  /** The account's reset was locked: subject. `{brand}` */
  lockSubject: string;
  /** Its body, for a lock with an end. `{user}`, `{until}` (ISO 8601, UTC) */
  lockUntil: string;
  /** Its body, for a lock only an administrator lifts. `{user}` */
  lockIndefinite: string;
  /** The password was reset: subject. `{brand}` */
  resetSubject: string;
  /** Its body. `{user}` */
  resetBody: string;
  /** To every other administrator, when an administrator resets: subject. */
  adminSubject: string;
  /** Its body. `{name}` (display name), `{user}` */
  adminBody: string;
  /** The stock security questions. */
  questions: Record<StockQuestionId, string>;
}

/** Each table but English, a chunk of its own. */
const LOADERS: Record<Exclude<MessageLanguage, 'en'>, () => Promise<{ default: Messages }>> = {
  ar: () => import('./messages-ar.js'),
  de: () => import('./messages-de.js'),
  es: () => import('./messages-es.js'),
  fr: () => import('./messages-fr.js'),
  he: () => import('./messages-he.js'),
  it: () => import('./messages-it.js'),
  ja: () => import('./messages-ja.js'),
  ko: () => import('./messages-ko.js'),
  nl: () => import('./messages-nl.js'),
  pl: () => import('./messages-pl.js'),
  'pt-BR': () => import('./messages-pt-BR.js'),
  'zh-Hans': () => import('./messages-zh-Hans.js'),
  'zh-Hant': () => import('./messages-zh-Hant.js'),
};

/** Every shipped language, English first. */
export const MESSAGE_LANGUAGES = ['en', ...Object.keys(LOADERS)] as readonly MessageLanguage[];

const tables = new Map<MessageLanguage, Messages>([['en', en]]);

/** The shipped language a BCP 47 tag is answered in (see the top of this file). */
export function messageLanguage(locale: string): MessageLanguage {
  const tag = locale.trim().replace(/_/g, '-').toLowerCase();
  const [language = '', ...rest] = tag.split('-');
  const exact = (t: string) => MESSAGE_LANGUAGES.find((l) => l.toLowerCase() === t);
  if (language === 'zh') {
    const script = rest.find((s) => s.length === 4) ?? (rest.some((s) => /^(tw|hk|mo)$/.test(s)) ? 'hant' : 'hans');
    return exact(`zh-${script}`) ?? 'zh-Hans';
  }
  return exact(tag) ?? MESSAGE_LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === language) ?? 'en';
}

/** Load the table of a locale's language once; one that fails to load leaves English in its place. */
export async function loadMessages(locale: string): Promise<void> {
  const lang = messageLanguage(locale);
  if (lang === 'en' || tables.has(lang)) return;
  try {
    tables.set(lang, (await LOADERS[lang]()).default);
  } catch {
    // English stands in: a message is never withheld for want of a translation.
  }
}

/** The language and table a locale is answered in now: English until its table has loaded. */
export function messagesFor(locale: string): { lang: MessageLanguage; table: Messages } {
  const lang = messageLanguage(locale);
  const table = tables.get(lang);
  return table ? { lang, table } : { lang: 'en', table: en };
}

/** The English table (built in). */
export { en as ENGLISH };

/** Right-to-left among the shipped languages. */
const RTL: readonly MessageLanguage[] = ['ar', 'he'];

/**
 * A template with its slots filled: for a `Plural`, the form of `count`'s
 * category (else `other`); numbers formatted for the language; in a
 * right-to-left language each value isolated (U+2068 … U+2069) so codes,
 * addresses and numbers keep their left-to-right order inside the sentence.
 * A slot with no value is left as written.
 */
export function fill(lang: MessageLanguage, template: string | Plural, slots: Record<string, string | number>, count = 0): string {
  const text = typeof template === 'string' ? template : (template[new Intl.PluralRules(lang).select(count)] ?? template.other);
  const isolate = RTL.includes(lang);
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => {
    const value = slots[name];
    if (value === undefined) return slot;
    // Western digits, like the code beside them, and the same on every runtime (ICU builds differ on Arabic's default).
    const shown = typeof value === 'number' ? new Intl.NumberFormat(lang, { numberingSystem: 'latn' }).format(value) : value;
    return isolate ? `\u2068${shown}\u2069` : shown;
  });
}
