/**
 * Branding and theming as a designer and a person meet them: the slots, the
 * `theme` attribute and the light/dark defaults, dark rendering with an
 * accessibility pass, reduced motion, a 320 px wide screen and 200 % text
 * without horizontal scroll, and a hostile host page's global CSS. (Forced
 * colors need Chromium's DevTools protocol: test/node/theming.test.mjs.)
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { createMockBackend, type MockOptions } from '../src/mock/index.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { mount } from './helpers.js';
import { person, track } from './person.js';

/** A command of @web/test-runner's built-in plugins (emulate-media, set-viewport); false where the engine's launcher lacks it. */
async function command(name: string, payload: Record<string, unknown>): Promise<boolean> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socket = '/__web-dev-server__web-socket.js';
  const channel = (await import(/* @vite-ignore */ socket)) as {
    sendMessageWaitForResponse: (message: unknown) => Promise<{ executed: boolean; result?: unknown }>;
  };
  try {
    const response = await channel.sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: name, payload });
    return response.executed;
  } catch {
    return false;
  }
}

const emulate = (payload: { colorScheme?: 'light' | 'dark'; reducedMotion?: 'reduce' | 'no-preference' }) =>
  command('emulate-media', payload);

async function slotted(options: MockOptions = {}, logo = false) {
  const created = createMockBackend(options);
  const backend = track(created.backend);
  const el = await fixture<SsprReset>(
    html`<sspr-reset .backend=${backend} locale="en" brand-name="Fabrikam" sign-in-href="/signin">
      ${logo ? html`<img slot="logo" alt="Fabrikam" width="80" height="24" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />` : ''}
      <a slot="header" href="/help">Help</a>
      <p slot="help">No method works? Call the help desk at 555-0100.</p>
      <p slot="footer"><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
    </sspr-reset>`,
  );
  await waitUntil(() => el.step === 'identify');
  await el.updateComplete;
  return { el, p: person(el, { server: created.server }) };
}

const part = (el: SsprReset, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const shown = (node: Element | null | undefined) => !!node && node.checkVisibility();
const bg = (node: Element) => getComputedStyle(node).backgroundColor;

describe('slots', () => {
  it('the brand name stands in for a logo, and gives way to one', async () => {
    const bare = await slotted();
    expect(shown(part(bare.el, 'brand-name'))).to.equal(true);
    expect(part(bare.el, 'brand-name')!.textContent).to.equal('Fabrikam');
    const branded = await slotted({}, true);
    const slot = branded.el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="logo"]')!;
    expect(slot.assignedElements()[0]?.getAttribute('alt')).to.equal('Fabrikam');
    expect(part(branded.el, 'logo')!.contains(slot)).to.equal(true);
    expect(shown(part(branded.el, 'brand-name'))).to.equal(false);
    expect(shown(branded.el.querySelector('img[slot="logo"]'))).to.equal(true);
  });

  it('header content sits in the header row; the footer shows on every step; help under the methods and when blocked', async () => {
    const { el, p } = await slotted();
    const header = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="header"]')!;
    expect(part(el, 'header')!.contains(header)).to.equal(true);
    expect(header.assignedElements()[0]?.textContent).to.equal('Help');
    expect(shown(part(el, 'footer'))).to.equal(true);
    expect(shown(el.querySelector('[slot="footer"]'))).to.equal(true);
    expect(shown(el.querySelector('[slot="help"]')), 'help on the first step').to.equal(false);
    await p.identify('adele@contoso.com');
    expect(el.step).to.equal('methods');
    expect(shown(part(el, 'help'))).to.equal(true);
    expect(shown(el.querySelector('[slot="help"]'))).to.equal(true);
    // Under the form, after its last action (the flat tree, which screen readers follow, has the same order).
    const last = [...el.querySelectorAll('button')].filter(shown).at(-1)!;
    expect(part(el, 'help')!.getBoundingClientRect().top, last.outerHTML).to.be.greaterThan(last.getBoundingClientRect().bottom);
    await p.chooseMethod('email');
    expect(shown(el.querySelector('[slot="help"]')), 'help on a code screen').to.equal(false);
    expect(shown(el.querySelector('[slot="footer"]'))).to.equal(true);
  });

  it('an empty footer or help takes no room', async () => {
    const { el, p } = await mount();
    expect(part(el, 'footer')!.hidden).to.equal(true);
    expect(shown(part(el, 'footer'))).to.equal(false);
    await p.identify('adele@contoso.com');
    expect(shown(part(el, 'help'))).to.equal(false);
  });
});

