/**
 * Issue 10, point 8: random episodes (fast-check, a fixed seed) of a person
 * clicking, typing and pressing Enter anywhere in `<sspr-reset>`, against a
 * backend whose every answer is drawn too: valid, invalid (against protocol
 * v1's schemas), slow (held until the episode lets it go), failing (any
 * problem code, with or without its details), a dropped connection, or a
 * backend that throws. After every action:
 *
 * - no uncaught error and no unhandled rejection reached the page;
 * - the screen is never blank (the heading says where the person is) and is
 *   never stuck: there is an action the person can use now (a button or link
 *   neither disabled nor aria-disabled, on screen), or a request is in
 *   flight; with nothing in flight no button keeps its busy label
 *   ("Checking…"); and a busy screen ends: once every held answer is let go,
 *   an action is there again.
 *
 * The seed is fixed (SEED below), so every run plays the same episodes in
 * every engine; a failure prints the seed, the shrunk episode and the path to
 * replay it (`fc.assert`'s report). Nothing waits on a clock: slow answers
 * are held promises, not timers, and the element is removed after each
 * episode, which stops its polls and countdowns.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../src/define.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import { ResetError, type ResetErrorCode } from '../src/protocol/errors.js';
import {
  METHOD_TYPES,
  PROBLEM_CODES,
  type Challenge,
  type ConfigResponse,
  type FlowResponse,
  type MethodType,
  type PollResponse,
  type VerifyResponse,
} from '../src/protocol/schemas.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { CONFIG, FLOW, POLICY, RESET } from './fixtures.js';

/** The seed of every run. Change it here to explore other episodes; a failure prints the one to replay. */
const SEED = 20_261_010;
/**
 * 500 episodes in Chromium and Firefox. WebKitGTK under the runner throttles the
 * many short timers an episode waits on (its page is never the visible one), so
 * 500 do not finish in the runner's 600 s there: it plays the first 100 of the
 * same seeded sequence.
 */
const WEBKIT = /AppleWebKit/.test(navigator.userAgent) && !/Chrome|Firefox/.test(navigator.userAgent);
const EPISODES = WEBKIT ? 100 : 500;

// ——— The backend's answers ———

type Kind = 'valid' | 'invalid' | 'slow' | 'fail' | 'network' | 'throw';

interface Script {
  /** Each call's kind of answer, in order (cycled). */
  kinds: Kind[];
  /** The failures a `fail` answer carries, in order (cycled). */
  failures: Array<{ code: ResetErrorCode; details: boolean }>;
  /** For verify and poll: the person's answer was right (verified, approved) or not, in order (cycled). */
  verdicts: boolean[];
  /** A document that breaks protocol v1, in order (cycled). */
  invalid: number[];
  gatesRequired: 1 | 2;
  /** A questions challenge comes with no questions (a backend's mistake the widget must survive). */
  noQuestions: boolean;
  /** Seconds before a resend is allowed (0: at once). */
  resendAfter: 0 | 30;
}

const CLIENT_CODES: ResetErrorCode[] = ['network_error', 'timeout', 'invalid_response', 'request_failed'];
const ALL_CODES: ResetErrorCode[] = [...PROBLEM_CODES, ...CLIENT_CODES];

/** Documents that break protocol v1's schemas, whatever the call. */
const BROKEN: unknown[] = [
  null,
  'ok',
  42,
  [],
  {},
  { result: 'maybe', attemptsRemaining: -1, gatesPassed: 0 },
  { status: 'pending', gatesPassed: -3 },
  { challengeId: '', methodId: 'email', type: 'email', hint: 'x', expiresAt: 'tomorrow' },
  { flowToken: 't', expiresAt: 'not a date', gatesRequired: 3, gatesPassed: 0, methods: 'all', passwordPolicy: {} },
  { protocol: 'one', captcha: null, methods: [], gatesRequired: 1 },
];

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

interface Held {
  release(): void;
}

/**
 * A backend that answers as the script says, with answers that make sense for
 * the call (the methods of the flow, a challenge of the chosen method's type,
 * the next step once verified). Slow answers wait in `held` until released.
 */
class ScriptedBackend implements ResetBackend {
  held: Held[] = [];
  calls = 0;
  #verdict = 0;
  #challenge = 0;
  #gatesPassed = 0;
  /** After the episode: every answer valid and at once, so a busy screen can be seen to end. */
  settled = false;

