/**
 * Issue 8, point 5: protocol v1 grows by additions, and the widget copes with
 * a newer backend. Each value this version doesn't know is fed through the
 * element (the in-page mock behind a `fetch` that speaks a newer dialect), and
 * the flow still completes; unknown problem codes are read by HTTP status.
 */
import { expect } from '@open-wc/testing';
import { reduce, createState } from '../src/flow/reducer.js';
import type { Challenge } from '../src/protocol/schemas.js';
import { CONFIG } from './fixtures.js';
import {
  choose,
  fill,
  identify,
  press,
  problem,
  rewriting,
  route,
  text,
  title,
  toPassword,
  typePassword,
  widget,
  type Fetch,
} from './protocol-widget.js';

const FUTURE = { futureMember: { nested: [1, 'two'] } };

/** The mock, as a newer backend would answer: unknown values in every open enum, unknown members everywhere. */
function newer(fetch: Fetch): Fetch {
  return rewriting(fetch, (request, body, status) => {
    const path = route(request);
    const out: Record<string, unknown> = { ...body, ...FUTURE };
    if (status >= 400) {
      // RFC 9457: status is optional.
      delete out['status'];
      if (Array.isArray(body['reasons'])) out['reasons'] = [...(body['reasons'] as unknown[]), { code: 'too_pretty', ...FUTURE }];
      return out;
    }
    if (path === 'config') out['methods'] = [...(body['methods'] as string[]), 'carrier-pigeon'];
    if (path === 'flows') {
      out['methods'] = [
        { id: 'pigeon-1', type: 'carrier-pigeon', hint: 'Loft 7', ...FUTURE },
        ...(body['methods'] as object[]).map((m) => ({ ...m, ...FUTURE })),
        { id: 'office-9', type: 'office-call', hint: '+1 ••• ••• ••99', unavailable: 'moon-phase' },
      ];
    }
    if (path === 'flows/current/password') {
      out['notified'] = [...(body['notified'] as object[]), { channel: 'carrier-pigeon', hint: 'Loft 7' }, { channel: 'smoke-signal' }];
    }
    return out;
  });
}

describe('A newer backend: unknown values in answers', () => {
  it('unknown method types, reasons, password reasons, channels and members: the flow still completes', async () => {
    const { el, server, events } = await widget(newer);
    await identify(el, 'adele@contoso.com');
    expect(el.step).to.equal('methods');
    // The carrier pigeon is left out; the office phone withheld for a reason this version doesn't know gets a generic text.
    expect([...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.value)).to.not.include('pigeon-1');
    expect(text(el)).to.not.include('Loft 7');
    expect(text(el, '[part~="unavailable"]')).to.include('Call my office phone: Not available here.');

    await choose(el, /^Email my alternate/);
    await fill(el, 'Verification code', server.lastMessage('adele@contoso.com', 'email')!.code!);
    await press(el, 'Verify');
    expect(el.step).to.equal('password');

    await typePassword(el, 'password123');
    await press(el, 'Reset password');
    expect(text(el, '[role="alert"]')).to.include('It’s too common or has appeared in a data breach.');
    expect(text(el, '[role="alert"]')).to.include('It doesn’t meet your organization’s password rules.');

    await typePassword(el, 'Tulip-Garden-Walk-42');
    await press(el, 'Reset password');
    expect(el.step).to.equal('done');
    const notified = text(el, '[part~="notified"]');
    expect(notified).to.include('A message to Loft 7');
    expect(notified).to.include('Another contact method on your account');
    expect((events.find((e) => e.type === 'sspr-complete')?.detail as { notified: string[] }).notified).to.include.members([
      'carrier-pigeon',
      'smoke-signal',
    ]);
    await expect(el).to.be.accessible();
  });

  it('only methods of unknown types: nothing to choose, said plainly', async () => {
    const { el } = await widget((fetch) =>
      rewriting(fetch, (request, body) =>
        route(request) === 'flows' ? { ...body, methods: [{ id: 'p', type: 'carrier-pigeon', hint: 'Loft 7' }] } : body,
      ),
    );
    await identify(el, 'adele@contoso.com');
    expect(el.step).to.equal('methods');
    expect(text(el)).to.include('None of your verification methods can be used here.');
    expect(el.querySelectorAll('input[type="radio"]')).to.have.length(0);
    expect(el.querySelectorAll('button[type="submit"]')).to.have.length(0);
    await press(el, 'Cancel');
    expect(el.step).to.equal('identify');
  });

  it('a challenge of a type this version doesn’t know sends the person back to choose another method', async () => {
    const { el } = await widget((fetch) =>
      rewriting(fetch, (request, body) => (route(request) === 'flows/current/challenges' ? { ...body, type: 'carrier-pigeon' } : body)),
    );
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    expect(el.step).to.equal('methods');
    expect(text(el, '[role="alert"]')).to.include('That verification method isn’t available now. Choose another one.');
  });

  it('the reducer keeps a replacement challenge’s view when its type is unknown', () => {
    const challenge: Challenge = {
      challengeId: 'q1',
      methodId: 'questions',
      type: 'questions',
      hint: '',
      expiresAt: '2099-01-01T00:00:00Z',
      questions: [{ id: 'a', text: 'A?' }],
    };
    let s = reduce({ ...createState(), config: CONFIG, step: 'methods' }, { type: 'challengeStarted', challenge, now: 0 });
    s = reduce(s, {
      type: 'verifyAnswered',
      response: {
        result: 'rejected',
        attemptsRemaining: 2,
        gatesPassed: 0,
        challenge: { ...challenge, challengeId: 'q2', type: 'riddles' },
      },
      now: 0,
    });
    expect([s.step, s.challenge?.challengeId, s.challenge?.type]).to.deep.equal(['challenge', 'q2', 'questions']);
  });
});

