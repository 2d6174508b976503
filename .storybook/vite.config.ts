/**
 * Storybook's Vite config, used instead of the root vite.config.ts (see
 * main.ts). Storybook sets the root, entries and output itself; the stories
 * talk to an in-page mock backend, so no dev-server plugin is needed.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  optimizeDeps: {
    // Storybook's web-components renderer imports lit/directive-helpers.js; pre-bundled
    // beside `lit`, the dev server loads one lit-html, not two.
    include: ['lit', 'lit/directive-helpers.js', '@lit/localize'],
  },
});
