import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { createMockBackend, type MockOptions } from '../src/mock/index.js';
import type { SsprReset } from '../src/sspr-reset.js';

export interface Clock {
  now: () => number;
  advance(ms: number): void;
}

/** A controllable clock for the mock backend. */
export function clock(start = Date.now()): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** Render `<sspr-reset>` on an in-page mock backend and wait for its first step. */
export async function mount(options: MockOptions = {}, attrs: { username?: string; locale?: string } = {}) {
  const { server, backend } = createMockBackend(options);
  const el = await fixture<SsprReset>(
    html`<sspr-reset .backend=${backend} username=${attrs.username ?? ''} locale=${attrs.locale ?? 'en'} sign-in-href="/signin" brand-name="Contoso"></sspr-reset>`,
  );
  await waitUntil(() => el.step === 'identify', 'identify step never showed');
  await el.updateComplete;
  return { el, server, backend };
}

/** The heading of the current step (in the shadow root). */
export function title(el: SsprReset) {
  return el.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim();
}

/** An input by its label's text, as a person finds it. */
export function field(el: SsprReset, label: string | RegExp): HTMLInputElement {
  const labels = [...el.querySelectorAll('label')];
  const found = labels.find((l) => (typeof label === 'string' ? l.textContent!.trim() === label : label.test(l.textContent!)));
  if (!found) throw new Error(`no field labelled ${label}; labels: ${labels.map((l) => l.textContent!.trim()).join(' | ')}`);
  return (found.control ?? found.querySelector('input')) as HTMLInputElement;
}

/** A button (or link) by its visible text. */
export function button(el: SsprReset, text: string | RegExp): HTMLButtonElement {
  const all = [...el.querySelectorAll<HTMLButtonElement>('button, a')];
  const found = all.find((b) => (typeof text === 'string' ? b.textContent!.trim() === text : text.test(b.textContent!)));
  if (!found) throw new Error(`no button ${text}; buttons: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
}

export function type(input: HTMLInputElement, value: string) {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Click, then let the element settle (requests are in-page and fast). */
export async function click(el: SsprReset, target: HTMLElement) {
  target.click();
  await settle(el);
}

export async function settle(el: SsprReset) {
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

/** The announced error text, if any. */
export function errorText(el: SsprReset) {
  return [...el.querySelectorAll('[role="alert"]')].map((e) => e.textContent!.trim().replace(/\s+/g, ' ')).join(' ');
}

/** Walk from the start to the methods step as a person would. */
export async function identify(el: SsprReset, username: string) {
  type(field(el, 'User ID'), username);
  const robot = field(el, /not a robot/);
  if (!robot.checked) robot.click();
  await click(el, button(el, 'Next'));
}
