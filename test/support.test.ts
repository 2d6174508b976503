/**
 * Issue 8, points 4 and 6, through the element: a lost answer still ends where
 * it should (idempotency), support codes, when a lock ends, waits the backend
 * asked for, and the flow's and the challenge's expiry.
 */
import { expect } from '@open-wc/testing';
import { reduce, createState, nextDeadline, EXPIRY_WARNING_MS, type FlowState } from '../src/flow/reducer.js';
import { ResetError } from '../src/protocol/errors.js';
import { REQUEST_ID_PATTERN } from '../src/protocol/schemas.js';
import { CONFIG } from './fixtures.js';
import {
  button,
  choose,
  identify,
  press,
  problem,
  rewriting,
  route,
  submit,
  text,
  title,
  toPassword,
  typePassword,
  until,
  widget,
  type Fetch,
} from './protocol-widget.js';

const REQUEST_ID = 'req-support-0042';

/** Replace `navigator.clipboard` for one test (undefined: a page with no clipboard). */
async function withClipboard(clipboard: Partial<Clipboard> | undefined, run: () => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  try {
    await run();
  } finally {
    delete (navigator as { clipboard?: unknown }).clipboard;
  }
}

describe('A lost answer (idempotency)', () => {
  it('a reset the backend performed but whose answer was dropped lands on the done screen', async () => {
    let dropped = false;
    const { el, server, events } = await widget((fetch) => async (request) => {
      const response = await fetch(request);
      if (route(request) === 'flows/current/password' && response.ok && !dropped) {
        dropped = true;
        throw new TypeError('connection reset');
      }
      return response;
    });
    await toPassword(el, server);
    await typePassword(el, 'Tulip-Garden-Walk-42');
    await press(el, 'Reset password');
    await until(el, () => el.step === 'done', 'never reached done');
    expect(dropped).to.equal(true);
    expect(title(el)).to.equal('Your password has been reset');
    expect(events.filter((e) => e.type === 'sspr-error')).to.have.length(0);
    expect(events.find((e) => e.type === 'sspr-complete')).to.not.equal(undefined);
  });

  it('a challenge start whose answer timed out is asked again, and no second code is sent', async () => {
    let slowed = false;
    const { el, server } = await widget(
      (fetch) => async (request) => {
        const response = await fetch(request);
        if (route(request) === 'flows/current/challenges' && !slowed) {
          slowed = true;
          // The code went out; the answer arrives after the client gave up on it.
          await new Promise((r) => setTimeout(r, 600));
        }
        return response;
      },
      { timeoutMs: 250 },
    );
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    await until(el, () => el.step === 'challenge', 'never reached the challenge');
    expect(slowed).to.equal(true);
    expect(server.outbox.filter((m) => m.channel === 'email' && m.code)).to.have.length(1);
    expect(text(el, '[role="alert"]')).to.equal('');
  });
});