  constructor(readonly script: Script) {}

  #next<T>(valid: () => T, signal?: AbortSignal): Promise<T> {
    const n = this.calls++;
    const kind: Kind = this.settled ? 'valid' : (this.script.kinds[n % this.script.kinds.length] ?? 'valid');
    switch (kind) {
      case 'valid':
        return Promise.resolve(valid());
      case 'invalid':
        return Promise.resolve(BROKEN[(this.script.invalid[n % this.script.invalid.length] ?? 0) % BROKEN.length] as T);
      case 'network':
        return Promise.reject(new TypeError('Failed to fetch'));
      case 'throw':
        // A custom backend that throws synchronously, and not a ResetError.
        throw new Error('backend bug');
      case 'fail': {
        const failure = this.script.failures[n % this.script.failures.length] ?? { code: 'server_error', details: false };
        const details = failure.details
          ? {
              status: 400,
              requestId: `req-${String(n).padStart(8, '0')}`,
              retryAfter: 2,
              attemptsRemaining: 3,
              reasons: [{ code: 'too_common' }],
              lockedUntil: later(3_600_000),
            }
          : {};
        return Promise.reject(new ResetError(failure.code, details as ConstructorParameters<typeof ResetError>[1]));
      }
      case 'slow':
        return new Promise<T>((resolve, reject) => {
          const entry: Held = {
            release: () => {
              this.held = this.held.filter((h) => h !== entry);
              resolve(valid());
            },
          };
          this.held.push(entry);
          signal?.addEventListener('abort', () => {
            this.held = this.held.filter((h) => h !== entry);
            reject(new DOMException('The request was abandoned', 'AbortError'));
          });
        });
    }
  }

  #right() {
    return this.script.verdicts[this.#verdict++ % this.script.verdicts.length] ?? true;
  }

  #newChallenge(methodId: string): Challenge {
    const type = (METHOD_TYPES as readonly string[]).includes(methodId) ? (methodId as MethodType) : 'email';
    const id = `ch-${++this.#challenge}`;
    const base = { challengeId: id, methodId, type, hint: 'a•••@fabrikam.com', expiresAt: later(600_000) };
    if (type === 'questions') {
      const n = this.#challenge;
      return {
        ...base,
        questions: this.script.noQuestions
          ? []
          : [
              { id: `q${n}a`, text: `Question ${n}a?` },
              { id: `q${n}b`, text: `Question ${n}b?` },
            ],
      };
    }
    if (type === 'app-notification') return { ...base, numberToMatch: 42, resendAfter: this.script.resendAfter, pollAfter: 1 };
    if (type === 'mobile-call' || type === 'office-call') return { ...base, resendAfter: this.script.resendAfter, pollAfter: 1 };
    return { ...base, codeLength: 6, resendAfter: this.script.resendAfter };
  }

  #passed(): { gatesPassed: number; next: 'gate' | 'password' } {
    this.#gatesPassed = Math.min(this.#gatesPassed + 1, this.script.gatesRequired);
    return { gatesPassed: this.#gatesPassed, next: this.#gatesPassed >= this.script.gatesRequired ? 'password' : 'gate' };
  }

  getConfig(signal?: AbortSignal) {
    return this.#next<ConfigResponse>(() => ({ ...CONFIG, methods: [...METHOD_TYPES], gatesRequired: this.script.gatesRequired }), signal);
  }

  startFlow(_request: unknown, signal?: AbortSignal) {
    return this.#next<FlowResponse>(() => {
      this.#gatesPassed = 0;
      return {
        ...FLOW,
        expiresAt: later(900_000),
        gatesRequired: this.script.gatesRequired,
        methods: [
          ...METHOD_TYPES.filter((t) => t !== 'office-call').map((type) => ({ id: type, type, hint: type === 'questions' ? '' : '•••12' })),
          { id: 'office-call', type: 'office-call', hint: '•••00', unavailable: 'not-enabled' },
        ],
        passwordPolicy: POLICY,
      };
    }, signal);
  }

  startChallenge(methodId: string, signal?: AbortSignal) {
    return this.#next(() => this.#newChallenge(methodId), signal);
  }

  verify(challengeId: string, _request: unknown, signal?: AbortSignal) {
    return this.#next<VerifyResponse>(() => {
      if (this.#right()) return { result: 'verified', attemptsRemaining: 5, ...this.#passed() };
      const questions = /^ch-/.test(challengeId) && this.#challenge % 2 === 0;
      return {
        result: 'rejected',
        attemptsRemaining: 2,
        gatesPassed: this.#gatesPassed,
        ...(questions ? { challenge: this.#newChallenge('questions') } : {}),
      };
    }, signal);
  }

  poll(_challengeId: string, signal?: AbortSignal) {
    return this.#next<PollResponse>(() => {
      const right = this.#right();
      if (right) return { status: 'approved', ...this.#passed() };
      const n = this.#verdict % 3;
      return { status: n === 0 ? 'pending' : n === 1 ? 'denied' : 'expired', gatesPassed: this.#gatesPassed };
    }, signal);
  }

  resend(challengeId: string, signal?: AbortSignal) {
    return this.#next(() => this.#newChallenge(challengeId.startsWith('ch-') ? 'email' : challengeId), signal);
  }

  resetPassword(_password: string, signal?: AbortSignal) {
    return this.#next(() => RESET, signal);
  }

  cancel(signal?: AbortSignal) {
    return this.#next<void>(() => undefined, signal);
  }
}