describe('theme: light, dark, or the person’s setting', () => {
  afterEach(() => emulate({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('reflects the property to the attribute', async () => {
    const { el } = await mount();
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
  });

  it('dark draws the dark defaults, native controls included, and passes axe', async () => {
    const { el, p } = await slotted();
    el.setAttribute('theme', 'dark');
    expect(bg(part(el, 'card')!)).to.equal('rgb(31, 31, 31)');
    const input = p.field('User ID');
    expect(getComputedStyle(input).colorScheme).to.equal('dark');
    expect(getComputedStyle(input).color).to.equal('rgb(243, 243, 243)');
    await expect(el).to.be.accessible();
    await p.next();
    expect(p.error()).to.not.equal('');
    await expect(el).to.be.accessible();
    await p.identify('adele@contoso.com');
    await expect(el).to.be.accessible();
  });

  it('auto follows prefers-color-scheme; light and dark override it', async function () {
    const { el } = await mount();
    if (!(await emulate({ colorScheme: 'dark' }))) this.skip(); // this engine's launcher cannot emulate media features
    expect(bg(part(el, 'card')!)).to.equal('rgb(31, 31, 31)');
    el.theme = 'light';
    await el.updateComplete;
    expect(bg(part(el, 'card')!)).to.equal('rgb(255, 255, 255)');
    await emulate({ colorScheme: 'light' });
    el.theme = 'auto';
    await el.updateComplete;
    expect(bg(part(el, 'card')!)).to.equal('rgb(255, 255, 255)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(bg(part(el, 'card')!)).to.equal('rgb(31, 31, 31)');
  });

  it('a token set by the page wins over both defaults', async () => {
    const { el } = await mount();
    el.style.setProperty('--sspr-color-surface', 'rgb(250, 245, 255)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(bg(part(el, 'card')!)).to.equal('rgb(250, 245, 255)');
  });
});

describe('motion', () => {
  afterEach(() => emulate({ reducedMotion: 'no-preference' }));

  it('the waiting spinner stops turning when the person asks for reduced motion', async function () {
    const { el, p } = await mount({ gatesRequired: 2 });
    await p.identify('adele@contoso.com');
    await p.chooseMethod('app-notification');
    const spinner = el.querySelector('.sspr-spinner')!;
    expect(getComputedStyle(spinner).animationName).to.equal('sspr-spin');
    if (!(await emulate({ reducedMotion: 'reduce' }))) this.skip(); // this engine's launcher cannot emulate media features
    expect(getComputedStyle(spinner).animationName).to.equal('none');
  });
});

/** Horizontal overflow: the page's, and any element of the widget wider than the card's content box. */
function overflow(el: SsprReset): string[] {
  const problems: string[] = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  const card = part(el, 'card')!.getBoundingClientRect();
  for (const node of [...el.querySelectorAll('*'), ...el.shadowRoot!.querySelectorAll('*')]) {
    const box = node.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.left < card.left - 0.5 || box.right > card.right + 0.5) {
      problems.push(
        `${node.tagName.toLowerCase()}[part="${node.getAttribute('part') ?? ''}"] overflows the card (${box.left}–${box.right} of ${card.left}–${card.right})`,
      );
    }
  }
  return problems;
}

/** Walks a person through the screens with the most to fit: methods, a code with its countdown, the password. */
async function walk(check: (el: SsprReset, where: string) => void) {
  const { el, p } = await slotted({ gatesRequired: 2 });
  check(el, 'identify');
  await p.next();
  check(el, 'identify, refused');
  await p.identify('adele@contoso.com');
  check(el, 'methods');
  await p.chooseMethod('email');
  check(el, 'email code');
  await p.enterCode(p.wrongCode('email'));
  check(el, 'wrong code');
  await p.enterCode(p.codeSent('email'));
  await p.chooseMethod('mobile-sms');
  await p.enterCode(p.codeSent('sms'));
  expect(el.step).to.equal('password');
  await p.typePassword('Tulip', 'Tulip-');
  await p.press('Reset password');
  check(el, 'password, refused');
}

describe('small screens and large text', function () {
  this.timeout(30_000);
  afterEach(async () => {
    document.documentElement.style.fontSize = '';
    await command('set-viewport', { width: 800, height: 600 });
  });

  it('320 px wide: no horizontal scroll on any screen', async function () {
    if (!(await command('set-viewport', { width: 320, height: 640 }))) this.skip(); // this engine's launcher cannot size the viewport
    const problems: string[] = [];
    await walk((el, where) => problems.push(...overflow(el).map((o) => `${where}: ${o}`)));
    expect(problems).to.deep.equal([]);
  });

  it('200 % zoom (640 px of a 1280 px screen, text at 200 %): no horizontal scroll on any screen', async function () {
    if (!(await command('set-viewport', { width: 640, height: 800 }))) this.skip(); // this engine's launcher cannot size the viewport
    document.documentElement.style.fontSize = '200%';
    const problems: string[] = [];
    await walk((el, where) => {
      problems.push(...overflow(el).map((o) => `${where}: ${o}`));
      // The sizes are in rem: the person's text size applies to the widget.
      if (where === 'identify') expect(parseFloat(getComputedStyle(el).fontSize)).to.be.greaterThan(29);
    });
    expect(problems).to.deep.equal([]);
  });
});

describe('a hostile host page', () => {
  const HOSTILE = `
    *, *::before, *::after { margin: 0; padding: 0; box-sizing: content-box; font: inherit; color: inherit; }
    ul, ol { list-style: none; }
    input { width: 100%; border: 0; }
    button { background: red; border: 3px solid lime; border-radius: 0; min-width: 0; }
    form { display: grid; grid-template-columns: 1fr 1fr; gap: 40px; }
    label { display: inline; text-transform: uppercase; }
    p { text-align: center; line-height: 3; }
    a { color: rgb(90, 0, 90); }
  `;
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.createElement('style');
    style.textContent = HOSTILE;
    document.head.append(style);
  });
  afterEach(() => style.remove());

  it('a reset, `input { width: 100%; border: 0 }`, `button { background: red }`, `form { display: grid }` leave the layout alone', async () => {
    const { el, p } = await slotted();
    const form = el.querySelector('form')!;
    expect(getComputedStyle(form).display).to.equal('block');
    const input = p.field('User ID');
    expect(getComputedStyle(input).borderTopWidth).to.equal('1px');
    expect(getComputedStyle(input).boxSizing).to.equal('border-box');
    expect(getComputedStyle(el.querySelector('label')!).textTransform).to.equal('none');
    const next = p.button('Next');
    expect(bg(next)).to.equal('rgb(0, 103, 184)');
    expect(getComputedStyle(next).borderTopColor).to.equal('rgb(0, 103, 184)');
    const cancel = p.button('Cancel');
    expect(bg(cancel)).to.equal('rgba(0, 0, 0, 0)');
    // A quiet link: no border, not the page's 3px lime one.
    expect(getComputedStyle(cancel).borderTopWidth).to.equal('0px');
    // The label sits above its input, the input spans the field, the actions below them.
    const label = el.querySelector('label')!.getBoundingClientRect();
    const box = input.getBoundingClientRect();
    expect(label.bottom).to.be.at.most(box.top + 0.5);
    expect(box.width).to.be.closeTo(form.getBoundingClientRect().width, 1);
    expect(next.getBoundingClientRect().top).to.be.greaterThan(box.bottom);
    expect(overflow(el)).to.deep.equal([]);
    await p.identify('adele@contoso.com');
    // Radios keep their size and sit beside their label.
    const radio = el.querySelector<HTMLInputElement>('input[type="radio"]')!;
    expect(radio.getBoundingClientRect().width).to.be.closeTo(18, 1);
    expect(overflow(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
