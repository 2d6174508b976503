/**
 * The person's experience (issue 10): focus never drops to the page, errors
 * sit with what they are about, codes are taken as people type or paste
 * them, one primary action per screen, and no screen without a way on.
 * Each test drives the element as a person would and checks what they would
 * see, hear or reach.
 */
import { expect } from '@open-wc/testing';
import type { MockOptions } from '../src/mock/index.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import { FLOW, CHALLENGE, CONFIG } from './fixtures.js';
import { mount } from './helpers.js';
import { person, registeredAnswers } from './person.js';
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { SsprReset } from '../src/sspr-reset.js';

const fast: MockOptions = { pollAfterSeconds: 0 };

/** Where focus is, through the shadow root: the element itself when it is on the heading. */
function focused(el: SsprReset): Element | null {
  const active = document.activeElement;
  return active === el ? el.shadowRoot!.activeElement : active;
}

const heading = (el: SsprReset) => el.shadowRoot!.querySelector('[part="title"]');
const primaries = (el: SsprReset) => el.querySelectorAll('[part~="button-primary"]').length;

describe('issue 10: focus is never lost', () => {
  it('a denied push moves focus to the new heading, and Try again to the waiting view’s', async () => {
    const { el, server, p } = await mount({ ...fast, gatesRequired: 2, resendCooldownSeconds: 0 });
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Approve a notification/);
    p.button('Cancel').focus();
    const push = server.lastMessage('adele@contoso.com', 'push')!;
    server.answerPush(push.challengeId!, { approve: false });
    await p.waitFor(() => p.title() === 'Verification didn’t complete', 'the denial never showed');
    expect(focused(el), 'focus on the new heading, not the page').to.equal(heading(el));
    expect(document.activeElement).not.to.equal(document.body);

    await p.press(p.button('Try again'));
    expect(p.title()).to.equal('Approve the request in your authenticator app');
    expect(focused(el)).to.equal(heading(el));
  });

  it('a code screen puts focus in the code field, whose description gives the title and the instruction', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    const input = p.field('Verification code');
    expect(document.activeElement).to.equal(input);
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(described).to.contain('Check your email');
    expect(described).to.contain('We emailed a verification code to');
    expect(input.inputMode).to.equal('numeric');
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    await expect(el).to.be.accessible();
  });

  it('after "Send a new code" focus is in the new code field', async () => {
    const { el, p } = await mount({ resendCooldownSeconds: 0 });
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    for (let i = 0; i < 5; i++) await p.enterCode(p.wrongCode('email'));
    expect(p.title()).to.equal('Verification didn’t complete');
    expect(focused(el)).to.equal(heading(el));
    await p.chooseAnother();
    await p.chooseMethod(/Email my alternate/);
    expect(document.activeElement).to.equal(p.field('Verification code'));
  });

  it('new security questions after wrong answers start clean, with focus on the first', async () => {
    const { el, p } = await mount({ gatesRequired: 2 });
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.enterCode(p.codeSent('email'));
    await p.chooseMethod(/Answer my security questions/);
    await p.answerQuestions(() => 'wrong');
    await p.press('Verify');
    expect(p.error()).to.contain('we picked new questions');
    // (The mock picks at random: the new pair may be the old one. What counts is how they are shown.)
    const inputs = [...el.querySelectorAll<HTMLInputElement>('input[data-question-id]')];
    for (const input of inputs) {
      expect(input.value, 'new questions start empty').to.equal('');
      expect(input.getAttribute('aria-invalid'), 'and are not marked invalid').to.equal('false');
    }
    expect(document.activeElement).to.equal(inputs[0]);
    await p.answerQuestions(registeredAnswers('adele@contoso.com'));
    await p.press('Verify');
    expect(el.step).to.equal('password');
  });
});

