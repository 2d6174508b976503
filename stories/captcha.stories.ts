/**
 * The verification step's captcha: ALTCHA, the self-hosted default (a proof
 * of work the mock issues and verifies with altcha-lib, solved in a worker
 * while the person types), at work, and when it fails. The other steps'
 * stories keep the mock checkbox. (A provider the widget does not know logs a
 * console error by design, which the story check counts as a failure: it is
 * covered by test/captcha/wiring.test.ts instead.)
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { MOCK_BASE_URL } from '../src/mock/index.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { baseMeta, mock, person, t, type WidgetArgs } from './support.js';

const meta = {
  ...baseMeta,
  title: 'SSPR/Captcha',
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

/** ALTCHA: verified while the person types their user ID, then Next starts the flow. */
export const Altcha: Story = {
  name: 'ALTCHA',
  loaders: [mock({ captchaProvider: 'altcha' })],
  play: async (ctx) => {
    const p = await person(ctx);
    await p.fillUserId('adele@contoso.com');
    // The provider is loaded lazily once the config names it: wait for it to show, as a person would.
    await p.waitFor(() => !!p.el.querySelector('[part~="captcha-altcha"]'), 'the ALTCHA captcha never showed', 10_000);
    await p.passCaptcha();
    await expect(p.status()).toContain(t('Verified: you’re not a robot.'));
    await p.next();
    await p.waitForStep('methods');
  },
};

/** ALTCHA at work on a hard challenge: the status line and the progress bar. */
export const AltchaSolving: Story = {
  name: 'ALTCHA (solving)',
  loaders: [mock({ captchaProvider: 'altcha', altcha: { cost: 1000, minCounter: 200_000, maxCounter: 200_000 } })],
  play: async (ctx) => {
    const p = await person(ctx);
    await p.waitFor(() => !!p.el.querySelector('progress[value]'), 'no progress shown');
    await expect(p.status()).toContain(t('Verifying that you’re not a robot…'));
  },
};

/** ALTCHA's challenge cannot be fetched (offline): the failure is announced, with Try again. */
export const AltchaFailed: Story = {
  name: 'ALTCHA failed',
  loaders: [
    mock({
      captchaProvider: 'altcha',
      backend: ({ server }) =>
        new HttpResetClient({
          baseUrl: MOCK_BASE_URL,
          fetch: (request) =>
            request.url.endsWith('/v1/captcha/challenge') ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(request),
        }),
    }),
  ],
  play: async (ctx) => {
    const p = await person(ctx);
    await p.waitForText('We couldn’t check that you’re not a robot.');
    await expect(p.button('Try again')).toBeTruthy();
  },
};
