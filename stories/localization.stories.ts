/**
 * The widget in Spanish (`locale="es"`). Every other story plays in Spanish
 * too: pick "Español" in the toolbar's Locale menu.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { baseMeta, mock, person, t, toMethods, toPassword, type WidgetArgs } from './support.js';

const meta = {
  ...baseMeta,
  title: 'SSPR/Localization',
  globals: { locale: 'es' },
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

/** The first screen in Spanish. */
export const Spanish: Story = {
  name: 'Spanish (identify)',
  play: async (ctx) => {
    const p = await person(ctx);
    await expect(p.el.getAttribute('lang')).toBe('es');
    await expect(p.title()).toBe('Recupera el acceso a tu cuenta');
  },
};

/** Two gates in Spanish: progress, policy note, methods and the explanations of those not offered. */
export const SpanishMethods: Story = {
  name: 'Spanish (methods, 2 gates)',
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toMethods(ctx, 'alex@contoso.com');
    await expect(p.progress()).toBe('Verificación 1 de 2');
  },
};

/** The server's rejection reasons, shown in the person's language. */
export const SpanishPasswordRejected: Story = {
  name: 'Spanish (password rejected)',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.resetPassword('password123');
    await expect(p.error()).toContain(t('It’s too common or has appeared in a data breach.'));
  },
};
