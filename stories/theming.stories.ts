/// <reference types="vite/client" />
/**
 * Theming for designers (docs/theming.md): the three example brand themes in
 * themes/ (plain CSS, picked with the `brandTheme` control), the four slots,
 * the `theme` attribute, and every `--sspr-*` design token as a control.
 * Shadow parts are styled with `sspr-reset::part(…)`, the light-DOM hooks
 * with `sspr-reset [part~="…"]` (docs/styling-vocabulary.md).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { expect } from 'storybook/test';
import contoso from '../themes/contoso.css?raw';
import fabrikam from '../themes/fabrikam.css?raw';
import northwindDark from '../themes/northwind-dark.css?raw';
import { defineSsprReset } from '../src/define.js';
import { baseMeta, localeOf, logo, mock, person, storyMock, toMethods, type Ctx, type WidgetArgs } from './support.js';

const BRAND_THEMES = { none: '', contoso, fabrikam, 'northwind-dark': northwindDark } as const;

const TOKENS = [
  '--sspr-font-family',
  '--sspr-font-size',
  '--sspr-font-size-small',
  '--sspr-font-size-title',
  '--sspr-font-weight-strong',
  '--sspr-font-weight-title',
  '--sspr-color-surface',
  '--sspr-color-text',
  '--sspr-color-text-muted',
  '--sspr-color-border',
  '--sspr-color-primary',
  '--sspr-color-on-primary',
  '--sspr-color-danger',
  '--sspr-color-success',
  '--sspr-color-focus',
  '--sspr-radius',
  '--sspr-space',
  '--sspr-card-width',
  '--sspr-card-padding',
  '--sspr-card-shadow',
  '--sspr-card-border',
  '--sspr-input-height',
  '--sspr-button-radius',
] as const;
type TokenArgs = Partial<Record<(typeof TOKENS)[number], string>>;

interface ThemeArgs extends WidgetArgs, TokenArgs {
  /** One of the example themes in themes/ (plain CSS a host page links). */
  brandTheme: keyof typeof BRAND_THEMES;
  /** The element's `theme` attribute. */
  theme: 'auto' | 'light' | 'dark';
  /** Fill the `logo` slot (else the brand name stands in). */
  withLogo: boolean;
  /** Fill the `header`, `help` and `footer` slots. */
  withSlots: boolean;
}

/** The widget with a brand theme's CSS, its slots filled or not, and the token args as inline custom properties. */
function render(args: ThemeArgs, ctx: Ctx) {
  defineSsprReset();
  const m = storyMock(ctx);
  const tokens = TOKENS.filter((name) => args[name])
    .map((name) => `${name}: ${args[name]}`)
    .join('; ');
  const css = BRAND_THEMES[args.brandTheme] ?? '';
  return html`${
      css
        ? html`<style>
            ${css}
          </style>`
        : nothing
    }
    <div style="max-width: 30rem">
      <sspr-reset
        style=${tokens || nothing}
        theme=${args.theme}
        .backend=${m.backend}
        .captcha=${m.captcha}
        brand-name=${args.brandName || nothing}
        sign-in-href=${args.signInHref || nothing}
        locale=${localeOf(ctx)}
      >
        ${args.withLogo ? logo : nothing}
        ${
          args.withSlots
            ? html`<a slot="header" href="#help">Back to sign-in</a>
                <p slot="help" style="margin: 0">None of these work for you? Call the help desk at 555-0100.</p>
                <p slot="footer" style="display: flex; gap: 1rem; margin: 0">
                  <a href="#help">Help</a><a href="#privacy">Privacy &amp; cookies</a><a href="#terms">Terms of use</a>
                </p>`
            : nothing
        }
      </sspr-reset>
    </div>`;
}

