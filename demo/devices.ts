/**
 * The demo's "Mock devices" panel: what the seed users would see in their
 * inboxes, on their phones and in their authenticator app, read from the mock
 * backend's devices API (`/api/sspr/mock/*`) once a second.
 *
 * Plain DOM only, and text only: every value from the backend goes through
 * `textContent` / text nodes, never through HTML parsing. Items are keyed
 * (users by username, messages by id) and created once, so polling never
 * disturbs focus, an open <details> or a half-typed number.
 */
import type { DeviceUser, OutboxMessage } from '../src/mock/index.js';

/** `GET /mock/state`. */
interface MockState {
  now: number;
  users: DeviceUser[];
  outbox: OutboxMessage[];
}

interface TotpCode {
  code: string;
  secondsLeft: number;
}

export interface DevicesPanelOptions {
  /** The mock backend's base URL, e.g. `/api/sspr`. */
  apiBase: string;
  /** "Use" was pressed for a seed user. */
  onUseUser: (username: string) => void;
  /** Poll interval. Default 1000 ms. */
  pollMs?: number;
}

// ---------------------------------------------------------------- DOM helpers

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | undefined>;

/** Create an element; string children become text nodes (never HTML). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** Text for screen readers only. */
function srOnly(text: string) {
  return h('span', { class: 'visually-hidden' }, text);
}

function button(label: Child[], attrs: Attrs, onClick: (event: MouseEvent) => void) {
  const b = h('button', { type: 'button', ...attrs }, ...label);
  b.addEventListener('click', onClick);
  return b;
}

/** Set text only when it changed (no needless DOM churn every second). */
function setText(node: Node, text: string) {
  if (node.textContent !== text) node.textContent = text;
}

