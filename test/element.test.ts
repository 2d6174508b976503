import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { MockCaptcha } from '../src/captcha/mock.js';
import { createMockHandler, MockResetServer } from '../src/mock/index.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';
import { person } from './person.js';

/** Record every sspr-* event the element fires. */
function record(el: SsprReset) {
  const events: Array<{ type: string; detail: unknown; bubbles: boolean; composed: boolean }> = [];
  for (const name of ['sspr-step', 'sspr-error', 'sspr-complete', 'sspr-cancel']) {
    el.addEventListener(name, (e) =>
      events.push({ type: e.type, detail: (e as CustomEvent).detail, bubbles: e.bubbles, composed: e.composed }),
    );
  }
  return events;
}

describe('<sspr-reset> happy path over the HTTP client and the mock handler', () => {
  it('resets adele’s password by email code, accessible at every step, announcing each step', async () => {
    const { el, server, p } = await mount();
    const events = record(el);

    expect(p.title()).to.equal('Get back into your account');
    await expect(el).to.be.accessible();
    // The form lives in light DOM, slotted into the card: password managers see the inputs.
    const username = p.field('User ID');
    expect(username.getRootNode()).to.equal(document);
    expect(username.autocomplete).to.equal('username');
    expect(el.shadowRoot!.querySelector('slot[name="form"]')).to.exist;

    await p.identify('adele@contoso.com');
    expect(p.title()).to.equal('Verify your identity');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[part="title"]'), 'focus moves to the heading');
    await expect(el).to.be.accessible();
    // One gate: app notification and questions are explained, not offered.
    expect(el.textContent).to.contain('Your organization doesn’t accept this as the only verification.');

    await p.chooseMethod(/Email my alternate email address/);
    expect(p.title()).to.equal('Check your email');
    expect(el.textContent).to.contain('a•••@fabrikam.com');
    expect(el.textContent).not.to.contain('adele.vance@fabrikam.com');
    const code = p.field('Verification code');
    // The attribute, which password managers and the OS keyboard read: Firefox's IDL property reads '' for one-time-code.
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    await expect(el).to.be.accessible();

    const sent = server.lastMessage('adele@contoso.com', 'email')!;
    expect(sent.to).to.equal('adele.vance@fabrikam.com');
    await p.enterCode(sent.code!);
    expect(p.title()).to.equal('Choose a new password');
    await expect(el).to.be.accessible();

    const pw = p.field('New password');
    expect(pw.autocomplete).to.equal('new-password');
    await p.typePassword('Correct-Horse-9', 'Correct-Horse-9');
    await p.press('Reset password');
    expect(p.title()).to.equal('Your password has been reset');
    expect(p.text()).to.contain('Email to a•••@fabrikam.com');
    expect(p.link('Sign in').getAttribute('href')).to.equal('/signin');
    await expect(el).to.be.accessible();

    expect(server.users.get('adele@contoso.com')!.password).to.equal('Correct-Horse-9');
    expect(events.filter((e) => e.type === 'sspr-step').map((e) => (e.detail as { step: string }).step)).to.deep.equal([
      'methods',
      'challenge',
      'password',
      'done',
    ]);
    const complete = events.find((e) => e.type === 'sspr-complete')!;
    // Two addresses were emailed: one channel, said once.
    expect(complete.detail).to.deep.equal({ notified: ['email'] });
    for (const e of events) {
      expect(e.bubbles && e.composed, e.type).to.equal(true);
      expect(JSON.stringify(e.detail)).not.to.match(/Correct-Horse|fabrikam|\d{6}/);
    }
  });

  it('talks to a backend at api-base through fetch', async () => {
    const server = new MockResetServer();
    const handler = createMockHandler(server);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back, never called
    const original = window.fetch;
    const urls: string[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      urls.push(new URL(request.url).pathname);
      return handler(request);
    };
    try {
      const el = await fixture<SsprReset>(html`<sspr-reset api-base="/api/sspr" locale="en"></sspr-reset>`);
      await waitUntil(() => el.step === 'identify');
      const p = person(el);
      await p.identify('megan@contoso.com');
      expect(p.title()).to.equal('Verify your identity');
      expect(urls).to.deep.equal(['/api/sspr/v1/config', '/api/sspr/v1/flows']);
    } finally {
      window.fetch = original;
    }
  });
});

