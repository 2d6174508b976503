#!/usr/bin/env node
/**
 * Generate docs/openapi.json (OpenAPI 3.1) from the protocol v1 zod schemas in
 * src/protocol/schemas.ts: the same component schemas as docs/protocol.schema.json
 * (scripts/protocol-schema.mjs), plus every call of docs/protocol.md §4 with its
 * headers, statuses and problem codes.
 *
 *   node scripts/openapi.mjs           write the file
 *   node scripts/openapi.mjs --check   exit 1 if the file on disk is not what would be written (CI)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFS, canonical, loadZod, writeOrCheck } from './protocol-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'src/protocol/schemas.ts';
const target = join(root, 'docs', 'openapi.json');

const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const header = (name) => ({ $ref: `#/components/headers/${name}` });

/** Headers every answer carries (P-23, P-24, P-25). */
const EVERY_ANSWER = { 'Cache-Control': header('CacheControl'), 'X-Request-Id': header('XRequestId') };

/**
 * A problem answer for one status and the codes a call sends with it
 * (docs/protocol.md §10, P-122). Extra headers where the protocol requires them.
 */
function problem(status, codes, note = '') {
  const headers = { ...EVERY_ANSWER };
  if (status === 401) headers['WWW-Authenticate'] = header('WWWAuthenticate');
  if (status === 429 || codes.includes('request_in_progress') || codes.includes('locked_out')) {
    headers['Retry-After'] = header('RetryAfter');
  }
  if (status === 405) headers.Allow = header('Allow');
  const examples = Object.fromEntries(
    codes.map((code) => [
      code,
      {
        value: {
          type: `urn:sspr:problem:${code}`,
          title: code.replace(/_/g, ' '),
          status,
          code,
          instance: 'urn:sspr:request:5f0c8e2a9b4d4c7e8a1f3b6d2e9c0a71',
          ...PROBLEM_EXTRAS[code],
        },
      },
    ]),
  );
  return {
    description: `Problem ${codes.map((c) => `\`${c}\``).join(' or ')}${note ? `: ${note}` : ''}.`,
    headers,
    content: { 'application/problem+json': { schema: ref('Problem'), examples } },
  };
}

/** Members a problem example carries beyond the common ones. */
const PROBLEM_EXTRAS = {
  rate_limited: { retryAfter: 30 },
  request_in_progress: { retryAfter: 1 },
  locked_out: { lockedUntil: '2026-05-04T10:15:00.000Z', retryAfter: 3600 },
  too_many_attempts: { attemptsRemaining: 0 },
  password_rejected: { reasons: [{ code: 'too_short', limit: 8 }, { code: 'breached' }] },
  invalid_request: { detail: 'the body does not match protocol v1' },
};

function ok(schema, description) {
  return {
    description,
    headers: { ...EVERY_ANSWER, 'Idempotent-Replayed': header('IdempotentReplayed') },
    content: { 'application/json': { schema: ref(schema) } },
  };
}

/** Answers every POST can give before the call itself runs (§3 steps 3 to 6) and a server failure. */
function postCommon() {
  return {
    413: problem(413, ['payload_too_large'], 'the body is over 16 KiB (P-18)'),
    415: problem(415, ['unsupported_media_type'], 'the body is not application/json (P-17)'),
    500: problem(500, ['server_error']),
  };
}

/** Answers of a call that needs the flow token (§3 steps 7 and 8). */
function tokenCommon() {
  return { 401: problem(401, ['flow_expired'], 'no token, or it names no live flow (P-31)') };
}

const challengeId = {
  name: 'challengeId',
  in: 'path',
  required: true,
  description: 'The `challengeId` of a `Challenge` of this flow, percent-encoded (P-136).',
  schema: { type: 'string', minLength: 1 },
};
const idempotencyKey = { $ref: '#/components/parameters/IdempotencyKey' };
const bearer = [{ flowToken: [] }];

function body(schema, description) {
  return { required: true, description, content: { 'application/json': { schema: ref(schema) } } };
}

function paths() {
  return {
    '/v1/config': {
      get: {
        operationId: 'getConfig',
        summary: 'The tenant’s settings (§4.1)',
        security: [],
        responses: { 200: ok('ConfigResponse', 'The config; `protocol` is 1 (P-1).'), 500: problem(500, ['server_error']) },
      },
    },
    '/v1/captcha/challenge': {
      get: {
        operationId: 'getCaptchaChallenge',
        summary: 'A fresh ALTCHA challenge (§4.9, P-139, P-140)',
        description: 'Served only when `captcha.provider` is `altcha`; any other provider answers 404 `not_found`.',
        security: [],
        responses: {
          200: {
            description: 'A new signed challenge on every call.',
            headers: EVERY_ANSWER,
            content: { 'application/json': { schema: ref('CaptchaChallenge') } },
          },
          404: problem(404, ['not_found'], 'the tenant’s captcha provider is not `altcha`'),
          500: problem(500, ['server_error']),
        },
      },
    },
    '/v1/flows': {
      post: {
        operationId: 'startFlow',
        summary: 'Start a flow for a username (§4.2); alike for known and unknown usernames (§9)',
        security: [],
        parameters: [idempotencyKey],
        requestBody: body('StartFlowRequest', 'The username, the captcha token and the locale.'),
        responses: {
          200: ok('FlowResponse', 'A flow (a decoy for an unknown username, P-116).'),
          400: problem(400, ['invalid_request', 'captcha_failed']),
          403: problem(
            403,
            ['locked_out', 'not_enabled'],
            '`locked_out` carries `lockedUntil` and `Retry-After` when the lock has a set end (P-86, P-87)',
          ),
          409: problem(409, ['request_in_progress'], 'the first request with this Idempotency-Key is still running (P-108)'),
          422: problem(422, ['idempotency_key_reused'], 'this Idempotency-Key came with another body (P-107)'),
          429: problem(429, ['rate_limited'], 'flow starts of the account (P-76) or its live flows (P-88)'),
          ...postCommon(),
        },
      },
    },
    '/v1/flows/current': {
      delete: {
        operationId: 'cancelFlow',
        summary: 'Abandon the flow (§4.8)',
        security: bearer,
        responses: {
          204: { description: 'The flow ended; its token answers 401 from now on.', headers: EVERY_ANSWER },
          ...tokenCommon(),
          500: problem(500, ['server_error']),
        },
      },
    },
    '/v1/flows/current/challenges': {
      post: {
        operationId: 'startChallenge',
        summary: 'Start a challenge for one of the flow’s methods and send what it needs (§4.3)',
        security: bearer,
        parameters: [idempotencyKey],
        requestBody: body('StartChallengeRequest', 'The method to start.'),
        responses: {
          200: ok('Challenge', 'The challenge; an earlier one of the flow is replaced (P-55, P-60).'),
          400: problem(400, ['invalid_request']),
          ...tokenCommon(),
          403: problem(403, ['locked_out'], 'the account is locked and this flow had a wrong attempt (P-85)'),
          409: problem(409, ['method_unavailable', 'request_in_progress']),
          422: problem(422, ['idempotency_key_reused']),
          429: problem(429, ['rate_limited'], 'sends of the flow (P-77), the channel’s cooldown (P-78) or hourly budget (P-79)'),
          ...postCommon(),
        },
      },
    },
    '/v1/flows/current/challenges/{challengeId}': {
      get: {
        operationId: 'pollChallenge',
        summary: 'Poll an out-of-band challenge: push or call (§4.5)',
        security: bearer,
        parameters: [challengeId],
        responses: {
          200: ok('PollResponse', 'The challenge’s status.'),
          400: problem(400, ['invalid_request'], 'a code or questions challenge is verified, not polled (P-65)'),
          ...tokenCommon(),
          403: problem(403, ['locked_out']),
          404: problem(404, ['not_found'], 'not a challenge of this flow'),
          500: problem(500, ['server_error']),
        },
      },
    },
    '/v1/flows/current/challenges/{challengeId}/verify': {
      post: {
        operationId: 'verifyChallenge',
        summary: 'Answer a code or security-question challenge (§4.4)',
        security: bearer,
        parameters: [challengeId, idempotencyKey],
        requestBody: body('VerifyRequest', 'A code, or answers.'),
        responses: {
          200: ok('VerifyResponse', 'Verified or rejected; an attempt was taken (P-68, P-70).'),
          400: problem(400, ['invalid_request'], 'including a verify of the wrong form (P-65, P-69)'),
          ...tokenCommon(),
          403: problem(403, ['locked_out']),
          404: problem(404, ['not_found'], 'not a challenge of this flow'),
          409: problem(409, ['method_unavailable', 'request_in_progress'], 'already verified (P-61)'),
          410: problem(410, ['challenge_expired'], 'past its `expiresAt`, or replaced (P-59, P-60)'),
          422: problem(422, ['idempotency_key_reused']),
          429: problem(429, ['too_many_attempts'], 'no attempts left (P-68, P-84)'),
          ...postCommon(),
        },
      },
    },
    '/v1/flows/current/challenges/{challengeId}/resend': {
      post: {
        operationId: 'resendChallenge',
        summary: 'Send the code, push or call again (§4.6)',
        security: bearer,
        parameters: [challengeId, idempotencyKey],
        requestBody: {
          required: true,
          description: '`{}`; a backend ignores its contents.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        responses: {
          200: ok('Challenge', 'The same challenge with a new `expiresAt` and, for a code, a new code (P-62, P-63).'),
          400: problem(400, ['invalid_request']),
          ...tokenCommon(),
          403: problem(403, ['locked_out']),
          404: problem(404, ['not_found'], 'not a challenge of this flow'),
          409: problem(409, ['method_unavailable', 'request_in_progress'], 'cannot be resent, replaced, or already passed'),
          422: problem(422, ['idempotency_key_reused']),
          429: problem(429, ['too_many_attempts', 'rate_limited']),
          ...postCommon(),
        },
      },
    },
    '/v1/flows/current/password': {
      post: {
        operationId: 'setPassword',
        summary: 'Set the new password once every gate is passed; the flow ends (§4.7)',
        security: bearer,
        parameters: [idempotencyKey],
        requestBody: body('PasswordRequest', 'The new password, exactly as typed.'),
        responses: {
          200: ok('PasswordResponse', 'The password was set; the token answers 401 from now on, a replay answers this again (P-110).'),
          400: problem(400, ['invalid_request'], 'including a password before every gate is passed'),
          ...tokenCommon(),
          403: problem(403, ['locked_out']),
          409: problem(409, ['request_in_progress']),
          422: problem(422, ['password_rejected', 'idempotency_key_reused'], '`password_rejected` lists every failing reason (P-98, P-99)'),
          ...postCommon(),
        },
      },
    },
  };
}

/** Headers of protocol v1 (§2), as reusable components. */
const HEADERS = {
  CacheControl: {
    description: 'Every answer, success or problem, of every route (P-23).',
    required: true,
    schema: { type: 'string', const: 'no-store' },
  },
  XRequestId: {
    description: 'An opaque id unique per answer, the support code (P-24); a replay carries its original’s (P-110).',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{8,128}$' },
  },
  RetryAfter: {
    description:
      'Delta-seconds to wait, the same number as the problem’s `retryAfter` (P-34): on every 429, on `request_in_progress` (1) and on `locked_out` with a set end.',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  WWWAuthenticate: {
    description: '`Bearer`, with `error="invalid_token"` when the request carried a token (P-32, RFC 6750 §3).',
    required: true,
    schema: { type: 'string', pattern: '^Bearer' },
  },
  Allow: { description: 'The route’s methods (P-27).', required: true, schema: { type: 'string' } },
  IdempotentReplayed: {
    description: '`true` on an answer replayed for a repeated Idempotency-Key (P-110).',
    schema: { type: 'string', const: 'true' },
  },
};

/** `GET /v1/captcha/challenge`: altcha-lib's `createChallenge` output; not a zod schema of the widget. */
const CAPTCHA_CHALLENGE = {
  description: 'GET /v1/captcha/challenge: 200 answer, an ALTCHA v2 challenge as altcha-lib createChallenge makes it (P-139, P-140).',
  type: 'object',
  properties: {
    parameters: {
      type: 'object',
      properties: {
        algorithm: { type: 'string' },
        nonce: { type: 'string' },
        salt: { type: 'string' },
        cost: { type: 'integer' },
        keyLength: { type: 'integer' },
        keyPrefix: { type: 'string' },
        expiresAt: { description: 'In the future, minutes not seconds (P-140).' },
        data: {},
      },
      required: ['algorithm', 'nonce', 'salt'],
    },
    signature: { type: 'string', minLength: 1, description: 'Covers every member of `parameters` (P-140).' },
  },
  required: ['parameters', 'signature'],
};

export async function generate() {
  const { schemas, registry, toJSONSchema } = await loadZod();
  const reg = registry();
  for (const name of Object.keys(DEFS)) {
    if (!schemas[name]?._zod) throw new Error(`${source} does not export a zod schema named ${name}`);
    reg.add(schemas[name], { id: name });
  }
  const { schemas: generated } = toJSONSchema(reg, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const componentSchemas = {};
  for (const [name, description] of Object.entries(DEFS)) {
    const schema = { ...generated[name] };
    delete schema.$schema;
    delete schema.$id;
    componentSchemas[name] = { description, ...schema };
  }
  componentSchemas.CaptchaChallenge = CAPTCHA_CHALLENGE;
  const document = {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'sspr-reset HTTP reset protocol',
      version: `${schemas.PROTOCOL_VERSION}`,
      summary: 'The backend API the <sspr-reset> self-service password reset widget calls.',
      description: [
        `Generated from ${source} by node scripts/openapi.mjs. Do not edit by hand.`,
        'docs/protocol.md is the normative text; the numbered rules (P-1 to P-142) it states are cited here.',
        'Every answer carries `Cache-Control: no-store` and `X-Request-Id` (P-23, P-24). A path that is not a v1 route answers 404 `not_found`;',
        'a v1 route with a method it does not serve answers 405 `method_not_allowed` with `Allow` (P-26, P-27).',
        'Checks run in the order of docs/protocol.md §3. `npx sspr-reset-conformance` checks a live backend against these rules (docs/conformance.md).',
      ].join(' '),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: '{apiBase}',
        description: 'The base URL the widget is configured with (`api-base`); paths are appended to it (P-10).',
        variables: { apiBase: { default: 'https://id.contoso.com/sspr' } },
      },
    ],
    security: [],
    paths: paths(),
    components: {
      schemas: componentSchemas,
      headers: HEADERS,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'One per logical action, the same on a retry (P-103 to P-110). Never in a URL, never logged (P-33).',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{16,128}$' },
        },
      },
      securitySchemes: {
        flowToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The `flowToken` of `POST /v1/flows`, as `Authorization: Bearer <flowToken>`, on every /v1/flows/current… call and nowhere else: never in a URL, a query string or a cookie (P-29, P-33).',
        },
      },
    },
  };
  return `${JSON.stringify(canonicalDocument(document), null, 2)}\n`;
}

/** Component schemas in the keyword order of protocol.schema.json; the rest as written. */
function canonicalDocument(document) {
  const schemasOut = {};
  for (const [name, schema] of Object.entries(document.components.schemas)) schemasOut[name] = canonical(schema);
  return { ...document, components: { ...document.components, schemas: schemasOut } };
}

async function main() {
  await writeOrCheck(target, await generate(), 'node scripts/openapi.mjs');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 2;
  });
}
