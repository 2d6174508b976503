/**
 * The test hook: how the kit reads the codes a backend sends. Either an
 * outbox URL that answers JSON (the mock's `GET /mock/state` is one), or a
 * command the team supplies that prints the latest message for a user.
 * docs/conformance.md documents both shapes.
 * @module
 */
import { execFile } from 'node:child_process';
import { sleep } from './context.js';

/**
 * @typedef {object} Message
 * @property {string} key   what tells this message from an earlier one (its id, else its text)
 * @property {string} code  the one-time code it carries
 */

/** The outbox's name for a method's channel. */
const CHANNELS = { email: ['email'], 'mobile-sms': ['sms', 'mobile-sms'] };

/** A username as the account key (P-91). */
function accountKey(/** @type {string} */ name) {
  return name.trim().normalize('NFKC').toLowerCase();
}

/**
 * The code in a message: its `code` member, else in its text the first run of
 * exactly `length` digits (the challenge's codeLength), else of 4 to 10.
 */
function codeOf(/** @type {any} */ m, length = 6) {
  if (typeof m?.code === 'string' && m.code !== '') return m.code;
  const text = typeof m === 'string' ? m : `${m?.subject ?? ''} ${m?.body ?? m?.text ?? ''}`;
  const runs = text.match(/\d+/g) ?? [];
  return runs.find((r) => r.length === length) ?? runs.find((r) => r.length >= 4 && r.length <= 10);
}

/**
 * @param {object} options
 * @param {string} [options.outboxUrl]
 * @param {string} [options.outboxCommand]
 * @param {Record<string, { email?: string, mobile?: string }>} [options.addresses] by username
 * @param {number} [options.timeoutMs]  how long to wait for a new message
 */
export function createHook({ outboxUrl, outboxCommand, addresses = {}, timeoutMs = 30000 }) {
  if (!outboxUrl && !outboxCommand) return undefined;

  /** The newest message to `username` on `type`'s channel, or undefined. */
  async function latest(/** @type {string} */ username, /** @type {'email' | 'mobile-sms'} */ type, codeLength = 6) {
    if (outboxUrl) {
      const response = await fetch(outboxUrl, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(`outbox ${outboxUrl} answered ${response.status}`);
      const data = await response.json();
      const list = Array.isArray(data)
        ? data
        : Array.isArray(data?.outbox)
          ? data.outbox
          : Array.isArray(data?.messages)
            ? data.messages
            : null;
      if (!list) throw new Error(`outbox ${outboxUrl} answered no "outbox" array (see docs/conformance.md)`);
      const wanted = accountKey(username);
      for (let i = list.length - 1; i >= 0; i--) {
        const m = list[i];
        if (typeof m?.username !== 'string' || accountKey(m.username) !== wanted) continue;
        if (!CHANNELS[type].includes(String(m.channel))) continue;
        const code = codeOf(m, codeLength);
        if (code) return { key: m.id !== undefined ? `id:${m.id}` : JSON.stringify(m), code };
      }
      return undefined;
    }
    const address = type === 'email' ? addresses[username]?.email : addresses[username]?.mobile;
    const stdout = await new Promise((resolve, reject) => {
      execFile(
        '/bin/sh',
        ['-c', /** @type {string} */ (outboxCommand)],
        {
          timeout: timeoutMs,
          env: { ...process.env, SSPR_USERNAME: username, SSPR_CHANNEL: type === 'email' ? 'email' : 'sms', SSPR_ADDRESS: address ?? '' },
        },
        (error, out) => (error ? reject(new Error(`--outbox-command failed: ${error.message}`)) : resolve(out)),
      );
    });
    const text = String(stdout).trim();
    if (text === '') return undefined;
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    const code = codeOf(parsed, codeLength);
    return code ? { key: typeof parsed === 'object' && parsed?.id !== undefined ? `id:${parsed.id}` : text, code } : undefined;
  }

  /**
   * Wait for a message newer than `before` (the latest one before a send).
   * @param {string} username
   * @param {'email' | 'mobile-sms'} type
   * @param {Message | undefined} before
   * @param {number} [codeLength]
   * @returns {Promise<Message>}
   */
  async function next(username, type, before, codeLength = 6) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const m = await latest(username, type, codeLength);
      if (m && m.key !== before?.key) return m;
      if (Date.now() > until) throw new Error(`no new ${type} message for ${username} reached the test hook within ${timeoutMs} ms`);
      await sleep(150);
    }
  }

  return { latest, next };
}
