/**
 * The conformance run: every suite against a live backend, rule by rule.
 * `runConformance(options)` returns one result per rule of rules.js.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Context, sleep } from './context.js';
import { createHook } from './hook.js';
import { RULES } from './rules.js';

/**
 * @typedef {object} TestUser
 * @property {string} username
 * @property {boolean} [admin]  needs 2 gates, never questions (P-48, P-52)
 * @property {'locked_out' | 'not_enabled'} [expect]  what POST /v1/flows answers for this user
 * @property {string} [email]  the full address, to check hints are masked and for --outbox-command
 * @property {string} [mobile]  the full number, likewise
 */

/**
 * @typedef {object} UsersFile
 * @property {TestUser[]} users
 * @property {string} [captchaToken]  a token the backend accepts (test deployments)
 * @property {string} [locale]
 * @property {string} [breachedPassword]  a password the backend refuses as breached
 */

/**
 * @typedef {object} RunOptions
 * @property {string} baseUrl
 * @property {UsersFile} users
 * @property {string} [outboxUrl]
 * @property {string} [outboxCommand]
 * @property {string} [origin]  an allowed origin: check CORS (P-37 to P-42)
 * @property {string} [clockUrl]  POST {advanceMs} moves the backend's clock: expiry checks
 * @property {boolean} [waitExpiry]  wait for real expiry instead (minutes)
 * @property {number} [timingSamples]
 * @property {number} [timingBoundMs]
 * @property {number} [maxWaitSeconds]  the longest real wait (resend cooldown)
 * @property {(line: string) => void} [log]
 */

/**
 * @typedef {object} RuleResult
 * @property {string} id
 * @property {'MUST' | 'SHOULD'} level
 * @property {string} title
 * @property {'pass' | 'fail' | 'warn' | 'skip'} status
 * @property {number} checks  assertions made
 * @property {string[]} failures
 * @property {string} [note]  why skipped, or a figure (timing)
 */

const CODE_TYPES = ['app-code', 'email', 'mobile-sms'];
const SENT_TYPES = ['email', 'mobile-sms'];
const LOCALE = 'en-US';

/**
 * @param {RunOptions} options
 * @returns {Promise<{ results: RuleResult[], durationMs: number, notes: string[] }>}
 */
