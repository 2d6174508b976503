/**
 * Bidi isolation for an address, a phone number or a code inside a sentence
 * (LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE): it reads left to right
 * in any language, and does not reorder the Arabic or Hebrew around it.
 */
export const ltr = (text: string) => `\u2066${text}\u2069`;
