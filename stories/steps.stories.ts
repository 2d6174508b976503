/**
 * Every step of the wizard, from the first screen to done, and the screens
 * where the flow stops (config failed, locked out, not enabled).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { MockCaptcha } from '../src/captcha/mock.js';
import { MOCK_BASE_URL } from '../src/mock/index.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { person as personOf } from '../test/person.js';
import { baseMeta, localeOf, mock, person, t, toMethods, toPassword, until, type WidgetArgs } from './support.js';

const meta = {
  ...baseMeta,
  title: 'SSPR/Steps',
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

/** The first screen: user ID and the (mock) captcha. */
export const Identify: Story = {
  play: async (ctx) => {
    const p = await person(ctx);
    await expect(p.title()).toBe(t('Get back into your account'));
  },
};

/** The user ID prefilled by the host (`username` attribute). */
export const IdentifyPrefilled: Story = {
  name: 'Identify (prefilled user ID)',
  args: { username: 'adele@contoso.com' },
  play: async (ctx) => {
    const p = await person(ctx);
    await expect(p.field('User ID').value).toBe('adele@contoso.com');
  },
};

/** Next pressed with no user ID: the error is announced and the field marked invalid. */
export const IdentifyError: Story = {
  name: 'Identify with error (no user ID)',
  play: async (ctx) => {
    const p = await person(ctx);
    await p.next();
    await expect(p.error()).toContain(t('Enter your user ID.'));
    await expect(p.field('User ID').getAttribute('aria-invalid')).toBe('true');
  },
};

/** The captcha was ticked but the backend refused its token (a captcha provider handing out a forged token). */
export const CaptchaRefused: Story = {
  name: 'Captcha refused',
  loaders: [
    mock({
      captcha: () => {
        const captcha = new MockCaptcha();
        captcha.token = 'forged';
        return captcha;
      },
    }),
  ],
  play: async (ctx) => {
    const p = await person(ctx);
    await p.fillUserId('adele@contoso.com');
    await p.passCaptcha();
    await p.next();
    await expect(p.error()).toContain(t('We couldn’t confirm that you’re not a robot. Try the check again.'));
    await expect(p.field('I’m not a robot').checked).toBe(false);
  },
};

/** The backend can't be reached: the configuration never loads. */
export const ConfigFailed: Story = {
  name: 'Config failed (network error)',
  loaders: [
    mock({
      backend: () => new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch: () => Promise.reject(new TypeError('Failed to fetch')) }),
    }),
  ],
  parameters: { devices: false },
  play: async (ctx) => {
    // Without the person's settle(): Next waits for the config (aria-disabled), which settle() reads as busy.
    const el = ctx.canvasElement.querySelector('sspr-reset')!;
    const p = personOf(el);
    await until(
      () =>
        el.getAttribute('lang') === localeOf(ctx) &&
        p.error().includes(t('We couldn’t reach the server. Check your connection and try again.')),
      'the failure was never said',
    );
    await expect(el.step).toBe('loading');
    await expect(p.button('Try again').getAttribute('aria-disabled')).not.toBe('true');
  },
};

/**
 * One gate (the default policy), adele (every method registered): the app
 * notification and the security questions are explained, not offered.
 */
export const Methods: Story = {
  name: 'Methods (1 gate)',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await expect(p.progress()).toBe('');
    await expect(p.el.textContent).toContain(t('Your organization doesn’t accept this as the only verification.'));
  },
};

/** The new password, before typing: the policy checklist, nothing met yet. */
export const Password: Story = {
  name: 'Password (empty)',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await expect(p.title()).toBe(t('Choose a new password'));
  },
};

/** Typing: the rules tick as they are met; the confirmation doesn't match. */
export const PasswordLiveChecks: Story = {
  name: 'Password with live checks and mismatch',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.typePassword('adele-spring', 'adele-sprint');
    await expect(p.el.querySelectorAll('[part~="policy-rule-met"]').length).toBe(1);
    await expect(p.el.textContent).toContain(t('The two passwords don’t match.'));
  },
};

/** The server refused the password (too common / breached), with the reason in the person's language. */
export const PasswordRejected: Story = {
  name: 'Password rejected by the server',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.resetPassword('password123');
    await expect(p.error()).toContain(t('It’s too common or has appeared in a data breach.'));
  },
};

/** The password was reset; the person's alternate email and phone were notified. */
export const Done: Story = {
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.resetPassword('Tulip-Garden-Walk-42');
    await p.waitForStep('done');
    await expect(p.title()).toBe(t('Your password has been reset'));
  },
};

/** locked@contoso.com: locked out of password reset. */
export const LockedOut: Story = {
  name: 'Locked out',
  play: async (ctx) => {
    const p = await person(ctx);
    await p.identify('locked@contoso.com');
    await p.waitForStep('blocked');
    await expect(p.title()).toBe(t('Your account is temporarily locked'));
  },
};

/** diego@contoso.com: not enabled for self-service password reset. */
export const NotEnabled: Story = {
  name: 'Not enabled',
  play: async (ctx) => {
    const p = await person(ctx);
    await p.identify('diego@contoso.com');
    await p.waitForStep('blocked');
    await expect(p.title()).toBe(t('Contact your administrator'));
  },
};
