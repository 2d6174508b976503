/**
 * The kit's HTTP client and its record of results: every answer goes through
 * the checks every answer owes (P-21 to P-25, P-32, P-34, P-122, P-123), and
 * every suite records assertions against rule numbers.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  ConfigResponse,
  FlowResponse,
  Challenge,
  VerifyResponse,
  PollResponse,
  PasswordResponse,
  Problem,
  PROBLEM_STATUS,
  REQUEST_ID_PATTERN,
} from '../dist/protocol.js';
import { RULE_BY_ID } from './rules.js';

/**
 * @typedef {object} Answer
 * @property {number} status
 * @property {Headers} headers
 * @property {string} text
 * @property {any} json  the parsed body, or undefined
 * @property {number} ms  time to the full answer
 * @property {string} label  "POST /v1/flows", for messages
 */

/**
 * @typedef {object} CallOptions
 * @property {string} [token]  sent as Authorization: Bearer
 * @property {unknown} [body]  JSON-encoded (POST)
 * @property {string | Uint8Array} [raw]  the body as given
 * @property {string | null} [key]  Idempotency-Key; a fresh one on every POST unless given (null: none)
 * @property {string | null} [contentType]  default application/json on POST (null: none)
 * @property {Record<string, string>} [headers]
 * @property {string} [schema]  name of the 200 answer's schema
 */

/** The 200 answer schemas by name (zod, from the package's own protocol entry). */
const SCHEMAS = { ConfigResponse, FlowResponse, Challenge, VerifyResponse, PollResponse, PasswordResponse };

/** @typedef {{ ok: boolean, message: string }} Assertion */

