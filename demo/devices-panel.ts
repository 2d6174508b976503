/**
 * `<sspr-mock-devices>`: the mock devices panel of the demo and the stories.
 * What the seed users would see in their inboxes, on their phones and in their
 * authenticator app; buttons to answer a push or a call; and, where the
 * mock's clock can be moved, buttons that move it forward (expiry on demand).
 *
 * It talks only to the mock's devices API (src/mock/devices-api.ts), through
 * `fetch`: the browser's against the dev server in the demo, the in-page
 * mock's handler in the stories. Every answer is checked against the API's
 * schemas; one that does not match is shown as an error, never thrown.
 *
 * Text only: every value from the backend is rendered as text by Lit, never
 * parsed as HTML. Messages and users are keyed, so polling never moves focus,
 * closes an open <details> or loses a half-typed number.
 *
 * A dev tool, not part of the published widget.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import * as z from 'zod/mini';
import {
  AnswerResult,
  ClockState,
  DevicesError,
  DevicesState,
  TotpCode,
  devicesPaths,
  type DeviceMessage,
  type DeviceUser,
} from '../src/mock/devices-api.js';

/** The `fetch` the panel calls: `fetch` itself, or an in-page handler. */
export type DevicesFetch = (input: string, init?: RequestInit) => Promise<Response>;

/** `use-user`: "Use" was pressed for a seed user. */
export type UseUserEvent = CustomEvent<{ username: string }>;

type Outcome<T> = { ok: true; data: T } | { ok: false; error: string; offline: boolean };

type Status = { kind: 'connecting' } | { kind: 'live' } | { kind: 'offline' | 'invalid'; message: string };

/** What the panel remembers of a push or a call it shows. */
interface Answering {
  /** The number typed (push). */
  typed: string;
  /** "Approve" pressed with no number. */
  missingNumber: boolean;
  pending: boolean;
  /** What happened, once answered. */
  result?: { text: string; tone: 'good' | 'bad' };
  /** The request failed before an answer (the panel could not reach the mock): try again. */
  error?: string;
}

/** The jumps offered where the mock's clock can be moved; the mock's default lifetimes. */
const JUMPS = [
  { minutes: 3, why: 'pushes and calls expire' },
  { minutes: 11, why: 'codes expire' },
  { minutes: 16, why: 'the flow expires' },
];

const CHANNEL: Record<DeviceMessage['channel'], string> = {
  email: 'Email',
  sms: 'Text message',
  push: 'Notification',
  call: 'Call',
};

function formatTime(ms: number) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * A message's words in its own language, inside a panel whose chrome is English:
 * `lang` for screen readers and fonts, `dir` so Arabic and Hebrew read right to left.
 */
function wordsOf(m: DeviceMessage) {
  return m.lang ? { lang: m.lang, dir: /^(ar|he)\b/.test(m.lang) ? 'rtl' : 'ltr' } : { lang: nothing, dir: nothing };
}

