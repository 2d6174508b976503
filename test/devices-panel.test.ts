/**
 * The mock devices panel (`<sspr-mock-devices>`, demo/devices-panel.ts) on an
 * in-page mock, through the devices API only; and the devices API's checks of
 * what it is sent (src/mock/devices.ts, schemas in src/mock/devices-api.ts).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineMockDevices, type DevicesFetch, type SsprMockDevices } from '../demo/devices-panel.js';
import { ClockState, DevicesError, DevicesState, TotpCode } from '../src/mock/devices-api.js';
import { createDevicesHandler, createMockClock } from '../src/mock/devices.js';
import { MOCK_BASE_URL, MOCK_CAPTCHA_TOKEN, createMockBackend, createMockHandler, type MockOptions } from '../src/mock/index.js';
import { HttpResetClient } from '../src/protocol/http-client.js';

const ADELE = 'adele@contoso.com';
const MINUTE = 60_000;

/** An in-page mock: its server, a client to run flows, and the panel's `fetch` (the devices API). */
function backend(options: MockOptions & { controllable?: boolean } = {}) {
  const { controllable = true, ...rest } = options;
  const clock = createMockClock();
  const { server } = createMockBackend({ ...(controllable ? { now: clock.now } : {}), ...rest });
  // createMockHandler serves the devices API too; it finds the clock through the server's `now`.
  const handler = createMockHandler(server);
  const client = new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch: handler });
  const fetch: DevicesFetch = (input, init) => handler(new Request(input, init));
  const startFlow = (username = ADELE) => client.startFlow({ username, captchaToken: MOCK_CAPTCHA_TOKEN, locale: 'en' });
  return { server, clock, handler, client, fetch, startFlow };
}

async function mountPanel(fetch: DevicesFetch) {
  defineMockDevices();
  const el = await fixture<SsprMockDevices>(
    html`<sspr-mock-devices api-base=${MOCK_BASE_URL} poll-ms="50" .fetch=${fetch}></sspr-mock-devices>`,
  );
  await waitUntil(() => text(el).includes('Seed users'), 'the panel never showed the seed users', { timeout: 5000 });
  return el;
}

function root(el: SsprMockDevices) {
  return el.shadowRoot!;
}