describe('Support codes', () => {
  it('an error screen shows the answer’s request id, and sspr-error carries it', async () => {
    let id = '';
    const { el, server, events } = await widget((fetch) => async (request) => {
      const response = await fetch(request);
      if (!response.ok) id = response.headers.get('x-request-id') ?? '';
      return response;
    });
    await toPassword(el, server);
    await typePassword(el, 'password123');
    await press(el, 'Reset password');
    expect(id).to.match(REQUEST_ID_PATTERN);
    expect(text(el, '[part~="support-code"]')).to.equal(`Support code: ${id}`.trim() + (navigator.clipboard ? ' Copy' : ''));
    expect(events.find((e) => e.type === 'sspr-error')?.detail).to.deep.equal({ code: 'password_rejected', requestId: id });
    // Not read out with the error: only the error is in the alert.
    expect(text(el, '[role="alert"]')).to.not.include(id);
    await expect(el).to.be.accessible();
  });

  it('Copy puts the code on the clipboard and says so politely', async () => {
    const written: string[] = [];
    await withClipboard({ writeText: (t: string) => (written.push(t), Promise.resolve()) }, async () => {
      const { el, server } = await widget();
      await toPassword(el, server);
      await typePassword(el, 'password123');
      await press(el, 'Reset password');
      const code = el.querySelector('[part~="support-code"] code')!.textContent;
      const copy = button(el, 'Copy support code');
      expect(text(copy)).to.equal('Copy');
      expect(text(el, '[role="status"]')).to.not.include('Copied');
      await press(el, 'Copy support code');
      expect(written).to.deep.equal([code]);
      expect(text(el, '[role="status"]')).to.include('Copied');
    });
  });

  it('without a clipboard there is no Copy button; a refused copy says nothing', async () => {
    await withClipboard(undefined, async () => {
      const { el, server } = await widget();
      await toPassword(el, server);
      await typePassword(el, 'password123');
      await press(el, 'Reset password');
      expect(text(el, '[part~="support-code"]')).to.match(/^Support code: \S+$/);
      expect(!!el.querySelector('[part~="button-copy"]')).to.equal(false);
    });
    await withClipboard({ writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }, async () => {
      const { el, server } = await widget();
      await toPassword(el, server);
      await typePassword(el, 'password123');
      await press(el, 'Reset password');
      await press(el, 'Copy support code');
      expect(text(el, '[role="status"]')).to.not.include('Copied');
    });
  });

  it('an answer without a request id shows no support code, and sspr-error carries the code only', async () => {
    const { el, server, events } = await widget((fetch) => async (request) => {
      const response = await fetch(request);
      if (response.ok) return response;
      const { instance, ...body } = (await response.json()) as Record<string, unknown>;
      expect(instance).to.be.a('string');
      return problem(response.status, body);
    });
    await toPassword(el, server);
    await typePassword(el, 'password123');
    await press(el, 'Reset password');
    expect(text(el, '[role="alert"]')).to.include('Choose a different password.');
    expect(!!el.querySelector('[part~="support-code"]')).to.equal(false);
    expect(events.find((e) => e.type === 'sspr-error')?.detail).to.deep.equal({ code: 'password_rejected' });
  });
});

describe('Locked out: when the lock ends', () => {
  const lockedFetch =
    (extra: Record<string, unknown>, headers: Record<string, string> = {}) =>
    (fetch: Fetch): Fetch =>
    (request) =>
      route(request) === 'flows'
        ? Promise.resolve(problem(403, { code: 'locked_out', instance: `urn:sspr:request:${REQUEST_ID}`, ...extra }, headers))
        : fetch(request);

  it('says the date and time of lockedUntil, in the person’s language, with the support code', async () => {
    const until = new Date(Date.now() + 3 * 3600_000);
    const { el } = await widget(lockedFetch({ lockedUntil: until.toISOString() }));
    await identify(el, 'adele@contoso.com');
    expect(el.step).to.equal('blocked');
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(until);
    expect(text(el)).to.include(`You can try again after ${when}.`);
    expect(text(el)).to.not.include('24 hours');
    expect(text(el, '[part~="support-code"]')).to.include(REQUEST_ID);
    await expect(el).to.be.accessible();
  });

  it('reads Retry-After when there is no lockedUntil', async () => {
    const before = Date.now();
    const { el } = await widget(lockedFetch({}, { 'retry-after': '5400' }));
    await identify(el, 'adele@contoso.com');
    const format = (t: number) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(t);
    const said = [format(before + 5400_000), format(Date.now() + 5400_000)];
    expect(
      said.some((when) => text(el).includes(`You can try again after ${when}.`)),
      text(el),
    ).to.equal(true);
  });

  it('a lock with no set end (the mock’s locked@contoso.com) says so, never "24 hours"', async () => {
    const { el } = await widget();
    await identify(el, 'locked@contoso.com');
    expect(title(el)).to.equal('Your account is temporarily locked');
    expect(text(el)).to.not.include('24 hours');
    expect(text(el)).to.not.include('You can try again after');
  });
});

