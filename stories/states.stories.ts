/**
 * Every state a person can meet, not only the happy ones: waiting, refused,
 * expired, cut off, wrong, and how each one lets the person go on. Each is
 * reached on the in-page mock backend (its options, its clock, its devices)
 * or, for the network's failures, on the connection between the widget and
 * the mock, never on hand-written HTML.
 *
 * Every play function ends on the state it names and checks what a person
 * sees there, by text and role; the preview then runs axe over the page.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { REQUEST_ID_PATTERN } from '../src/protocol/schemas.js';
import { person as personOf, type Person } from '../test/person.js';
import {
  POLL_TIMEOUT,
  baseMeta,
  localeOf,
  mock,
  storyMock,
  t,
  toMethods,
  toPassword,
  until,
  toQuestions,
  type WidgetArgs,
} from './support.js';

const meta = {
  ...baseMeta,
  title: 'SSPR/States',
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

// ——— What the person can do on a screen ———

const spokenName = (e: Element) => {
  const copy = e.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return (e.getAttribute('aria-label') ?? copy.textContent ?? '').replace(/\s+/g, ' ').trim();
};

/** The names of the buttons and links the person can use now (not disabled, not aria-disabled). */
function usable(p: Person): string[] {
  return [...p.el.querySelectorAll<HTMLElement>('button, a[href]')]
    .filter((e) => !e.matches(':disabled, [aria-disabled="true"]') && e.getClientRects().length > 0)
    .map(spokenName);
}

/** The screen offers `name` as an action the person can use now. */
async function offers(p: Person, name: string) {
  await expect(usable(p)).toContain(t(name));
}

/** The code the person's authenticator app shows now, and one that is not it. */
async function appCodes(p: Person) {
  const current = (await p.server.currentTotp(p.username))?.code;
  if (!current) throw new Error(`no authenticator for ${p.username}`);
  return { current, wrong: String((Number(current) + 500_000) % 1_000_000).padStart(6, '0') };
}

/** The challenge the mock sent the person last on a channel (its id, for the devices' answers). */
function lastChallenge(p: Person, channel: 'push' | 'call') {
  const id = p.server.lastMessage(p.username, channel)?.challengeId;
  if (!id) throw new Error(`no ${channel} sent to ${p.username}`);
  return id;
}

// ——— Waiting for the backend ———

/**
 * The configuration is on its way (here it never comes): a polite "Loading…"
 * under the first screen's title; the person can type the user ID at once,
 * and Next waits for the config (unavailable, keeping focus), not "Checking…".
 */
export const Loading: Story = {
  loaders: [mock({ network: { mode: 'silent', timeoutMs: 600_000 } })],
  parameters: { devices: false },
  play: async (ctx) => {
    const el = ctx.canvasElement.querySelector('sspr-reset')!;
    await until(() => el.step === 'loading' && el.getAttribute('lang') === localeOf(ctx), 'the loading screen never showed');
    await until(() => !!el.querySelector('[role="status"]')?.textContent?.includes(t('Loading…')), '"Loading…" was never said');
    await expect(el.shadowRoot?.querySelector('[part="title"]')?.textContent).toContain(t('Get back into your account'));
    const p = personOf(el);
    await expect(p.field('User ID').disabled).toBe(false);
    const next = p.button('Next');
    await expect(next.getAttribute('aria-disabled')).toBe('true');
    await expect(next.textContent).not.toContain(t('Checking…'));
  },
};

// ——— Refused, expired, cut off ———

/**
 * One flow start a minute (`flowsPerMinute: 1`): the person cancels and tries
 * again at once. The error says how long to wait; Next shows the countdown to
 * eyes and stays unavailable (aria-disabled, keeping focus) until then.
 */
