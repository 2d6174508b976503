/**
 * The `str` tag for the generated locale modules, so a lazily loaded locale
 * chunk imports nothing: the single-file bundle stays one file, and a locale
 * chunk is self-contained. Same shape as @lit/localize's own `str` result,
 * which the runtime recognises by its `strTag` flag.
 */
export const str = (strings: TemplateStringsArray, ...values: unknown[]) => ({ strTag: true as const, strings, values });
