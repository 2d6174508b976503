/**
 * The person in front of `<sspr-reset>`, shared by the tests (test/*.test.ts)
 * and the stories' play functions (stories/*.stories.ts): finds what to use
 * by its label, its role and its visible text, acts with plain DOM events
 * (so it runs under @web/test-runner and in Storybook alike, and depends on
 * neither), and waits for the widget to settle after each action.
 *
 * Texts are given in English and looked up in the widget's active locale
 * (`msg()` of @lit/localize, which the widget configured), so the same calls
 * work on a widget shown in Spanish. A RegExp is matched as given.
 */
import { msg } from '@lit/localize';
import type { StepName } from '../src/flow/reducer.js';
import { SEED_USERS, type MockResetServer } from '../src/mock/index.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import type { SsprReset } from '../src/sspr-reset.js';

/** A label, a button's name or a text: English (translated), or a RegExp. */
export type Name = string | RegExp;

/** Answers to security questions: by question id, or computed from the id. */
export type Answers = Record<string, string> | ((questionId: string) => string);

export interface PersonOptions {
  /** The mock server behind the widget: the person's inbox and phone (`codeSent`). */
  server?: MockResetServer;
  /** The mock's clock, for stories and tests that jump it. */
  clock?: { advance(ms: number): void };
}

/** Requests in flight per backend that `track()` wrapped (the widget's `backend` is the key). */
const inFlight = new WeakMap<object, { count: number; idle: Array<() => void> }>();

/**
 * Wraps a backend so the person can wait for its requests: `settle()` waits
 * until none is in flight. Every call goes to the backend itself (its private
 * fields need it as `this`); a method replaced on the wrapper replaces it on
 * the backend.
 */
export function track<B extends ResetBackend>(backend: B): B {
  const counter = { count: 0, idle: [] as Array<() => void> };
  const done = () => {
    counter.count -= 1;
    if (counter.count === 0) for (const resolve of counter.idle.splice(0)) resolve();
  };
  const wrapped = new Proxy(backend, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        counter.count += 1;
        return result.finally(done);
      };
    },
  });
  inFlight.set(wrapped, counter);
  return wrapped;
}

