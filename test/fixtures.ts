/** Protocol v1 documents and answers shared by the tests that need a valid example. */
import type { Challenge, ConfigResponse, FlowResponse, PasswordPolicy, PasswordResponse } from '../src/protocol/schemas.js';

export const POLICY: PasswordPolicy = { minLength: 8, maxLength: 256, minClasses: 0, disallowUsername: true };

export const CONFIG: ConfigResponse = {
  protocol: 1,
  captcha: { provider: 'mock', siteKey: 'k' },
  passwordPolicy: POLICY,
  methods: ['email', 'app-code'],
  gatesRequired: 1,
  brandName: 'Contoso',
};

/** A flow token that looks secret, so tests can check it never leaks into URLs or messages. */
export const TOKEN = 'flow-token-s3cr3t-Zx9';

export const FLOW: FlowResponse = {
  flowToken: TOKEN,
  expiresAt: '2026-01-15T09:15:00.000Z',
  gatesRequired: 1,
  gatesPassed: 0,
  methods: [{ id: 'email', type: 'email', hint: 'a•••@fabrikam.com' }],
  passwordPolicy: POLICY,
};

export const CHALLENGE: Challenge = {
  challengeId: 'ch-1',
  methodId: 'email',
  type: 'email',
  hint: 'a•••@fabrikam.com',
  expiresAt: '2026-01-15T09:10:00.000Z',
  resendAfter: 30,
  codeLength: 6,
};

export const RESET: PasswordResponse = { result: 'reset', notified: [{ channel: 'email', hint: 'a•••@fabrikam.com' }] };

export const START = { username: 'adele@contoso.com', captchaToken: 'captcha-OK', locale: 'en' };

/** A JSON answer. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** An RFC 9457 problem answer with protocol v1's `code`. */
export function problem(code: string, status: number, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: `urn:sspr:problem:${code}`, title: code, status, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