describe('<sspr-reset> errors and input', () => {
  it('an empty user ID gets a clear error and focus, without a request', async () => {
    const { el, server, p } = await mount();
    await p.next();
    expect(p.error()).to.contain('Enter your user ID');
    const input = p.field('User ID');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    // The error is tied to the user ID, next to it, and only to it.
    const alert = [...el.querySelectorAll('[role="alert"]')].find((a) => a.textContent.includes('Enter your user ID'))!;
    expect(input.getAttribute('aria-describedby')).to.contain(alert.id);
    expect(input.closest('[part~="field"]')!.contains(alert), 'the error sits with its field').to.equal(true);
    expect(document.activeElement).to.equal(input);
    expect(server.outbox).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('asks for the captcha and keeps what was typed', async () => {
    const { p } = await mount();
    await p.fillUserId('adele@contoso.com');
    await p.next();
    expect(p.error()).to.contain('Confirm that you’re not a robot.');
    expect(p.field('User ID').value).to.equal('adele@contoso.com');
  });

  it('a refused captcha is announced, fires sspr-error with the code and request id only, and resets the captcha', async () => {
    const { server, backend } = await mount();
    const captcha = new MockCaptcha();
    captcha.token = 'forged';
    const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} .captcha=${captcha} locale="en"></sspr-reset>`);
    await waitUntil(() => el.step === 'identify');
    await el.updateComplete;
    const events = record(el);
    const p = person(el, { server });
    await p.identify('adele@contoso.com');
    expect(el.step).to.equal('identify');
    expect(p.error()).to.contain('We couldn’t confirm that you’re not a robot');
    // Protocol v1 (issue 8): the detail is the problem code and the answer's request id (the
    // support code), nothing that identifies the person.
    const detail = events.find((e) => e.type === 'sspr-error')?.detail as { code: string; requestId?: string };
    expect(Object.keys(detail).sort()).to.deep.equal(['code', 'requestId']);
    expect(detail.code).to.equal('captcha_failed');
    expect(detail.requestId).to.match(/^[A-Za-z0-9._-]{8,128}$/);
    expect(p.field(/not a robot/).checked).to.equal(false);
    expect(p.field('User ID').value).to.equal('adele@contoso.com');
    expect(server.outbox).to.have.length(0);
  });

  it('a wrong code is announced with the attempts left and the input marked invalid', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.enterCode('000000');
    // (A real code of 000000 is one in a million; the mock's codes are random.)
    expect(p.error()).to.contain('That code didn’t work. Attempts left: 4.');
    expect(p.field('Verification code').getAttribute('aria-invalid')).to.equal('true');
    expect(p.field('Verification code').value).to.equal('000000');
    await expect(el).to.be.accessible();
  });

  it('resend waits for the cooldown, shown as a countdown', async () => {
    const { p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    const resend = p.button(/Resend code/);
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    const before = resend.textContent;
    await p.resend();
    expect(p.error()).to.equal('', 'an early resend does nothing');
    expect(resend.textContent).to.equal(before);
    expect(resend.textContent).to.match(/available in (30|29) s/);
    // Screen readers get a stable name, not a number that changes every second.
    expect(resend.querySelector('[aria-hidden="true"]')!.textContent).to.match(/available in/);
  });

  it('shows the live password policy, the mismatch, and the server’s reasons', async () => {
    const { el, p } = await mount();
    await p.identify('adele@contoso.com');
    await p.chooseMethod(/Email my alternate/);
    await p.enterCode(p.codeSent('email'));

    // What a screen reader reads of each rule (the check mark is aria-hidden).
    const rules = () =>
      [...el.querySelectorAll('[part~="policy-rule"]')].map((li) => {
        const copy = li.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
        return copy.textContent.replace(/\s+/g, ' ').trim();
      });
    await p.typePassword('adele');
    expect(rules()).to.deep.equal(['Have at least 8 characters (not met yet)', 'Not contain your user ID (not met yet)']);
    await p.typePassword('password123');
    expect(rules()).to.deep.equal(['Have at least 8 characters (met)', 'Not contain your user ID (met)']);
    await p.fill('Confirm new password', 'password12');
    expect(el.textContent).to.contain('The two passwords don’t match.');
    await p.press('Reset password');
    // Every rule is met: the mismatch is said as a mismatch, on the confirmation, not as the password's fault.
    expect(p.error()).to.contain('The two passwords don’t match.');
    expect(p.error()).not.to.contain('doesn’t meet the requirements');
    expect(p.field('Confirm new password').getAttribute('aria-invalid')).to.equal('true');
    expect(p.field('New password').getAttribute('aria-invalid')).to.equal('false');
    expect(document.activeElement).to.equal(p.field('Confirm new password'));

    await p.fill('Confirm new password', 'password123');
    await p.press('Reset password');
    expect(el.step).to.equal('password');
    expect(p.error()).to.contain('Choose a different password.');
    expect(p.error()).to.contain('It’s too common or has appeared in a data breach.');
    expect(p.field('New password').value).to.equal('password123', 'nothing typed is lost');
    await expect(el).to.be.accessible();
  });

  it('cancel fires sspr-cancel and starts over', async () => {
    const { el, p } = await mount();
    const events = record(el);
    await p.identify('adele@contoso.com');
    await p.cancel();
    expect(events.some((e) => e.type === 'sspr-cancel')).to.equal(true);
    expect(el.step).to.equal('identify');
    expect(p.field('User ID').value).to.equal('adele@contoso.com');
  });

  it('a locked-out account gets the locked screen', async () => {
    const { el, p } = await mount();
    await p.identify('locked@contoso.com');
    expect(el.step).to.equal('blocked');
    expect(p.title()).to.equal('Your account is temporarily locked');
    await expect(el).to.be.accessible();
  });

  it('a configuration that cannot load offers a retry', async () => {
    let fail = true;
    const server = new MockResetServer();
    const backend = new HttpResetClient({
      baseUrl: 'https://x.test',
      fetch: (r) => (fail ? Promise.reject(new TypeError('offline')) : server.fetch(r)),
    });
    const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
    const p = person(el);
    await waitUntil(() => p.error().length > 0);
    expect(p.error()).to.contain('We couldn’t reach the server');
    await expect(el).to.be.accessible();
    fail = false;
    await p.press('Try again');
    await waitUntil(() => el.step === 'identify');
  });

  it('without api-base or backend it shows an error, not an endless spinner', async () => {
    const original = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      const el = await fixture<SsprReset>(html`<sspr-reset locale="en"></sspr-reset>`);
      const p = person(el);
      await waitUntil(() => p.error().length > 0);
      expect(p.error()).to.contain('Something went wrong');
      expect(logged.join()).to.contain('api-base');
    } finally {
      console.error = original;
    }
  });

  it('a backend answer that breaks the protocol is an error state, not an exception', async () => {
    const backend = new HttpResetClient({
      baseUrl: 'https://x.test',
      fetch: () => Promise.resolve(new Response('{"protocol": 2}', { headers: { 'content-type': 'application/json' } })),
    });
    const el = await fixture<SsprReset>(html`<sspr-reset .backend=${backend} locale="en"></sspr-reset>`);
    const p = person(el);
    await waitUntil(() => p.error().length > 0);
    expect(p.error()).to.contain('Something went wrong on our side');
  });
});

describe('<sspr-reset> in a host page', () => {
  it('guards its form against the page’s CSS', async () => {
    const style = document.createElement('style');
    style.textContent = 'input { border: 9px dotted red; } form { padding: 40px } button { text-transform: uppercase }';
    document.head.append(style);
    try {
      const { el, p } = await mount();
      const input = p.field('User ID');
      expect(getComputedStyle(input).borderTopWidth).to.equal('1px');
      expect(getComputedStyle(el.querySelector('form')!).paddingTop).to.equal('0px');
      expect(getComputedStyle(p.button('Next')).textTransform).to.equal('none');
    } finally {
      style.remove();
    }
  });

  it('a changed username attribute prefills until a flow starts, and never during one', async () => {
    const { el, p } = await mount({}, { username: 'adele@contoso.com' });
    expect(p.field('User ID').value).to.equal('adele@contoso.com');
    el.setAttribute('username', 'megan@contoso.com');
    await p.settle();
    expect(p.field('User ID').value).to.equal('megan@contoso.com');
    await p.identify('megan@contoso.com');
    el.setAttribute('username', 'alex@contoso.com');
    await p.settle();
    await p.press('Continue');
    expect(el.textContent).to.contain('m•••@fabrikam.com');
  });

  it('takes its colours from the --sspr-* tokens, in the shadow card and the light-DOM form alike', async () => {
    const { backend } = await mount();
    const style = document.createElement('style');
    style.textContent =
      'sspr-reset.branded { --sspr-color-primary: rgb(91, 33, 182); --sspr-color-surface: rgb(250, 245, 255) } sspr-reset.branded::part(title) { color: rgb(91, 33, 182) }';
    document.head.append(style);
    try {
      const el = await fixture<SsprReset>(html`<sspr-reset class="branded" .backend=${backend} locale="en"></sspr-reset>`);
      await waitUntil(() => el.step === 'identify');
      await el.updateComplete;
      expect(getComputedStyle(person(el).button('Next')).backgroundColor).to.equal('rgb(91, 33, 182)');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part="card"]')!).backgroundColor).to.equal('rgb(250, 245, 255)');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part="title"]')!).color).to.equal('rgb(91, 33, 182)');
    } finally {
      style.remove();
    }
  });

  it('styles its form inside a host app’s shadow root too', async () => {
    const { backend } = await mount();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const el = document.createElement('sspr-reset');
    el.backend = backend;
    el.locale = 'en';
    shadow.append(el);
    await waitUntil(() => el.step === 'identify');
    await el.updateComplete;
    const input = el.querySelector('input[autocomplete="username"]')!;
    // The form sheet was adopted into the shadow root the element lives in.
    expect(getComputedStyle(input).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(input).display).to.equal('block');
    expect(shadow.adoptedStyleSheets.length).to.equal(1);
  });

  it('uses the logo slot and the brand name', async () => {
    const { backend } = await mount();
    const el = await fixture<SsprReset>(
      html`<sspr-reset .backend=${backend} brand-name="Fabrikam" locale="en"
        ><img slot="logo" alt="Fabrikam" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="
      /></sspr-reset>`,
    );
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
    expect(slot.assignedElements()[0]?.getAttribute('alt')).to.equal('Fabrikam');
    expect(el.shadowRoot!.querySelector('[part="brand-name"]')!.textContent).to.equal('Fabrikam');
  });

  it('two widgets on one page keep their ids apart', async () => {
    const { backend } = await mount();
    const wrapper = await fixture(
      html`<div><sspr-reset .backend=${backend} locale="en"></sspr-reset><sspr-reset .backend=${backend} locale="en"></sspr-reset></div>`,
    );
    const [a, b] = [...wrapper.querySelectorAll('sspr-reset')];
    await waitUntil(() => a!.step === 'identify' && b!.step === 'identify');
    await a!.updateComplete;
    await b!.updateComplete;
    expect(person(a!).field('User ID').id).not.to.equal(person(b!).field('User ID').id);
    await expect(wrapper).to.be.accessible();
  });
});