describe('Waits the backend asked for (rate_limited)', () => {
  it('a resend answered 429 keeps the button unavailable, with its countdown, for Retry-After', async () => {
    // The widget is told it may resend at once; the backend's cooldown (30 s) says otherwise.
    let resends = 0;
    const { el } = await widget((fetch) =>
      rewriting(
        async (request) => {
          if (route(request).endsWith('/resend')) resends += 1;
          return fetch(request);
        },
        (request, body) =>
          route(request).startsWith('flows/current/challenges') && 'challengeId' in body ? { ...body, resendAfter: 0 } : body,
      ),
    );
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    const resend = () => button(el, 'Resend code');
    expect(resend().getAttribute('aria-disabled')).to.equal('false');
    await press(el, 'Resend code');
    expect(resends).to.equal(1);
    expect(text(el, '[role="alert"]')).to.match(/Too many tries\. Wait \d+ seconds/);
    expect(resend().getAttribute('aria-disabled')).to.equal('true');
    expect(resend().textContent).to.match(/available in (29|30) s/);
    await press(el, 'Resend code');
    expect(resends, 'no request while the wait runs').to.equal(1);
  });

  it('a challenge start answered 429 (the channel’s cooldown) keeps Continue unavailable, even to Enter', async () => {
    let starts = 0;
    const { el } = await widget((fetch) => (request) => {
      if (route(request) === 'flows/current/challenges') starts += 1;
      return fetch(request);
    });
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    await press(el, 'Choose another method');
    await choose(el, /^Email my alternate/);
    expect(el.step).to.equal('methods');
    expect(starts).to.equal(2);
    expect(text(el, '[role="alert"]')).to.match(/Too many tries\. Wait \d+ seconds/);
    const cont = button(el, 'Continue');
    expect(cont.getAttribute('aria-disabled')).to.equal('true');
    expect(cont.textContent).to.match(/available in (29|30) s/);
    await submit(el);
    expect(starts, 'Enter sends nothing while the wait runs').to.equal(2);
  });

  it('a flow start answered 429 keeps Next unavailable for Retry-After', async () => {
    const { el } = await widget(undefined, { flowsPerMinute: 1 });
    await identify(el, 'adele@contoso.com');
    await press(el, 'Cancel');
    await identify(el, 'adele@contoso.com');
    expect(el.step).to.equal('identify');
    const next = button(el, 'Next');
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(text(el, '[role="alert"]')).to.match(/Too many tries/);
    expect(next.textContent).to.match(/available in \d+ s/);
  });
});

