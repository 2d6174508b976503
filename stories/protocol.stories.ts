/**
 * What the widget shows when protocol v1's support features come into play:
 * a support code under an error, a lock with a set end, and a resend the
 * backend refused with Retry-After.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { MOCK_BASE_URL, type MockResetServer } from '../src/mock/index.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { REQUEST_ID_PATTERN } from '../src/protocol/schemas.js';
import { baseMeta, mock, person, t, toMethods, toPassword, type WidgetArgs } from './support.js';

const meta = {
  ...baseMeta,
  title: 'SSPR/Protocol',
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

/** The mock's HTTP client, each JSON answer passed through `rewrite` first. */
function rewritten(rewrite: (path: string, body: Record<string, unknown>, now: number) => Record<string, unknown>) {
  return ({ server }: { server: MockResetServer }) =>
    new HttpResetClient({
      baseUrl: MOCK_BASE_URL,
      fetch: async (request) => {
        const response = await server.fetch(request);
        if (!/json/.test(response.headers.get('content-type') ?? '')) return response;
        const path = /\/v1\/(.*)$/.exec(new URL(request.url).pathname)?.[1] ?? '';
        const body = rewrite(path, (await response.json()) as Record<string, unknown>, Date.now());
        const headers = new Headers(response.headers);
        headers.delete('content-length');
        return new Response(JSON.stringify(body), { status: response.status, headers });
      },
    });
}

/** The server refused the password: under the error, the answer's request id as a support code, with Copy. */
export const SupportCode: Story = {
  name: 'Support code under an error',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.resetPassword('password123');
    await expect(p.error()).toContain(t('Choose a different password.'));
    const code = p.el.querySelector('[part~="support-code"] code')?.textContent ?? '';
    await expect(code).toMatch(REQUEST_ID_PATTERN);
  },
};

/**
 * locked@contoso.com, whose lock (here) ends in two hours: the screen says
 * when, in the person's language and time zone, and gives the support code.
 */
export const LockedOutUntil: Story = {
  name: 'Locked out until a time',
  loaders: [
    mock({
      backend: rewritten((path, body, now) =>
        path === 'flows' && body['code'] === 'locked_out'
          ? { ...body, lockedUntil: new Date(Math.ceil((now + 2 * 3600_000) / 900_000) * 900_000).toISOString() }
          : body,
      ),
    }),
  ],
  play: async (ctx) => {
    const p = await person(ctx);
    await p.identify('locked@contoso.com');
    await p.waitForStep('blocked');
    await expect(p.title()).toBe(t('Your account is temporarily locked'));
    await expect(p.el.querySelector('[part~="support-code"]')).not.toBeNull();
  },
};

/**
 * The widget was told it may resend at once, but the backend's cooldown
 * answers 429: the button stays unavailable, with its countdown, for as long
 * as Retry-After says.
 */
export const ResendRateLimited: Story = {
  name: 'Resend refused (rate limited)',
  loaders: [
    mock({
      backend: rewritten((path, body) =>
        path.startsWith('flows/current/challenges') && 'challengeId' in body ? { ...body, resendAfter: 0 } : body,
      ),
    }),
  ],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('Email my alternate email address');
    await p.waitForStep('challenge');
    await p.resend();
    const resend = p.el.querySelector('[part~="button-resend"]');
    await expect(resend?.getAttribute('aria-disabled')).toBe('true');
    // The countdown, for eyes (aria-hidden); the alert says how long to wait.
    await expect(resend?.querySelector('[aria-hidden="true"]')).not.toBeNull();
    await expect(p.error()).not.toBe('');
  },
};