describe('A newer backend: unknown problem codes are read by HTTP status', () => {
  /** The mock, but `path` answered with a problem of a code this version doesn't know. */
  const refusing =
    (path: string, status: number, code: string, headers: Record<string, string> = {}) =>
    (fetch: Fetch): Fetch =>
    (request) =>
      route(request) === path ? Promise.resolve(problem(status, { code, title: code, ...FUTURE }, headers)) : fetch(request);

  it('a 4xx: generic "couldn’t be completed", and the person can try again', async () => {
    const { el, events } = await widget(refusing('flows', 403, 'tenant_paused'));
    await identify(el, 'adele@contoso.com');
    expect(el.step).to.equal('identify');
    expect(text(el, '[role="alert"]')).to.include('This couldn’t be completed. Try again, or start over.');
    expect(events.find((e) => e.type === 'sspr-error')?.detail).to.deep.equal({ code: 'request_failed' });
  });

  it('a 401: the flow expired', async () => {
    const { el } = await widget(refusing('flows/current/challenges', 401, 'token_revoked'));
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    expect(el.step).to.equal('identify');
    expect(text(el, '[role="alert"]')).to.include('Your session expired. Start again.');
  });

  it('a 429: rate limited, with its Retry-After', async () => {
    const { el } = await widget(refusing('flows/current/challenges', 429, 'slow_down', { 'retry-after': '20' }));
    await identify(el, 'adele@contoso.com');
    await choose(el, /^Email my alternate/);
    expect(el.step).to.equal('methods');
    expect(text(el, '[role="alert"]')).to.include('Too many tries. Wait 20 seconds, then try again.');
  });

  it('a 5xx: a server error', async () => {
    const { el, server } = await widget(refusing('flows/current/password', 503, 'maintenance_window'));
    await toPassword(el, server);
    await typePassword(el, 'Tulip-Garden-Walk-42');
    await press(el, 'Reset password');
    expect(title(el)).to.equal('Choose a new password');
    expect(text(el, '[role="alert"]')).to.include('Something went wrong on our side. Try again in a moment.');
  });
});

describe('A custom backend with a wrong answer', () => {
  it('is an error state, not an exception inside the element', async () => {
    const { el, events } = await widget(undefined, {
      backend: {
        getConfig: () => Promise.resolve({ ...CONFIG, gatesRequired: 3 } as never),
        startFlow: () => Promise.reject(new Error('unused')),
        startChallenge: () => Promise.reject(new Error('unused')),
        verify: () => Promise.reject(new Error('unused')),
        poll: () => Promise.reject(new Error('unused')),
        resend: () => Promise.reject(new Error('unused')),
        resetPassword: () => Promise.reject(new Error('unused')),
        cancel: () => Promise.resolve(),
      },
    });
    expect(el.step).to.equal('loading');
    expect(text(el, '[role="alert"]')).to.include('Something went wrong on our side');
    expect(events.find((e) => e.type === 'sspr-error')?.detail).to.deep.equal({ code: 'invalid_response' });
  });

  it('one that throws synchronously is a typed error too', async () => {
    const { el, events } = await widget(undefined, {
      backend: {
        getConfig: () => {
          throw new TypeError('backend.getConfig is broken');
        },
      } as never,
    });
    expect(text(el, '[role="alert"]')).to.include('We couldn’t reach the server');
    expect(events.find((e) => e.type === 'sspr-error')?.detail).to.deep.equal({ code: 'network_error' });
  });
});