export async function runConformance(options) {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const ctx = new Context({ baseUrl: options.baseUrl, log });
  const users = options.users.users ?? [];
  const addresses = Object.fromEntries(users.map((u) => [u.username, { email: u.email, mobile: u.mobile }]));
  const hook = createHook({ outboxUrl: options.outboxUrl, outboxCommand: options.outboxCommand, addresses });
  /** @type {string[]} */
  const notes = [];
  /** @type {Record<string, string>} */
  const figures = {};

  const config = await ctx.call('GET', '/v1/config', { schema: 'ConfigResponse' });
  if (config.status !== 200 || !config.json)
    throw new Error(`GET ${options.baseUrl}/v1/config answered ${config.status}; is --base-url right?`);
  ctx.check('P-1', config.json.protocol === 1, `GET /v1/config: protocol is ${JSON.stringify(config.json.protocol)}`);
  const provider = String(config.json.captcha?.provider ?? '');
  const captchaToken = options.users.captchaToken ?? (provider === 'mock' ? 'mock-captcha-pass' : provider === 'none' ? '' : undefined);
  if (captchaToken === undefined) {
    throw new Error(
      `the backend's captcha provider is "${provider}": give a token it accepts as "captchaToken" in the users file (docs/conformance.md)`,
    );
  }
  const locale = options.users.locale ?? LOCALE;
  const resettable = users.filter((u) => !u.expect && !u.admin);
  const startable = users.filter((u) => !u.expect);

  // ---- helpers -------------------------------------------------------------------------------

  /** @param {string} username @param {Partial<import('./context.js').CallOptions>} [o] */
  const start = (username, o = {}) =>
    ctx.call('POST', '/v1/flows', { body: { username, captchaToken, locale }, schema: 'FlowResponse', ...o }).then((a) => {
      if (a.status === 200 && a.json?.flowToken) ctx.secrets.add(a.json.flowToken);
      return a;
    });
  const cancel = (/** @type {string} */ token) => ctx.call('DELETE', '/v1/flows/current', { token });
  const challenge = (/** @type {string} */ token, /** @type {string} */ methodId, o = {}) =>
    ctx.call('POST', '/v1/flows/current/challenges', { token, body: { methodId }, schema: 'Challenge', ...o });
  const path = (/** @type {string} */ id, suffix = '') => `/v1/flows/current/challenges/${encodeURIComponent(id)}${suffix}`;
  const verify = (/** @type {string} */ token, /** @type {string} */ id, /** @type {unknown} */ body, o = {}) =>
    ctx.call('POST', path(id, '/verify'), { token, body, schema: 'VerifyResponse', ...o });
  const resend = (/** @type {string} */ token, /** @type {string} */ id, o = {}) =>
    ctx.call('POST', path(id, '/resend'), { token, body: {}, schema: 'Challenge', ...o });
  const poll = (/** @type {string} */ token, /** @type {string} */ id) => ctx.call('GET', path(id), { token, schema: 'PollResponse' });
  const password = (/** @type {string} */ token, /** @type {string} */ newPassword, o = {}) =>
    ctx.call('POST', '/v1/flows/current/password', { token, body: { newPassword }, schema: 'PasswordResponse', ...o });
  /** An available method of the flow whose type is one of `types`. */
  const methodOf = (/** @type {any} */ flow, /** @type {string[]} */ types) =>
    (flow?.methods ?? []).find((/** @type {any} */ m) => types.includes(m.type) && !m.unavailable);
  const wrongCode = (/** @type {any} */ ch) => '0'.repeat(ch?.codeLength ?? 6);

  /**
   * A decoy flow (an unknown username) whose methods satisfy `wanted`; others are cancelled.
   * @param {(flow: any) => boolean} wanted
   * @returns {Promise<{ name: string, flow: any, answer: import('./context.js').Answer } | undefined>}
   */
  async function findDecoy(wanted, tries = 16) {
    for (let i = 0; i < tries; i++) {
      const name = ctx.unknownName();
      const a = await start(name);
      if (a.status !== 200) continue;
      if (wanted(a.json)) return { name, flow: a.json, answer: a };
      await cancel(a.json.flowToken);
    }
    return undefined;
  }

  /**
   * Run a suite; an unexpected throw fails `rule` instead of the whole run.
   * @param {string} rule
   * @param {string} name
   * @param {() => Promise<unknown>} body
   */
  async function suite(rule, name, body) {
    const t = performance.now();
    try {
      await body();
    } catch (error) {
      ctx.check(rule, false, `${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`  ${name} (${Math.round(performance.now() - t)} ms)`);
  }

  // ---- enumeration helpers (P-116) ------------------------------------------------------------

  const VOLATILE = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'etag', 'age', 'server-timing']);
  /** Header names an answer carries, and the values that must not differ. */
  const headerShape = (/** @type {import('./context.js').Answer} */ a) => {
    const names = [...a.headers.keys()].filter((n) => !VOLATILE.has(n)).sort();
    const fixed = ['content-type', 'cache-control', 'vary'].map((n) => `${n}=${a.headers.get(n) ?? ''}`);
    return `${names.join(',')} ${fixed.join(' ')}`;
  };
  /** The JSON's structure: member names and kinds of values; arrays as the union of their items; `unavailable` is per method. */
  /** @type {(v: any) => string} */
  const skeleton = (v) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const merged = new Set(v.map((x) => skeleton(x)));
      return `[${[...merged].sort().join('|')}]`;
    }
    if (v === null) return 'null';
    if (typeof v === 'object') {
      const keys = Object.keys(v)
        .filter((k) => k !== 'unavailable')
        .sort();
      return `{${keys.map((k) => `${k}:${skeleton(v[k])}`).join(',')}}`;
    }
    if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'num';
    return typeof v;
  };
  /** A hint's structure: letters and digits as `x` and `9`, runs collapsed. */
  const hintKind = (/** @type {string} */ hint) =>
    hint
      .replace(/\p{L}+/gu, 'x')
      .replace(/\p{Nd}+/gu, '9')
      .replace(/(.)\1+/gu, '$1');

  /**
   * The same status, code, header names and JSON structure for a known and an unknown username at one step.
   * @param {string} step
   * @param {import('./context.js').Answer} known
   * @param {import('./context.js').Answer} unknown
   */
  function sameShape(step, known, unknown) {
    const code = (/** @type {any} */ a) => `${a.status} ${a.status >= 400 ? (a.json?.code ?? '') : ''}`.trim();
    ctx.check('P-116', code(known) === code(unknown), `${step}: known → ${code(known)}, unknown → ${code(unknown)}`);
    ctx.check(
      'P-116',
      headerShape(known) === headerShape(unknown),
      `${step}: headers differ: known [${headerShape(known)}], unknown [${headerShape(unknown)}]`,
    );
    const problemMembers = (/** @type {any} */ j) =>
      skeleton(Object.fromEntries(Object.entries(j ?? {}).filter(([k]) => !['detail', 'title', 'instance'].includes(k))));
    const s = (/** @type {any} */ a) => (a.status >= 400 ? problemMembers(a.json) : skeleton(a.json));
    ctx.check('P-116', s(known) === s(unknown), `${step}: body structure differs: known ${s(known)}, unknown ${s(unknown)}`);
  }

  // ---- 1. HTTP basics ---------------------------------------------------------------------------

  log('HTTP basics');
  await suite('P-26', 'routes, methods, media types, sizes, keys', async () => {
    ctx.expect('P-26', await ctx.call('GET', '/v1/conformance-not-a-route'), 404, 'not_found');
    const notServed = await ctx.call('GET', '/v1/flows');
    if (ctx.expect('P-27', notServed, 405, 'method_not_allowed', 'GET on a POST route')) {
      ctx.check(
        'P-27',
        /\bPOST\b/i.test(notServed.headers.get('allow') ?? ''),
        `GET /v1/flows → 405: Allow "${notServed.headers.get('allow') ?? ''}" lists POST`,
      );
    }
    ctx.expect('P-27', await ctx.call('DELETE', '/v1/config'), 405, 'method_not_allowed', 'DELETE on a GET route');
    const body = JSON.stringify({ username: ctx.unknownName(), captchaToken, locale });
    ctx.expect(
      'P-17',
      await ctx.call('POST', '/v1/flows', { raw: body, contentType: 'text/plain' }),
      415,
      'unsupported_media_type',
      'text/plain',
    );
    ctx.expect(
      'P-17',
      await ctx.call('POST', '/v1/flows', { raw: new TextEncoder().encode(body), contentType: null }),
      415,
      'unsupported_media_type',
      'no Content-Type',
    );
    const big = JSON.stringify({ username: ctx.unknownName(), captchaToken, locale, padding: 'x'.repeat(17 * 1024) });
    ctx.expect('P-18', await ctx.call('POST', '/v1/flows', { raw: big }), 413, 'payload_too_large', '17 KiB body');
    ctx.expect('P-103', await ctx.call('POST', '/v1/flows', { raw: body, key: null }), 400, 'invalid_request', 'no Idempotency-Key');
    ctx.expect(
      'P-103',
      await ctx.call('POST', '/v1/flows', { raw: body, key: 'short' }),
      400,
      'invalid_request',
      'Idempotency-Key "short"',
    );
    ctx.expect('P-12', await ctx.call('POST', '/v1/flows', { raw: '{"username":' }), 400, 'invalid_request', 'a body that is not JSON');
    const surrogate = `{"username":"\\ud800${ctx.unknownName()}","captchaToken":${JSON.stringify(captchaToken)},"locale":"en-US"}`;
    ctx.expect('P-13', await ctx.call('POST', '/v1/flows', { raw: surrogate }), 400, 'invalid_request', 'a lone surrogate');
    ctx.expect(
      'P-13',
      await ctx.call('POST', '/v1/flows', { raw: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]) }),
      400,
      'invalid_request',
      'bytes that are not UTF-8',
    );
    const extra = await ctx.call('POST', '/v1/flows', {
      body: { username: ctx.unknownName(), captchaToken, locale, conformanceExtra: { future: true } },
      schema: 'FlowResponse',
    });
    ctx.check('P-4', extra.status !== 400, `POST /v1/flows with an unknown member answered ${extra.status} ${extra.json?.code ?? ''}`);
    if (extra.status === 200) await cancel(extra.json.flowToken);
  });

  await suite('P-31', 'the flow token', async () => {
    ctx.expect(
      'P-31',
      await ctx.call('POST', '/v1/flows/current/challenges', { body: { methodId: 'email' } }),
      401,
      'flow_expired',
      'no token',
    );
    ctx.expect('P-31', await challenge(randomBytes(32).toString('base64url'), 'email'), 401, 'flow_expired', 'an unknown token');
    ctx.expect('P-31', await cancel(randomBytes(32).toString('base64url')), 401, 'flow_expired', 'DELETE with an unknown token');
    // P-29: a live token in the query string or a cookie, and none in Authorization, opens nothing.
    const d = await findDecoy((f) => (f.methods ?? []).length > 0);
    if (!d) return ctx.skip('P-29', 'no unknown username got a flow');
    const token = d.flow.flowToken;
    const another = await findDecoy(() => true);
    const tokens = [token, another?.flow.flowToken].filter(Boolean);
    ctx.check('P-30', new Set(tokens).size === tokens.length, 'two flows got the same token');
    for (const t of tokens) {
      ctx.check('P-30', /^[A-Za-z0-9\-._~+/]+=*$/.test(t), `flowToken "${t}" is not RFC 6750 b64token`);
      ctx.check('P-30', t.replace(/=+$/, '').length >= 22, `flowToken "${t}" is shorter than 128 bits in base64`);
    }
    if (another) await cancel(another.flow.flowToken);
    const methodId = d.flow.methods[0].id;
    const q = encodeURIComponent(token);
    for (const name of ['access_token', 'token', 'flowToken']) {
      const a = await ctx.call('POST', `/v1/flows/current/challenges?${name}=${q}`, { body: { methodId } });
      ctx.expect('P-29', a, 401, 'flow_expired', `the token in the query string (?${name}=)`);
    }
    const viaCookie = await ctx.call('POST', '/v1/flows/current/challenges', {
      body: { methodId },
      headers: { cookie: `access_token=${token}; flowToken=${token}` },
    });
    ctx.expect('P-29', viaCookie, 401, 'flow_expired', 'the token in a cookie');
    ctx.expect('P-31', await cancel(token), 204, undefined, 'DELETE /v1/flows/current with the token');
    ctx.expect('P-31', await challenge(token, methodId), 401, 'flow_expired', 'the token after DELETE');
  });

  await suite('P-139', 'captcha', async () => {
    const first = await ctx.call('GET', '/v1/captcha/challenge');
    if (provider === 'altcha') {
      const second = await ctx.call('GET', '/v1/captcha/challenge');
      ctx.check(
        'P-139',
        first.status === 200 && second.status === 200,
        `altcha: GET /v1/captcha/challenge answered ${first.status}, ${second.status}`,
      );
      ctx.check('P-139', first.text !== second.text, 'altcha: two calls give two different challenges');
    } else {
      ctx.expect('P-139', first, 404, 'not_found', `captcha provider "${provider}"`);
    }
    if (provider === 'none') {
      ctx.skip('P-121', 'the captcha provider is "none"');
    } else if (startable[0]) {
      const bad = 'conformance-refused-captcha-token';
      const known = await start(startable[0].username, { body: { username: startable[0].username, captchaToken: bad, locale } });
      const unknown = await start(ctx.unknownName(), { body: { username: ctx.unknownName(), captchaToken: bad, locale } });
      ctx.expect('P-121', known, 400, 'captcha_failed', 'a refused captcha token, known username');
      ctx.expect('P-121', unknown, 400, 'captcha_failed', 'a refused captcha token, unknown username');
    }
  });

  const policy = config.json.passwordPolicy ?? {};
  ctx.check('P-93', policy.minLength >= 8, `config: passwordPolicy.minLength ${policy.minLength} ≥ 8`);
  ctx.check('P-93', policy.maxLength >= 64, `config: passwordPolicy.maxLength ${policy.maxLength} ≥ 64`);

  // ---- 2. enumeration at the flow start, by shape and by time (alone: no other load) ----------

  log('Enumeration at the flow start (shape and time)');
  const knownStarts = startable.filter((u) => !u.expect);
  await suite('P-119', 'flow starts, known and unknown', async () => {
    if (knownStarts.length === 0) {
      ctx.skip('P-119', 'no test user that can start a flow');
      ctx.skip('P-116', 'no test user that can start a flow');
      return;
    }
    const samples = options.timingSamples ?? 12;
    /** @type {number[]} */ const knownMs = [];
    /** @type {number[]} */ const unknownMs = [];
    const allowed = new Set();
    const knownSkeletons = new Set();
    const knownHeaders = new Set();
    /** @type {Map<string, Set<string>>} */ const hintKinds = new Map();
    for (const u of users) {
      if (!u.expect) continue;
      const a = await start(u.username);
      allowed.add(`${a.status} ${a.json?.code ?? ''}`);
    }
    // Warm up both paths once (connections, caches), then interleave.
    for (const name of [knownStarts[0].username, ctx.unknownName()]) {
      const a = await start(name);
      if (a.status === 200) await cancel(a.json.flowToken);
    }
    for (let i = 0; i < samples; i++) {
      const u = knownStarts[i % knownStarts.length];
      const known = await start(u.username);
      if (known.status === 200) await cancel(known.json.flowToken);
      if (known.status === 429) break; // the account's start limit: enough samples
      knownMs.push(known.ms);
      allowed.add(`${known.status} ${known.json?.code ?? ''}`);
      if (known.status === 200) {
        knownSkeletons.add(skeleton(known.json));
        knownHeaders.add(headerShape(known));
        for (const m of known.json.methods) {
          if (!hintKinds.has(m.type)) hintKinds.set(m.type, new Set());
          hintKinds.get(m.type)?.add(hintKind(m.hint));
          checkHint(u, m);
        }
        ctx.check(
          'P-48',
          !u.admin || known.json.gatesRequired === 2,
          `${u.username} (administrator) needs ${known.json.gatesRequired} gates`,
        );
        const q = known.json.methods.find((/** @type {any} */ m) => m.type === 'questions');
        if (u.admin) ctx.check('P-52', !q || !!q.unavailable, `${u.username} (administrator) is offered security questions`);
        if (known.json.gatesRequired === 1 && q) ctx.check('P-53', !!q.unavailable, `${u.username}: questions offered alone with one gate`);
      }
      const unknownName = ctx.unknownName();
      const unknown = await start(unknownName);
      unknownMs.push(unknown.ms);
      if (unknown.status === 200) await cancel(unknown.json.flowToken);
      const got = `${unknown.status} ${unknown.json?.code ?? ''}`;
      ctx.check(
        'P-116',
        allowed.has(got) || unknown.status === 200,
        `unknown username ${unknownName} → ${got.trim()}, which no test user gets`,
      );
      if (unknown.status === 200) {
        ctx.check(
          'P-116',
          knownSkeletons.size === 0 || knownSkeletons.has(skeleton(unknown.json)),
          `POST /v1/flows: an unknown username's answer has another structure: ${skeleton(unknown.json)}`,
        );
        ctx.check(
          'P-116',
          knownHeaders.size === 0 || knownHeaders.has(headerShape(unknown)),
          `POST /v1/flows: an unknown username's headers differ: ${headerShape(unknown)}`,
        );
        for (const m of unknown.json.methods) {
          const kinds = hintKinds.get(m.type);
          if (kinds)
            ctx.check(
              'P-116',
              kinds.has(hintKind(m.hint)),
              `POST /v1/flows: an unknown username's ${m.type} hint "${m.hint}" is shaped unlike a real one (${[...kinds].join(', ')})`,
            );
        }
      }
    }
    ctx.skip('P-53', 'no test user needs only one gate');
    const bound = options.timingBoundMs ?? 30;
    if (knownMs.length < 5) {
      ctx.skip('P-119', `only ${knownMs.length} known samples (the start limit was reached)`);
      return;
    }
    // Samples are taken in pairs (known, then unknown), so the median of the pairs' differences
    // cancels a load that drifts during the run.
    const pairs = knownMs.map((k, i) => k - (unknownMs[i] ?? k));
    const diff = median(pairs);
    const figure = `known − unknown: median ${diff.toFixed(1)} ms over ${pairs.length} pairs (known ${median(knownMs).toFixed(1)} ms, unknown ${median(unknownMs).toFixed(1)} ms); bound ${bound} ms`;
    figures['P-119'] = figure;
    ctx.check('P-119', Math.abs(diff) <= bound, `POST /v1/flows: ${figure}`);
  });

  /** P-64: a hint is never the full address or number. */
  function checkHint(/** @type {TestUser} */ u, /** @type {any} */ m) {
    const hint = String(m.hint ?? '');
    for (const full of [u.email, u.mobile])
      if (full) ctx.check('P-64', !hint.includes(full), `${u.username}: ${m.type} hint "${hint}" shows the full value`);
    if (/sms|call/.test(m.type))
      ctx.check('P-64', (hint.match(/\d/g) ?? []).length <= 6, `${u.username}: ${m.type} hint "${hint}" shows too many digits`);
  }

  // ---- 3. the suites, side by side ----------------------------------------------------------------

  log('Suites');
  /** The limit of attempts per challenge, learned by the attempts suite. */
  let attemptLimit = 0;
  /** A new password set for the first resettable user, for recently_used. */
  let setPassword = '';

  const sentType = (/** @type {any} */ flow, /** @type {string[]} */ avoid = []) =>
    methodOf(
      flow,
      SENT_TYPES.filter((t) => !avoid.includes(t)),
    );

  const knownMain = async () => {
    const u = resettable[0];
    if (!u || !hook) {
      for (const r of ['P-61', 'P-51', 'P-78', 'P-98', 'P-99', 'P-63'])
        ctx.skip(r, !u ? 'no resettable test user' : 'no test hook (--outbox-url or --outbox-command)');
      return;
    }
    const flowA = await start(u.username);
    if (!ctx.expect('P-21', flowA, 200, undefined, `flow for ${u.username}`)) return;
    const tokenA = flowA.json.flowToken;
    const m = sentType(flowA.json);
    if (!m) {
      ctx.skip('P-61', `${u.username} has no email or SMS method`);
      return;
    }
    const decoy = await findDecoy((f) => !!methodOf(f, [m.type]));
    const before = await hook.latest(u.username, m.type);
    const chA = await challenge(tokenA, m.id);
    if (!ctx.expect('P-21', chA, 200, undefined, `${m.type} challenge for ${u.username}`)) return;
    const id = chA.json.challengeId;
    const chD = decoy ? await challenge(decoy.flow.flowToken, methodOf(decoy.flow, [m.type]).id) : undefined;
    if (chD) sameShape(`${m.type} challenge start`, chA, chD);
    checkChallenge(chA.json, flowA.json);
    // P-78, at once (before the test hook, which may be slow): the cooldown holds against a resend,
    // a new challenge and a new flow.
    if ((chA.json.resendAfter ?? 0) > 0) {
      const again = await resend(tokenA, id);
      if (ctx.expect('P-78', again, 429, 'rate_limited', 'a resend at once')) {
        ctx.check(
          'P-78',
          again.json.retryAfter <= chA.json.resendAfter + 1,
          `resend at once: retryAfter ${again.json.retryAfter} ≤ resendAfter ${chA.json.resendAfter}`,
        );
      }
      if (chD) {
        const againD = await resend(/** @type {any} */ (decoy).flow.flowToken, chD.json.challengeId);
        sameShape('a resend at once', again, againD);
        ctx.expect('P-80', againD, 429, 'rate_limited', 'unknown username: a resend at once');
      }
      ctx.expect('P-78', await challenge(tokenA, m.id), 429, 'rate_limited', 'a new challenge on the same channel at once');
      const flowB = await start(u.username);
      if (flowB.status === 200) {
        ctx.expect('P-78', await challenge(flowB.json.flowToken, m.id), 429, 'rate_limited', 'a new flow, then the same channel at once');
        await cancel(flowB.json.flowToken);
      }
    } else {
      ctx.skip('P-78', `${m.type} challenge has no resendAfter`);
    }

    const message = await hook.next(u.username, m.type, before, chA.json.codeLength);
    ctx.secrets.add(message.code);
    ctx.check('P-33', !id.includes(message.code) && !id.includes(tokenA), `challengeId ${id} carries the code or the token`);

    // Before every gate: the password is refused alike.
    const early = await password(tokenA, strongPassword());
    ctx.expect('P-51', early, 400, 'invalid_request', 'a password before every gate');
    if (decoy) sameShape('a password before every gate', early, await password(decoy.flow.flowToken, strongPassword()));

    // A wrong code of the wrong length is a wrong attempt (P-71); a wrong form takes none (P-69).
    const wrong = await verify(tokenA, id, { code: '12' });
    ctx.expect('P-71', wrong, 200, undefined, 'a 2-digit code');
    ctx.check('P-71', wrong.json?.result === 'rejected', `a 2-digit code: result ${wrong.json?.result}`);
    if (chD && decoy) sameShape('a wrong code', wrong, await verify(decoy.flow.flowToken, chD.json.challengeId, { code: '12' }));
    ctx.expect(
      'P-69',
      await verify(tokenA, id, { answers: [{ questionId: 'q1', answer: 'x' }] }),
      400,
      'invalid_request',
      'answers to a code challenge',
    );

    const key = ctx.key();
    const right = await verify(tokenA, id, { code: message.code }, { key });
    if (!ctx.expect('P-61', right, 200, undefined, 'the right code') || right.json.result !== 'verified') {
      ctx.check('P-61', false, `the code from the test hook was ${right.json?.result ?? right.status}`);
      return;
    }
    ctx.check(
      'P-69',
      right.json.attemptsRemaining === wrong.json.attemptsRemaining - 1,
      `attemptsRemaining ${wrong.json.attemptsRemaining} → ${right.json.attemptsRemaining} around a verify of the wrong form`,
    );
    ctx.check('P-70', right.json.attemptsRemaining === wrong.json.attemptsRemaining - 1, 'attemptsRemaining counts down by one');
    const replay = await verify(tokenA, id, { code: message.code }, { key });
    checkReplay('verify', right, replay);
    ctx.expect('P-61', await verify(tokenA, id, { code: message.code }), 409, 'method_unavailable', 'the same code again');
    if (right.json.next === 'gate') {
      // A second gate: never of the family just passed (P-49), then the other code channel.
      ctx.expect('P-49', await challenge(tokenA, m.id), 409, 'method_unavailable', 'a second gate of the family just passed');
      const m2 = sentType(flowA.json, [m.type]);
      if (!m2) {
        ctx.skip('P-98', `${u.username} needs two gates and has one code channel the test hook reads`);
        return;
      }
      const beforeGate2 = await hook.latest(u.username, m2.type);
      const c2 = await challenge(tokenA, m2.id);
      if (!ctx.expect('P-21', c2, 200, undefined, `${m2.type} challenge for the second gate`)) return;
      const msg = await hook.next(u.username, m2.type, beforeGate2, c2.json.codeLength);
      ctx.secrets.add(msg.code);
      const second = await verify(tokenA, c2.json.challengeId, { code: msg.code });
      ctx.check('P-21', second.json?.next === 'password', `the second gate answered ${second.status} ${second.json?.next ?? ''}`);
    } else if (right.json.next !== 'password') {
      ctx.skip('P-98', `${u.username}: the verified gate answered next "${right.json.next}"`);
      return;
    }
    ctx.expect('P-61', await resend(tokenA, id), 409, 'method_unavailable', 'a resend of a verified challenge');
    ctx.expect('P-51', await challenge(tokenA, m.id), 409, 'method_unavailable', 'a challenge after every gate');

    // Password rules (P-98, P-99, P-101).
    const p = flowA.json.passwordPolicy;
    const reasons = async (/** @type {string} */ pw, /** @type {string} */ what) => {
      const a = await password(tokenA, pw);
      ctx.expect('P-98', a, 422, 'password_rejected', what);
      return /** @type {any[]} */ (a.json?.reasons ?? []);
    };
    const hasReason = (/** @type {any[]} */ rs, /** @type {string} */ code, /** @type {number | undefined} */ limit = undefined) => {
      const r = rs.find((x) => x.code === code);
      return { found: !!r, limit: r?.limit, okLimit: limit === undefined || r?.limit === limit };
    };
    const short = await reasons(randomLetters(p.minLength - 1), `${p.minLength - 1} characters`);
    const s = hasReason(short, 'too_short', p.minLength);
    ctx.check('P-98', s.found, `${p.minLength - 1} characters: reasons ${JSON.stringify(short)} lack too_short`);
    if (s.found) ctx.check('P-101', s.okLimit, `too_short carries limit ${s.limit}, not minLength ${p.minLength}`);
    if (p.maxLength < 1024) {
      const long = await reasons(randomLetters(p.maxLength + 1), `${p.maxLength + 1} characters`);
      const l = hasReason(long, 'too_long', p.maxLength);
      ctx.check('P-98', l.found, `${p.maxLength + 1} characters: reasons ${JSON.stringify(long)} lack too_long`);
      if (l.found) ctx.check('P-101', l.okLimit, `too_long carries limit ${l.limit}, not maxLength ${p.maxLength}`);
    }
    const local = u.username.split('@')[0].trim().toLowerCase();
    if (p.disallowUsername && local.length >= 3) {
      const rs = await reasons(`${local.toUpperCase()}-${strongPassword()}`, 'a password with the username');
      ctx.check(
        'P-98',
        hasReason(rs, 'contains_username').found,
        `a password with "${local}" in it: reasons ${JSON.stringify(rs)} lack contains_username`,
      );
    }
    if (p.minClasses > 1) {
      const rs = await reasons(randomLetters(Math.max(p.minLength, 16)).toLowerCase(), 'lower-case letters only');
      const c = hasReason(rs, 'complexity', p.minClasses);
      ctx.check('P-98', c.found, `lower-case letters only: reasons ${JSON.stringify(rs)} lack complexity`);
      if (c.found) ctx.check('P-101', c.okLimit, `complexity carries limit ${c.limit}, not minClasses ${p.minClasses}`);
    }
    const breached =
      options.users.breachedPassword ??
      ['password', '12345678', 'password123', 'qwertyuiop', '1234567890', 'passwordpassword'].find(
        (x) => x.length >= p.minLength && x.length <= p.maxLength,
      );
    if (breached) {
      const rs = await reasons(breached, `the breached password "${breached}"`);
      ctx.check('P-99', hasReason(rs, 'breached').found, `"${breached}": reasons ${JSON.stringify(rs)} lack breached`);
    }
    const newPassword = strongPassword();
    const pwKey = ctx.key();
    const done = await password(tokenA, newPassword, { key: pwKey });
    if (ctx.expect('P-98', done, 200, undefined, 'a password that meets the policy')) {
      setPassword = newPassword;
      for (const n of done.json.notified ?? []) {
        if (n.hint)
          for (const full of [u.email, u.mobile])
            if (full) ctx.check('P-102', !n.hint.includes(full), `notified hint "${n.hint}" shows the full value`);
      }
      ctx.check('P-102', Array.isArray(done.json.notified), 'notified is a list');
    }
    checkReplay('password', done, await password(tokenA, newPassword, { key: pwKey }));
    ctx.expect('P-31', await challenge(tokenA, m.id), 401, 'flow_expired', 'the token after the reset');
    if (decoy) await cancel(decoy.flow.flowToken);

    // recently_used, with the user's other code channel (its cooldown is its own).
    const flowC = await start(u.username);
    if (flowC.status !== 200) return;
    const m2 = sentType(flowC.json, [m.type]);
    if (!m2 || !setPassword) {
      ctx.skip('P-99', `recently_used needs a user with both email and SMS (${u.username} has one)`);
      await cancel(flowC.json.flowToken);
      return;
    }
    const before2 = await hook.latest(u.username, m2.type);
    const ch2 = await challenge(flowC.json.flowToken, m2.id);
    if (ch2.status !== 200) {
      // Two gates used both channels a moment ago: the cooldown holds (P-78), recently_used waits for another run.
      await cancel(flowC.json.flowToken);
      return;
    }
    const msg2 = await hook.next(u.username, m2.type, before2, ch2.json.codeLength);
    ctx.secrets.add(msg2.code);
    const old = await verify(flowC.json.flowToken, ch2.json.challengeId, { code: message.code });
    ctx.check('P-61', old.json?.result === 'rejected', `the code of another flow's challenge: ${old.json?.result ?? old.status}`);
    const ok2 = await verify(flowC.json.flowToken, ch2.json.challengeId, { code: msg2.code });
    if (ok2.json?.next === 'password') {
      const again = await password(flowC.json.flowToken, setPassword);
      ctx.expect('P-99', again, 422, 'password_rejected', 'the password just set');
      ctx.check(
        'P-99',
        (again.json?.reasons ?? []).some((/** @type {any} */ r) => r.code === 'recently_used'),
        `the password just set: reasons ${JSON.stringify(again.json?.reasons)} lack recently_used`,
      );
    }
    ctx.expect('P-21', await cancel(flowC.json.flowToken), 204, undefined, 'DELETE /v1/flows/current');
  };

  /** P-59, P-97: a challenge's lifetime and code length. */
  function checkChallenge(/** @type {any} */ ch, /** @type {any} */ flow) {
    ctx.check(
      'P-59',
      Date.parse(ch.expiresAt) <= Date.parse(flow.expiresAt),
      `challenge expiresAt ${ch.expiresAt} is after the flow's ${flow.expiresAt}`,
    );
    if (SENT_TYPES.includes(ch.type)) {
      ctx.check('P-97', (ch.codeLength ?? 6) >= 6, `${ch.type} codeLength ${ch.codeLength}`);
      const life = (Date.parse(ch.expiresAt) - Date.now()) / 1000;
      ctx.check('P-97', life <= 600 + 5, `${ch.type} code lives ${Math.round(life)} s (at most 600)`);
    }
  }

  /**
   * P-110: a repeat answered with the kept answer.
   * @param {string} what
   * @param {import('./context.js').Answer} first
   * @param {import('./context.js').Answer} again
   */
  function checkReplay(what, first, again) {
    ctx.check('P-110', again.status === first.status, `${what} repeated with its key: status ${first.status} then ${again.status}`);
    ctx.check('P-110', again.text === first.text, `${what} repeated with its key: another body`);
    ctx.check(
      'P-110',
      again.headers.get('x-request-id') === first.headers.get('x-request-id'),
      `${what} repeated with its key: another X-Request-Id`,
    );
    ctx.check('P-110', again.headers.get('idempotent-replayed') === 'true', `${what} repeated with its key: no Idempotent-Replayed: true`);
  }

  const resendSuite = async () => {
    const u = resettable[1];
    if (!u || !hook) {
      ctx.skip('P-63', !u ? 'needs a second resettable test user' : 'no test hook');
      return;
    }
    const flow = await start(u.username);
    if (!ctx.expect('P-63', flow, 200, undefined, `flow for ${u.username}`)) return;
    const token = flow.json.flowToken;
    const m = sentType(flow.json);
    if (!m) {
      ctx.skip('P-63', `${u.username} has no email or SMS method`);
      return cancel(token);
    }
    const before = await hook.latest(u.username, m.type);
    const ch = await challenge(token, m.id);
    if (!ctx.expect('P-63', ch, 200, undefined, `${m.type} challenge for ${u.username}`)) return cancel(token);
    checkChallenge(ch.json, flow.json);
    const m1 = await hook.next(u.username, m.type, before, ch.json.codeLength);
    ctx.secrets.add(m1.code);
    const id = ch.json.challengeId;
    // Bound to the flow: another flow's token does not reach this challenge.
    const other = await findDecoy(() => true);
    if (other) {
      ctx.expect(
        'P-33',
        await verify(other.flow.flowToken, id, { code: m1.code }),
        404,
        'not_found',
        'this challenge with another flow’s token',
      );
      await cancel(other.flow.flowToken);
    }
    const wait = ch.json.resendAfter ?? 0;
    if (wait > (options.maxWaitSeconds ?? 45)) {
      ctx.skip('P-63', `the resend cooldown (${wait} s) is longer than --max-wait`);
      return cancel(token);
    }
    const wrong = await verify(token, id, { code: wrongCode(ch.json) });
    await sleep(wait * 1000 + 600);
    const key = ctx.key();
    const again = await resend(token, id, { key });
    if (!ctx.expect('P-63', again, 200, undefined, `a resend after ${wait} s`)) return cancel(token);
    const m2 = await hook.next(u.username, m.type, m1, ch.json.codeLength);
    ctx.secrets.add(m2.code);
    checkReplay('resend', again, await resend(token, id, { key }));
    await sleep(300);
    const latest = await hook.latest(u.username, m.type, ch.json.codeLength);
    ctx.check('P-110', latest?.key === m2.key, 'a repeated resend sent another message');
    const old = await verify(token, id, { code: m1.code });
    ctx.check('P-63', old.json?.result === 'rejected', `the code sent before the resend: ${old.json?.result ?? old.status}`);
    ctx.check(
      'P-63',
      old.json?.attemptsRemaining === wrong.json?.attemptsRemaining - 1,
      `attemptsRemaining ${wrong.json?.attemptsRemaining} before the resend, ${old.json?.attemptsRemaining} after one more attempt`,
    );
    const fresh = await verify(token, id, { code: m2.code });
    ctx.check('P-63', fresh.json?.result === 'verified', `the new code: ${fresh.json?.result ?? fresh.status}`);
    ctx.expect('P-61', await verify(token, id, { code: m2.code }), 409, 'method_unavailable', 'the new code again');
    ctx.expect('P-21', await cancel(token), 204, undefined, 'DELETE /v1/flows/current');
    ctx.expect('P-31', await cancel(token), 401, 'flow_expired', 'the token after DELETE');
  };

  const attemptsSuite = async () => {
    const d = (await findDecoy((f) => !!methodOf(f, ['app-code']))) ?? (await findDecoy((f) => !!methodOf(f, CODE_TYPES)));
    if (!d) return ctx.skip('P-68', 'no unknown username got a code method');
    const token = d.flow.flowToken;
    const m = methodOf(d.flow, ['app-code']) ?? methodOf(d.flow, CODE_TYPES);
    const ch = await challenge(token, m.id);
    if (!ctx.expect('P-68', ch, 200, undefined, `${m.type} challenge`)) return;
    const id = ch.json.challengeId;
    ctx.expect('P-65', await poll(token, id), 400, 'invalid_request', 'polling a code challenge');
    const first = await verify(token, id, { code: wrongCode(ch.json) });
    if (!ctx.expect('P-68', first, 200, undefined, 'a wrong code')) return;
    ctx.expect(
      'P-69',
      await verify(token, id, { answers: [{ questionId: 'q1', answer: 'x' }] }),
      400,
      'invalid_request',
      'answers to a code challenge',
    );
    let previous = first.json.attemptsRemaining;
    let taken = 1;
    const cap = 20;
    let limited = false;
    while (taken < cap) {
      const a = await verify(token, id, { code: wrongCode(ch.json) });
      if (a.status === 429) {
        limited = ctx.expect('P-68', a, 429, 'too_many_attempts', `attempt ${taken + 1}`);
        ctx.check('P-68', a.json?.attemptsRemaining === 0, `too_many_attempts carries attemptsRemaining ${a.json?.attemptsRemaining}`);
        ctx.check('P-70', previous === 0, `too_many_attempts after attemptsRemaining ${previous}`);
        break;
      }
      if (!ctx.expect('P-68', a, 200, undefined, `attempt ${taken + 1}`)) break;
      if (taken === 1)
        ctx.check(
          'P-69',
          a.json.attemptsRemaining === previous - 1,
          `attemptsRemaining ${previous} → ${a.json.attemptsRemaining} around a verify of the wrong form`,
        );
      ctx.check('P-70', a.json.attemptsRemaining === previous - 1, `attemptsRemaining ${previous} → ${a.json.attemptsRemaining}`);
      previous = a.json.attemptsRemaining;
      taken += 1;
    }
    ctx.check('P-68', limited, `${taken} wrong attempts at one challenge and no too_many_attempts`);
    if (limited) attemptLimit = taken;
    figures['P-68'] = limited ? `${taken} attempts per challenge` : `no limit within ${cap}`;

    // P-84: the flow's own limit, across challenges (app-code: no cooldown between them).
    if (m.type !== 'app-code') {
      ctx.skip('P-84', 'needs an unknown username offered app-code');
      return cancel(token);
    }
    let flowTaken = taken;
    let ended = false;
    for (let round = 0; round < 8 && !ended && flowTaken < 40; round++) {
      const next = await challenge(token, m.id);
      if (next.status === 401) {
        ended = true;
        break;
      }
      if (next.status !== 200) break;
      for (let i = 0; i < cap; i++) {
        const a = await verify(token, next.json.challengeId, { code: '000000' });
        if (a.status === 401) {
          ended = true;
          break;
        }
        if (a.status !== 200) break;
        flowTaken += 1;
      }
    }
    if (!ended) ended = (await poll(token, 'conformance-x')).status === 401;
    ctx.check('P-84', ended, `the flow took ${flowTaken} wrong attempts and lives on`);
    figures['P-84'] = ended ? `flow ended after ${flowTaken} attempts` : `no end after ${flowTaken}`;
  };

  const concurrencySuite = async () => {
    const d = await findDecoy((f) => !!methodOf(f, CODE_TYPES));
    if (!d) return;
    const token = d.flow.flowToken;
    const m = methodOf(d.flow, ['app-code']) ?? methodOf(d.flow, CODE_TYPES);
    const ch = await challenge(token, m.id);
    if (ch.status !== 200) return;
    const limit = attemptLimit || 5;
    const n = Math.max(12, limit * 3);
    const answers = await Promise.all(Array.from({ length: n }, () => verify(token, ch.json.challengeId, { code: wrongCode(ch.json) })));
    const evaluated = answers.filter((a) => a.status === 200).length;
    ctx.check(
      'P-68',
      attemptLimit > 0 && evaluated <= attemptLimit,
      `${n} verifies at once: ${evaluated} evaluated (limit ${attemptLimit || 'unknown'})`,
    );
    for (const a of answers) if (a.status !== 200) ctx.expect('P-68', a, 429, 'too_many_attempts', 'a verify at once beyond the limit');
    figures['P-68 concurrent'] = `${n} at once, ${evaluated} evaluated`;
    await cancel(token);
  };

  const limitsSuite = async () => {
    // P-76 / P-80: flow starts of one (unknown) account.
    const name = ctx.unknownName();
    let refused;
    for (let i = 0; i < 30 && !refused; i++) {
      const a = await start(name);
      if (a.status === 200) await cancel(a.json.flowToken);
      else if (a.status === 429) refused = a;
    }
    ctx.check('P-76', !!refused && refused.json?.code === 'rate_limited', `30 flow starts for one username and no rate_limited`);
    ctx.check('P-80', !!refused, 'an unknown username’s flow starts are limited');
    // P-77: challenge starts per flow (app-code sends nothing: no cooldown).
    const d = await findDecoy((f) => !!methodOf(f, ['app-code']));
    if (!d) return ctx.skip('P-77', 'needs an unknown username offered app-code');
    // P-60: a replaced challenge neither verifies nor is resent.
    const c1 = await challenge(d.flow.flowToken, methodOf(d.flow, ['app-code']).id);
    const c2 = await challenge(d.flow.flowToken, methodOf(d.flow, ['app-code']).id);
    if (c1.status === 200 && c2.status === 200) {
      ctx.expect(
        'P-60',
        await verify(d.flow.flowToken, c1.json.challengeId, { code: '000000' }),
        410,
        'challenge_expired',
        'a verify of a replaced challenge',
      );
      ctx.expect(
        'P-60',
        await resend(d.flow.flowToken, c1.json.challengeId),
        409,
        'method_unavailable',
        'a resend of a replaced challenge',
      );
    }
    let limited;
    let n = 0;
    for (; n < 30 && !limited; n++) {
      const a = await challenge(d.flow.flowToken, methodOf(d.flow, ['app-code']).id);
      if (a.status === 429) limited = a;
      else if (a.status !== 200) break;
    }
    ctx.check('P-77', limited?.json?.code === 'rate_limited', `${n} challenge starts in one flow and no rate_limited`);
    await cancel(d.flow.flowToken);
  };

  const lockoutSuite = async () => {
    const x = await findDecoy((f) => !!methodOf(f, ['app-code']));
    if (!x) return ctx.skip('P-82', 'needs an unknown username offered app-code');
    const name = x.name;
    const appCode = methodOf(x.flow, ['app-code']).id;
    const failOnce = async (/** @type {string} */ token) => {
      const ch = await challenge(token, appCode);
      if (ch.status === 200) await verify(token, ch.json.challengeId, { code: '000000' });
    };
    await failOnce(x.flow.flowToken); // X: a wrong attempt, kept open
    const y = await start(name); // Y: untouched, kept open
    let locked;
    let failed = 0;
    for (; failed < 10; failed++) {
      const f = await start(name);
      if (f.status === 403) {
        locked = f;
        break;
      }
      if (f.status !== 200) break;
      await failOnce(f.json.flowToken);
      await cancel(f.json.flowToken);
    }
    if (!locked) {
      const f = await start(name);
      if (f.status === 403) locked = f;
    }
    if (!ctx.check('P-82', locked?.json?.code === 'locked_out', `${failed} failed flows and no lock`)) return;
    figures['P-82'] = `locked after ${failed} failed flows`;
    ctx.check('P-86', typeof locked?.json?.lockedUntil === 'string', 'locked_out of a lock with a set end has lockedUntil');
    ctx.expect('P-91', await start(`  ${name.toUpperCase()} `), 403, 'locked_out', 'the locked name in upper case with spaces');
    const xAgain = await verify(x.flow.flowToken, 'conformance-any', { code: '000000' });
    ctx.expect('P-85', xAgain, 403, 'locked_out', 'a flow with a wrong attempt, after the lock');
    if (y.status === 200) {
      ctx.expect('P-85', await challenge(y.json.flowToken, appCode), 200, undefined, 'a flow without a wrong attempt, after the lock');
      await cancel(y.json.flowToken);
    }
  };

  const idempotencySuite = async () => {
    const name = ctx.unknownName();
    const body = { username: name, captchaToken, locale };
    const key = ctx.key();
    const a1 = await start(name, { body, key });
    const a2 = await start(name, { body, key });
    checkReplay('POST /v1/flows', a1, a2);
    ctx.expect(
      'P-107',
      await start(name, { body: { ...body, locale: 'en-GB' }, key }),
      422,
      'idempotency_key_reused',
      'POST /v1/flows: the same key, another body',
    );
    // At once with one key: one flow (409 request_in_progress, or the replay).
    const k2 = ctx.key();
    const name2 = ctx.unknownName();
    const both = await Promise.all([0, 1].map(() => start(name2, { body: { ...body, username: name2 }, key: k2 })));
    const tokens = new Set(both.filter((a) => a.status === 200).map((a) => a.json.flowToken));
    ctx.check('P-108', tokens.size <= 1, `two POST /v1/flows at once with one key started ${tokens.size} flows`);
    const inProgress = both.filter((a) => a.status === 409 && a.json?.code === 'request_in_progress');
    const replayed = both[0].status === both[1].status && both[0].text === both[1].text;
    ctx.check(
      'P-108',
      replayed || inProgress.length === 1,
      `two POST /v1/flows at once with one key: ${both.map((a) => `${a.status} ${a.json?.code ?? ''}`.trim()).join(' and ')}, neither a replay nor request_in_progress`,
    );
    for (const a of inProgress)
      ctx.check('P-108', a.headers.get('retry-after') === '1', `request_in_progress with Retry-After "${a.headers.get('retry-after')}"`);
    for (const t of tokens) await cancel(t);
    if (a1.status === 200 && a2.status === 200 && a2.json.flowToken !== a1.json.flowToken) await cancel(a2.json.flowToken);
    if (a1.status === 200) await cancel(a1.json.flowToken);
    // The other POSTs, in a flow with a method that sends nothing (no cooldown between starts).
    const d = (await findDecoy((f) => !!methodOf(f, ['app-code']))) ?? (await findDecoy((f) => !!methodOf(f, CODE_TYPES)));
    if (!d) return ctx.skip('P-104', 'no unknown username got a code method');
    const token = d.flow.flowToken;
    const m = methodOf(d.flow, ['app-code']) ?? methodOf(d.flow, CODE_TYPES);
    if (m) {
      const kc = ctx.key();
      const c1 = await challenge(token, m.id, { key: kc });
      const c2 = await challenge(token, m.id, { key: kc });
      checkReplay('POST …/challenges', c1, c2);
      // The live challenge: the first, or (where the repeat was not a replay) the one that replaced it.
      const live = c2.status === 200 ? c2 : c1;
      if (live.status === 200) {
        const id = live.json.challengeId;
        const v1 = await verify(token, id, { code: wrongCode(live.json) }, { key: kc });
        ctx.check(
          'P-104',
          v1.status === 200,
          `the challenge start's key on the verify route answered ${v1.status} ${v1.json?.code ?? ''}, not a new call`,
        );
        const kv = ctx.key();
        const w1 = await verify(token, id, { code: wrongCode(live.json) }, { key: kv });
        checkReplay('POST …/verify', w1, await verify(token, id, { code: wrongCode(live.json) }, { key: kv }));
        const w2 = await verify(token, id, { code: wrongCode(live.json) });
        if (w1.status === 200 && w2.status === 200) {
          ctx.check(
            'P-110',
            w2.json.attemptsRemaining === w1.json.attemptsRemaining - 1,
            `a replayed verify took an attempt (${w1.json.attemptsRemaining} → ${w2.json.attemptsRemaining})`,
          );
        }
        ctx.expect(
          'P-107',
          await verify(token, id, { code: '1' + wrongCode(live.json) }, { key: kv }),
          422,
          'idempotency_key_reused',
          'POST …/verify: the same key, another body',
        );
      }
      ctx.expect(
        'P-107',
        await ctx.call('POST', '/v1/flows/current/challenges', { token, body: { methodId: m.id, other: 1 }, key: kc }),
        422,
        'idempotency_key_reused',
        'POST …/challenges: the same key, another body',
      );
    }
    const kp = ctx.key();
    const p1 = await password(token, 'Conformance-Password-1', { key: kp });
    checkReplay('POST …/password (refused)', p1, await password(token, 'Conformance-Password-1', { key: kp }));
    ctx.expect(
      'P-107',
      await password(token, 'Conformance-Password-2', { key: kp }),
      422,
      'idempotency_key_reused',
      'POST …/password: the same key, another body',
    );
    await cancel(token);
  };

  const usersSuite = async () => {
    for (const u of users) {
      if (u.expect === 'not_enabled') ctx.expect('P-54', await start(u.username), 403, 'not_enabled', u.username);
      if (u.expect === 'locked_out') {
        const a = await start(u.username);
        if (ctx.expect('P-86', a, 403, 'locked_out', u.username) && a.json.lockedUntil === undefined) {
          ctx.check(
            'P-87',
            a.headers.get('retry-after') === null && a.json.retryAfter === undefined,
            `${u.username}: a lock with no set end carries a wait`,
          );
        }
      }
    }
    // P-49 with an administrator (two gates): after one gate, its family is not offered again.
    const admin = users.find((u) => u.admin && !u.expect);
    if (admin && hook) {
      const f = await start(admin.username);
      const m = f.status === 200 ? sentType(f.json) : undefined;
      if (m) {
        const before = await hook.latest(admin.username, m.type);
        const ch = await challenge(f.json.flowToken, m.id);
        if (ch.status === 200) {
          const msg = await hook.next(admin.username, m.type, before, ch.json.codeLength);
          ctx.secrets.add(msg.code);
          const v = await verify(f.json.flowToken, ch.json.challengeId, { code: msg.code });
          if (v.json?.next === 'gate') {
            ctx.expect(
              'P-49',
              await challenge(f.json.flowToken, m.id),
              409,
              'method_unavailable',
              `${admin.username}: a second gate of the family just passed`,
            );
          }
        }
      }
      if (f.status === 200) await cancel(f.json.flowToken);
    } else {
      ctx.skip('P-49', admin ? 'no test hook' : 'no test user with "admin": true');
    }
    if (!users.some((u) => u.expect === 'not_enabled')) ctx.skip('P-54', 'no test user with "expect": "not_enabled"');
    if (!users.some((u) => u.admin)) {
      ctx.skip('P-48', 'no test user with "admin": true');
      ctx.skip('P-52', 'no test user with "admin": true');
    }
  };

  const corsSuite = async () => {
    const origin = options.origin;
    if (!origin) {
      for (const r of ['P-37', 'P-38', 'P-39', 'P-40', 'P-41', 'P-42']) ctx.skip(r, 'no --origin given (same-origin backend)');
      return;
    }
    const url = `${ctx.baseUrl}/v1/flows`;
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    const h = (/** @type {Response} */ r, /** @type {string} */ n) => (r.headers.get(n) ?? '').toLowerCase();
    ctx.check('P-40', pre.status >= 200 && pre.status < 300, `preflight from ${origin} answered ${pre.status}`);
    ctx.check(
      'P-38',
      pre.headers.get('access-control-allow-origin') === origin,
      `preflight: Access-Control-Allow-Origin "${pre.headers.get('access-control-allow-origin') ?? ''}"`,
    );
    for (const m of ['get', 'post', 'delete'])
      ctx.check('P-40', h(pre, 'access-control-allow-methods').includes(m), `preflight: Allow-Methods lacks ${m.toUpperCase()}`);
    for (const n of ['authorization', 'content-type', 'idempotency-key'])
      ctx.check('P-40', h(pre, 'access-control-allow-headers').includes(n), `preflight: Allow-Headers lacks ${n}`);
    const maxAge = Number(pre.headers.get('access-control-max-age') ?? '0');
    ctx.check('P-40', maxAge <= 600, `preflight: Max-Age ${maxAge} ≤ 600`);
    ctx.check('P-39', h(pre, 'access-control-allow-credentials') !== 'true', 'preflight: Allow-Credentials: true');
    const get = await fetch(`${ctx.baseUrl}/v1/config`, { headers: { origin } });
    ctx.check(
      'P-38',
      get.headers.get('access-control-allow-origin') === origin,
      `GET /v1/config: Access-Control-Allow-Origin "${get.headers.get('access-control-allow-origin') ?? ''}"`,
    );
    ctx.check('P-38', /\borigin\b/.test(h(get, 'vary')), `GET /v1/config: Vary "${get.headers.get('vary') ?? ''}" lacks Origin`);
    for (const n of ['retry-after', 'x-request-id'])
      ctx.check('P-41', h(get, 'access-control-expose-headers').includes(n), `Expose-Headers lacks ${n}`);
    ctx.check('P-39', h(get, 'access-control-allow-credentials') !== 'true', 'Allow-Credentials: true');
    const foreign = 'https://conformance-foreign.invalid';
    const bad = await fetch(`${ctx.baseUrl}/v1/config`, { headers: { origin: foreign } });
    const acao = bad.headers.get('access-control-allow-origin');
    ctx.check('P-37', acao !== '*' && acao !== foreign, `a foreign origin got Access-Control-Allow-Origin "${acao}"`);
    ctx.check('P-37', get.headers.get('access-control-allow-origin') !== '*', 'Access-Control-Allow-Origin: *');
    ctx.check('P-42', bad.status >= 400, `a request from a foreign origin answered ${bad.status}`);
  };

  await Promise.all([
    suite('P-61', 'known user: codes, cooldown, passwords', knownMain),
    suite('P-63', 'known user: resend', resendSuite),
    suite('P-68', 'attempts', async () => {
      await attemptsSuite();
      await concurrencySuite();
    }),
    suite('P-76', 'limits', limitsSuite),
    suite('P-82', 'lockout', lockoutSuite),
    suite('P-110', 'idempotency', idempotencySuite),
    suite('P-54', 'test users', usersSuite),
    suite('P-38', 'CORS', corsSuite),
  ]);

  // ---- 4. expiry: the backend's clock moved (--clock-url), or real waits (--wait-expiry) --------

  if (options.clockUrl || options.waitExpiry) {
    log('Expiry');
    await suite('P-59', 'expiry', async () => {
      /** Move the backend's time forward by ms; returns the backend's now when it says. */
      const advance = async (/** @type {number} */ ms) => {
        if (!options.clockUrl) return sleep(ms).then(() => Date.now());
        const r = await fetch(options.clockUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advanceMs: Math.max(1, Math.ceil(ms)) }),
        });
        if (!r.ok) throw new Error(`--clock-url answered ${r.status}`);
        const j = await r.json().catch(() => ({}));
        return typeof j.now === 'number' ? j.now : Date.now();
      };
      // P-79 (a moved clock only): one send per flow, each after the cooldown, until the hour's budget refuses.
      const h = options.clockUrl ? await findDecoy((f) => !!methodOf(f, SENT_TYPES)) : undefined;
      if (h) {
        const type = methodOf(h.flow, SENT_TYPES).type;
        let flow = h.flow;
        let sends = 0;
        let refused;
        for (let i = 0; i < 12 && !refused && flow; i++) {
          const m = methodOf(flow, [type]);
          const c = await challenge(flow.flowToken, m.id);
          if (c.status === 200) sends += 1;
          else refused = c;
          await cancel(flow.flowToken);
          await advance(((c.json?.resendAfter ?? 30) + 1) * 1000);
          const next = refused ? undefined : await start(h.name);
          flow = next?.status === 200 ? next.json : undefined;
        }
        ctx.check(
          'P-79',
          refused?.json?.code === 'rate_limited',
          `${sends} ${type} sends to one account, each after the cooldown, and no hourly limit`,
        );
        if (refused) figures['P-79'] = `${sends} ${type} sends an hour`;
      }
      const d = await findDecoy((f) => !!methodOf(f, CODE_TYPES));
      if (!d) return;
      const token = d.flow.flowToken;
      const ch = await challenge(token, (methodOf(d.flow, SENT_TYPES) ?? methodOf(d.flow, CODE_TYPES)).id);
      if (ch.status !== 200) return;
      let now = await advance(1);
      ctx.check(
        'P-97',
        Date.parse(ch.json.expiresAt) - now <= 600_000 + 5000,
        `a code lives ${Math.round((Date.parse(ch.json.expiresAt) - now) / 1000)} s`,
      );
      now = await advance(Date.parse(ch.json.expiresAt) - now + 1000);
      ctx.expect(
        'P-59',
        await verify(token, ch.json.challengeId, { code: wrongCode(ch.json) }),
        410,
        'challenge_expired',
        'a verify after expiresAt',
      );
      await advance(Math.max(0, Date.parse(d.flow.expiresAt) - now) + 1000);
      ctx.expect('P-58', await cancel(token), 401, 'flow_expired', 'a request after the flow’s expiresAt');
    });
  } else {
    ctx.skip('P-58', 'opt-in: --clock-url, or --wait-expiry (waits up to 15 minutes)');
    ctx.skip('P-59', 'expiry itself is opt-in: --clock-url or --wait-expiry; expiresAt ≤ the flow’s was checked');
  }
  ctx.skip('P-79', 'opt-in: --clock-url (an hour of sends)');

  /** @type {RuleResult[]} */
  const results = RULES.map((rule) => {
    const list = ctx.assertions.get(rule.id) ?? [];
    const failures = list.filter((a) => !a.ok).map((a) => a.message);
    const status = list.length === 0 ? 'skip' : failures.length === 0 ? 'pass' : rule.level === 'MUST' ? 'fail' : 'warn';
    const figure = Object.entries(figures)
      .filter(([k]) => k === rule.id || k.startsWith(`${rule.id} `))
      .map(([, v]) => v)
      .join('; ');
    const note = status === 'skip' ? (ctx.skips.get(rule.id) ?? 'not reached') : figure || undefined;
    return { ...rule, status, checks: list.length, failures, note };
  });
  notes.push(`${ctx.answers} answers checked`);
  return { results, durationMs: performance.now() - started, notes };
}

function median(/** @type {number[]} */ xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A password no policy refuses: long, four classes, random. */
function strongPassword() {
  return `Cf-${randomBytes(9).toString('base64url')}-9a!Z`;
}

/** `n` random letters (no username, not a common password). */
function randomLetters(/** @type {number} */ n) {
  const abc = 'bcdfghjkmnpqrstvwxzBCDFGHJKMNPQRSTVWXZ';
  return Array.from(randomBytes(Math.max(0, n)), (b) => abc[b % abc.length]).join('');
}
