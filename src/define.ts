import { SsprReset } from './sspr-reset.js';

/**
 * Register `<sspr-reset>` once: when a second copy of the package already
 * defined the tag, this is a no-op instead of an error. Where there is no
 * `customElements` (server-side rendering in Node), it does nothing.
 */
export function defineSsprReset() {
  const registry = globalThis.customElements as CustomElementRegistry | undefined;
  if (registry && !registry.get('sspr-reset')) registry.define('sspr-reset', SsprReset);
}

defineSsprReset();

declare global {
  interface HTMLElementTagNameMap {
    'sspr-reset': SsprReset;
  }
}