// ——— The person's actions ———

type Action =
  | { kind: 'click'; index: number }
  | { kind: 'type'; index: number; text: string }
  | { kind: 'enter'; index: number }
  | { kind: 'release' }
  | { kind: 'move' };

const typed = fc.oneof(
  fc.constantFrom(
    ' 046 613',
    '046-613',
    '123456',
    '000000',
    '12',
    'Tulip-Garden-Walk-42',
    'password123',
    'adele@contoso.com',
    'Seattle',
    '',
  ),
  fc.string({ maxLength: 12 }),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('click' as const), index: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('type' as const), index: fc.nat(5), text: typed }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('enter' as const), index: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'release' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'move' as const }) },
);

const kind: fc.Arbitrary<Kind> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('valid' as const) },
  { weight: 3, arbitrary: fc.constant('slow' as const) },
  { weight: 2, arbitrary: fc.constant('fail' as const) },
  { weight: 1, arbitrary: fc.constantFrom<Kind>('invalid', 'network', 'throw') },
);

const script: fc.Arbitrary<Script> = fc.record({
  kinds: fc.array(kind, { minLength: 1, maxLength: 12 }),
  failures: fc.array(fc.record({ code: fc.constantFrom(...ALL_CODES), details: fc.boolean() }), { minLength: 1, maxLength: 4 }),
  verdicts: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  invalid: fc.array(fc.nat(BROKEN.length - 1), { minLength: 1, maxLength: 3 }),
  gatesRequired: fc.constantFrom(1 as const, 2 as const),
  noQuestions: fc.boolean(),
  resendAfter: fc.constantFrom(0 as const, 30 as const),
});

const episode = fc.record({ script, actions: fc.array(action, { minLength: 1, maxLength: 14 }) });

// ——— What the person sees ———

const visible = (e: Element) => e.getClientRects().length > 0;

/** Buttons and links the person can use now. */
function usable(el: SsprReset): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>('button, a[href]')].filter(
    (e) => visible(e) && !e.matches(':disabled, [aria-disabled="true"]'),
  );
}

/** Everything a person might click: buttons, links, radios, checkboxes, a disclosure's summary (usable or not). */
function clickable(el: SsprReset): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>('button, a[href], input[type="radio"], input[type="checkbox"], summary')].filter(visible);
}

function textInputs(el: SsprReset): HTMLInputElement[] {
  return [...el.querySelectorAll<HTMLInputElement>('input')].filter(
    (i) => visible(i) && !['radio', 'checkbox', 'hidden'].includes(i.type) && i.tabIndex >= 0,
  );
}

