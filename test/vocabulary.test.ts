/**
 * The styling vocabulary as documented (docs/styling-vocabulary.md, generated
 * from the element's JSDoc by scripts/styling-vocabulary.mjs) against the
 * markup the widget renders: every name rendered in a step is documented for
 * that step, and every name documented for a step is rendered there in one of
 * the episodes below. Shadow parts are looked up in the shadow root, light-DOM
 * hooks in the light DOM, each where the table says it is.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { createMockBackend, type MockOptions } from '../src/mock/index.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import { ResetError } from '../src/protocol/errors.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { person, registeredAnswers, track, type Person } from './person.js';

interface Entry {
  name: string;
  kind: 'shadow part' | 'light-DOM hook';
  selector: string;
  steps: string[];
}

const ALL_STEPS = ['loading', 'identify', 'methods', 'challenge', 'password', 'done', 'blocked'];
/** Drawn by a captcha provider other than the mock one (ALTCHA, a hosted one): their own tests render them. */
const PROVIDER_HOOKS = ['captcha-altcha', 'captcha-status', 'captcha-progress', 'captcha-error', 'captcha-widget'];

/** The table of docs/styling-vocabulary.md. */
async function documented(): Promise<Entry[]> {
  const text = await (await fetch('/docs/styling-vocabulary.md')).text();
  const rows = text.split('\n').filter((line) => /^\| `[a-z-]+` \| (shadow part|light-DOM hook) \|/.test(line));
  return rows.map((line) => {
    const [name, kind, selector, steps] = line
      .split('|')
      .slice(1, 5)
      .map((cell) => cell.trim().replace(/`/g, ''));
    return {
      name: name!,
      kind: kind as Entry['kind'],
      selector: selector!,
      steps: steps === 'every step' ? ALL_STEPS : steps!.split(/,\s*/),
    };
  });
}

/** name → kind → steps it was rendered in. */
type Seen = Map<string, Map<Entry['kind'], Set<string>>>;

function record(seen: Seen, el: SsprReset) {
  const add = (root: ParentNode, kind: Entry['kind']) => {
    for (const node of root.querySelectorAll('[part]')) {
      for (const name of node.getAttribute('part')!.split(/\s+/).filter(Boolean)) {
        const kinds = seen.get(name) ?? new Map<Entry['kind'], Set<string>>();
        seen.set(name, kinds);
        const steps = kinds.get(kind) ?? new Set<string>();
        kinds.set(kind, steps);
        steps.add(el.step);
      }
    }
  };
  add(el.shadowRoot!, 'shadow part');
  add(el, 'light-DOM hook');
}

/** The widget on the mock, with every slot but the logo filled (so the brand name shows), recording after each action. */
async function widget(seen: Seen, options: MockOptions = {}, wrap?: (b: ResetBackend) => ResetBackend) {
  const created = createMockBackend(options);
  const backend = track(wrap ? wrap(created.backend) : created.backend);
  const el = await fixture<SsprReset>(
    html`<sspr-reset .backend=${backend} locale="en" sign-in-href="/signin" brand-name="Contoso">
      <a slot="header" href="/help">Help</a>
      <p slot="help">Call the help desk at 555-0100.</p>
      <p slot="footer"><a href="/privacy">Privacy</a></p>
    </sspr-reset>`,
  );
  const p = person(el, { server: created.server });
  const snap = async (action?: () => Promise<unknown>) => {
    if (action) await action();
    await el.updateComplete;
    record(seen, el);
  };
  return { el, p, snap };
}

async function started(seen: Seen, options: MockOptions = {}) {
  const w = await widget(seen, options);
  await waitUntil(() => w.el.step === 'identify');
  await w.snap();
  return w;
}

/** Episodes that between them reach every step and every view of a step. */
async function episodes(): Promise<Seen> {
  const seen: Seen = new Map();

  // Loading, then a config that never loads.
  {
    const { snap } = await widget(seen, {}, (b) =>
      Object.assign(Object.create(b) as ResetBackend, { getConfig: () => new Promise(() => {}) }),
    );
    await snap();
    const failing = await widget(seen, {}, (b) =>
      Object.assign(Object.create(b) as ResetBackend, { getConfig: () => Promise.reject(new TypeError('Failed to fetch')) }),
    );
    await waitUntil(() => failing.p.error().length > 0, 'the config never failed');
    await failing.snap();
  }

  // One gate by email: a refused user ID, methods out of the way, a wrong code, the password, done.
  {
    const { p, snap } = await started(seen);
    await snap(() => p.next());
    await snap(() => p.identify('adele@contoso.com'));
    // Continue with no method chosen: the error on the list.
    await snap(() => p.press('Continue'));
    await snap(() => p.chooseMethod('email'));
    await snap(() => p.enterCode(p.wrongCode('email')));
    // A failed answer with a request id: the support code and its Copy button.
    const backend = p.el.backend as ResetBackend;
    const verify = backend.verify.bind(backend);
    backend.verify = () => Promise.reject(new ResetError('server_error', { status: 500, requestId: 'req-7f3a' }));
    await snap(() => p.enterCode(p.codeSent('email')));
    backend.verify = verify;
    await snap(() => p.enterCode(p.codeSent('email')));
    await snap(() => p.typePassword('Tulip', 'Tulip-'));
    await snap(() => p.press('Reset password'));
    await snap(() => p.resetPassword('Tulip-Garden-42'));
  }

  // Two gates: the progress, the push's number, then questions; five wrong codes end a challenge.
  {
    const { p, snap } = await started(seen, { gatesRequired: 2 });
    await snap(() => p.identify('adele@contoso.com'));
    await snap(() => p.chooseMethod('app-notification'));
    await snap(() => p.chooseAnother());
    await snap(() => p.chooseMethod('questions'));
    await snap(() => p.answerQuestions(registeredAnswers('adele@contoso.com')));
    await snap(() => p.press('Verify'));
    await snap(() => p.chooseMethod('email'));
    for (let i = 0; i < 5; i++) await snap(() => wrong(p));
  }

  // Locked out, and not enabled: the blocked step.
  for (const username of ['locked@contoso.com', 'diego@contoso.com']) {
    const { p, snap } = await started(seen);
    await snap(() => p.identify(username));
  }
  return seen;
}

async function wrong(p: Person) {
  if (p.el.querySelector('[part~="input-code"]')) await p.enterCode(p.wrongCode('email'));
}

describe('styling vocabulary: the documented names are the rendered ones', function () {
  this.timeout(60_000);
  let docs: Entry[];
  let seen: Seen;

  before(async () => {
    docs = await documented();
    seen = await episodes();
  });

  it('documents each name once, with the selector that reaches it', () => {
    expect(docs.length).to.be.greaterThan(30);
    expect(new Set(docs.map((d) => d.name)).size).to.equal(docs.length);
    for (const d of docs) {
      expect(d.selector, d.name).to.equal(d.kind === 'shadow part' ? `sspr-reset::part(${d.name})` : `sspr-reset [part~="${d.name}"]`);
    }
  });

  it('every rendered name is documented, as a part of the root it is in, for the step it is in', () => {
    const problems: string[] = [];
    for (const [name, kinds] of seen) {
      for (const [kind, steps] of kinds) {
        const doc = docs.find((d) => d.name === name);
        if (!doc) problems.push(`${name}: rendered (${kind}; ${[...steps].join(', ')}) but not documented`);
        else if (doc.kind !== kind) problems.push(`${name}: documented as a ${doc.kind}, rendered as a ${kind}`);
        else for (const step of steps) if (!doc.steps.includes(step)) problems.push(`${name}: rendered in ${step}, not documented there`);
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('every documented name is rendered in each step it is documented for', () => {
    const problems: string[] = [];
    // The Copy button (the only bordered secondary button outside a captcha) is there only where the browser has a clipboard.
    const clipboardOnly = globalThis.navigator.clipboard ? [] : ['button-copy', 'button-secondary'];
    for (const d of docs) {
      if (PROVIDER_HOOKS.includes(d.name) || clipboardOnly.includes(d.name)) continue;
      const steps = seen.get(d.name)?.get(d.kind) ?? new Set<string>();
      for (const step of d.steps) if (!steps.has(step)) problems.push(`${d.name}: documented for ${step}, never rendered there`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('the captcha providers’ names are documented for the verification step', () => {
    for (const name of PROVIDER_HOOKS) {
      expect(docs.find((d) => d.name === name)?.steps, name).to.deep.equal(['identify']);
    }
  });
});

describe('styling vocabulary: a documented selector wins over the widget’s own styles', function () {
  this.timeout(20_000);

  it('a rule with each light-DOM hook’s selector (a class and an element’s weight) restyles every element that carries it', async () => {
    const docs = await documented();
    const hooks = docs.filter((d) => d.kind === 'light-DOM hook');
    const style = document.createElement('style');
    // Properties the widget sets on most of its elements: the designer's value must show.
    style.textContent = hooks.map((h) => `${h.selector} { margin-top: 13px; color: rgb(1, 2, 3); }`).join('\n');
    const seen: Seen = new Map();
    const { el, p, snap } = await started(seen, { gatesRequired: 1 });
    const problems: string[] = [];
    const check = () => {
      for (const h of hooks) {
        for (const node of el.querySelectorAll(`[part~="${h.name}"]`)) {
          const css = getComputedStyle(node);
          if (css.marginTop !== '13px' || css.color !== 'rgb(1, 2, 3)') {
            problems.push(`${el.step}: ${h.selector} on <${node.tagName.toLowerCase()}>: margin-top ${css.marginTop}, color ${css.color}`);
          }
        }
      }
    };
    document.head.append(style);
    try {
      check();
      await snap(() => p.next());
      check();
      await snap(() => p.identify('adele@contoso.com'));
      check();
      await snap(() => p.chooseMethod('email'));
      check();
      await snap(() => p.enterCode(p.codeSent('email')));
      await snap(() => p.typePassword('Tulip', 'Tulip-'));
      check();
    } finally {
      style.remove();
    }
    expect([...new Set(problems)]).to.deep.equal([]);
  });
});