/** The security-question answers a seed user registered, by question id. */
export function registeredAnswers(username: string): Record<string, string> {
  const seed = SEED_USERS.find((u) => u.username === username);
  return Object.fromEntries((seed?.questions ?? []).map((q) => [q.id, q.answer]));
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Text as read: white space collapsed, and without bidi isolation marks (invisible, not read out). */
const normalize = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text as assistive technology reads it: without what is aria-hidden. */
function spoken(node: Element): string {
  const label = node.getAttribute('aria-label');
  if (label) return normalize(label);
  const copy = node.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
  return normalize(copy.textContent);
}

function matches(text: string, name: Name): boolean {
  return typeof name === 'string' ? text === msg(name) : name.test(text);
}

/** Someone in front of the widget. */
export class Person {
  /** The user ID this person last identified as (whose inbox `codeSent` reads). */
  username = '';

  constructor(
    readonly el: SsprReset,
    readonly options: PersonOptions = {},
  ) {}

  get server(): MockResetServer {
    if (!this.options.server) throw new Error('this person has no mock server: pass { server } to person()');
    return this.options.server;
  }

  get clock(): { advance(ms: number): void } {
    if (!this.options.clock) throw new Error('this person has no mock clock: pass { clock } to person()');
    return this.options.clock;
  }

  // ——— What the person sees ———

  /** The step's heading (in the shadow root), without the progress it also announces. */
  title(): string {
    return normalize(this.el.shadowRoot?.querySelector('[part="title"] .title-text')?.textContent);
  }

  /** The whole form as a person reads it (without what is aria-hidden). */
  text(): string {
    const form = this.el.querySelector('.sspr-root');
    return form ? spoken(form) : '';
  }

  /** "Verification 1 of 2", when shown (in the shadow root). */
  progress(): string {
    return normalize(this.el.shadowRoot?.querySelector('[part="progress"]')?.textContent);
  }

  /** The announced error (every `role="alert"`), or ''. */
  error(): string {
    return this.#announced('[role="alert"]');
  }

  /** The announced status (every `role="status"`), or ''. */
  status(): string {
    return this.#announced('[role="status"]');
  }

  /** The input labelled `label`. */
  field(label: Name): HTMLInputElement {
    const labels = [...this.el.querySelectorAll('label')];
    const found = labels.find((l) => matches(normalize(l.textContent), label));
    if (!found) throw new Error(`no field labelled ${String(label)}; labels: ${labels.map((l) => normalize(l.textContent)).join(' | ')}`);
    return (found.control ?? found.querySelector('input')) as HTMLInputElement;
  }

  /** The button named `name` (its text without what is aria-hidden). */
  button(name: Name): HTMLButtonElement {
    return this.#byName<HTMLButtonElement>('button, [role="button"]', name, 'button');
  }

  /** The link named `name`. */
  link(name: Name): HTMLAnchorElement {
    return this.#byName<HTMLAnchorElement>('a[href]', name, 'link');
  }

  // ——— What the person does ———

  /** Types `value` into an input (found by its label), replacing what was there. */
  async fill(label: Name | HTMLInputElement, value: string) {
    const input = label instanceof HTMLInputElement ? label : this.field(label);
    input.focus();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await this.settle();
  }

  /** Clicks a button or link (found by its name), then waits for the widget to settle. */
  async press(target: Name | HTMLElement) {
    const element = target instanceof HTMLElement ? target : this.#pressable(target);
    element.click();
    await this.settle();
  }

  async fillUserId(username: string) {
    this.username = username;
    await this.fill('User ID', username);
  }

  /** Ticks the (mock) captcha, unless it is ticked already; with ALTCHA, waits for its proof of work. */
  async passCaptcha() {
    if (this.el.querySelector('[part~="captcha-altcha"]')) {
      await this.waitFor(() => this.status().includes(msg('Verified: you’re not a robot.')), 'the ALTCHA captcha never verified', 20_000);
      return;
    }
    const box = this.field('I’m not a robot');
    if (!box.checked) box.click();
    await this.settle();
  }

  next() {
    return this.press('Next');
  }

  /** User ID, captcha, Next. */
  async identify(username: string) {
    await this.fillUserId(username);
    await this.passCaptcha();
    await this.next();
  }

  /**
   * Picks a verification method and continues: by its type (the radio's value,
   * e.g. `email`), else by the start of its label (English), or a RegExp.
   */
  async chooseMethod(method: Name) {
    const radios = [...this.el.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    const name = (r: HTMLInputElement) => normalize([...(r.labels ?? [])].map((l) => l.textContent).join(' '));
    const byLabel = typeof method === 'string' ? new RegExp(`^${escape(msg(method))}`) : method;
    const radio = radios.find((r) => r.value === method) ?? radios.find((r) => byLabel.test(name(r)));
    if (!radio) throw new Error(`no method ${String(method)}; methods: ${radios.map(name).join(' | ')}`);
    radio.click();
    await this.press('Continue');
  }

  /** Types a code and presses Verify. */
  async enterCode(code: string) {
    await this.fill('Verification code', code);
    await this.press('Verify');
  }

  /** Types an answer into each security question shown (Verify is left to the caller). */
  async answerQuestions(answers: Answers) {
    const answer = typeof answers === 'function' ? answers : (id: string) => answers[id] ?? '';
    for (const input of this.el.querySelectorAll<HTMLInputElement>('input[data-question-id]')) {
      await this.fill(input, answer(input.dataset['questionId'] ?? ''));
    }
  }

  /** The new password and, when given, its confirmation. */
  async typePassword(password: string, confirm?: string) {
    await this.fill('New password', password);
    if (confirm !== undefined) await this.fill('Confirm new password', confirm);
  }

  /** New password and confirmation, then Reset password. */
  async resetPassword(password: string, confirm = password) {
    await this.typePassword(password, confirm);
    await this.press('Reset password');
  }

  /** The resend action, whatever the method calls it ("Resend code", "Call again"…). */
  resend() {
    return this.press(this.#find<HTMLButtonElement>('[part~="button-resend"]', () => true, 'resend button'));
  }

  chooseAnother() {
    return this.press('Choose another method');
  }

  cancel() {
    return this.press('Cancel');
  }

  // ——— The mock's side: the person's inbox and phone ———

  /** The newest code the mock sent this person on a channel. */
  codeSent(channel: 'email' | 'sms'): string {
    const code = this.server.lastMessage(this.username, channel)?.code;
    if (!code) throw new Error(`no ${channel} code sent to ${this.username}`);
    return code;
  }

  /** A code that is not the one sent. */
  wrongCode(channel: 'email' | 'sms'): string {
    return String((Number(this.codeSent(channel)) + 500_000) % 1_000_000).padStart(6, '0');
  }

  // ——— Waiting ———

  /**
   * Lets what the last action started finish: waits, task by task, until no
   * request of a `track()`ed backend is in flight, the submit button is not
   * busy (`aria-busy` while a request runs), and the element has no
   * update pending.
   */
  async settle(timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      await nextTask();
      const requests = inFlight.get(this.el.backend ?? {});
      if (requests?.count) await new Promise<void>((resolve) => requests.idle.push(resolve));
      const rendered = await this.el.updateComplete;
      if (rendered && !this.#busy()) {
        // One more task: what a handler does once its request answered (select the code, clear the answers).
        await nextTask();
        if ((await this.el.updateComplete) && !this.#busy()) return;
      }
      if (Date.now() > deadline) throw new Error(`still busy after ${timeout} ms on step ${this.el.step} ("${this.title()}")`);
    }
  }

  /** Waits until `predicate` holds (a poll of a push or a call, a clock's jump), then settles. */
  async waitFor(predicate: () => boolean, message: string, timeout = 5000) {
    const deadline = Date.now() + timeout;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(`${message} (after ${timeout} ms on step ${this.el.step}: "${this.title()}" ${this.error()})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await this.settle();
  }

  waitForStep(step: StepName, timeout = 3000) {
    return this.waitFor(() => this.el.step === step, `step ${step} never came`, timeout);
  }

  /** Waits until the widget's text contains `text` (English, translated). */
  waitForText(text: string, timeout = 5000) {
    return this.waitFor(() => normalize(this.el.textContent).includes(msg(text)), `"${msg(text)}" never showed`, timeout);
  }

  #busy(): boolean {
    return (
      // A request of the person's in flight (not a countdown, not Next waiting for the config), or a step still loading.
      !!this.el.querySelector('button[type="submit"][aria-busy="true"], [data-sspr-pending]') ||
      !!inFlight.get(this.el.backend ?? {})?.count
    );
  }

  #announced(selector: string): string {
    return [...this.el.querySelectorAll(selector)]
      .map((e) => normalize(e.textContent))
      .filter(Boolean)
      .join(' ');
  }

  #pressable(name: Name): HTMLElement {
    return this.#byName<HTMLElement>('button, [role="button"], a[href]', name, 'button or link');
  }

  #byName<E extends Element>(selector: string, name: Name, what: string): E {
    return this.#find<E>(selector, (e) => matches(spoken(e), name), `${what} ${String(name)}`);
  }

  #find<E extends Element>(selector: string, test: (e: E) => boolean, what: string): E {
    const all = [...this.el.querySelectorAll<E>(selector)];
    const found = all.find(test);
    if (!found) throw new Error(`no ${what}; there are: ${all.map(spoken).join(' | ')}`);
    return found;
  }
}

/** The person in front of `el`. */
export function person(el: SsprReset, options: PersonOptions = {}): Person {
  return new Person(el, options);
}