describe('issue 10: errors where they belong', () => {
  it('a missing captcha is said at the captcha, not on the user ID', async () => {
    const { el, server, p } = await mount();
    await p.fillUserId('adele@contoso.com');
    await p.next();
    expect(p.error()).to.contain('Confirm that you’re not a robot.');
    const userId = p.field('User ID');
    expect(userId.getAttribute('aria-invalid')).to.equal('false');
    expect(userId.getAttribute('aria-describedby') ?? '').not.to.match(/error/);
    const captcha = el.querySelector('[part~="captcha"]')!;
    const error = [...el.querySelectorAll('[role="alert"]')].find((a) => a.textContent.includes('not a robot'))!;
    expect(captcha.getAttribute('aria-describedby')).to.equal(error.id);
    expect(captcha.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING, 'right under the captcha').to.not.equal(0);
    expect(error.textContent).to.match(/^\s*Error:/);
    expect(server.outbox).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('each field error is next to its field with a hidden "Error:" prefix; the form-level box stays empty', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.press('Verify');
    const input = p.field('Verification code');
    const field = input.closest('[part~="field"]')!;
    const error = field.querySelector('[part~="field-error"]')!;
    expect(error.textContent.replace(/\s+/g, ' ').trim()).to.equal('Error: Enter the code.');
    expect(error.querySelector('.sspr-visually-hidden')!.textContent).to.equal('Error:');
    expect(input.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.querySelector(`[part="error"][role="alert"]`)!.textContent.trim(), 'no second copy at the form level').to.equal('');
  });
});

describe('issue 10: codes as people enter them', () => {
  for (const typed of [
    (c: string) => ` ${c}`,
    (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`,
    (c: string) => `${c.slice(0, 3)}-${c.slice(3)}`,
  ]) {
    it(`"${typed('046613')}" is the code: nothing is cut, nothing counted wrong`, async () => {
      const { el, p } = await mount();
      await p.identify('adele@contoso.com');
      await p.chooseMethod(/Email my alternate/);
      const input = p.field('Verification code');
      expect(input.maxLength, 'no maxlength cuts a pasted code').to.equal(-1);
      await p.enterCode(typed(p.codeSent('email')));
      expect(el.step).to.equal('password');
    });
  }

  it('a code of the wrong length is refused before any request (no attempt spent)', async () => {
    const { el, p, server } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    const requests: string[] = [];
    const backend = el.backend as ResetBackend;
    const verify = backend.verify.bind(backend);
    backend.verify = (...args) => (requests.push('verify'), verify(...args));
    await p.enterCode('12345');
    expect(p.error()).to.contain('That isn’t a code we sent');
    expect(requests).to.deep.equal([]);
    await p.enterCode(p.codeSent('email'));
    expect(el.step).to.equal('password');
    expect(server.outbox.length).to.be.greaterThan(0);
  });
});

describe('issue 10: a calm hierarchy', () => {
  it('one primary action on every screen; resend, another method and Cancel are quiet links in one row', async () => {
    const { el, p } = await mount({ resendCooldownSeconds: 30 });
    expect(primaries(el)).to.equal(1);
    await p.identify('adele@contoso.com');
    expect(primaries(el)).to.equal(1);
    await p.chooseMethod(/Email my alternate/);
    expect(primaries(el)).to.equal(1);
    const quiet = el.querySelector('[part~="actions-secondary"]')!;
    const names = [...quiet.querySelectorAll('button')].map((b) => b.getAttribute('part'));
    expect(names).to.deep.equal(['button button-link button-resend', 'button button-link', 'button button-link']);
    // The countdown is its own element, apart from the label; the name stays the label.
    const resend = quiet.querySelector<HTMLButtonElement>('[part~="button-resend"]')!;
    expect(resend.querySelector('[part~="countdown"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect(p.button('Resend code')).to.equal(resend);
    await p.enterCode(p.codeSent('email'));
    expect(primaries(el)).to.equal(1);
  });

  it('the progress is part of the heading that is focused and read', async () => {
    const { el, p } = await mount({ gatesRequired: 2 });
    await p.identify('adele@contoso.com');
    const title = heading(el)!;
    expect(title.textContent.replace(/\s+/g, ' ').trim()).to.equal('Verification 1 of 2 Verify your identity');
    expect(title.querySelector('[part~="progress"]')).to.exist;
    expect(focused(el)).to.equal(title);
  });

  it('nothing is preselected, and Continue without a choice says so on the list', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    const radios = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.some((r) => r.checked)).to.equal(false);
    await p.press('Continue');
    expect(el.step).to.equal('methods');
    expect(p.error()).to.contain('Choose a verification method.');
    const fieldset = el.querySelector('fieldset')!;
    expect(fieldset.getAttribute('aria-describedby')).to.equal(el.querySelector('[part~="field-error"]')!.id);
    expect(document.activeElement).to.equal(radios[0]);
    await expect(el).to.be.accessible();
  });

  it('methods the person cannot use are in a closed disclosure that says why', async () => {
    const { el, p } = await mount({ gatesRequired: 2 });
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.enterCode(p.codeSent('email'));
    const details = el.querySelector<HTMLDetailsElement>('details[part~="unavailable"]')!;
    expect(details.open).to.equal(false);
    expect(details.querySelector('summary')!.textContent).to.match(/Why some methods aren’t listed \(\d\)/);
    expect(details.textContent).to.contain('Already used. The second step needs a different method.');
    await expect(el).to.be.accessible();
  });

  it('Show password shows both passwords as typed, as a toggle that never reads them out', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.enterCode(p.codeSent('email'));
    await p.typePassword('Correct-Horse-9', 'Correct-Horse-9');
    const toggle = p.button('Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(p.field('New password').type).to.equal('password');
    await p.press(toggle);
    expect(p.button('Show password').getAttribute('aria-pressed')).to.equal('true');
    expect(p.field('New password').type).to.equal('text');
    expect(p.field('Confirm new password').type).to.equal('text');
    expect(p.field('New password').value, 'what was typed survives').to.equal('Correct-Horse-9');
    expect(p.status()).not.to.contain('Correct-Horse-9');
    await expect(el).to.be.accessible();
    await p.press('Show password');
    expect(p.field('New password').type).to.equal('password');
  });

  it('masked addresses and numbers stay left to right inside right-to-left text', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    const hints = [...el.querySelectorAll('[part~="method-hint"]')];
    expect(hints.length).to.be.greaterThan(0);
    for (const hint of hints) {
      expect(hint.localName).to.equal('bdi');
      expect(hint.getAttribute('dir')).to.equal('ltr');
    }
    await p.chooseMethod(/Text my mobile/);
    expect(el.querySelector('[part~="text"]')!.textContent).to.match(/\u2066\+1 [^\u2069]+\u2069/);
  });
});

describe('issue 10: looks right everywhere', () => {
  it('a long support code wraps inside a 320 px card', async () => {
    const { el, p } = await mount();
    el.style.inlineSize = '320px';
    const backend = el.backend as ResetBackend;
    const { ResetError } = await import('../src/protocol/errors.js');
    backend.startFlow = () => Promise.reject(new ResetError('server_error', { status: 500, requestId: 'r'.repeat(128) }));
    await p.identify('adele@contoso.com');
    const code = el.querySelector('[part~="code"]')!;
    expect(code.textContent).to.equal('r'.repeat(128));
    const card = el.getBoundingClientRect();
    const box = code.getBoundingClientRect();
    expect(box.right, 'the code stays inside the card').to.be.at.most(card.right + 0.5);
    expect(box.left).to.be.at.least(card.left - 0.5);
  });
});

describe('issue 10: never stuck', () => {
  it('a questions challenge without questions says so and offers another method', async () => {
    const backend: ResetBackend = {
      getConfig: () => Promise.resolve(CONFIG),
      startFlow: () => Promise.resolve({ ...FLOW, methods: [{ id: 'q', type: 'questions', hint: '' }] }),
      startChallenge: () => Promise.resolve({ ...CHALLENGE, methodId: 'q', type: 'questions', questions: [] }),
      verify: () => Promise.reject(new Error('nothing to verify')),
      poll: () => Promise.resolve({ status: 'pending', gatesPassed: 0 }),
      resend: () => Promise.resolve(CHALLENGE),
      resetPassword: () => Promise.resolve({ result: 'reset', notified: [] }),
      cancel: () => Promise.resolve(undefined),
    };
    const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
    await waitUntil(() => el.step === 'identify');
    const p = person(el);
    await p.identify('adele@contoso.com');
    await p.chooseMethod(p.el.querySelector<HTMLInputElement>('input[type="radio"]')!.value);
    expect(p.error()).to.contain('We couldn’t load your security questions');
    expect(el.querySelectorAll('input[data-question-id]')).to.have.length(0);
    await p.press('Choose another method');
    expect(el.step).to.equal('methods');
  });

  it('restart() resets the captcha: the next person must solve it again', async () => {
    const { el, p } = await mount();
    await p.fillUserId('adele@contoso.com');
    await p.passCaptcha();
    expect(p.field('I’m not a robot').checked).to.equal(true);
    el.restart();
    await p.settle();
    expect(p.field('I’m not a robot').checked).to.equal(false);
  });

  it('a request in flight while the element is moved leaves no button stuck on “Checking…”', async () => {
    const { el, p } = await mount();
    await p.fillUserId('adele@contoso.com');
    await p.passCaptcha();
    const backend = el.backend as ResetBackend;
    const start = backend.startFlow.bind(backend);
    let release!: () => void;
    backend.startFlow = (request, signal) => new Promise((resolve) => (release = () => resolve(start(request, signal))));
    p.button('Next').click();
    await waitUntil(() => el.textContent.includes('Checking…'), 'the request never started');
    const other = document.createElement('div');
    document.body.append(other);
    other.append(el);
    await el.updateComplete;
    release();
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(p.button('Next').getAttribute('aria-disabled')).to.equal('false');
    backend.startFlow = start;
    await p.passCaptcha();
    await p.next();
    expect(el.step).to.equal('methods');
    other.remove();
  });
});
