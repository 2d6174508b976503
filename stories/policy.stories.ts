/**
 * Policy variants decided by the backend: two gates, administrators, a
 * stricter password policy, a tenant with few methods enabled.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { msg, str } from '@lit/localize';
import { baseMeta, mock, t, toMethods, toPassword, type WidgetArgs } from './support.js';

const meta = {
  ...baseMeta,
  title: 'SSPR/Policy',
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

/** The organization requires two gates: progress "Verification 1 of 2"; the app notification and questions are offered. */
export const TwoGates: Story = {
  name: 'Methods (2 gates)',
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await expect(p.progress()).toBe(msg(str`Verification ${1} of ${2}`));
  },
};

/** After the first gate (email): "Verification 2 of 2", email is explained as already used. */
export const SecondGate: Story = {
  name: 'Methods, second gate',
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('Email my alternate email address');
    await p.enterCode(p.codeSent('email'));
    await p.waitForStep('methods');
    await expect(p.title()).toBe(t('Verify your identity: second step'));
    await expect(p.progress()).toBe(msg(str`Verification ${2} of ${2}`));
  },
};

/** alex@contoso.com, an administrator: always two gates, never security questions. */
export const Administrator: Story = {
  name: 'Methods for an administrator',
  play: async (ctx) => {
    const p = await toMethods(ctx, 'alex@contoso.com');
    await expect(p.progress()).toBe(msg(str`Verification ${1} of ${2}`));
    await expect(p.el.textContent).toContain(t('Not available to administrator accounts.'));
  },
};

/** An administrator's reset: the other administrators are notified too. */
export const AdministratorDone: Story = {
  name: 'Done for an administrator',
  play: async (ctx) => {
    const p = await toMethods(ctx, 'alex@contoso.com');
    await p.chooseMethod('Email my alternate email address');
    await p.enterCode(p.codeSent('email'));
    await p.waitForStep('methods');
    await p.chooseMethod('Text my mobile phone');
    await p.enterCode(p.codeSent('sms'));
    await p.waitForStep('password');
    await p.resetPassword('Admin-Strong-Pass-7');
    await p.waitForStep('done');
    await expect(p.el.textContent).toContain(t('Your organization’s other administrators'));
  },
};

/** megan@contoso.com (email and questions) with one gate: email is the only method offered. */
export const OneMethodOffered: Story = {
  name: 'Methods, one offered (megan)',
  play: async (ctx) => {
    const p = await toMethods(ctx, 'megan@contoso.com');
    await expect(p.el.querySelectorAll('input[name="method"]').length).toBe(1);
  },
};

/** A stricter password policy (12 characters, 3 kinds of characters): the checklist grows. */
export const StrictPasswordPolicy: Story = {
  name: 'Password, strict policy',
  loaders: [mock({ passwordPolicy: { minLength: 12, maxLength: 128, minClasses: 3, disallowUsername: true } })],
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.typePassword('tulip-garden');
    await expect(p.el.querySelectorAll('[part~="policy-rule"]').length).toBe(3);
    await expect(p.el.querySelectorAll('[part~="policy-rule-met"]').length).toBe(2);
  },
};
