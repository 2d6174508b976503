/**
 * Shared by the stories: a fresh in-page mock backend per story (a loader),
 * the widget as a host page renders it, and the person who walks it
 * (test/person.ts, shared with the tests: inputs found by their label,
 * buttons by their name), so each story's play function lands on its screen.
 *
 * Texts are given in English and looked up in the widget's active locale
 * (`msg()` of @lit/localize, which the widget configured), so every story
 * also plays with the toolbar's locale set to Spanish.
 */
import { msg } from '@lit/localize';
import type { ArgTypes, Meta } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { action } from 'storybook/actions';
import { defineSsprReset } from '../src/define.js';
import type { CaptchaProvider } from '../src/captcha/types.js';
import type { StepName } from '../src/flow/reducer.js';
import { defineMockDevices, type DevicesFetch } from '../demo/devices-panel.js';
import { createDevicesHandler, createMockClock, type MockClock } from '../src/mock/devices.js';
import { MOCK_BASE_URL, createMockBackend, type MockOptions, type MockResetServer } from '../src/mock/index.js';
import type { ResetBackend } from '../src/protocol/backend.js';
import { HttpResetClient } from '../src/protocol/http-client.js';
import { person as personOf, track, type Person } from '../test/person.js';

/** The mock's clock: the page's time plus the jumps a story (or QA, in the devices panel) makes. */
export type StoryClock = MockClock;

/** Args of every story: the attributes a host page sets. */
export interface WidgetArgs {
  brandName: string;
  signInHref: string;
  username: string;
}

/** What a story's loader prepared: the mock server, the backend the widget uses, the mock's clock. */
export interface StoryMock {
  server: MockResetServer;
  backend: ResetBackend;
  clock: StoryClock;
  captcha: CaptchaProvider | undefined;
  /** The devices panel's `fetch`: the mock's devices API (`${MOCK_BASE_URL}/mock/*`), in the page. */
  devices: DevicesFetch;
  /** Between the widget and the mock: what its requests meet from now on (`network` setup only). */
  network: Network;
}

/**
 * The connection between the widget and the mock, which a play function
 * switches: `online` (the mock answers), `offline` (every request fails as a
 * dropped connection does), `silent` (no answer ever comes: the client's
 * timeout ends the request). `answer` may replace the mock's answer to a request.
 */
export interface Network {
  mode: 'online' | 'offline' | 'silent';
  answer?: ((request: Request, response: Response) => Response | Promise<Response>) | undefined;
}

/** The widget's client over a switchable connection to the mock (see `Network`). */
function networked(server: MockResetServer, network: Network, timeoutMs: number): ResetBackend {
  return new HttpResetClient({
    baseUrl: MOCK_BASE_URL,
    timeoutMs,
    fetch: async (request) => {
      if (network.mode === 'offline') throw new TypeError('Failed to fetch');
      if (network.mode === 'silent') {
        return new Promise<Response>((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason as Error), { once: true }),
        );
      }
      const response = await server.fetch(request);
      return network.answer ? network.answer(request, response) : response;
    },
  });
}

export interface MockSetup extends MockOptions {
  /** Another backend for the widget (e.g. one whose fetch fails); the mock server stays for the panel. */
  backend?: (mock: { server: MockResetServer; backend: ResetBackend }) => ResetBackend;
  /** A captcha provider for the widget (default: the mock captcha the config names). */
  captcha?: () => CaptchaProvider;
  /**
   * The widget talks to the mock over a connection the play function switches
   * (`StoryMock.network`), starting in this mode; `timeoutMs` is the client's
   * timeout per attempt (default 15 s).
   */
  network?: { mode?: Network['mode']; timeoutMs?: number };
}

/**
 * A loader that creates a fresh mock backend for each story (each mount), with
 * quick polling for pushes and calls. Options are `MockOptions` (gates,
 * methods, policy, cooldown…), plus `backend` / `captcha` overrides.
 *
 * Storybook runs loaders again when args or globals change, without
 * remounting or playing again; the mock is kept for that story render (its
 * abort signal, renewed on every mount), so the widget stays on its screen
 * and just re-renders, e.g. in the locale picked in the toolbar.
 */