function formatTime(ms: number) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** `123456` → `123 456`, as authenticator apps show it. */
function groupCode(code: string) {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

let uid = 0;
function nextId(prefix: string) {
  return `${prefix}-${++uid}`;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A "Copy" button for a code; says "Copied" for a moment. */
function copyButton(code: string, what: string) {
  const visible = h('span', {}, 'Copy');
  const b = button([visible, srOnly(` ${what} ${code}`)], { class: 'btn btn-small' }, () => {
    void copyText(code).then((ok) => {
      visible.textContent = ok ? 'Copied' : 'Copy failed';
      window.setTimeout(() => (visible.textContent = 'Copy'), 1500);
    });
  });
  return b;
}

function describeError(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

async function postJson(url: string, body: unknown): Promise<{ status?: string; error?: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => ({}))) as { status?: unknown; error?: unknown };
  if (!response.ok) return { error: typeof data.error === 'string' ? data.error : `HTTP ${response.status}` };
  return typeof data.status === 'string' ? { status: data.status } : { error: 'unexpected answer' };
}

// --------------------------------------------------------------------- panel

/** Render the panel into `root` and start polling; returns a stop function. */
export function mountDevicesPanel(root: HTMLElement, options: DevicesPanelOptions): () => void {
  const api = options.apiBase.replace(/\/+$/, '');
  const pollMs = options.pollMs ?? 1000;

  // ---- skeleton
  const live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const connection = h('p', { class: 'devices-connection', role: 'status' }, 'Connecting to the mock backend…');

  const usersBody = h('tbody');
  const usersTable = h(
    'table',
    { class: 'users-table', 'aria-labelledby': 'devices-users' },
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, 'User'), h('th', { scope: 'col' }, 'Role'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Registered methods')),
    ),
    usersBody,
  );

  const inboxList = h('ol', { class: 'message-list', 'aria-labelledby': 'devices-inbox' });
  const inboxEmpty = h('p', { class: 'empty' }, 'No email or text messages yet. Choose email or text in the reset to get a code here.');

  const totpList = h('ul', { class: 'totp-list', 'aria-labelledby': 'devices-app' });
  const pushList = h('ol', { class: 'message-list', 'aria-labelledby': 'devices-push' });
  const pushEmpty = h('p', { class: 'empty' }, 'No notifications. Choose “Approve a notification on my authenticator app” in the reset.');

  const callList = h('ol', { class: 'message-list', 'aria-labelledby': 'devices-calls' });
  const callEmpty = h('p', { class: 'empty' }, 'No calls yet. Choose “Call my mobile phone” or “Call my office phone” in the reset.');

  root.replaceChildren(
    h(
      'header',
      { class: 'devices-header' },
      h('h2', { id: 'devices-title' }, 'Mock devices'),
      h(
        'p',
        { class: 'devices-intro' },
        'What the seed users would see on their phones and in their inboxes. Everything here is fake and lives in the dev server’s memory: restart it to start over.',
      ),
      connection,
    ),
    live,
    h('section', { class: 'panel', 'aria-labelledby': 'devices-users' }, h('h3', { id: 'devices-users' }, 'Seed users'), h('div', { class: 'table-scroll' }, usersTable)),
    h('section', { class: 'panel', 'aria-labelledby': 'devices-inbox' }, h('h3', { id: 'devices-inbox' }, 'Inbox'), inboxEmpty, inboxList),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'devices-app' },
      h('h3', { id: 'devices-app' }, 'Authenticator app'),
      totpList,
      h('h4', { id: 'devices-push' }, 'Notifications'),
      pushEmpty,
      pushList,
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'devices-calls' }, h('h3', { id: 'devices-calls' }, 'Phone calls'), callEmpty, callList),
  );

  // ---- keyed state
  const userRows = new Map<string, { status: HTMLElement; signature: string }>();
  const totpRows = new Map<string, { code: HTMLElement; seconds: HTMLElement; bar: HTMLElement; copy: HTMLElement; last: string }>();
  const messages = new Map<number, HTMLElement>();
  let initialized = false;
  let lastMaxId = 0;
  let connected: boolean | undefined;
  let stopped = false;
  let timer: number | undefined;

  function announce(text: string) {
    // Clear first so the same sentence twice is announced twice.
    live.textContent = '';
    window.setTimeout(() => (live.textContent = text), 50);
  }

  function setConnected(ok: boolean) {
    if (connected === ok) return;
    connected = ok;
    connection.classList.toggle('is-offline', !ok);
    setText(connection, ok ? 'Live: refreshed every second.' : `Can’t reach the mock backend at ${api}/mock. Is the dev server running?`);
  }

  // ---- seed users

  function statusOf(u: DeviceUser): { text: string; tone: string } {
    if (!u.enabled) return { text: 'Not enabled', tone: 'off' };
    if (u.locked) return { text: 'Locked', tone: 'bad' };
    return { text: 'Enabled', tone: 'good' };
  }

  function userSignature(u: DeviceUser) {
    return JSON.stringify([u.displayName, u.role, u.email, u.mobile, u.office, u.authenticator, u.questions]);
  }

  function methodsCell(u: DeviceUser) {
    const list = h('ul', { class: 'methods' });
    const item = (name: string, value: string) =>
      h('li', {}, h('span', { class: 'method-name' }, `${name}: `), h('span', { class: 'method-value' }, value));
    if (u.email) list.append(item('Email', u.email));
    if (u.mobile) list.append(item('Mobile (text, call)', u.mobile));
    if (u.office) list.append(item('Office (call)', u.office));
    if (u.authenticator) list.append(item('Authenticator app', 'notification, code'));
    if (u.questions.length > 0) {
      const qa = h('dl', { class: 'questions' });
      for (const q of u.questions) qa.append(h('dt', {}, q.text), h('dd', {}, q.answer));
      list.append(h('li', {}, h('details', {}, h('summary', {}, `Security questions (${u.questions.length})`), qa)));
    }
    if (!list.firstChild) list.append(h('li', { class: 'muted' }, 'None registered'));
    return list;
  }

  function renderUsers(users: DeviceUser[]) {
    const keys = users.map((u) => u.username).join('\n');
    const known = [...userRows.keys()].join('\n');
    const changed = keys !== known || users.some((u) => userRows.get(u.username)?.signature !== userSignature(u));
    if (changed) {
      userRows.clear();
      usersBody.replaceChildren(
        ...users.map((u) => {
          const status = h('span', { class: 'status' });
          userRows.set(u.username, { status, signature: userSignature(u) });
          const use = button(['Use', srOnly(` ${u.username}`)], { class: 'btn btn-small', title: 'Put this user ID in the reset form' }, () =>
            options.onUseUser(u.username),
          );
          return h(
            'tr',
            {},
            h(
              'th',
              { scope: 'row', class: 'user-cell' },
              h('span', { class: 'user-display' }, u.displayName),
              h('span', { class: 'user-name' }, u.username),
              use,
            ),
            h('td', {}, u.role === 'admin' ? 'Admin' : 'User', u.role === 'admin' ? h('span', { class: 'hint' }, 'needs 2 methods') : null),
            h('td', {}, status),
            h('td', {}, methodsCell(u)),
          );
        }),
      );
    }
    for (const u of users) {
      const row = userRows.get(u.username);
      if (!row) continue;
      const { text, tone } = statusOf(u);
      setText(row.status, text);
      row.status.dataset['tone'] = tone;
    }
  }

  // ---- authenticator codes

  function renderTotpRows(users: DeviceUser[]) {
    const wanted = users.filter((u) => u.authenticator);
    const keys = wanted.map((u) => u.username).join('\n');
    if (keys === [...totpRows.keys()].join('\n')) return;
    totpRows.clear();
    totpList.replaceChildren(
      ...wanted.map((u) => {
        const code = h('span', { class: 'code' }, '••• •••');
        const seconds = h('span', { class: 'seconds' });
        const bar = h('span', { class: 'countdown-bar' });
        const copy = h('span', { class: 'copy-slot' });
        totpRows.set(u.username, { code, seconds, bar, copy, last: '' });
        return h(
          'li',
          { class: 'totp' },
          h('div', { class: 'totp-account' }, h('span', { class: 'totp-org' }, 'Contoso'), h('span', { class: 'user-name' }, u.username)),
          h('div', { class: 'code-row' }, code, copy),
          h('div', { class: 'countdown', 'aria-hidden': 'true' }, bar),
          seconds,
        );
      }),
    );
  }

  async function refreshTotp() {
    await Promise.all(
      [...totpRows.entries()].map(async ([username, row]) => {
        try {
          const response = await fetch(`${api}/mock/totp/${encodeURIComponent(username)}`, { cache: 'no-store' });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const { code, secondsLeft } = (await response.json()) as TotpCode;
          setText(row.code, groupCode(code));
          setText(row.seconds, `Changes in ${secondsLeft} s`);
          row.bar.style.width = `${Math.max(0, Math.min(100, (secondsLeft / 30) * 100))}%`;
          row.bar.classList.toggle('is-low', secondsLeft <= 5);
          if (row.last !== code) {
            row.last = code;
            row.copy.replaceChildren(copyButton(code, 'authenticator code'));
          }
        } catch {
          setText(row.code, '––– –––');
          setText(row.seconds, 'Code unavailable');
        }
      }),
    );
  }

  // ---- messages

  function messageHead(m: OutboxMessage, channel: string, line: string) {
    return h(
      'div',
      { class: 'message-head' },
      h('span', { class: `badge badge-${m.channel}` }, channel),
      h('span', { class: 'message-to' }, line),
      h('time', { datetime: new Date(m.time).toISOString() }, formatTime(m.time)),
    );
  }

  function inboxItem(m: OutboxMessage) {
    const isEmail = m.channel === 'email';
    return h(
      'li',
      { class: `message message-${m.channel}` },
      messageHead(m, isEmail ? 'Email' : 'Text message', `To ${m.to}`),
      m.subject ? h('p', { class: 'message-subject' }, m.subject) : null,
      h('p', { class: 'message-body' }, m.body),
      m.code ? h('div', { class: 'code-row' }, h('span', { class: 'code' }, m.code), copyButton(m.code, 'code')) : null,
    );
  }

  function pushItem(m: OutboxMessage) {
    const inputId = nextId('push-number');
    const errorId = nextId('push-error');
    const input = h('input', {
      id: inputId,
      type: 'text',
      inputmode: 'numeric',
      pattern: '[0-9]*',
      maxlength: '3',
      autocomplete: 'off',
      class: 'number-input',
      'aria-describedby': errorId,
    });
    const error = h('p', { class: 'field-error', id: errorId });
    const result = h('p', { class: 'result', role: 'status' });
    const approve = button(['Approve'], { class: 'btn btn-primary btn-small' }, () => void answer(true));
    const deny = button(['Deny'], { class: 'btn btn-small' }, () => void answer(false));
    const item = h(
      'li',
      { class: 'message message-push' },
      messageHead(m, 'Notification', `For ${m.username}`),
      h('p', { class: 'message-subject' }, 'Contoso: approve sign-in?'),
      h('p', { class: 'message-body' }, m.body),
      h('div', { class: 'field' }, h('label', { for: inputId }, 'Enter the number shown on the sign-in screen'), input, error),
      h('div', { class: 'actions' }, approve, deny),
      result,
    );

    async function answer(approve_: boolean) {
      const typed = input.value.trim();
      const number = /^\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN;
      if (approve_ && Number.isNaN(number)) {
        setText(error, 'Enter the number first.');
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      setText(error, '');
      input.removeAttribute('aria-invalid');
      approve.disabled = deny.disabled = true;
      setText(result, 'Sending…');
      try {
        const answer = await postJson(`${api}/mock/push/${encodeURIComponent(m.challengeId ?? '')}`, {
          approve: approve_,
          number: Number.isNaN(number) ? 0 : number,
        });
        if (answer.error !== undefined) {
          setText(result, `This request is no longer active (${answer.error}).`);
        } else {
          const status = answer.status ?? 'unknown';
          const explain =
            status === 'approved'
              ? 'Approved: the reset continues on its own.'
              : status === 'denied'
                ? approve_
                  ? 'Denied: the number did not match.'
                  : 'Denied.'
                : status === 'expired'
                  ? 'This request expired.'
                  : `Status: ${status}.`;
          setText(result, explain);
        }
        item.classList.add('is-answered');
        input.disabled = true;
      } catch (e) {
        setText(result, `Could not reach the mock backend: ${describeError(e)}`);
        approve.disabled = deny.disabled = false;
      }
    }
    return item;
  }

  function callItem(m: OutboxMessage) {
    const result = h('p', { class: 'result', role: 'status' });
    const press = button(['Press #'], { class: 'btn btn-primary btn-small' }, () => void answer(true));
    const decline = button(['Decline'], { class: 'btn btn-small' }, () => void answer(false));
    const item = h(
      'li',
      { class: 'message message-call' },
      messageHead(m, 'Call', `To ${m.to}`),
      h('p', { class: 'message-subject' }, `Incoming call to ${m.to}`),
      h('p', { class: 'message-body' }, `“${m.body}”`),
      h('div', { class: 'actions' }, press, decline),
      result,
    );

    async function answer(pressHash: boolean) {
      press.disabled = decline.disabled = true;
      setText(result, 'Sending…');
      try {
        const answer = await postJson(`${api}/mock/call/${encodeURIComponent(m.challengeId ?? '')}`, { pressHash });
        if (answer.error !== undefined) {
          setText(result, `This call is no longer active (${answer.error}).`);
        } else {
          const status = answer.status ?? 'unknown';
          const what = pressHash ? 'Answered: you pressed #.' : 'Declined.';
          setText(result, status === 'expired' ? 'The call timed out.' : `${what} Status: ${status}.`);
        }
        item.classList.add('is-answered');
      } catch (e) {
        setText(result, `Could not reach the mock backend: ${describeError(e)}`);
        press.disabled = decline.disabled = false;
      }
    }
    return item;
  }

  function announcement(m: OutboxMessage) {
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

  function resetMessages() {
    messages.clear();
    inboxList.replaceChildren();
    pushList.replaceChildren();
    callList.replaceChildren();
    initialized = false;
  }

  function renderMessages(outbox: OutboxMessage[]) {
    const maxId = outbox.reduce((max, m) => Math.max(max, m.id), 0);
    // The outbox only grows; a smaller one means the dev server restarted.
    if (maxId < lastMaxId) resetMessages();
    lastMaxId = maxId;

    const fresh: string[] = [];
    for (const m of [...outbox].sort((a, b) => a.id - b.id)) {
      if (messages.has(m.id)) continue;
      const item = m.channel === 'push' ? pushItem(m) : m.channel === 'call' ? callItem(m) : inboxItem(m);
      if (initialized) {
        item.classList.add('is-new');
        window.setTimeout(() => item.classList.remove('is-new'), 4000);
      }
      const list = m.channel === 'push' ? pushList : m.channel === 'call' ? callList : inboxList;
      list.prepend(item); // newest first
      messages.set(m.id, item);
      if (initialized) fresh.push(announcement(m));
    }
    initialized = true;
    inboxEmpty.hidden = inboxList.childElementCount > 0;
    pushEmpty.hidden = pushList.childElementCount > 0;
    callEmpty.hidden = callList.childElementCount > 0;
    if (fresh.length > 0) announce(fresh.join('. '));
  }

  // ---- polling

  async function tick() {
    try {
      const response = await fetch(`${api}/mock/state`, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const state = (await response.json()) as MockState;
      renderUsers(state.users);
      renderTotpRows(state.users);
      renderMessages(state.outbox);
      setConnected(true);
      await refreshTotp();
    } catch {
      setConnected(false);
    }
  }

  let polling = false;
  async function loop() {
    if (stopped || polling) return;
    polling = true;
    try {
      // A hidden tab does not poll; it catches up when shown again.
      if (document.visibilityState !== 'hidden') await tick();
    } finally {
      polling = false;
    }
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(() => void loop(), pollMs);
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible' && !stopped) {
      window.clearTimeout(timer);
      void loop();
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  void loop();

  return () => {
    stopped = true;
    window.clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
