/**
 * A small "mock devices" panel beside the widget in the stories, so QA can go
 * on by hand from any story: the messages the mock sent (codes, texts), push
 * approvals and calls to answer, the authenticator codes, the seed users'
 * security answers, and buttons that move the mock's clock forward (expiry).
 *
 * Stories only: it reads the in-page MockResetServer directly.
 */
import { LitElement, css, html, nothing } from 'lit';
import { SEED_USERS, type MockResetServer, type OutboxMessage } from '../src/mock/index.js';

export interface StoryClock {
  /** The mock's time: the page's clock plus every jump. */
  now(): number;
  /** Jump the mock's clock forward (codes, pushes, calls and flows expire). */
  advance(ms: number): void;
}

const CHANNEL: Record<OutboxMessage['channel'], string> = {
  email: 'Email',
  sms: 'Text message',
  call: 'Phone call',
  push: 'Authenticator push',
};

export class StoryMockDevices extends LitElement {
  static override properties = {
    server: { attribute: false },
    clock: { attribute: false },
  };

  declare server: MockResetServer | undefined;
  declare clock: StoryClock | undefined;

  #answers = new Map<number, string>();
  #totp = new Map<string, string>();
  #unsubscribe: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #jumped = 0;

  static override styles = css`
    :host {
      display: block;
      box-sizing: border-box;
      width: 300px;
      padding: 12px 14px;
      border: 1px dashed #8a8886;
      border-radius: 6px;
      background: #fbfbfb;
      color: #1b1b1b;
      font: 13px/1.4 system-ui, sans-serif;
    }
    h3 {
      margin: 0 0 6px;
      font-size: 13px;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: #5f5f5f;
    }
    section + section {
      margin-top: 12px;
    }
    ol,
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding: 6px 0;
      border-top: 1px solid #e1dfdd;
    }
    .meta {
      color: #5f5f5f;
    }
    .code {
      font: 600 18px/1.2 ui-monospace, monospace;
      letter-spacing: 0.08em;
    }
    button {
      margin: 4px 4px 0 0;
      font: inherit;
    }
    .empty {
      color: #5f5f5f;
      font-style: italic;
    }
  `;

  override connectedCallback() {
    super.connectedCallback();
    this.#unsubscribe = this.server?.onMessage(() => this.requestUpdate());
    this.#timer = setInterval(() => void this.#refreshTotp(), 1000);
    void this.#refreshTotp();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    clearInterval(this.#timer);
  }

  async #refreshTotp() {
    if (!this.server) return;
    for (const user of SEED_USERS) {
      if (!user.authenticatorSecret) continue;
      const code = await this.server.currentTotp(user.username);
      if (code) this.#totp.set(user.username, `${code.code} (${code.secondsLeft} s)`);
    }
    this.requestUpdate();
  }

  #answer(message: OutboxMessage, answer: () => string) {
    try {
      this.#answers.set(message.id, answer());
    } catch (error) {
      this.#answers.set(message.id, error instanceof Error ? error.message : String(error));
    }
    this.requestUpdate();
  }

  #jump(minutes: number) {
    this.clock?.advance(minutes * 60_000);
    this.#jumped += minutes;
    this.requestUpdate();
  }

  #message(m: OutboxMessage) {
    const server = this.server!;
    const answered = this.#answers.get(m.id);
    const actions =
      answered !== undefined
        ? html`<div class="meta">Answered: ${answered}</div>`
        : m.channel === 'push' && m.challengeId
          ? html`<div>
              <button type="button" @click=${() => this.#answer(m, () => server.answerPush(m.challengeId!, { approve: true, number: m.numberToMatch }))}>
                Approve with ${m.numberToMatch}
              </button>
              <button type="button" @click=${() => this.#answer(m, () => server.answerPush(m.challengeId!, { approve: false }))}>Deny</button>
            </div>`
          : m.channel === 'call' && m.challengeId
            ? html`<div>
                <button type="button" @click=${() => this.#answer(m, () => server.answerCall(m.challengeId!, { pressHash: true }))}>Press #</button>
                <button type="button" @click=${() => this.#answer(m, () => server.answerCall(m.challengeId!, { pressHash: false }))}>Hang up</button>
              </div>`
            : nothing;
    return html`<li>
      <div><strong>${CHANNEL[m.channel]}</strong> <span class="meta">to ${m.to}</span></div>
      ${m.subject ? html`<div>${m.subject}</div>` : nothing}
      ${m.code ? html`<div class="code">${m.code}</div>` : nothing}
      ${m.channel === 'push' && m.numberToMatch !== undefined ? html`<div class="meta">Number shown in the app: ${m.numberToMatch}</div>` : nothing}
      ${actions}
    </li>`;
  }

  protected override render() {
    if (!this.server) return nothing;
    const messages = [...this.server.outbox].reverse();
    return html`<section>
        <h3>Mock inbox and phones</h3>
        ${messages.length ? html`<ol>${messages.map((m) => this.#message(m))}</ol>` : html`<p class="empty">Nothing sent yet.</p>`}
      </section>
      <section>
        <h3>Authenticator app</h3>
        <ul>
          ${[...this.#totp].map(([user, code]) => html`<li>${user}<br /><span class="code">${code}</span></li>`)}
        </ul>
      </section>
      <section>
        <h3>Mock clock</h3>
        <div class="meta">${this.#jumped ? `Moved forward ${this.#jumped} min.` : 'Real time.'}</div>
        <button type="button" @click=${() => this.#jump(3)}>+3 min (push, call expire)</button>
        <button type="button" @click=${() => this.#jump(11)}>+11 min (codes expire)</button>
        <button type="button" @click=${() => this.#jump(16)}>+16 min (flow expires)</button>
      </section>
      <section>
        <details>
          <summary>Seed users and security answers</summary>
          <ul>
            ${SEED_USERS.map(
              (u) => html`<li>
                <strong>${u.username}</strong> <span class="meta">${u.role}${u.locked ? ', locked' : ''}${u.enabled === false ? ', not enabled' : ''}</span>
                ${(u.questions ?? []).map((q) => html`<div class="meta">${q.text} <strong>${q.answer}</strong></div>`)}
              </li>`,
            )}
          </ul>
        </details>
      </section>`;
  }
}

/**
 * Define `<sspr-story-devices>` (idempotent). A call, not an import for its
 * side effect: package.json's `sideEffects` list lets the bundler drop a
 * module imported only for its side effects.
 */
export function defineMockDevices() {
  if (!customElements.get('sspr-story-devices')) customElements.define('sspr-story-devices', StoryMockDevices);
}

declare global {
  interface HTMLElementTagNameMap {
    'sspr-story-devices': StoryMockDevices;
  }
}