const title = (el: SsprReset) => (el.shadowRoot?.querySelector('[part="title"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A task, without setTimeout's clamping of nested timers. */
const task = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

/** Lets what an action started run: answers given at once are handled, the element re-rendered. */
async function settle(el: SsprReset, rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    await task();
    await el.updateComplete;
  }
}

async function act(el: SsprReset, backend: ScriptedBackend, a: Action) {
  switch (a.kind) {
    case 'click': {
      const all = clickable(el);
      if (all.length) all[a.index % all.length]!.click();
      break;
    }
    case 'type': {
      const inputs = textInputs(el);
      const input = inputs[a.index % (inputs.length || 1)];
      if (!input) break;
      input.focus();
      input.value = a.text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      break;
    }
    case 'enter': {
      // Enter in a field submits its form, as a browser does (implicit submission).
      const inputs = textInputs(el);
      const form = inputs[a.index % (inputs.length || 1)]?.form;
      form?.requestSubmit();
      break;
    }
    case 'release':
      backend.held[0]?.release();
      break;
    case 'move': {
      const host = el.parentElement!;
      const elsewhere = document.createElement('div');
      host.append(elsewhere);
      elsewhere.append(el);
      break;
    }
  }
  await settle(el);
}

const describe_ = (el: SsprReset) =>
  `step ${el.step}, "${title(el)}", actions: ${[...el.querySelectorAll('button, a[href]')]
    .map(
      (b) =>
        `${(b.textContent ?? '').replace(/\s+/g, ' ').trim()}${b.matches('[aria-disabled="true"], :disabled') ? ' (unavailable)' : ''}`,
    )
    .join(' | ')}`;

/** Never blank, never stuck: a heading, and an action to take or a request in flight. */
async function expectWayForward(el: SsprReset, backend: ScriptedBackend, after: string) {
  // An answer given at once may take a few more tasks to show (a chain of requests): wait for it, boundedly.
  for (let i = 0; i < 50 && !(usable(el).length || backend.held.length); i++) await settle(el, 1);
  expect(title(el), `a blank screen after ${after}`).to.not.equal('');
  expect(usable(el).length > 0 || backend.held.length > 0, `stuck after ${after}: ${describe_(el)}`).to.equal(true);
  // With nothing in flight, nothing says it is working: no button keeps its busy label ("Checking…", "Verifying…").
  if (!backend.held.length) {
    const working = [...el.querySelectorAll('button')]
      .map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((text) => text.endsWith('…'));
    expect(working, `busy with nothing in flight after ${after}: ${describe_(el)}`).to.deep.equal([]);
  }
}

describe('Random episodes (issue 10, point 8): never a page error, never stuck', function () {
  // 500 episodes of up to 14 actions: well under a minute in Chromium; the other engines are slower.
  this.timeout(600_000);

  const problems: string[] = [];
  const onError = (event: ErrorEvent) => problems.push(`uncaught: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it(`${EPISODES} episodes of clicks, typing and backend answers (seed ${SEED})`, async () => {
    let played = 0;
    let steps = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(episode, async ({ script: s, actions }) => {
        played++;
        problems.length = 0;
        const backend = new ScriptedBackend(s);
        const host = document.createElement('div');
        // Links lead nowhere in a test page.
        host.addEventListener('click', (e) => (e.target as Element).closest('a[href]') && e.preventDefault(), true);
        const el = document.createElement('sspr-reset');
        el.setAttribute('locale', 'en');
        el.setAttribute('sign-in-href', '/signin');
        el.backend = backend;
        host.append(el);
        document.body.append(host);
        try {
          await settle(el);
          await expectWayForward(el, backend, 'mounting');
          for (const [i, a] of actions.entries()) {
            await act(el, backend, a);
            steps++;
            const after = `action ${i + 1} ${JSON.stringify(a)}`;
            expect(problems, `page errors after ${after}`).to.deep.equal([]);
            await expectWayForward(el, backend, after);
          }
          // A busy screen ends: every held answer let go (and later answers valid), an action is there.
          backend.settled = true;
          for (let i = 0; i < 10 && backend.held.length; i++) {
            backend.held[0]!.release();
            await settle(el);
          }
          expect(backend.held, 'answers still held').to.have.length(0);
          await expectWayForward(el, backend, 'every answer was let go');
          expect(usable(el).length, `no action once every answer came: ${describe_(el)}`).to.be.greaterThan(0);
        } finally {
          host.remove();
          await settle(el, 2);
        }
        expect(problems, 'page errors while the element left the page').to.deep.equal([]);
      }),
      { seed: SEED, numRuns: EPISODES, endOnFailure: true, includeErrorInReport: true },
    );
    expect(played).to.be.at.least(EPISODES);
    console.info(`episodes: ${played} (seed ${SEED}), ${steps} actions, ${Math.round(performance.now() - started)} ms`);
  });
});
