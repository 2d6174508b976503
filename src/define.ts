import { SsprReset } from './sspr-reset.js';

/**
 * Register `<sspr-reset>` once: when a second copy of the package already
 * defined the tag, this is a no-op instead of an error.
 */
export function defineSsprReset() {
  if (!customElements.get('sspr-reset')) customElements.define('sspr-reset', SsprReset);
}

defineSsprReset();

declare global {
  interface HTMLElementTagNameMap {
    'sspr-reset': SsprReset;
  }
}