/** The panel's text, white space collapsed. */
function text(el: Element | ShadowRoot | null | undefined) {
  const node = el instanceof HTMLElement && el.shadowRoot ? el.shadowRoot : el;
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A section of the panel by its heading. */
function section(el: SsprMockDevices, heading: string): HTMLElement {
  const found = [...root(el).querySelectorAll('section')].find((s) => s.querySelector('h3')?.textContent?.trim() === heading);
  if (!found) throw new Error(`no section "${heading}"`);
  return found;
}

/** A button by its accessible text (visible text plus the visually hidden part). */
function button(scope: ParentNode, name: string | RegExp): HTMLButtonElement {
  const all = [...scope.querySelectorAll('button')];
  const found = all.find((b) => {
    const t = text(b);
    return typeof name === 'string' ? t === name : name.test(t);
  });
  if (!found) throw new Error(`no button ${name}; buttons: ${all.map((b) => text(b)).join(' | ')}`);
  return found;
}

/** The first (newest) item of a section's list. */
function newest(el: SsprMockDevices, heading: string, list = 'ol'): HTMLElement {
  const item = section(el, heading).querySelector<HTMLElement>(`${list} > li`);
  if (!item) throw new Error(`nothing in "${heading}"`);
  return item;
}

function until(predicate: () => boolean, message: string) {
  return waitUntil(predicate, message, { timeout: 5000 });
}

describe('<sspr-mock-devices>', () => {
  it('shows the seed users and their secrets; "Use" fires use-user', async () => {
    const { fetch, server } = backend();
    const el = await mountPanel(fetch);
    const users = section(el, 'Seed users');
    expect(users.querySelectorAll('ul.users > li')).to.have.length(server.users.size);
    expect(text(users)).to.include('Adele Vance').and.include(ADELE).and.include('adele.vance@fabrikam.com');
    expect(text(users)).to.include('Locked').and.include('Not enabled').and.include('Admin: needs 2 methods');
    // Security answers, behind a disclosure.
    const details = users.querySelector('details')!;
    expect(text(details.querySelector('summary'))).to.match(/^Security questions \(\d\)$/);
    expect(text(details)).to.include('Seattle');

    const used: string[] = [];
    el.addEventListener('use-user', (e) => used.push(e.detail.username));
    button(users, `Use ${ADELE}`).click();
    expect(used).to.deep.equal([ADELE]);
    expect(text(root(el).querySelector('[role="status"]'))).to.equal('Live: refreshed every 50 ms.');
  });

  it('shows the email code a flow sends, newest first, and says so in its live region', async () => {
    const { fetch, startFlow, client, server } = backend();
    const el = await mountPanel(fetch);
    expect(text(section(el, 'Inbox'))).to.include('No email or text messages yet');

    await startFlow();
    await client.startChallenge('email');
    const sent = server.lastMessage(ADELE, 'email')!;
    await until(() => text(section(el, 'Inbox')).includes(sent.code!), 'the email never showed');
    const item = newest(el, 'Inbox');
    expect(text(item)).to.include('Email').and.include('To adele.vance@fabrikam.com').and.include(sent.subject!);
    expect(text(item.querySelector('.code'))).to.equal(sent.code);
    expect(button(item, `Copy code ${sent.code}`)).to.exist;
    const live = root(el).querySelector('[aria-live="polite"]')!;
    await until(() => text(live).startsWith('New email to adele.vance@fabrikam.com'), 'the email was not announced');

    await client.startChallenge('mobile-sms');
    const sms = server.lastMessage(ADELE, 'sms')!;
    await until(() => text(newest(el, 'Inbox')).includes('Text message'), 'the text never showed');
    expect(text(newest(el, 'Inbox'))).to.include(sms.code!);
    expect(section(el, 'Inbox').querySelectorAll('ol > li')).to.have.length(2);
  });

  it('denies a push with a wrong number, and approves one with the number typed', async () => {
    const { fetch, startFlow, client, server, clock } = backend({ gatesRequired: 2 });
    const el = await mountPanel(fetch);
    await startFlow();
    const first = await client.startChallenge('app-notification');
    await until(() => !!section(el, 'Authenticator app').querySelector('ol > li'), 'the push never showed');
    let item = newest(el, 'Authenticator app');
    expect(text(item)).to.include('Notification').and.include(`For ${ADELE}`);
    // The number is on the sign-in screen, not in the app.
    expect(text(item)).not.to.include(String(first.numberToMatch));
    const wrong = (first.numberToMatch! + 1) % 100;
    let input = item.querySelector('input')!;
    input.value = String(wrong);
    input.dispatchEvent(new InputEvent('input'));
    button(item, 'Approve').click();
    await until(() => text(item).includes('Denied: the number did not match.'), 'a wrong number was not denied');
    expect((await client.poll(first.challengeId)).status).to.equal('denied');

    // Protocol v1 (issue 8): one send per account and channel every 30 s, so the second push waits it out.
    clock.advance(31_000);
    const push = await client.startChallenge('app-notification');
    await until(() => newest(el, 'Authenticator app') !== item, 'the second push never showed');
    item = newest(el, 'Authenticator app');
    // Approve with no number: the field says why and takes focus.
    button(item, 'Approve').click();
    input = item.querySelector('input')!;
    await until(() => input.getAttribute('aria-invalid') === 'true', 'no error for a missing number');
    expect(text(item.querySelector('.field-error'))).to.equal('Enter the number first.');
    expect(root(el).activeElement).to.equal(input);
    expect(input.labels?.[0]?.textContent?.trim()).to.equal('Enter the number shown on the sign-in screen');

    // A half-typed number survives the polls.
    input.value = String(push.numberToMatch).slice(0, 1);
    input.dispatchEvent(new InputEvent('input'));
    await new Promise((r) => setTimeout(r, 200));
    expect(item.querySelector('input')).to.equal(input);
    expect(input.value).to.equal(String(push.numberToMatch).slice(0, 1));
    input.value = String(push.numberToMatch);
    input.dispatchEvent(new InputEvent('input'));
    button(item, 'Approve').click();
    await until(() => text(item).includes('Approved'), 'the push was not approved');
    expect(await client.poll(push.challengeId)).to.include({ status: 'approved', gatesPassed: 1 });
    // Focus goes to what happened; every text keeps its contrast once answered (nothing dimmed).
    expect(root(el).activeElement?.textContent?.trim()).to.equal('Approved: the reset goes on by itself.');
    await expect(el).to.be.accessible();
    expect(server.outbox.filter((m) => m.channel === 'push')).to.have.length(2);
  });

  it('answers a call with # or hangs up', async () => {
    const { fetch, startFlow, client } = backend();
    const el = await mountPanel(fetch);
    expect(text(section(el, 'Phone calls'))).to.include('No calls yet');
    await startFlow();
    const hangUp = await client.startChallenge('mobile-call');
    await until(() => !!section(el, 'Phone calls').querySelector('ol > li'), 'the call never showed');
    let item = newest(el, 'Phone calls');
    expect(text(item)).to.include('Incoming call to').and.include('Press the pound key');
    button(item, 'Hang up').click();
    await until(() => text(item).includes('You hung up: declined.'), 'the call was not declined');
    expect((await client.poll(hangUp.challengeId)).status).to.equal('denied');

    const call = await client.startChallenge('office-call');
    await until(() => newest(el, 'Phone calls') !== item, 'the second call never showed');
    item = newest(el, 'Phone calls');
    button(item, 'Press #').click();
    await until(() => text(item).includes('You pressed #'), 'the call was not answered');
    expect(await client.poll(call.challengeId)).to.deep.equal({ status: 'approved', gatesPassed: 1, next: 'password' });
  });

  it('shows the authenticator app’s current code and how long it lasts', async () => {
    const { fetch, server } = backend();
    const el = await mountPanel(fetch);
    const app = section(el, 'Authenticator app');
    await until(() => !!app.querySelector('.totp .code') && !text(app.querySelector('.totp .code')).includes('–'), 'no code shown');
    const card = [...app.querySelectorAll('.totp')].find((c) => text(c).includes(ADELE))!;
    const expected = (await server.currentTotp(ADELE))!;
    // The code may have turned over between the two reads.
    await until(
      () => text(card.querySelector('.code')).replace(' ', '') === expected.code || expected.secondsLeft <= 1,
      'another code shown',
    );
    expect(text(card)).to.match(/Changes in \d+ s/);
    expect(button(card, /^Copy authenticator code \d{6}$/)).to.exist;
    // Only users with the app have a card.
    const apps = [...server.users.values()].filter((u) => u.authenticatorSecret).length;
    expect(app.querySelectorAll('.totp')).to.have.length(apps);
  });

  it('moves the mock’s clock forward where it can', async () => {
    const { fetch, startFlow, client, server } = backend();
    const el = await mountPanel(fetch);
    const clock = section(el, 'Mock clock');
    expect(text(clock)).to.include('real time');
    await startFlow();
    const call = await client.startChallenge('office-call');
    await until(() => !!section(el, 'Phone calls').querySelector('ol > li'), 'the call never showed');
    const before = server.options.now();
    button(clock, '+3 min (pushes and calls expire)').click();
    await until(() => text(section(el, 'Mock clock')).includes('moved forward 3 min'), 'the clock did not move');
    expect(server.options.now() - before).to.be.within(3 * MINUTE, 3 * MINUTE + 5000);
    expect((await client.poll(call.challengeId)).status).to.equal('expired');
    const live = root(el).querySelector('[aria-live="polite"]')!;
    // Said once, maybe with what arrived in the same moment.
    await until(() => text(live).includes('The mock’s clock moved forward 3 minutes'), 'the jump was not announced');
    button(section(el, 'Mock clock'), '+11 min (codes expire)').click();
    await until(() => text(section(el, 'Mock clock')).includes('moved forward 14 min'), 'the clock did not move again');
  });

  it('has no clock buttons where the mock’s clock cannot be moved', async () => {
    const { fetch } = backend({ controllable: false });
    const el = await mountPanel(fetch);
    expect([...root(el).querySelectorAll('h3')].map((h) => text(h))).to.deep.equal([
      'Seed users',
      'Inbox',
      'Authenticator app',
      'Phone calls',
    ]);
    expect([...root(el).querySelectorAll('button')].filter((b) => text(b).startsWith('+'))).to.have.length(0);
  });

  it('shows an answer that is not what the devices API says as an error, and recovers', async () => {
    const { fetch } = backend();
    let broken = true;
    const errors: unknown[] = [];
    const onError = (e: PromiseRejectionEvent | ErrorEvent) => errors.push('reason' in e ? e.reason : e.error);
    window.addEventListener('unhandledrejection', onError);
    window.addEventListener('error', onError);
    try {
      const malformed: DevicesFetch = async (input, init) => {
        if (broken && input.endsWith('/mock/state')) {
          return new Response(JSON.stringify({ now: 'soon', users: [{ username: 42 }], outbox: [] }), {
            headers: { 'content-type': 'application/json' },
          });
        }
        return fetch(input, init);
      };
      defineMockDevices();
      const el = await fixture<SsprMockDevices>(
        html`<sspr-mock-devices api-base=${MOCK_BASE_URL} poll-ms="50" .fetch=${malformed}></sspr-mock-devices>`,
      );
      const status = () => root(el).querySelector('[role="status"]')!;
      await until(() => status().getAttribute('data-state') === 'invalid', 'no error shown');
      expect(text(status())).to.include('The answer to GET /mock/state is not what the devices API says');
      expect(text(status())).to.include('users');
      await expect(el).to.be.accessible();
      broken = false;
      await until(() => text(el).includes('Seed users'), 'the panel did not recover');
      expect(status().getAttribute('data-state')).to.equal('live');
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onError);
      window.removeEventListener('error', onError);
    }
  });

  it('says so when the answer to a push is malformed or the mock is unreachable', async () => {
    const { fetch, startFlow, client } = backend({ gatesRequired: 2 });
    let mode: 'ok' | 'malformed' | 'offline' = 'ok';
    const flaky: DevicesFetch = async (input, init) => {
      if (mode === 'offline') throw new TypeError('Failed to fetch');
      if (mode === 'malformed' && input.includes('/mock/push/'))
        return new Response('{"status":"maybe"}', { headers: { 'content-type': 'application/json' } });
      return fetch(input, init);
    };
    const el = await mountPanel(flaky);
    await startFlow();
    const push = await client.startChallenge('app-notification');
    await until(() => !!section(el, 'Authenticator app').querySelector('ol > li'), 'the push never showed');
    const item = newest(el, 'Authenticator app');
    const input = item.querySelector('input')!;
    input.value = String(push.numberToMatch);
    input.dispatchEvent(new InputEvent('input'));

    mode = 'offline';
    button(item, 'Approve').click();
    await until(() => text(item).includes('Can’t reach the mock backend'), 'no error for an unreachable mock');
    expect(button(item, 'Approve'), 'can try again').to.exist;
    await until(
      () => root(el).querySelector('[role="status"]')?.getAttribute('data-state') === 'offline',
      'the status line did not say offline',
    );

    mode = 'malformed';
    button(item, 'Approve').click();
    await until(() => text(item).includes('is not what the devices API says'), 'no error for a malformed answer');
  });

  it('keeps an open disclosure and the focus across polls, and starts over on another backend', async () => {
    const first = backend();
    const el = await mountPanel(first.fetch);
    const details = section(el, 'Seed users').querySelector('details')!;
    details.open = true;
    const use = button(section(el, 'Seed users'), `Use ${ADELE}`);
    use.focus();
    await first.startFlow();
    await first.client.startChallenge('email');
    await until(() => !!section(el, 'Inbox').querySelector('ol > li'), 'the email never showed');
    await new Promise((r) => setTimeout(r, 200));
    expect(details.isConnected && details.open).to.equal(true);
    expect(root(el).activeElement).to.equal(use);

    const second = backend();
    el.fetch = second.fetch;
    await until(() => text(section(el, 'Inbox')).includes('No email or text messages yet'), 'the old messages stayed');
  });

  it('is accessible with every kind of message shown', async () => {
    const { fetch, startFlow, client } = backend({ gatesRequired: 2 });
    const el = await mountPanel(fetch);
    await startFlow();
    for (const method of ['email', 'mobile-sms', 'app-notification', 'mobile-call']) await client.startChallenge(method);
    await until(() => root(el).querySelectorAll('ol > li').length === 4, 'not every message showed');
    await expect(el).to.be.accessible();
  });
});

