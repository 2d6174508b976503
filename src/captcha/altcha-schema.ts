/**
 * ALTCHA's challenge and payload (altcha-lib v2, "proof of work v2"), as they
 * cross the wire: `GET /v1/captcha/challenge` answers a challenge; the widget
 * sends the payload, base64 JSON, as `captchaToken` (docs/captcha.md).
 *
 * Shared by the ALTCHA provider (which checks what any backend sends it) and
 * the mock backend (which decodes what the widget sends back).
 */
import * as z from 'zod/mini';

/** Key derivations the widget can run in a browser (Web Crypto); scrypt and Argon2id would need WebAssembly. */
export const ALTCHA_ALGORITHMS = ['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512', 'SHA-256', 'SHA-384', 'SHA-512'] as const;
export type AltchaAlgorithm = (typeof ALTCHA_ALGORITHMS)[number];

const hex = z.string().check(z.regex(/^(?:[0-9a-f]{2}){1,256}$/));
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * The signed parameters. Loose: a member this version does not know is kept
 * as it came, since the backend's signature covers every member.
 */
export const AltchaParameters = z.looseObject({
  algorithm: z.enum(ALTCHA_ALGORITHMS),
  nonce: hex,
  salt: hex,
  cost: z.int().check(z.gte(1)),
  keyLength: z.int().check(z.gte(1), z.lte(64)),
  keyPrefix: z.string().check(z.regex(/^[0-9a-f]{1,128}$/)),
  keySignature: z.optional(hex),
  /** Seconds since the epoch; the widget solves a new challenge before then. */
  expiresAt: z.optional(z.number()),
  /** Metadata; `maxCounter` (the most attempts a solve takes) lets the widget show how far it got. */
  data: z.optional(z.record(z.string(), scalar)),
});

/** `GET /v1/captcha/challenge` with `provider: 'altcha'`. */
export const AltchaChallenge = z.looseObject({
  parameters: AltchaParameters,
  signature: hex,
});
export type AltchaChallenge = z.infer<typeof AltchaChallenge>;

export const AltchaSolution = z.object({
  counter: z.int().check(z.gte(0)),
  derivedKey: hex,
  time: z.optional(z.number()),
});
export type AltchaSolution = z.infer<typeof AltchaSolution>;

/** What `captchaToken` carries, base64-encoded JSON. */
export const AltchaPayload = z.object({
  challenge: z.object({ parameters: AltchaParameters, signature: hex }),
  solution: AltchaSolution,
});
export type AltchaPayload = z.infer<typeof AltchaPayload>;

/** The token for a solved challenge: base64 of the JSON payload (UTF-8). */
export function encodePayload(challenge: AltchaChallenge, solution: AltchaSolution): string {
  const json = JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}

/** The payload a token carries, or null for anything that is not one. */
export function decodePayload(token: string): AltchaPayload | null {
  try {
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
    const parsed = AltchaPayload.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The most attempts a solve takes, when the backend says (`data.maxCounter`); 0 when it does not. */
export function maxCounterOf(challenge: AltchaChallenge): number {
  const max = challenge.parameters.data?.['maxCounter'];
  return typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : 0;
}