export function mock(setup: MockSetup = {}) {
  const mounted = new WeakMap<AbortSignal, StoryMock>();
  return (context: { abortSignal?: AbortSignal }) => {
    const kept = context.abortSignal && mounted.get(context.abortSignal);
    if (kept) return { mock: kept };
    const { backend: makeBackend, captcha, network: wired, ...options } = setup;
    const clock = createMockClock();
    const created = createMockBackend({ pollAfterSeconds: 1, now: clock.now, ...options });
    // The panel can move the clock only if it is the mock's (a story may bring its own `now`).
    const handleDevices = createDevicesHandler(created.server);
    const network: Network = { mode: wired?.mode ?? 'online' };
    const backend = makeBackend
      ? makeBackend(created)
      : wired
        ? networked(created.server, network, wired.timeoutMs ?? 15_000)
        : created.backend;
    const value: StoryMock = {
      server: created.server,
      // Tracked, so the person's settle() waits for the widget's requests.
      backend: track(backend),
      clock,
      captcha: captcha?.(),
      devices: (input, init) => handleDevices(new Request(input, init)),
      network,
    };
    if (context.abortSignal) mounted.set(context.abortSignal, value);
    return { mock: value };
  };
}

/** The part of a story's context the helpers use (render and play both get it). */
export interface Ctx {
  canvasElement?: HTMLElement;
  loaded: Record<string, unknown>;
  globals: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

export function storyMock(ctx: Pick<Ctx, 'loaded'>): StoryMock {
  return ctx.loaded['mock'] as StoryMock;
}

/** The locale chosen in the toolbar, or pinned by the story (`globals: { locale: 'es' }`). */
export function localeOf(ctx: Pick<Ctx, 'globals'>): string {
  return typeof ctx.globals['locale'] === 'string' ? ctx.globals['locale'] : 'en';
}

/** An inline logo for `slot="logo"`; it takes the brand's primary color. */
export const logo = html`<svg slot="logo" role="img" aria-label="Contoso" width="28" height="28" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="6" style="fill: var(--sspr-color-primary, #0067b8)"></rect>
  <path d="M21.5 11.2a7 7 0 1 0 0 9.6" fill="none" stroke="#fff" stroke-width="3.4" stroke-linecap="round"></path>
</svg>`;

/** A listener that logs an event's detail in the Actions panel. */
function logged(name: string) {
  const log = action(name);
  return (event: CustomEvent<unknown>) => {
    log(event.detail);
  };
}
const onStep = logged('sspr-step');
const onError = logged('sspr-error');
const onComplete = logged('sspr-complete');
const onCancel = logged('sspr-cancel');

/**
 * Renders `<sspr-reset>` on the story's mock backend, with the toolbar's
 * locale, and the mock devices panel beside it unless `parameters.devices`
 * is false. The widget's events are logged in the Actions panel.
 */
export function renderWidget(args: WidgetArgs, ctx: Ctx, options: { className?: string } = {}) {
  defineSsprReset();
  const m = storyMock(ctx);
  // Args named after the design tokens (`--sspr-color-primary`: see SSPR/Theming) style the element.
  const tokens = Object.entries(args)
    .filter(([name, value]) => name.startsWith('--sspr-') && typeof value === 'string' && value !== '')
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  const widget = html`<sspr-reset
    class=${options.className ?? nothing}
    style=${tokens || nothing}
    .backend=${m.backend}
    .captcha=${m.captcha}
    brand-name=${args.brandName || nothing}
    sign-in-href=${args.signInHref || nothing}
    username=${args.username || nothing}
    locale=${localeOf(ctx)}
    @sspr-step=${onStep}
    @sspr-error=${onError}
    @sspr-complete=${onComplete}
    @sspr-cancel=${onCancel}
    >${logo}</sspr-reset
  >`;
  if (ctx.parameters['devices'] === false) return widget;
  defineMockDevices();
  // "Use" puts the user ID in the widget, as in the demo.
  const useUser = (event: CustomEvent<{ username: string }>) =>
    (event.currentTarget as HTMLElement).parentElement?.querySelector('sspr-reset')?.setAttribute('username', event.detail.username);
  return html`<div style="display: flex; flex-wrap: wrap; align-items: flex-start; gap: 32px">
    <div style="flex: 0 1 440px; min-width: 300px">${widget}</div>
    <sspr-mock-devices
      style="flex: 0 1 420px; min-width: 280px; border: 1px dashed #8a8886; border-radius: 6px"
      api-base=${MOCK_BASE_URL}
      .fetch=${m.devices}
      @use-user=${useUser}
    ></sspr-mock-devices>
  </div>`;
}

/**
 * Controls for the args; the rest of the rows (attributes, properties, events,
 * slots, parts, tokens) come from custom-elements.json, for reading only.
 */
const argTypes: ArgTypes = {
  brandName: { control: 'text' },
  signInHref: { control: 'text' },
  username: { control: 'text' },
  // Documented, but set by the story itself (locale: the toolbar).
  locale: { control: false },
  apiBase: { control: false },
  backend: { control: false },
  captcha: { control: false },
  step: { control: false },
};

/** What every stories file shares: the component, the args and their controls, the render, a fresh mock. */
export const baseMeta = {
  component: 'sspr-reset',
  args: { brandName: 'Contoso', signInHref: '#', username: '' },
  argTypes,
  render: (args, ctx) => renderWidget(args, ctx),
  loaders: [mock()],
} satisfies Meta<WidgetArgs>;

/** A text of the widget, in its active locale (the English source when untranslated). */
export function t(english: string): string {
  return msg(english);
}

/** Waits long enough for a poll of a push or a call (the mock says every second). */
export const POLL_TIMEOUT = 8000;

/**
 * The person in front of the story's widget (test/person.ts, the tests' person
 * too), once its first screen and its locale are ready: the start of every
 * play function.
 */
export async function person(ctx: Ctx, first: StepName = 'identify'): Promise<Person> {
  const el = ctx.canvasElement!.querySelector('sspr-reset')!;
  const { server, clock } = storyMock(ctx);
  const p = personOf(el, { server, clock });
  await p.waitFor(() => el.step === first, `the story never showed step ${first}`, 5000);
  await p.waitFor(() => el.getAttribute('lang') === localeOf(ctx), `the widget never took locale ${localeOf(ctx)}`, 5000);
  return p;
}

/**
 * Waits until `predicate` holds, without waiting for the widget's requests
 * (the person's `waitFor` settles first): for a screen shown while a request
 * is still in flight, such as loading.
 */
export async function until(predicate: () => boolean, message: string, timeout = 5000) {
  const deadline = Date.now() + timeout;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${message} (after ${timeout} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** adele, one gate: on the methods step. */
export async function toMethods(ctx: Ctx, username = 'adele@contoso.com') {
  const p = await person(ctx);
  await p.identify(username);
  await p.waitForStep('methods');
  return p;
}

/** adele, one gate, by email code: on the password step. */
export async function toPassword(ctx: Ctx, username = 'adele@contoso.com') {
  const p = await toMethods(ctx, username);
  await p.chooseMethod('Email my alternate email address');
  await p.enterCode(p.codeSent('email'));
  await p.waitForStep('password');
  return p;
}

/** adele, two gates: the email code, then on the security questions. */
export async function toQuestions(ctx: Ctx) {
  const p = await toMethods(ctx);
  await p.chooseMethod('email');
  await p.enterCode(p.codeSent('email'));
  await p.waitForStep('methods');
  await p.chooseMethod('questions');
  await p.waitFor(() => !!p.el.querySelector('input[data-question-id]'), 'no security question showed');
  return p;
}