export const RateLimited: Story = {
  name: 'Rate limited (countdown)',
  loaders: [mock({ flowsPerMinute: 1 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.cancel();
    await p.waitForStep('identify');
    await p.fillUserId('adele@contoso.com');
    await p.passCaptcha();
    // Pressed without the person's settle(): a button counting down is aria-disabled, as a busy one is.
    p.button('Next').click();
    await until(() => p.error() !== '', 'the refusal was never said');
    await expect(p.el.step).toBe('identify');
    await expect(p.error()).toMatch(/\d/);
    const next = p.el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    await expect(spokenName(next)).toBe(t('Next'));
    await expect(next.getAttribute('aria-disabled')).toBe('true');
    const shown = next.querySelector('[aria-hidden="true"]')?.textContent ?? '';
    const seconds = Number(/\d+/.exec(shown)?.[0]);
    await expect(seconds).toBeGreaterThan(0);
    await expect(seconds).toBeLessThanOrEqual(60);
    // Cancel stays usable: the person is never stuck behind the countdown.
    await offers(p, 'Cancel');
  },
};

/**
 * The person left the methods screen open past the flow's 15 minutes (the
 * mock's clock jumps): choosing a method says the session expired, back on
 * the first screen with the user ID kept, ready for Next.
 */
export const FlowExpired: Story = {
  name: 'Flow expired',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    p.clock.advance(16 * 60_000);
    await p.chooseMethod('email');
    await p.waitForStep('identify');
    await expect(p.error()).toContain(t('Your session expired. Start again.'));
    await expect(p.field('User ID').value).toBe('adele@contoso.com');
    await offers(p, 'Next');
  },
};

/** The connection drops as the person picks a method: the error says so and Continue works again once it is back. */
export const NetworkError: Story = {
  name: 'Network error',
  loaders: [mock({ network: {} })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    const network = storyMock(ctx).network;
    network.mode = 'offline';
    await p.chooseMethod('email');
    await expect(p.el.step).toBe('methods');
    await expect(p.error()).toContain(t('We couldn’t reach the server. Check your connection and try again.'));
    await offers(p, 'Continue');
    // Back online, the same action goes on.
    network.mode = 'online';
    await p.chooseMethod('email');
    await expect(p.title()).toBe(t('Check your email'));
    network.mode = 'offline';
    await p.enterCode(p.codeSent('email'));
    await expect(p.error()).toContain(t('We couldn’t reach the server. Check your connection and try again.'));
    await offers(p, 'Verify');
  },
};

/**
 * The backend never answers (the client's timeout, shortened here to 300 ms
 * per attempt, ends the request after one retry): the error says so and the
 * person can try again.
 */
export const Timeout: Story = {
  name: 'Timeout',
  loaders: [mock({ network: { timeoutMs: 300 } })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    storyMock(ctx).network.mode = 'silent';
    await p.chooseMethod('email');
    await expect(p.el.step).toBe('methods');
    await expect(p.error()).toContain(t('The server took too long to answer. Try again.'));
    await offers(p, 'Continue');
  },
};

/**
 * The backend answered with a failure (a 503 from a gateway): the error, and
 * under it the answer's request id as a support code the help desk can trace.
 */
export const ServerErrorSupportCode: Story = {
  name: 'Server error with support code',
  loaders: [mock({ network: {} })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    storyMock(ctx).network.answer = (request, response) =>
      request.method === 'POST' && /\/challenges$/.test(new URL(request.url).pathname)
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }), {
            status: 503,
            headers: { 'content-type': 'application/problem+json', 'x-request-id': response.headers.get('x-request-id') ?? '' },
          })
        : response;
    await p.chooseMethod('email');
    await expect(p.error()).toContain(t('Something went wrong on our side. Try again in a moment.'));
    const code = p.el.querySelector('[part~="support-code"] code')?.textContent ?? '';
    await expect(code).toMatch(REQUEST_ID_PATTERN);
    await expect(p.el.textContent).toContain(t('Support code:'));
    await offers(p, 'Continue');
  },
};

/**
 * The emailed code was entered after its 10 minutes (the mock's clock jumps):
 * the challenge is over, "Send a new code" starts another.
 */
export const ChallengeExpired: Story = {
  name: 'Challenge expired',
  // No cooldown: the way on (a new code, another call) can be taken at once.
  loaders: [mock({ resendCooldownSeconds: 0 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('email');
    const code = p.codeSent('email');
    p.clock.advance(11 * 60_000);
    await p.enterCode(code);
    await expect(p.title()).toBe(t('Verification didn’t complete'));
    await expect(p.error()).toContain(t('This code has expired.'));
    await offers(p, 'Send a new code');
    await offers(p, 'Choose another method');
  },
};

/**
 * Just after a code was sent: "Resend code" is unavailable for the cooldown,
 * with the seconds left shown to eyes only (screen readers hear the stable
 * name and that it is unavailable).
 */
export const ResendCoolingDown: Story = {
  name: 'Resend cooling down',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('email');
    const resend = p.el.querySelector<HTMLButtonElement>('[part~="button-resend"]')!;
    await expect(spokenName(resend)).toBe(t('Resend code'));
    await expect(resend.getAttribute('aria-disabled')).toBe('true');
    const seconds = Number(/\d+/.exec(resend.querySelector('[aria-hidden="true"]')?.textContent ?? '')?.[0]);
    await expect(seconds).toBeGreaterThan(0);
    await expect(seconds).toBeLessThanOrEqual(30);
    await offers(p, 'Verify');
    await offers(p, 'Choose another method');
  },
};

// ——— Calls ———

/** A call to the mobile phone, waiting for # (mobile and office calls share the screen, with their own number). */
export const MobileCallWaiting: Story = {
  name: 'Mobile call waiting',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('mobile-call');
    await expect(p.title()).toBe(t('Answer the call'));
    await expect(p.status()).toContain(t('Waiting for you to press #…'));
    await expect(p.server.lastMessage(p.username, 'call')?.to).toMatch(/0134$/);
    await offers(p, 'Choose another method');
  },
};