/** `123456` → `123 456`, as authenticator apps show it. */
function groupCode(code: string) {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

function announcement(m: DeviceMessage) {
  switch (m.channel) {
    case 'email':
      return `New email to ${m.to}${m.subject ? `: ${m.subject}` : ''}`;
    case 'sms':
      return `New text message to ${m.to}`;
    case 'push':
      return `New notification in the authenticator app for ${m.username}`;
    case 'call':
      return `Incoming call to ${m.to}`;
  }
}

export class SsprMockDevices extends LitElement {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    fetch: { attribute: false },
    pollMs: { attribute: 'poll-ms', type: Number },
  };

  /** Base URL of the mock backend; the devices API is under `{apiBase}/mock/`. Default `/api/sspr`. */
  declare apiBase: string;
  /** How the panel calls the devices API. Default the browser's `fetch`. */
  declare fetch: DevicesFetch;
  /** Milliseconds between refreshes. Default 1000. */
  declare pollMs: number;

  #state: DevicesState | undefined;
  #status: Status = { kind: 'connecting' };
  #totp = new Map<string, Outcome<TotpCode>>();
  /** Messages shown, by id, with their time (an id shown with another time means the mock restarted). */
  #seen = new Map<number, number>();
  #initialized = false;
  /** Messages that arrived since the panel started, highlighted for a moment. */
  #fresh = new Set<number>();
  #answering = new Map<number, Answering>();
  #copyLabels = new Map<string, string>();
  #clock: { pending: boolean; error?: string } = { pending: false };
  #announcement = '';
  #toAnnounce: string[] = [];

  /** Bumped to drop the answers of an older poll (after a restart or a change of backend). */
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #source: { apiBase: string; fetch: DevicesFetch } | undefined;

  constructor() {
    super();
    this.apiBase = '/api/sspr';
    this.fetch = (input, init) => globalThis.fetch(input, init);
    this.pollMs = 1000;
  }

  override connectedCallback() {
    super.connectedCallback();
    // Its texts are English whatever the page's language (the stories play in Spanish too).
    if (!this.hasAttribute('lang')) this.setAttribute('lang', 'en');
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#poll();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#generation++;
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    // Another backend (a new story's mock): start over.
    const source = this.#source;
    if (source && (source.apiBase !== this.apiBase || source.fetch !== this.fetch)) {
      this.#forget();
      this.#poll();
    }
  }

  /** Refresh now, then every `pollMs` while connected and the page is shown. */
  #poll() {
    const generation = ++this.#generation;
    clearTimeout(this.#timer);
    this.#source = { apiBase: this.apiBase, fetch: this.fetch };
    const loop = async () => {
      if (generation !== this.#generation || !this.isConnected) return;
      // A hidden tab does not poll; it catches up when shown again.
      if (document.visibilityState !== 'hidden') await this.#refresh(generation);
      if (generation !== this.#generation || !this.isConnected) return;
      this.#timer = setTimeout(() => void loop(), Math.max(100, this.pollMs || 1000));
    };
    void loop();
  }

  #onVisibility = () => {
    if (document.visibilityState === 'visible' && this.isConnected) this.#poll();
  };

  /** Forget everything shown: the messages came from another backend. */
  #forget() {
    this.#state = undefined;
    this.#status = { kind: 'connecting' };
    this.#totp.clear();
    this.#seen.clear();
    this.#fresh.clear();
    this.#answering.clear();
    this.#initialized = false;
    this.#announcement = '';
    this.#toAnnounce = [];
    this.#clock = { pending: false };
  }

  async #refresh(generation: number) {
    const state = await this.#call('GET', devicesPaths.state(), DevicesState);
    if (generation !== this.#generation) return;
    if (!state.ok) {
      this.#status = { kind: state.offline ? 'offline' : 'invalid', message: state.error };
      this.requestUpdate();
      return;
    }
    this.#show(state.data);
    this.#status = { kind: 'live' };
    this.requestUpdate();
    const apps = state.data.users.filter((u) => u.authenticator).map((u) => u.username);
    const codes = await Promise.all(apps.map((username) => this.#call('GET', devicesPaths.totp(username), TotpCode)));
    if (generation !== this.#generation) return;
    this.#totp = new Map(apps.map((username, i) => [username, codes[i]!]));
    this.requestUpdate();
  }

  #show(state: DevicesState) {
    // The outbox only grows; an id seen before with another time means the mock restarted.
    if (state.outbox.some((m) => (this.#seen.get(m.id) ?? m.time) !== m.time) || state.outbox.length < this.#seen.size) {
      this.#seen.clear();
      this.#fresh.clear();
      this.#answering.clear();
      this.#initialized = false;
    }
    const fresh: DeviceMessage[] = [];
    for (const m of state.outbox) {
      if (this.#seen.has(m.id)) continue;
      this.#seen.set(m.id, m.time);
      if (!this.#initialized) continue;
      fresh.push(m);
      this.#fresh.add(m.id);
      setTimeout(() => {
        this.#fresh.delete(m.id);
        this.requestUpdate();
      }, 4000);
    }
    this.#initialized = true;
    this.#state = state;
    if (fresh.length > 0) this.#announce(fresh.map(announcement).join('. '));
  }

  /**
   * Say it once in the live region: cleared first, so the same sentence twice
   * is said twice; what comes within the same moment is said in one go.
   */
  #announce(text: string) {
    this.#toAnnounce.push(text);
    if (this.#toAnnounce.length > 1) return;
    this.#announcement = '';
    this.requestUpdate();
    setTimeout(() => {
      this.#announcement = this.#toAnnounce.join('. ');
      this.#toAnnounce = [];
      this.requestUpdate();
    }, 50);
  }

  /** One call to the devices API, its answer checked against `schema`. Never throws. */
  async #call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<Outcome<T>> {
    const base = this.apiBase.replace(/\/+$/, '');
    const init: RequestInit = { method, cache: 'no-store', headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await this.fetch(base + path, init);
    } catch (error) {
      return {
        ok: false,
        offline: true,
        error: `Can’t reach the mock backend at ${base}/mock (${describe(error)}). Is the dev server running?`,
      };
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      return {
        ok: false,
        offline: false,
        error: `${method} ${path} answered HTTP ${response.status} with no JSON: is ${base} the mock backend?`,
      };
    }
    if (!response.ok) {
      const problem = DevicesError.safeParse(data);
      return { ok: false, offline: false, error: problem.success ? problem.data.error : `HTTP ${response.status}` };
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      return {
        ok: false,
        offline: false,
        error: `The answer to ${method} ${path} is not what the devices API says:\n${z.prettifyError(parsed.error)}`,
      };
    }
    return { ok: true, data: parsed.data };
  }

  // ------------------------------------------------------------- actions

  #use(username: string) {
    this.dispatchEvent(new CustomEvent('use-user', { detail: { username }, bubbles: true, composed: true }));
  }

  #answeringOf(id: number): Answering {
    let a = this.#answering.get(id);
    if (!a) this.#answering.set(id, (a = { typed: '', missingNumber: false, pending: false }));
    return a;
  }

  async #answerPush(m: DeviceMessage, approve: boolean) {
    const a = this.#answeringOf(m.id);
    if (a.pending || a.result) return;
    const typed = a.typed.trim();
    const number = /^\d{1,3}$/.test(typed) ? Number(typed) : undefined;
    if (approve && number === undefined) {
      a.missingNumber = true;
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#push-number-${m.id}`)?.focus();
      return;
    }
    a.missingNumber = false;
    await this.#send(m, a, devicesPaths.push(m.challengeId ?? ''), { approve, ...(number === undefined ? {} : { number }) }, (status) =>
      status === 'approved'
        ? 'Approved: the reset goes on by itself.'
        : status === 'denied'
          ? approve
            ? 'Denied: the number did not match.'
            : 'Denied.'
          : status === 'expired'
            ? 'This request had expired.'
            : `Status: ${status}.`,
    );
  }

  async #answerCall(m: DeviceMessage, pressHash: boolean) {
    const a = this.#answeringOf(m.id);
    if (a.pending || a.result) return;
    await this.#send(m, a, devicesPaths.call(m.challengeId ?? ''), { pressHash }, (status) =>
      status === 'expired'
        ? 'The call had timed out.'
        : status === 'approved'
          ? pressHash
            ? 'You pressed #: the reset goes on by itself.'
            : 'Already approved.'
          : pressHash
            ? `Status: ${status}.`
            : 'You hung up: declined.',
    );
  }

  async #send(m: DeviceMessage, a: Answering, path: string, body: unknown, explain: (status: AnswerResult['status']) => string) {
    a.pending = true;
    delete a.error;
    this.requestUpdate();
    const answer = await this.#call('POST', path, AnswerResult, body);
    a.pending = false;
    if (answer.ok) {
      a.result = { text: explain(answer.data.status), tone: answer.data.status === 'approved' ? 'good' : 'bad' };
    } else if (answer.offline) {
      a.error = answer.error;
    } else {
      a.result = { text: `This request is no longer active (${answer.error}).`, tone: 'bad' };
    }
    this.requestUpdate();
    await this.updateComplete;
    // The buttons are gone: focus goes to what happened (or to the error, to try again).
    this.renderRoot.querySelector<HTMLElement>(`#outcome-${m.id}`)?.focus();
    this.#poll();
  }

  async #jump(minutes: number) {
    if (this.#clock.pending) return;
    this.#clock = { pending: true };
    this.requestUpdate();
    const answer = await this.#call('POST', devicesPaths.clock(), ClockState, { advanceMs: minutes * 60_000 });
    this.#clock = answer.ok ? { pending: false } : { pending: false, error: answer.error };
    if (answer.ok) this.#announce(`The mock’s clock moved forward ${minutes} minutes, to ${formatTime(answer.data.now)}.`);
    this.requestUpdate();
    this.#poll();
  }

  async #copy(key: string, code: string) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(code);
      ok = true;
    } catch {
      // No clipboard (permissions, insecure origin): say so.
    }
    this.#copyLabels.set(key, ok ? 'Copied' : 'Copy failed');
    this.requestUpdate();
    setTimeout(() => {
      this.#copyLabels.delete(key);
      this.requestUpdate();
    }, 1500);
  }

  // ------------------------------------------------------------- render

  protected override render() {
    const state = this.#state;
    const messages = [...(state?.outbox ?? [])].reverse(); // newest first
    const inbox = messages.filter((m) => m.channel === 'email' || m.channel === 'sms');
    const pushes = messages.filter((m) => m.channel === 'push');
    const calls = messages.filter((m) => m.channel === 'call');
    const apps = (state?.users ?? []).filter((u) => u.authenticator);
    return html`
      <header>
        <h2 id="devices-title">Mock devices</h2>
        <p class="intro">
          What the seed users would see on their phones and in their inboxes. Everything here is fake and lives in the mock backend’s
          memory.
        </p>
        <p class="connection" role="status" data-state=${this.#status.kind}>${this.#statusText()}</p>
      </header>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
      ${
        state
          ? html`
              <section aria-labelledby="devices-users">
                <h3 id="devices-users">Seed users</h3>
                <ul class="users">
                  ${repeat(
                    state.users,
                    (u) => u.username,
                    (u) => this.#user(u),
                  )}
                </ul>
              </section>
              <section aria-labelledby="devices-inbox">
                <h3 id="devices-inbox">Inbox</h3>
                ${
                  inbox.length
                    ? html`<ol class="messages" aria-labelledby="devices-inbox">
                        ${repeat(
                          inbox,
                          (m) => m.id,
                          (m) => this.#inboxItem(m),
                        )}
                      </ol>`
                    : html`<p class="empty">No email or text messages yet. Choose email or text in the reset to get a code here.</p>`
                }
              </section>
              <section aria-labelledby="devices-app">
                <h3 id="devices-app">Authenticator app</h3>
                ${
                  apps.length
                    ? html`<ul class="totps" aria-labelledby="devices-app">
                        ${repeat(
                          apps,
                          (u) => u.username,
                          (u) => this.#totpItem(u.username),
                        )}
                      </ul>`
                    : html`<p class="empty">No seed user has the app.</p>`
                }
                <h4 id="devices-push">Notifications</h4>
                ${
                  pushes.length
                    ? html`<ol class="messages" aria-labelledby="devices-push">
                        ${repeat(
                          pushes,
                          (m) => m.id,
                          (m) => this.#pushItem(m),
                        )}
                      </ol>`
                    : html`<p class="empty">No notifications. Choose “Approve a notification on my authenticator app” in the reset.</p>`
                }
              </section>
              <section aria-labelledby="devices-calls">
                <h3 id="devices-calls">Phone calls</h3>
                ${
                  calls.length
                    ? html`<ol class="messages" aria-labelledby="devices-calls">
                        ${repeat(
                          calls,
                          (m) => m.id,
                          (m) => this.#callItem(m),
                        )}
                      </ol>`
                    : html`<p class="empty">No calls yet. Choose “Call my mobile phone” or “Call my office phone” in the reset.</p>`
                }
              </section>
              ${state.clock ? this.#clockSection(state) : nothing}
            `
          : nothing
      }
    `;
  }

  #statusText() {
    const s = this.#status;
    switch (s.kind) {
      case 'connecting':
        return 'Connecting to the mock backend…';
      case 'live':
        return `Live: refreshed every ${this.pollMs === 1000 ? 'second' : this.pollMs < 1000 ? `${this.pollMs} ms` : `${this.pollMs / 1000} s`}.`;
      default:
        return s.message;
    }
  }

  #user(u: DeviceUser) {
    const status = !u.enabled
      ? { text: 'Not enabled', tone: 'off' }
      : u.locked
        ? { text: 'Locked', tone: 'bad' }
        : { text: 'Enabled', tone: 'good' };
    const method = (name: string, value: string) => html`<li><span class="muted">${name}:</span> <span class="nowrap">${value}</span></li>`;
    return html`<li class="user">
      <div class="user-id">
        <span class="user-display">${u.displayName}</span>
        <span class="user-name">${u.username}</span>
        <span class="muted small"
          >${u.role === 'admin' ? 'Admin: needs 2 methods' : 'User'} ·
          <span class="status" data-tone=${status.tone}>${status.text}</span></span
        >
      </div>
      <button type="button" class="btn btn-small use" title="Put this user ID in the reset form" @click=${() => this.#use(u.username)}>
        Use<span class="visually-hidden"> ${u.username}</span>
      </button>
      <ul class="methods">
        ${u.email ? method('Email', u.email) : nothing} ${u.mobile ? method('Mobile (text, call)', u.mobile) : nothing}
        ${u.office ? method('Office (call)', u.office) : nothing}
        ${u.authenticator ? method('Authenticator app', 'notification, code') : nothing}
        ${
          u.questions.length
            ? html`<li>
                <details>
                  <summary>Security questions (${u.questions.length})</summary>
                  <dl class="questions">
                    ${u.questions.map(
                      (q) =>
                        html`<dt>${q.text}</dt>
                          <dd>${q.answer}</dd>`,
                    )}
                  </dl>
                </details>
              </li>`
            : nothing
        }
        ${!u.email && !u.mobile && !u.office && !u.authenticator && !u.questions.length ? html`<li class="muted">None registered</li>` : nothing}
      </ul>
    </li>`;
  }

  #copyButton(key: string, code: string, what: string) {
    return html`<button type="button" class="btn btn-small" @click=${() => void this.#copy(key, code)}>
      ${this.#copyLabels.get(key) ?? 'Copy'}<span class="visually-hidden"> ${what} ${code}</span>
    </button>`;
  }

  #head(m: DeviceMessage, line: string) {
    return html`<div class="message-head">
      <span class="badge" data-channel=${m.channel}>${CHANNEL[m.channel]}</span>
      <span class="message-to">${line}</span>
      <time datetime=${new Date(m.time).toISOString()}>${formatTime(m.time)}</time>
    </div>`;
  }

  #item(m: DeviceMessage, content: TemplateResult, answered = false) {
    return html`<li class="message ${this.#fresh.has(m.id) ? 'is-new' : ''} ${answered ? 'is-answered' : ''}">${content}</li>`;
  }

  #inboxItem(m: DeviceMessage) {
    return this.#item(
      m,
      html`${this.#head(m, `To ${m.to}`)}
        ${m.subject ? html`<p class="subject" lang=${wordsOf(m).lang} dir=${wordsOf(m).dir}>${m.subject}</p>` : nothing}
        <p class="body" lang=${wordsOf(m).lang} dir=${wordsOf(m).dir}>${m.body}</p>
        ${m.code ? html`<div class="code-row"><span class="code">${m.code}</span>${this.#copyButton(`message-${m.id}`, m.code, 'code')}</div>` : nothing}`,
    );
  }

  /** What happened to a push or a call, or the buttons to answer it. */
  #outcome(m: DeviceMessage, a: Answering | undefined, buttons: TemplateResult) {
    if (a?.result) {
      return html`<p class="outcome" id="outcome-${m.id}" tabindex="-1" data-tone=${a.result.tone}>${a.result.text}</p>`;
    }
    return html`${buttons} ${a?.pending ? html`<p class="muted">Sending…</p>` : nothing}
    ${a?.error ? html`<p class="outcome" id="outcome-${m.id}" tabindex="-1" data-tone="bad">${a.error}</p>` : nothing}`;
  }

  #pushItem(m: DeviceMessage) {
    const a = this.#answering.get(m.id);
    const busy = a?.pending ? 'true' : nothing;
    const form = m.challengeId
      ? html`<div class="field">
            <label for="push-number-${m.id}">Enter the number shown on the sign-in screen</label>
            <input
              id="push-number-${m.id}"
              class="number-input"
              type="text"
              inputmode="numeric"
              maxlength="3"
              autocomplete="off"
              aria-invalid=${a?.missingNumber ? 'true' : nothing}
              aria-describedby="push-error-${m.id}"
              .value=${live(a?.typed ?? '')}
              @input=${(e: InputEvent) => {
                const answering = this.#answeringOf(m.id);
                answering.typed = (e.target as HTMLInputElement).value;
                if (answering.missingNumber) {
                  answering.missingNumber = false;
                  this.requestUpdate();
                }
              }}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') void this.#answerPush(m, true);
              }}
            />
            <p class="field-error" id="push-error-${m.id}">${a?.missingNumber ? 'Enter the number first.' : ''}</p>
          </div>
          <div class="actions">
            <button type="button" class="btn btn-primary btn-small" aria-disabled=${busy} @click=${() => void this.#answerPush(m, true)}>
              Approve
            </button>
            <button type="button" class="btn btn-small" aria-disabled=${busy} @click=${() => void this.#answerPush(m, false)}>Deny</button>
          </div>`
      : html``;
    return this.#item(
      m,
      html`${this.#head(m, `For ${m.username}`)}
        <p class="subject">Contoso: approve sign-in?</p>
        <p class="body" lang=${wordsOf(m).lang} dir=${wordsOf(m).dir}>${m.body}</p>
        ${this.#outcome(m, a, form)}`,
      !!a?.result,
    );
  }

  #callItem(m: DeviceMessage) {
    const a = this.#answering.get(m.id);
    const busy = a?.pending ? 'true' : nothing;
    const buttons = m.challengeId
      ? html`<div class="actions">
          <button type="button" class="btn btn-primary btn-small" aria-disabled=${busy} @click=${() => void this.#answerCall(m, true)}>
            Press #
          </button>
          <button type="button" class="btn btn-small" aria-disabled=${busy} @click=${() => void this.#answerCall(m, false)}>Hang up</button>
        </div>`
      : html``;
    return this.#item(
      m,
      html`${this.#head(m, `To ${m.to}`)}
        <p class="subject">Incoming call to ${m.to}</p>
        <p class="body" lang=${wordsOf(m).lang} dir=${wordsOf(m).dir}>“${m.body}”</p>
        ${this.#outcome(m, a, buttons)}`,
      !!a?.result,
    );
  }

  #totpItem(username: string) {
    const shown = this.#totp.get(username);
    const code = shown?.ok ? shown.data : undefined;
    const share = code ? (code.secondsLeft / 30) * 100 : 0;
    return html`<li class="totp">
      <div class="totp-account"><span class="totp-org">Contoso</span><span class="user-name">${username}</span></div>
      <div class="code-row">
        <span class="code">${code ? groupCode(code.code) : '––– –––'}</span>
        ${code ? this.#copyButton(`totp-${username}`, code.code, 'authenticator code') : nothing}
      </div>
      <div class="countdown" aria-hidden="true">
        <span class="countdown-bar ${code && code.secondsLeft <= 5 ? 'is-low' : ''}" style=${styleMap({ width: `${share}%` })}></span>
      </div>
      <span class="muted small">
        ${code ? `Changes in ${code.secondsLeft} s` : shown && !shown.ok ? `Code unavailable: ${shown.error}` : 'Loading…'}
      </span>
    </li>`;
  }

  #clockSection(state: DevicesState) {
    const moved = state.advancedMs ? Math.round(state.advancedMs / 60_000) : 0;
    const busy = this.#clock.pending ? 'true' : nothing;
    return html`<section aria-labelledby="devices-clock">
      <h3 id="devices-clock">Mock clock</h3>
      <p>
        Mock time <time datetime=${new Date(state.now).toISOString()}>${formatTime(state.now)}</time>:
        ${moved ? `moved forward ${moved} min.` : 'real time.'}
      </p>
      <div class="actions">
        ${JUMPS.map(
          (j) =>
            html`<button type="button" class="btn btn-small" aria-disabled=${busy} @click=${() => void this.#jump(j.minutes)}>
              +${j.minutes} min <span class="muted">(${j.why})</span>
            </button>`,
        )}
      </div>
      ${this.#clock.error ? html`<p class="outcome" data-tone="bad">${this.#clock.error}</p>` : nothing}
    </section>`;
  }

  // Colors: every text is at least 4.5:1 against its background in every state
  // (answered, new, busy); nothing is dimmed with opacity.
  static override styles = css`
    :host {
      --text: #1b1b1b;
      --muted: #5f5f5f;
      --primary: #0067b8;
      --border: #e1dfdd;
      --error: #c50f1f;
      --success: #107c10;
      --mono: 'Cascadia Mono', 'Cascadia Code', Consolas, 'SF Mono', Menlo, 'Liberation Mono', monospace;
      display: block;
      container: devices / inline-size;
      box-sizing: border-box;
      padding: 20px 20px 32px;
      background: #faf9f8;
      color: var(--text);
      /* The page's font where it sets the widget's token (the demo does), else the system's. */
      font-family: var(--sspr-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
      font-size: 14px;
      line-height: 1.45;
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    :focus-visible {
      outline: 2px solid var(--primary);
      outline-offset: 2px;
    }
    .visually-hidden {
      position: absolute !important;
      width: 1px;
      height: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
    .muted {
      color: var(--muted);
    }
    .small {
      font-size: 12px;
    }
    .nowrap {
      white-space: nowrap;
    }
    p {
      margin: 0;
    }

    h2 {
      margin: 0 0 4px;
      font-size: 20px;
      font-weight: 600;
    }
    .intro {
      margin-bottom: 8px;
      color: var(--muted);
      font-size: 13px;
    }
    .connection {
      display: flex;
      align-items: baseline;
      gap: 6px;
      margin-bottom: 16px;
      color: var(--success);
      font-size: 12px;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .connection::before {
      content: '';
      flex: none;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
    .connection[data-state='connecting'] {
      color: var(--muted);
    }
    .connection[data-state='offline'],
    .connection[data-state='invalid'] {
      color: var(--error);
    }

    section {
      margin: 0 0 16px;
      padding: 14px 16px 16px;
      background: #ffffff;
      border: 1px solid var(--border);
      border-radius: 8px;
    }
    h3 {
      margin: 0 0 10px;
      font-size: 16px;
      font-weight: 600;
    }
    h4 {
      margin: 16px 0 8px;
      font-size: 14px;
      font-weight: 600;
    }
    .empty {
      color: var(--muted);
      font-size: 13px;
    }
    ul,
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    /* Buttons */
    .btn {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 4px;
      min-height: 32px;
      padding: 4px 12px;
      border: 1px solid #8a8886;
      border-radius: 2px;
      background: #ffffff;
      color: var(--text);
      font: inherit;
      cursor: pointer;
    }
    .btn:hover {
      background: #f3f2f1;
    }
    .btn-primary {
      border-color: var(--primary);
      background: var(--primary);
      color: #ffffff;
    }
    .btn-primary:hover {
      background: #005da6;
    }
    .btn[aria-disabled='true'] {
      border-color: #c8c6c4;
      background: #f3f2f1;
      color: #4b4a48;
      cursor: progress;
    }
    .btn-small {
      min-height: 28px;
      padding: 2px 10px;
      font-size: 13px;
    }
    .btn .muted {
      font-size: 12px;
    }
    .btn-primary .muted {
      color: inherit;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 10px;
    }

    /* Seed users */
    .users > li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 4px 12px;
      padding: 10px 0;
      border-top: 1px solid var(--border);
    }
    .users > li:first-child {
      border-top: 0;
      padding-top: 0;
    }
    .user-id {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .user-display {
      font-weight: 600;
    }
    .user-name {
      color: var(--muted);
      font-size: 12px;
      overflow-wrap: anywhere;
    }
    .use {
      align-self: start;
    }
    .status[data-tone='good'] {
      color: var(--success);
    }
    .status[data-tone='bad'] {
      color: var(--error);
      font-weight: 600;
    }
    .methods {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: 2px 14px;
      font-size: 13px;
    }
    .methods > li:has(details[open]) {
      flex-basis: 100%;
    }
    /* Wide (the demo's column): one row per user, as a table would. */
    @container devices (min-width: 520px) {
      .users > li {
        grid-template-columns: 10.5rem minmax(0, 1fr) auto;
      }
      .methods {
        grid-area: 1 / 2;
        align-content: start;
      }
      .use {
        grid-area: 1 / 3;
      }
    }
    summary {
      cursor: pointer;
      color: var(--primary);
    }
    .questions {
      margin: 6px 0 0;
    }
    .questions dt {
      color: var(--muted);
    }
    .questions dd {
      margin: 0 0 6px;
      font-weight: 600;
    }

    /* Messages */
    .message {
      padding: 12px 0;
      border-top: 1px solid var(--border);
      transition: background-color 1s;
    }
    .message:first-child {
      border-top: 0;
      padding-top: 4px;
    }
    .message.is-new {
      background: #eff6fc;
    }
    .message.is-answered {
      padding-inline-start: 10px;
      border-inline-start: 3px solid var(--border);
    }
    .message-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 8px;
      font-size: 12px;
      color: var(--muted);
    }
    .message-head time {
      margin-inline-start: auto;
    }
    .message-to {
      overflow-wrap: anywhere;
    }
    .badge {
      padding: 0 6px;
      border-radius: 3px;
      font-weight: 600;
      font-size: 11px;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      background: #edebe9;
      color: #323130;
    }
    .badge[data-channel='email'] {
      background: #deecf9;
      color: #004578;
    }
    .badge[data-channel='sms'] {
      background: #dff6dd;
      color: #0b5a08;
    }
    .badge[data-channel='push'] {
      background: #f4e5f9;
      color: #5c2e91;
    }
    .badge[data-channel='call'] {
      background: #fff4ce;
      color: #5c4400;
    }
    .subject {
      margin: 6px 0 2px;
      font-weight: 600;
    }
    .body {
      margin-top: 4px;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .code-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-top: 8px;
    }
    .code {
      font-family: var(--mono);
      font-size: 28px;
      font-weight: 600;
      letter-spacing: 0.12em;
      line-height: 1.1;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 10px;
    }
    .field label {
      font-weight: 600;
      font-size: 13px;
    }
    .number-input {
      width: 6em;
      min-height: 32px;
      padding: 4px 8px;
      border: 1px solid #8a8886;
      border-radius: 2px;
      color: var(--text);
      background: #ffffff;
      font-family: var(--mono);
      font-size: 20px;
      letter-spacing: 0.1em;
    }
    .number-input[aria-invalid='true'] {
      border: 2px solid var(--error);
    }
    .field-error {
      color: var(--error);
      font-size: 13px;
    }
    .field-error:empty {
      display: none;
    }
    .outcome {
      margin-top: 8px;
      font-weight: 600;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .outcome[data-tone='good'] {
      color: var(--success);
    }
    .outcome[data-tone='bad'] {
      color: var(--error);
    }
    .outcome:focus {
      outline: none;
    }
    .outcome:focus-visible {
      outline: 2px solid var(--primary);
    }

    /* Authenticator codes */
    .totps {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 10px;
    }
    .totp {
      display: flex;
      flex-direction: column;
      padding: 10px 12px;
      border: 1px solid var(--border);
      border-radius: 6px;
    }
    .totp-account {
      display: flex;
      flex-direction: column;
    }
    .totp-org {
      font-weight: 600;
    }
    .totp .code-row {
      justify-content: space-between;
      margin-top: 4px;
    }
    .totp .code {
      color: var(--primary);
    }
    .countdown {
      height: 3px;
      margin: 8px 0 4px;
      background: var(--border);
      border-radius: 2px;
      overflow: hidden;
    }
    .countdown-bar {
      display: block;
      height: 100%;
      background: var(--primary);
      transition: width 0.9s linear;
    }
    .countdown-bar.is-low {
      background: var(--error);
    }

    @media (prefers-reduced-motion: reduce) {
      .message,
      .countdown-bar {
        transition: none;
      }
    }
  `;
}

/**
 * Define `<sspr-mock-devices>` (idempotent). A call, not an import for its
 * side effect: package.json's `sideEffects` list lets the bundler drop a
 * module imported only for its side effects.
 */
export function defineMockDevices() {
  if (!customElements.get('sspr-mock-devices')) customElements.define('sspr-mock-devices', SsprMockDevices);
}

declare global {
  interface HTMLElementTagNameMap {
    'sspr-mock-devices': SsprMockDevices;
  }
  interface HTMLElementEventMap {
    'use-user': UseUserEvent;
  }
}
