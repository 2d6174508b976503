/**
 * Every method completed by keyboard alone (issue 10): real key presses from
 * the browser (Tab, Shift+Tab, Space, arrows, Enter, typing), never a click
 * or a programmatic focus. Where focus lands after each step is part of the
 * test: the person keeps going from there.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MockOptions } from '../src/mock/index.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';
import { registeredAnswers, type Person } from './person.js';

const USER = 'adele@contoso.com';
const PASSWORD = 'Keyboard-Only-Walk-42';

/** The focused element, through the widget's shadow root. */
function active(el: SsprReset): Element | null {
  return document.activeElement === el ? el.shadowRoot!.activeElement : document.activeElement;
}

/** Tab (forwards) until `matches` holds for the focused element; fails after 25 presses. */
async function tabTo(el: SsprReset, matches: (e: Element) => boolean, what: string) {
  for (let i = 0; i < 25; i++) {
    const now = active(el);
    if (now && matches(now)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what} (at ${active(el)?.outerHTML.slice(0, 120)})`);
}

const named = (name: string | RegExp) => (e: Element) =>
  e.localName === 'button' && (typeof name === 'string' ? e.textContent.replace(/\s+/g, ' ').trim() === name : name.test(e.textContent));
const labelled = (label: string | RegExp) => (e: Element) => {
  const text = [...((e as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join(' ');
  return typeof label === 'string' ? text.trim() === label : label.test(text);
};

async function settle(p: Person) {
  await p.settle();
}

/** From the page: into the widget, user ID, captcha (Space), Next (Enter). */
async function identify(el: SsprReset, p: Person) {
  // The page's first focusable thing is the widget's user ID field.
  await tabTo(el, labelled('User ID'), 'the user ID');
  await sendKeys({ type: USER });
  p.username = USER;
  await tabTo(el, labelled('I’m not a robot'), 'the captcha');
  await sendKeys({ press: ' ' });
  await tabTo(el, named('Next'), 'Next');
  await sendKeys({ press: 'Enter' });
  await settle(p);
  await waitUntil(() => el.step === 'methods', 'the methods step never showed');
}

/** The methods step: into the radio group, arrow to the method, Enter to continue. */
async function choose(el: SsprReset, p: Person, label: RegExp) {
  await tabTo(el, (e) => e.localName === 'input' && (e as HTMLInputElement).type === 'radio', 'the method list');
  // Arrows move through a radio group (and select); find the method, at most one lap.
  for (let i = 0; i < 8 && !labelled(label)(active(el)!); i++) await sendKeys({ press: 'ArrowDown' });
  expect(labelled(label)(active(el)!), `arrows reach ${label}`).to.equal(true);
  if (!(active(el) as HTMLInputElement).checked) await sendKeys({ press: ' ' });
  await sendKeys({ press: 'Enter' });
  await settle(p);
  await waitUntil(() => el.step === 'challenge', 'the challenge never showed');
}

/** A code screen: focus is already in the code field; type and press Enter. */
async function typeCode(el: SsprReset, p: Person, code: string) {
  expect(labelled('Verification code')(active(el)!), 'the code screen starts in the code field').to.equal(true);
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
  await settle(p);
}

/** The password step: type, Tab to the confirmation, type, Enter. */
async function newPassword(el: SsprReset, p: Person) {
  await waitUntil(() => el.step === 'password', 'the password step never showed');
  await tabTo(el, labelled('New password'), 'the new password');
  await sendKeys({ type: PASSWORD });
  await tabTo(el, labelled('Confirm new password'), 'the confirmation');
  await sendKeys({ type: PASSWORD });
  await sendKeys({ press: 'Enter' });
  await settle(p);
  await waitUntil(() => el.step === 'done', 'the done step never showed');
}

async function start(options: MockOptions = {}) {
  const mounted = await mount({ pollAfterSeconds: 0, ...options });
  // Focus starts on the page, before the widget.
  (document.activeElement as HTMLElement | null)?.blur();
  return mounted;
}

/**
 * WebKit's Tab skips buttons and links unless the person turns on full
 * keyboard access (Safari's "Press Tab to highlight each item", WebKitGTK
 * alike), so a Tab walk there tests a browser setting, not the widget: the
 * walk runs in Chromium and Firefox.
 */
const webkit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);

(webkit ? describe.skip : describe)('keyboard only: every method', () => {
  it('email code', async () => {
    const { el, p } = await start();
    await identify(el, p);
    await choose(el, p, /Email my alternate/);
    await typeCode(el, p, p.codeSent('email'));
    await newPassword(el, p);
  });

  it('text message code', async () => {
    const { el, p } = await start();
    await identify(el, p);
    await choose(el, p, /Text my mobile phone/);
    await typeCode(el, p, p.codeSent('sms'));
    await newPassword(el, p);
  });

  it('authenticator code', async () => {
    const { el, server, p } = await start();
    await identify(el, p);
    await choose(el, p, /Enter a code from my authenticator app/);
    await typeCode(el, p, (await server.currentTotp(USER))!.code);
    await newPassword(el, p);
  });

  it('authenticator notification (two gates), after an email code', async () => {
    const { el, server, p } = await start({ gatesRequired: 2 });
    await identify(el, p);
    await choose(el, p, /Approve a notification/);
    const push = server.lastMessage(USER, 'push')!;
    server.answerPush(push.challengeId!, { approve: true, number: push.numberToMatch });
    await p.waitFor(() => el.step === 'methods', 'the approval never arrived');
    await choose(el, p, /Email my alternate/);
    await typeCode(el, p, p.codeSent('email'));
    await newPassword(el, p);
  });

  it('mobile call, declined once: Try again by keyboard, then answered', async () => {
    const { el, server, p } = await start({ resendCooldownSeconds: 0 });
    await identify(el, p);
    await choose(el, p, /Call my mobile phone/);
    server.answerCall(server.lastMessage(USER, 'call')!.challengeId!, { pressHash: false });
    await p.waitFor(() => p.title() === 'Verification didn’t complete', 'the declined call never showed');
    await tabTo(el, named('Try again'), 'Try again');
    await sendKeys({ press: 'Enter' });
    await settle(p);
    server.answerCall(server.lastMessage(USER, 'call')!.challengeId!, { pressHash: true });
    await newPassword(el, p);
  });

  it('office call', async () => {
    const { el, server, p } = await start();
    await identify(el, p);
    await choose(el, p, /Call my office phone/);
    server.answerCall(server.lastMessage(USER, 'call')!.challengeId!, { pressHash: true });
    await newPassword(el, p);
  });

  it('security questions (two gates), after an email code', async () => {
    const { el, p } = await start({ gatesRequired: 2 });
    await identify(el, p);
    await choose(el, p, /Email my alternate/);
    await typeCode(el, p, p.codeSent('email'));
    await waitUntil(() => el.step === 'methods');
    await choose(el, p, /Answer my security questions/);
    const answers = registeredAnswers(USER);
    const inputs = [...el.querySelectorAll<HTMLInputElement>('input[data-question-id]')];
    expect(active(el), 'the questions screen starts in the first answer').to.equal(inputs[0]);
    for (const [i, input] of inputs.entries()) {
      if (i > 0) await tabTo(el, (e) => e === input, `answer ${i + 1}`);
      await sendKeys({ type: answers[input.dataset['questionId']!]! });
    }
    await sendKeys({ press: 'Enter' });
    await settle(p);
    await newPassword(el, p);
  });
});
