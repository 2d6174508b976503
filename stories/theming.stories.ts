/**
 * Theming for designers: the `--sspr-*` design tokens set on the element
 * (edit them in the Controls panel), the shadow parts styled with
 * `sspr-reset::part(…)` and the light-DOM parts with `sspr-reset [part~="…"]`.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import { baseMeta, mock, renderWidget, t, toMethods, toPassword, type WidgetArgs } from './support.js';

/** The design tokens, as args named after the custom properties (they style the element). */
interface TokenArgs {
  '--sspr-font-family'?: string;
  '--sspr-font-size'?: string;
  '--sspr-color-surface'?: string;
  '--sspr-color-text'?: string;
  '--sspr-color-text-muted'?: string;
  '--sspr-color-border'?: string;
  '--sspr-color-primary'?: string;
  '--sspr-color-on-primary'?: string;
  '--sspr-color-error'?: string;
  '--sspr-color-success'?: string;
  '--sspr-color-focus'?: string;
  '--sspr-radius'?: string;
  '--sspr-space'?: string;
  '--sspr-card-width'?: string;
  '--sspr-card-shadow'?: string;
}
type ThemeArgs = WidgetArgs & TokenArgs;

const color = { control: 'color' } as const;
const text = { control: 'text' } as const;

/** The parts, styled as a host page would, scoped to the theme's class. */
const partStyles = html`<style>
  sspr-reset.purple-brand::part(card) {
    border-top: 6px solid #4b1f73;
  }
  sspr-reset.purple-brand::part(title) {
    color: #4b1f73;
    font-weight: 700;
    letter-spacing: -0.01em;
  }
  sspr-reset.purple-brand::part(brand-name) {
    color: #4b1f73;
    font-size: 1.1em;
  }
  sspr-reset.purple-brand::part(progress) {
    color: #7a4fa8;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.06em;
  }
  sspr-reset.purple-brand [part~='button-primary'] {
    border-radius: 999px;
    padding-inline: 28px;
    box-shadow: 0 2px 8px rgb(75 31 115 / 0.35);
  }
  sspr-reset.purple-brand [part~='button-secondary'] {
    border-radius: 999px;
  }
  sspr-reset.purple-brand [part~='input'] {
    background: #faf7fd;
  }
</style>`;

const purple: TokenArgs = {
  '--sspr-font-family': "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
  '--sspr-color-surface': '#ffffff',
  '--sspr-color-text': '#25123a',
  '--sspr-color-text-muted': '#6b5a7d',
  '--sspr-color-border': '#8d7aa3',
  '--sspr-color-primary': '#4b1f73',
  '--sspr-color-on-primary': '#ffffff',
  '--sspr-color-error': '#b3123e',
  '--sspr-color-success': '#1d7a46',
  '--sspr-color-focus': '#9b5de5',
  '--sspr-radius': '10px',
  '--sspr-card-shadow': '0 12px 32px rgb(75 31 115 / 0.22)',
};

/** The dark defaults (which otherwise follow `prefers-color-scheme`), set explicitly. */
const dark: TokenArgs = {
  '--sspr-color-surface': '#1f1f1f',
  '--sspr-color-text': '#f3f3f3',
  '--sspr-color-text-muted': '#c8c8c8',
  '--sspr-color-border': '#8a8886',
  '--sspr-color-primary': '#4fa3f7',
  '--sspr-color-on-primary': '#0b0b0b',
  '--sspr-color-error': '#ff99a4',
  '--sspr-color-success': '#8fd88f',
  '--sspr-color-focus': '#4fa3f7',
  '--sspr-card-shadow': '0 2px 6px rgb(0 0 0 / 0.6)',
};

const meta = {
  ...baseMeta,
  title: 'SSPR/Theming',
  parameters: { devices: false },
  argTypes: {
    ...baseMeta.argTypes,
    '--sspr-font-family': text,
    '--sspr-font-size': text,
    '--sspr-color-surface': color,
    '--sspr-color-text': color,
    '--sspr-color-text-muted': color,
    '--sspr-color-border': color,
    '--sspr-color-primary': color,
    '--sspr-color-on-primary': color,
    '--sspr-color-error': color,
    '--sspr-color-success': color,
    '--sspr-color-focus': color,
    '--sspr-radius': text,
    '--sspr-space': text,
    '--sspr-card-width': text,
    '--sspr-card-shadow': text,
  },
  render: (args, ctx) => html`${partStyles}${renderWidget(args, ctx, { className: (ctx.parameters['themeClass'] as string) ?? '' })}`,
} satisfies Meta<ThemeArgs>;
export default meta;

type Story = StoryObj<ThemeArgs>;

/** A dark purple brand on the methods step (two gates): tokens, plus the title, card and buttons styled through their parts. */
export const PurpleBrand: Story = {
  name: 'Purple brand',
  args: { ...purple, brandName: 'Contoso Purple' },
  parameters: { themeClass: 'purple-brand' },
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await expect(getComputedStyle(p.el.querySelector('[part~="button-primary"]')!).backgroundColor).toBe('rgb(75, 31, 115)');
  },
};

/** The same brand on the password step: met rules in the success color, the mismatch, inputs. */
export const PurpleBrandPassword: Story = {
  name: 'Purple brand, password',
  args: { ...purple, brandName: 'Contoso Purple' },
  parameters: { themeClass: 'purple-brand' },
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.typePassword('Tulip-Garden-42', 'Tulip-Garden-4');
    await expect(p.el.textContent).toContain(t('The two passwords don’t match.'));
  },
};

/** Dark: the dark token values on a dark page, on the methods step. */
export const Dark: Story = {
  args: dark,
  globals: { backgrounds: { value: 'dark' } },
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    await toMethods(ctx);
  },
};

/** Every token empty: the defaults. Set any of them in the Controls panel. */
export const Playground: Story = {
  name: 'Token playground',
};
