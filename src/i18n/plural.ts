/**
 * Counts in the person's language: the plural form CLDR gives the number in
 * the active locale (`Intl.PluralRules`: Arabic has six forms, Polish three,
 * Japanese one) and the number written as that locale writes numbers.
 *
 * Each form is a whole sentence of its own (a `msg()` with its own id), so
 * no sentence is assembled from fragments. English writes `one` and `other`;
 * the `zero`, `two`, `few` and `many` messages exist for the languages that
 * need them and read as `other` in English. A form a language lacks falls
 * back to `other`.
 */
import { getLocale } from './index.js';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, (n: string) => string>> & { other: (n: string) => string };

/** The sentence for `count` in the active locale's plural form, with the count formatted for that locale. */
export function plural(count: number, forms: PluralForms): string {
  const locale = getLocale();
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form(new Intl.NumberFormat(locale).format(count));
}