const meta = {
  ...baseMeta,
  title: 'SSPR/Theming',
  parameters: { devices: false },
  args: { ...baseMeta.args, brandTheme: 'none', theme: 'auto', withLogo: true, withSlots: true },
  argTypes: {
    ...baseMeta.argTypes,
    brandTheme: { control: 'select', options: Object.keys(BRAND_THEMES) },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    withLogo: { control: 'boolean' },
    withSlots: { control: 'boolean' },
    ...Object.fromEntries(TOKENS.map((name) => [name, { control: name.startsWith('--sspr-color') ? 'color' : 'text' }])),
  },
  render: (args, ctx) => render(args, ctx),
} satisfies Meta<ThemeArgs>;
export default meta;

type Story = StoryObj<ThemeArgs>;

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`)!;

/** Contoso (themes/contoso.css): Microsoft-like, the widget's defaults spelled out; two verifications, on the methods step. */
export const Contoso: Story = {
  args: { brandTheme: 'contoso', theme: 'light' },
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await expect(getComputedStyle(p.el.querySelector('[part~="button-primary"]')!).backgroundColor).toBe('rgb(0, 103, 184)');
    await expect(getComputedStyle(part(p.el, 'card')).borderTopLeftRadius).toBe('2px');
  },
};

/** Fabrikam (themes/fabrikam.css): a rounded consumer brand, pill buttons, centered heading. */
export const Fabrikam: Story = {
  args: { brandTheme: 'fabrikam', theme: 'light' },
  play: async (ctx) => {
    const p = await toMethods(ctx);
    const primary = p.el.querySelector('[part~="button-primary"]')!;
    await expect(getComputedStyle(primary).backgroundColor).toBe('rgb(185, 56, 28)');
    await expect(getComputedStyle(primary).borderTopLeftRadius).toBe('999px');
    await expect(getComputedStyle(part(p.el, 'title')).textAlign).toBe('center');
  },
};

/** Northwind (themes/northwind-dark.css): a dark, high-contrast enterprise brand; the page goes dark too. */
export const NorthwindDark: Story = {
  name: 'Northwind (dark, high contrast)',
  args: { brandTheme: 'northwind-dark', theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await expect(getComputedStyle(part(p.el, 'card')).backgroundColor).toBe('rgb(13, 13, 13)');
    await expect(getComputedStyle(p.el.querySelector('input[type="radio"]')!).colorScheme).toBe('dark');
  },
};

/** Every slot: `logo`, `header` (a way back), `help` (under the methods: what to do when none works) and `footer`. */
export const Slots: Story = {
  args: { brandTheme: 'contoso', theme: 'light' },
  play: async (ctx) => {
    const p = await toMethods(ctx);
    for (const name of ['logo', 'header', 'help', 'footer']) {
      const slot = p.el.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!;
      await expect(slot.assignedElements().length).toBeGreaterThan(0);
    }
    await expect(p.el.querySelector('[slot="help"]')!.checkVisibility()).toBe(true);
  },
};

/** No logo slotted: the brand name (`brand-name`) stands in; no other slot filled, so no footer either. */
export const BrandNameFallback: Story = {
  name: 'Brand name instead of a logo',
  args: { brandTheme: 'contoso', theme: 'light', withLogo: false, withSlots: false, brandName: 'Fabrikam Ltd.' },
  play: async (ctx) => {
    const p = await person(ctx);
    await expect(part(p.el, 'brand-name').textContent).toBe('Fabrikam Ltd.');
    await expect(part(p.el, 'brand-name').checkVisibility()).toBe(true);
    await expect(part(p.el, 'footer').checkVisibility()).toBe(false);
  },
};

/** `theme="dark"`: the dark defaults, whatever the person's setting, on a dark page; a refused user ID. */
export const Dark: Story = {
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
  play: async (ctx) => {
    const p = await person(ctx);
    await p.next();
    // A refused user ID: its error next to the field, in the dark theme's danger color.
    await expect(p.error()).not.toBe('');
    await expect(getComputedStyle(p.el.querySelector('[part~="field-error"]')!).color).toBe('rgb(255, 153, 164)');
    await expect(getComputedStyle(part(p.el, 'card')).backgroundColor).toBe('rgb(31, 31, 31)');
  },
};

/** No theme, every token empty: the defaults (light or dark as the person prefers). Set any token in the Controls panel. */
export const Playground: Story = {
  name: 'Token playground',
};