export class Context {
  /**
   * @param {object} options
   * @param {string} options.baseUrl
   * @param {(line: string) => void} [options.log]
   * @param {number} [options.timeoutMs]
   */
  constructor({ baseUrl, log = () => {}, timeoutMs = 15000 }) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.log = log;
    this.timeoutMs = timeoutMs;
    /** @type {Map<string, Assertion[]>} */
    this.assertions = new Map();
    /** @type {Map<string, string>} */
    this.skips = new Map();
    /** @type {Map<string, string>} request ids seen, with where */
    this.requestIds = new Map();
    /** Every token and code seen, to look for them in URLs (P-33). */
    this.secrets = new Set();
    this.answers = 0;
  }

  /** Record one assertion of a rule. Returns `ok`. */
  check(/** @type {string} */ rule, /** @type {boolean} */ ok, /** @type {string} */ message) {
    if (!RULE_BY_ID.has(rule)) throw new Error(`unknown rule ${rule}`);
    let list = this.assertions.get(rule);
    if (!list) this.assertions.set(rule, (list = []));
    // Keep every failure, and a handful of passes (the report needs counts, not every line).
    list.push({ ok, message });
    return ok;
  }

  /** Why a rule was not checked (shown when it has no assertion). */
  skip(/** @type {string} */ rule, /** @type {string} */ reason) {
    if (!this.skips.has(rule)) this.skips.set(rule, reason);
  }

  /** A fresh Idempotency-Key. */
  key() {
    return `conformance-${randomUUID()}`;
  }

  /** An unknown username, new on every call. */
  unknownName() {
    return `conformance-${randomBytes(6).toString('hex')}@unknown.invalid`;
  }

  /**
   * One request; the answer is checked against the rules every answer owes.
   * @param {string} method
   * @param {string} path
   * @param {CallOptions} [options]
   * @returns {Promise<Answer>}
   */
  async call(method, path, options = {}) {
    const headers = new Headers(options.headers ?? {});
    headers.set('accept', 'application/json, application/problem+json');
    if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
    /** @type {any} */
    let body;
    if (method === 'POST') {
      const key = options.key === undefined ? this.key() : options.key;
      if (key !== null) headers.set('idempotency-key', key);
      const type = options.contentType === undefined ? 'application/json' : options.contentType;
      if (type !== null) headers.set('content-type', type);
      body = options.raw ?? JSON.stringify(options.body ?? {});
    }
    const label = `${method} ${path.replace(/\?.*$/, '')}`;
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    /** @type {Answer} */
    const answer = { status: response.status, headers: response.headers, text, json, ms, label };
    this.checkEveryAnswer(answer, method, options);
    return answer;
  }

  /**
   * P-21 to P-25, P-32, P-34, P-122, P-123 on one answer.
   * @param {Answer} a
   * @param {string} method
   * @param {CallOptions} options
   */
  checkEveryAnswer(a, method, options) {
    this.answers += 1;
    const where = `${a.label} → ${a.status}`;
    const type = (a.headers.get('content-type') ?? '').toLowerCase();
    this.check(
      'P-23',
      /(^|,)\s*no-store\s*(,|$)/i.test(a.headers.get('cache-control') ?? ''),
      `${where}: Cache-Control is "${a.headers.get('cache-control') ?? '(none)'}"`,
    );
    const id = a.headers.get('x-request-id');
    const replayed = a.headers.get('idempotent-replayed') === 'true';
    if (this.check('P-24', id !== null && REQUEST_ID_PATTERN.test(id), `${where}: X-Request-Id "${id ?? '(none)'}"`) && id && !replayed) {
      const earlier = this.requestIds.get(id);
      this.check('P-24', earlier === undefined, `${where}: X-Request-Id ${id} was already the id of ${earlier}`);
      this.requestIds.set(id, where);
    }
    this.check('P-25', (a.headers.get('x-content-type-options') ?? '').toLowerCase() === 'nosniff', `${where}: X-Content-Type-Options`);
    for (const name of ['location', 'content-location', 'link']) {
      const value = a.headers.get(name);
      if (value) for (const s of this.secrets) this.check('P-33', !value.includes(s), `${where}: ${name} carries a secret`);
    }
    if (a.status >= 200 && a.status < 300) {
      if (method === 'DELETE') {
        this.check('P-21', a.status === 204 && a.text === '', `${where}: DELETE answers 204 with no body`);
        return;
      }
      if (!this.check('P-21', a.status === 200, `${where}: a success is 200`)) return;
      this.check('P-21', /^application\/json\s*(;|$)/.test(type), `${where}: Content-Type "${type}" is application/json`);
      if (options.schema) {
        const schema = SCHEMAS[/** @type {keyof typeof SCHEMAS} */ (options.schema)];
        const result = schema.safeParse(a.json);
        this.check(
          'P-21',
          result.success,
          `${where}: the body matches ${options.schema}${result.success ? '' : `: ${summarize(result.error)}`}`,
        );
      }
      return;
    }
    if (a.status < 400) return;
    this.check('P-22', /^application\/problem\+json\s*(;|$)/.test(type), `${where}: Content-Type "${type}" is application/problem+json`);
    const parsed = Problem.safeParse(a.json);
    if (
      !this.check('P-22', parsed.success, `${where}: the body is a problem document${parsed.success ? '' : `: ${summarize(parsed.error)}`}`)
    )
      return;
    const p = a.json;
    const expected = PROBLEM_STATUS[/** @type {keyof typeof PROBLEM_STATUS} */ (p.code)];
    if (expected !== undefined) this.check('P-122', expected === a.status, `${where}: code ${p.code} goes with ${expected}`);
    if (p.status !== undefined)
      this.check('P-122', p.status === a.status, `${where}: the status member ${p.status} equals the HTTP status`);
    this.check('P-123', p.instance === `urn:sspr:request:${id}`, `${where}: instance is urn:sspr:request:<X-Request-Id>`);
    if (a.status === 401) {
      const www = a.headers.get('www-authenticate') ?? '';
      this.check('P-32', /^Bearer\b/i.test(www), `${where}: WWW-Authenticate is "${www || '(none)'}"`);
      if (options.token !== undefined)
        this.check('P-32', /error="invalid_token"/.test(www), `${where}: a request with a token gets error="invalid_token"`);
    }
    const needsWait =
      p.code === 'rate_limited' || p.code === 'request_in_progress' || (p.code === 'locked_out' && p.lockedUntil !== undefined);
    if (needsWait) {
      const header = a.headers.get('retry-after');
      this.check('P-34', header !== null && /^\d+$/.test(header), `${where}: Retry-After "${header ?? '(none)'}" is delta-seconds`);
      this.check(
        'P-34',
        header !== null && Number(header) === p.retryAfter,
        `${where}: Retry-After ${header} equals retryAfter ${p.retryAfter}`,
      );
    }
  }

  /**
   * Assert an answer's status (and problem code); returns whether it matched.
   * @param {string} rule
   * @param {Answer} a
   * @param {number} status
   * @param {string} [code]
   * @param {string} [what]
   */
  expect(rule, a, status, code, what = '') {
    const got = a.status >= 400 ? `${a.status} ${a.json?.code ?? ''}` : `${a.status}`;
    const ok = a.status === status && (code === undefined || a.json?.code === code);
    return this.check(rule, ok, `${what ? `${what}: ` : ''}${a.label} answered ${got.trim()}, expected ${status}${code ? ` ${code}` : ''}`);
  }
}

/** A zod error in one line. */
function summarize(/** @type {any} */ error) {
  return (error?.issues ?? [])
    .slice(0, 3)
    .map((/** @type {any} */ i) => `${(i.path ?? []).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Wait `ms` milliseconds. */
export function sleep(/** @type {number} */ ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