describe('Expiry', () => {
  it('warns politely before the flow expires, then shows the expired state with a way to start over', async () => {
    const { el } = await widget(undefined, { flowTtlMs: 2500 });
    await identify(el, 'adele@contoso.com');
    expect(el.step).to.equal('methods');
    const status = el.querySelector('[part~="expiry"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    await until(el, () => /Your session ends at/.test(text(status)), 'no warning');
    await until(el, () => el.step === 'identify', 'the flow never expired', 6000);
    expect(text(el, '[role="alert"]')).to.include('Your session expired. Start again.');
    expect(button(el, 'Next').getAttribute('aria-disabled')).to.equal('false');
  });

  it('a code that expires says so and offers a new code or another method', async () => {
    const { el } = await widget(undefined, { codeTtlMs: 1500 });
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    expect(el.step).to.equal('challenge');
    await until(el, () => text(el).includes('This code has expired.'), 'the code never expired', 6000);
    expect(button(el, 'Choose another method').getAttribute('aria-disabled')).to.equal('false');
    expect(button(el, 'Send a new code').textContent).to.match(/available in \d+ s/, 'the cooldown still runs');
  });
});

describe('Reducer: time, waits and locks', () => {
  const flow = (expiresAt: number) => ({
    flowToken: 't',
    expiresAt: new Date(expiresAt).toISOString(),
    gatesRequired: 1 as const,
    gatesPassed: 0,
    methods: [{ id: 'email', type: 'email', hint: '' }],
    passwordPolicy: { minLength: 8, maxLength: 256, minClasses: 0, disallowUsername: false },
  });
  const started = (now: number, expiresAt: number): FlowState =>
    reduce({ ...createState(), config: CONFIG, step: 'identify' }, { type: 'flowStarted', username: 'a', flow: flow(expiresAt), now });

  it('the flow warns EXPIRY_WARNING_MS before it expires, and expires at expiresAt', () => {
    let s = started(0, 600_000);
    expect(nextDeadline(s)).to.equal(600_000 - EXPIRY_WARNING_MS);
    expect(reduce(s, { type: 'tick', now: 1000 })).to.equal(s, 'nothing is due yet');
    s = reduce(s, { type: 'tick', now: 600_000 - EXPIRY_WARNING_MS });
    expect(s.expiring).to.equal(true);
    expect(nextDeadline(s)).to.equal(600_000);
    s = reduce(s, { type: 'tick', now: 600_000 });
    expect([s.step, s.error?.code, s.username]).to.deep.equal(['identify', 'flow_expired', 'a']);
    expect(nextDeadline(s)).to.equal(undefined);
  });

  it('no deadline while a request is in flight (its answer decides), nor for an expiresAt already past on this clock', () => {
    const s = started(0, 600_000);
    const busy = reduce(s, { type: 'requestStarted', busy: 'password' });
    expect(nextDeadline(busy)).to.equal(undefined);
    expect(reduce(busy, { type: 'tick', now: 700_000 }).step).to.equal('methods');
    const skewed = started(900_000, 600_000);
    expect(skewed.expiresAt).to.equal(0);
    expect(nextDeadline(skewed)).to.equal(undefined);
  });

  it('rate_limited: a resend’s wait moves resendAt, any other action’s sets retryAt (cleared with the step)', () => {
    const s = started(0, 600_000);
    const error = { code: 'rate_limited' as const, retryAfter: 40 };
    const onMethods = reduce(reduce(s, { type: 'requestStarted', busy: 'challenge' }), { type: 'requestFailed', error, now: 1000 });
    expect(onMethods.retryAt).to.equal(41_000);
    expect(reduce(onMethods, { type: 'restart' }).retryAt).to.equal(0);
    const challenge = {
      challengeId: 'c',
      methodId: 'email',
      type: 'email',
      hint: '',
      expiresAt: new Date(500_000).toISOString(),
      resendAfter: 0,
    };
    let c = reduce(s, { type: 'challengeStarted', challenge, now: 0 });
    c = reduce(reduce(c, { type: 'requestStarted', busy: 'resend' }), { type: 'requestFailed', error, now: 2000 });
    expect([c.resendAt, c.retryAt]).to.deep.equal([42_000, 0]);
  });

  it('a challenge expires at its expiresAt', () => {
    const challenge = { challengeId: 'c', methodId: 'email', type: 'email', hint: '', expiresAt: new Date(300_000).toISOString() };
    let s = reduce(started(0, 600_000), { type: 'challengeStarted', challenge, now: 0 });
    expect(nextDeadline(s)).to.equal(300_000);
    s = reduce(s, { type: 'tick', now: 300_000 });
    expect(s.outcome).to.equal('expired');
  });

  it('locked_out: the lock ends at lockedUntil, else Retry-After from now, else unknown; the error stays for its support code', () => {
    const s = started(0, 600_000);
    const at = (error: ConstructorParameters<typeof ResetError>[1]) =>
      reduce(s, { type: 'requestFailed', error: { code: 'locked_out', ...error, requestId: REQUEST_ID }, now: 10_000 });
    expect(at({ lockedUntil: '2026-11-27T08:00:00Z', retryAfter: 5 }).lockedUntil).to.equal(Date.parse('2026-11-27T08:00:00Z'));
    expect(at({ retryAfter: 60 }).lockedUntil).to.equal(70_000);
    const unknown = at({});
    expect([unknown.step, unknown.lockedUntil, unknown.error?.requestId]).to.deep.equal(['blocked', 0, REQUEST_ID]);
  });
});
