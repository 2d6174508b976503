/**
 * The widget on the in-page mock, behind a `fetch` the test shapes (a backend
 * that loses answers, answers with values of a newer protocol version, or
 * with a problem of its own), and the few ways a person finds and uses it.
 * Shared by the protocol tests (client-robustness, forward-compat, support).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { MOCK_BASE_URL, MockResetServer, type MockOptions } from '../src/mock/index.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import type { SsprReset } from '../src/sspr-reset.js';

export type Fetch = (request: Request) => Promise<Response>;

/** A path under `/v1/` of a request, e.g. `flows/current/password`. */
export function route(request: Request): string {
  return /\/v1\/(.*)$/.exec(new URL(request.url).pathname)?.[1] ?? '';
}

/** A problem document as a newer backend might send it. */
export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

/** The JSON answers of `fetch`, each passed through `rewrite` (problems included). */
export function rewriting(fetch: Fetch, rewrite: (request: Request, body: Record<string, unknown>, status: number) => unknown): Fetch {
  return async (request) => {
    const response = await fetch(request);
    if (!/json/.test(response.headers.get('content-type') ?? '')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(rewrite(request, body, response.status)), { status: response.status, headers });
  };
}

/** Mount `<sspr-reset>` on a mock server reached through `shape(server.fetch)` (or on a custom `backend`). */
export async function widget(
  shape: (fetch: Fetch, server: MockResetServer) => Fetch = (fetch) => fetch,
  options: MockOptions & { timeoutMs?: number; backend?: ResetBackend } = {},
) {
  const { timeoutMs, backend: custom, ...mockOptions } = options;
  const server = new MockResetServer(mockOptions);
  const shaped = shape((request) => server.fetch(request), server);
  const requests = { count: 0 };
  const fetch: Fetch = async (request) => {
    requests.count += 1;
    try {
      return await shaped(request);
    } finally {
      requests.count -= 1;
    }
  };
  const backend = custom ?? new HttpResetClient({ baseUrl: MOCK_BASE_URL, fetch, ...(timeoutMs ? { timeoutMs } : {}) });
  const events: Array<CustomEvent<unknown>> = [];
  const el = await fixture<SsprReset>(
    html`<sspr-reset
      .backend=${backend}
      locale="en"
      sign-in-href="/signin"
      @sspr-error=${(e: CustomEvent) => events.push(e)}
      @sspr-complete=${(e: CustomEvent) => events.push(e)}
    ></sspr-reset>`,
  );
  inFlight.set(el, requests);
  await waitUntil(() => el.step !== 'loading' || text(el, '[role="alert"]') !== '', 'the widget never loaded', { timeout: 5000 });
  await settle(el);
  return { el, server, events };
}

/** Text as read: white space collapsed, and without bidi isolation marks (invisible, not read out). */
const normalize = (s: string | null | undefined) =>
  (s ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The text of what matches `selector` (default: the whole form), as read aloud: without what is aria-hidden. */
export function text(el: Element, selector?: string): string {
  const nodes = selector ? [...el.querySelectorAll(selector)] : [el];
  return nodes
    .map((node) => {
      const copy = node.cloneNode(true) as Element;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
      return normalize(copy.textContent);
    })
    .filter(Boolean)
    .join(' ');
}

export function title(el: SsprReset): string {
  return normalize(el.shadowRoot?.querySelector('[part="title"] .title-text')?.textContent);
}

/** A button by its name (text without what is aria-hidden, or its aria-label). */
export function button(el: SsprReset, name: string | RegExp): HTMLButtonElement {
  const all = [...el.querySelectorAll<HTMLButtonElement>('button')];
  const nameOf = (b: HTMLButtonElement) => b.getAttribute('aria-label') ?? text(b);
  const found = all.find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (!found) throw new Error(`no button ${String(name)}; there are: ${all.map(nameOf).join(' | ')}`);
  return found;
}

export function field(el: SsprReset, label: string): HTMLInputElement {
  const found = [...el.querySelectorAll('label')].find((l) => normalize(l.textContent) === label);
  if (!found) throw new Error(`no field ${label}`);
  return found.control as HTMLInputElement;
}

/** Requests of each widget's fetch still waiting for their answer. */
const inFlight = new WeakMap<SsprReset, { count: number }>();

/** Lets in-page requests answer (however slow the engine's crypto) and the element render. */
export async function settle(el: SsprReset) {
  const deadline = Date.now() + 5000;
  for (let i = 0; i < 20 || (inFlight.get(el)?.count && Date.now() < deadline); i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

export async function fill(el: SsprReset, label: string, value: string) {
  const input = field(el, label);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await settle(el);
}

export async function press(el: SsprReset, name: string | RegExp) {
  button(el, name).click();
  await settle(el);
}

/** Submits the step's form (Enter in a field), whatever its button says. */
export async function submit(el: SsprReset) {
  el.querySelector('form')!.requestSubmit();
  await settle(el);
}

/** Waits (in real time) until `predicate` holds. */
export async function until(el: SsprReset, predicate: () => boolean, message: string, timeout = 5000) {
  await waitUntil(predicate, message, { timeout, interval: 20 });
  await settle(el);
}

export async function identify(el: SsprReset, username: string) {
  await fill(el, 'User ID', username);
  const robot = [...el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')][0];
  if (robot && !robot.checked) robot.click();
  await press(el, 'Next');
}

/** Picks a method by the radio's label (its start) and continues. */
export async function choose(el: SsprReset, label: RegExp) {
  const radio = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) =>
    label.test(normalize(r.closest('label')?.textContent)),
  );
  if (!radio) throw new Error(`no method ${String(label)}`);
  radio.click();
  await press(el, 'Continue');
}

/** adele, by email code, to the password step. */
export async function toPassword(el: SsprReset, server: MockResetServer, username = 'adele@contoso.com') {
  await identify(el, username);
  await choose(el, /^Email my alternate/);
  await fill(el, 'Verification code', server.lastMessage(username, 'email')!.code!);
  await press(el, 'Verify');
}

/** Types `password` as the new password and its confirmation. */
export async function typePassword(el: SsprReset, password: string) {
  await fill(el, 'New password', password);
  await fill(el, 'Confirm new password', password);
}