describe('devices API: what it accepts', () => {
  async function call(handler: (r: Request) => Promise<Response>, method: string, path: string, body?: string) {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = body;
      init.headers = { 'content-type': 'application/json' };
    }
    const response = await handler(new Request(MOCK_BASE_URL + path, init));
    expect(response.headers.get('content-type')).to.match(/^application\/json/);
    return { status: response.status, allow: response.headers.get('allow'), body: (await response.json()) as unknown };
  }

  /** A 400 `{ error }` answer. */
  async function rejected(handler: (r: Request) => Promise<Response>, method: string, path: string, body?: string) {
    const answer = await call(handler, method, path, body);
    expect(answer.status, `${method} ${path} ${body}`).to.equal(400);
    expect(DevicesError.safeParse(answer.body).success, JSON.stringify(answer.body)).to.equal(true);
    return (answer.body as { error: string }).error;
  }

  it('answers a push or a call with a bad body 400, and leaves the challenge pending', async () => {
    const { handler, startFlow, client } = backend({ gatesRequired: 2 });
    await startFlow();
    const push = await client.startChallenge('app-notification');
    const path = `/mock/push/${push.challengeId}`;
    expect(await rejected(handler, 'POST', path, 'not json')).to.equal('the body is not JSON');
    expect(await rejected(handler, 'POST', path, '')).to.equal('the body is not JSON');
    expect(await rejected(handler, 'POST', path, '{}')).to.match(/^invalid request: .*approve/s);
    expect(await rejected(handler, 'POST', path, '{"approve":"yes"}')).to.match(/approve/);
    expect(await rejected(handler, 'POST', path, '{"approve":true,"number":"42"}')).to.match(/number/);
    await rejected(handler, 'POST', path, '{"approve":true,"number":4.2}');
    await rejected(handler, 'POST', path, '{"approve":true,"number":-1}');
    await rejected(handler, 'POST', path, '[true]');
    await rejected(handler, 'POST', path, 'null');
    expect((await client.poll(push.challengeId)).status).to.equal('pending');

    const phone = await client.startChallenge('mobile-call');
    const callPath = `/mock/call/${phone.challengeId}`;
    expect(await rejected(handler, 'POST', callPath, '{}')).to.match(/pressHash/);
    await rejected(handler, 'POST', callPath, '{"pressHash":1}');
    expect((await client.poll(phone.challengeId)).status).to.equal('pending');
    expect(await call(handler, 'POST', callPath, '{"pressHash":true}')).to.deep.include({ status: 200, body: { status: 'approved' } });
  });

  it('answers a path that is not percent-encoding 400, a wrong method 405 with Allow', async () => {
    const { handler } = backend();
    await rejected(handler, 'GET', '/mock/totp/%E0%A4%A');
    expect(await call(handler, 'DELETE', '/mock/state')).to.deep.include({ status: 405, allow: 'GET' });
    expect(await call(handler, 'GET', '/mock/push/abc')).to.deep.include({ status: 405, allow: 'POST' });
    expect(await call(handler, 'GET', '/mock/clock')).to.deep.include({ status: 405, allow: 'POST' });
    expect((await call(handler, 'GET', '/mock/state/extra')).status).to.equal(404);
    expect((await call(handler, 'GET', '/mock/totp')).status).to.equal(404);
  });

  it('moves a clock made by createMockClock, checked; says clock: false and 404 elsewhere', async () => {
    const { handler, clock, server } = backend();
    const state = DevicesState.parse((await call(handler, 'GET', '/mock/state')).body);
    expect(state).to.include({ clock: true, advancedMs: 0 });
    for (const bad of [
      '{}',
      '{"advanceMs":0}',
      '{"advanceMs":-60000}',
      '{"advanceMs":1.5}',
      '{"advanceMs":"60000"}',
      '{"advanceMs":1e15}',
    ]) {
      expect(await rejected(handler, 'POST', '/mock/clock', bad)).to.match(/advanceMs/);
    }
    expect(clock.advancedMs).to.equal(0);
    const moved = await call(handler, 'POST', '/mock/clock', JSON.stringify({ advanceMs: 11 * MINUTE }));
    expect(moved.status).to.equal(200);
    const answer = ClockState.parse(moved.body);
    expect(answer.advancedMs).to.equal(11 * MINUTE);
    expect(answer.now).to.be.closeTo(server.options.now(), 1000);
    expect(DevicesState.parse((await call(handler, 'GET', '/mock/state')).body).advancedMs).to.equal(11 * MINUTE);

    const fixed = backend({ controllable: false });
    const fixedState = DevicesState.parse((await call(fixed.handler, 'GET', '/mock/state')).body);
    expect(fixedState.clock).to.equal(false);
    expect(fixedState.advancedMs).to.equal(undefined);
    const refused = await call(fixed.handler, 'POST', '/mock/clock', '{"advanceMs":60000}');
    expect(refused.status).to.equal(404);
    expect(DevicesError.safeParse(refused.body).success).to.equal(true);
    expect(() => clock.advance(-1)).to.throw(RangeError);
  });

  it('moves a clock it is given, for a server whose `now` is that clock', async () => {
    let t = 1_000_000;
    const { server } = createMockBackend({ now: () => t });
    const handler = createDevicesHandler(server, {
      clock: {
        advance: (ms) => void (t += ms),
        get advancedMs() {
          return t - 1_000_000;
        },
      },
    });
    expect((await call(handler, 'POST', '/mock/clock', '{"advanceMs":5000}')).body).to.deep.equal({ now: 1_005_000, advancedMs: 5000 });
    // Without it, the same server's clock cannot be moved.
    expect((await call(createDevicesHandler(server), 'POST', '/mock/clock', '{"advanceMs":5000}')).status).to.equal(404);
  });

  it('answers match the schemas the panel checks them with', async () => {
    const { handler, startFlow, client } = backend({ gatesRequired: 2 });
    await startFlow();
    for (const method of ['email', 'mobile-sms', 'app-notification', 'mobile-call']) await client.startChallenge(method);
    const state = DevicesState.parse((await call(handler, 'GET', '/mock/state')).body);
    expect(state.outbox.map((m) => m.channel)).to.deep.equal(['email', 'sms', 'push', 'call']);
    expect(TotpCode.safeParse((await call(handler, 'GET', `/mock/totp/${encodeURIComponent(ADELE)}`)).body).success).to.equal(true);
    expect(DevicesError.safeParse((await call(handler, 'GET', '/mock/totp/nobody')).body).success).to.equal(true);
  });
});
