import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json';
import { axePass, storyPage } from './a11y.js';

interface Declaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
  members?: Array<{ name: string; privacy?: string }>;
  cssParts?: Array<{ name: string; description?: string }>;
}

/**
 * custom-elements.json (`npm run analyze`) as Storybook reads it. Fixes,
 * applied to a copy:
 * - private members (`#controller`, …) are not API: leave them out of the tables;
 * - Storybook keys every row by its bare name, so the parts `captcha` and
 *   `brand-name` would hide the property and the attribute of the same name:
 *   list each part as the selector that styles it, `::part(title)` for the
 *   shadow parts, `[part~="button-primary"]` for the light-DOM ones.
 */
function forStorybook(source: typeof manifest) {
  const copy = structuredClone(source) as { modules: Array<{ declarations?: Declaration[] }> };
  for (const mod of copy.modules) {
    for (const declaration of mod.declarations ?? []) {
      declaration.members = declaration.members?.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
      for (const part of declaration.cssParts ?? []) {
        part.name = part.description?.startsWith('(light DOM)') ? `[part~="${part.name}"]` : `::part(${part.name})`;
      }
    }
  }
  return copy;
}

setCustomElementsManifest(forStorybook(manifest));

const preview: Preview = {
  // Each story is a page of its own: a <main> landmark and an <h1> (the story's name), the widget
  // inside, as a host page would place it; axe judges that page after every play function.
  decorators: [(story, ctx) => html`${storyPage(ctx.title, ctx.name, story())}`],
  afterEach: axePass,
  globalTypes: {
    locale: {
      description: 'Locale of the widget (its `locale` attribute)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        // Every shipped locale (src/generated/locale-codes.ts).
        items: [
          { value: 'en', right: 'en', title: 'English' },
          { value: 'ar', right: 'ar', title: 'العربية' },
          { value: 'de', right: 'de', title: 'Deutsch' },
          { value: 'es', right: 'es', title: 'Español' },
          { value: 'fr', right: 'fr', title: 'Français' },
          { value: 'he', right: 'he', title: 'עברית' },
          { value: 'it', right: 'it', title: 'Italiano' },
          { value: 'ja', right: 'ja', title: '日本語' },
          { value: 'ko', right: 'ko', title: '한국어' },
          { value: 'nl', right: 'nl', title: 'Nederlands' },
          { value: 'pl', right: 'pl', title: 'Polski' },
          { value: 'pt-BR', right: 'pt-BR', title: 'Português (Brasil)' },
          { value: 'zh-Hans', right: 'zh-Hans', title: '简体中文' },
          { value: 'zh-Hant', right: 'zh-Hant', title: '繁體中文' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    locale: 'en',
    backgrounds: { value: 'page' },
  },
  parameters: {
    layout: 'padded',
    backgrounds: {
      options: {
        page: { name: 'Sign-in page', value: '#f2f2f2' },
        white: { name: 'White', value: '#ffffff' },
        dark: { name: 'Dark', value: '#1b1a19' },
      },
    },
    controls: {
      expanded: true,
      sort: 'requiredFirst',
    },
  },
};

export default preview;
