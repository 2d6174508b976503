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

const loaders: Record<(typeof targetLocales)[number], () => Promise<LocaleModule>> = {
  es: () => import('../generated/locales/es.js'),
};

const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
});

export { getLocale };

/** Right-to-left languages, by primary subtag. */
const RTL = new Set(['ar', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The text direction of a BCP 47 tag. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL.has(locale.toLowerCase().split(/[-_]/)[0] ?? '') ? 'rtl' : 'ltr';
}

/**
 * The shipped locale that best matches the candidates, tried in order: an exact
 * match (case-insensitive), then the same primary language (`es-MX` → `es`);
 * else the source locale.
 */
export function negotiateLocale(candidates: ReadonlyArray<string | null | undefined>): Locale {
  const shipped = allLocales as readonly string[];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const tag = candidate.trim().replace(/_/g, '-').toLowerCase();
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