export const OfficeCallWaiting: Story = {
  name: 'Office call waiting',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('office-call');
    await expect(p.title()).toBe(t('Answer the call'));
    await expect(p.status()).toContain(t('Waiting for you to press #…'));
    await expect(p.server.lastMessage(p.username, 'call')?.to).toMatch(/0100$/);
  },
};

/** Nobody answered the mobile phone within the call's two minutes (the mock's clock jumps). */
export const MobileCallUnanswered: Story = {
  name: 'Mobile call unanswered',
  // No cooldown: the way on (a new code, another call) can be taken at once.
  loaders: [mock({ resendCooldownSeconds: 0 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('mobile-call');
    p.clock.advance(3 * 60_000);
    await p.waitForText('The call wasn’t answered in time.', POLL_TIMEOUT);
    await expect(p.title()).toBe(t('Verification didn’t complete'));
    await offers(p, 'Try again');
  },
};

/** Nobody answered the office phone. */
export const OfficeCallUnanswered: Story = {
  name: 'Office call unanswered',
  // No cooldown: the way on (a new code, another call) can be taken at once.
  loaders: [mock({ resendCooldownSeconds: 0 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('office-call');
    p.clock.advance(3 * 60_000);
    await p.waitForText('The call wasn’t answered in time.', POLL_TIMEOUT);
    await offers(p, 'Try again');
    await offers(p, 'Choose another method');
  },
};

/** The person answered and hung up without pressing #. */
export const CallDenied: Story = {
  name: 'Call ended without #',
  // No cooldown: the way on (a new code, another call) can be taken at once.
  loaders: [mock({ resendCooldownSeconds: 0 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('mobile-call');
    p.server.answerCall(lastChallenge(p, 'call'), { pressHash: false });
    await p.waitForText('The call ended without confirmation.', POLL_TIMEOUT);
    await expect(p.title()).toBe(t('Verification didn’t complete'));
    await offers(p, 'Try again');
  },
};

// ——— Each method's wrong answer ———

/** The number shown by the widget was not the one picked in the app: a denial, said as one. */
export const PushWrongNumber: Story = {
  name: 'Push denied (wrong number picked)',
  loaders: [mock({ gatesRequired: 2, resendCooldownSeconds: 0 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('app-notification');
    const shown = Number(p.el.querySelector('[part="number-match"]')?.textContent);
    await expect(shown).toBe(p.server.lastMessage(p.username, 'push')?.numberToMatch);
    p.server.answerPush(lastChallenge(p, 'push'), { approve: true, number: (shown % 99) + 1 });
    await p.waitForText('The request was denied in the authenticator app.', POLL_TIMEOUT);
    await expect(p.title()).toBe(t('Verification didn’t complete'));
    await offers(p, 'Try again');
  },
};

/** The push waited its two minutes unanswered. */
export const PushTimedOut: Story = {
  name: 'Push timed out',
  loaders: [mock({ gatesRequired: 2, resendCooldownSeconds: 0 })],
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('app-notification');
    p.clock.advance(3 * 60_000);
    await p.waitForText('The notification timed out before it was approved.', POLL_TIMEOUT);
    await offers(p, 'Try again');
    await offers(p, 'Choose another method');
  },
};

/** A code that is not the authenticator's: the error sits with the code field, which is marked invalid. */
export const AppCodeWrong: Story = {
  name: 'Authenticator code wrong',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('app-code');
    await p.enterCode((await appCodes(p)).wrong);
    await expectWrongCode(p);
  },
};

/** A texted code that is not the one sent. */
export const SmsCodeWrong: Story = {
  name: 'SMS code wrong',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    await p.chooseMethod('mobile-sms');
    await p.enterCode(p.wrongCode('sms'));
    await expectWrongCode(p);
  },
};

/** The text of what describes `input` (its aria-describedby), as a screen reader reads it after its name. */
function describedText(p: Person, input: HTMLElement) {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => p.el.querySelector(`[id="${id}"]`)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** After a wrong code: the code field is invalid, the error (with the attempts left, 4 of 5) is tied to it, Verify still works. */
async function expectWrongCode(p: Person) {
  const input = p.field('Verification code');
  await expect(input.getAttribute('aria-invalid')).toBe('true');
  await expect(p.error()).toMatch(/4/);
  await expect(describedText(p, input)).toMatch(/4/);
  await offers(p, 'Verify');
}

/** Wrong answers: the error says so and that new questions were picked, with the attempts left. */
export const QuestionsWrong: Story = {
  name: 'Security questions wrong',
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toQuestions(ctx);
    await p.answerQuestions(() => 'not it');
    await p.press('Verify');
    await expect(p.el.step).toBe('challenge');
    await expect(p.error()).toMatch(/4/);
    await expect(p.el.querySelectorAll('input[data-question-id]').length).toBe(2);
    await offers(p, 'Verify');
  },
};

/**
 * After wrong answers the mock picks new questions: they start clean (empty,
 * not marked invalid), focus is on the first, and the error above says why.
 */
export const QuestionsRepicked: Story = {
  name: 'Security questions re-picked',
  loaders: [mock({ gatesRequired: 2 })],
  play: async (ctx) => {
    const p = await toQuestions(ctx);
    await p.answerQuestions(() => 'not it');
    await p.press('Verify');
    const inputs = [...p.el.querySelectorAll<HTMLInputElement>('input[data-question-id]')];
    await expect(inputs.length).toBe(2);
    await expect(inputs.map((i) => i.value)).toEqual(['', '']);
    await expect(inputs.map((i) => i.getAttribute('aria-invalid'))).toEqual(['false', 'false']);
    await expect(document.activeElement).toBe(inputs[0]);
    await expect(p.error()).toMatch(/4/);
  },
};

// ——— Methods and password ———

/**
 * One gate: the app notification and the security questions can't be the
 * only proof. They are out of the way, in a closed disclosure that says how
 * many and opens to say why; nothing is preselected.
 */
export const MethodsOutOfTheWay: Story = {
  name: 'Methods out of the way (unavailable)',
  play: async (ctx) => {
    const p = await toMethods(ctx);
    const radios = [...p.el.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    await expect(radios.map((r) => r.value)).not.toContain('app-notification');
    await expect(radios.map((r) => r.value)).not.toContain('questions');
    await expect(radios.some((r) => r.checked)).toBe(false);
    const details = p.el.querySelector('details')!;
    await expect(details.open).toBe(false);
    const summary = details.querySelector('summary')!;
    await expect(summary.textContent).toMatch(/2/);
    await p.press(summary);
    await expect(details.open).toBe(true);
    await expect(details.textContent).toContain(t('Your organization doesn’t accept this as the only verification.'));
  },
};

/**
 * The confirmation differs: said as a mismatch, on the confirmation (which
 * gets focus); the new password itself is not blamed.
 */
export const PasswordMismatch: Story = {
  name: 'Password mismatch',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.typePassword('Tulip-Garden-Walk-42', 'Tulip-Garden-Walk-24');
    await p.press('Reset password');
    await expect(p.el.step).toBe('password');
    const confirm = p.field('Confirm new password');
    await expect(confirm.getAttribute('aria-invalid')).toBe('true');
    await expect(describedText(p, confirm)).toContain(t('The two passwords don’t match.'));
    await expect(p.field('New password').getAttribute('aria-invalid')).toBe('false');
    await expect(describedText(p, p.field('New password'))).not.toContain(t('The two passwords don’t match.'));
    await expect(p.el.textContent).not.toContain(t('Your new password doesn’t meet the requirements yet.'));
    await expect(document.activeElement).toBe(confirm);
  },
};

/** "Show password" pressed: a toggle (aria-pressed) with a stable name; both passwords shown as typed. */
export const ShowPassword: Story = {
  name: 'Show password on',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.typePassword('Tulip-Garden-Walk-42', 'Tulip-Garden-Walk-42');
    const toggle = p.button('Show password');
    await expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await expect(p.field('New password').type).toBe('password');
    await p.press(toggle);
    await expect(p.button('Show password').getAttribute('aria-pressed')).toBe('true');
    await expect(p.field('New password').type).toBe('text');
    await expect(p.field('Confirm new password').type).toBe('text');
    await expect(p.field('New password').value).toBe('Tulip-Garden-Walk-42');
  },
};

// ——— The last steps ———

/** The done screen: who was told that the password changed, and the way back to sign in. */
export const DoneNotifications: Story = {
  name: 'Done (who was notified)',
  play: async (ctx) => {
    const p = await toPassword(ctx);
    await p.resetPassword('Tulip-Garden-Walk-42');
    await p.waitForStep('done');
    await expect(p.title()).toBe(t('Your password has been reset'));
    await expect(p.el.textContent).toContain(t('We let these know that your password changed:'));
    const items = [...p.el.querySelectorAll('[part~="notified"] li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    await expect(items.length).toBeGreaterThan(0);
    // adele's alternate email (masked), each channel once.
    await expect(items.some((i) => i.includes('@fabrikam.com'))).toBe(true);
    await expect(new Set(items).size).toBe(items.length);
    await expect(p.link('Sign in').getAttribute('href')).toBe('#');
  },
};
