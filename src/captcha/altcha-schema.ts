/**
 * ALTCHA's challenge and payload (altcha-lib v2, "proof of work v2"), as they
 * cross the wire: `GET /v1/captcha/challenge` answers a challenge; the widget
 * sends the payload, base64 JSON, as `captchaToken` (docs/captcha.md).
 *
 * Shared by the ALTCHA provider (which checks what any backend sends it) and
 * the mock backend (which decodes what the widget sends back). Checked by
 * hand rather than with zod: in the single-file bundle, zod's record, regex
 * and null types would land in the main chunk for this lazy one.
 */

/** Key derivations the widget can run in a browser (Web Crypto); scrypt and Argon2id would need WebAssembly. */
export const ALTCHA_ALGORITHMS = ['PBKDF2/SHA-256', 'PBKDF2/SHA-384', 'PBKDF2/SHA-512', 'SHA-256', 'SHA-384', 'SHA-512'] as const;
export type AltchaAlgorithm = (typeof ALTCHA_ALGORITHMS)[number];

/**
 * The signed parameters. A member this version does not know is kept as it
 * came: the backend's signature covers every member.
 */
export interface AltchaParameters {
  algorithm: AltchaAlgorithm;
  /** Hex. */
  nonce: string;
  /** Hex. */
  salt: string;
  cost: number;
  keyLength: number;
  /** Hex: what the derived key must start with. */
  keyPrefix: string;
  keySignature?: string;
  /** Seconds since the epoch; the widget solves a new challenge before then. */
  expiresAt?: number;
  /** Metadata; `maxCounter` (the most attempts a solve takes) lets the widget show how far it got. */
  data?: Record<string, string | number | boolean | null>;
  [member: string]: unknown;
}

/** `GET /v1/captcha/challenge` with `provider: 'altcha'`. */
export interface AltchaChallenge {
  parameters: AltchaParameters;
  /** Hex: the backend's HMAC of the parameters. */
  signature: string;
}

export interface AltchaSolution {
  counter: number;
  /** Hex. */
  derivedKey: string;
  time?: number;
}

/** What `captchaToken` carries, base64-encoded JSON. */
export interface AltchaPayload {
  challenge: AltchaChallenge;
  solution: AltchaSolution;
}

const HEX = /^(?:[0-9a-f]{2}){1,256}$/;
const PREFIX = /^[0-9a-f]{1,128}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isHex = (value: unknown): value is string => typeof value === 'string' && HEX.test(value);
const isInt = (value: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function isParameters(p: unknown): p is AltchaParameters {
  return (
    isRecord(p) &&
    (ALTCHA_ALGORITHMS as readonly unknown[]).includes(p['algorithm']) &&
    isHex(p['nonce']) &&
    isHex(p['salt']) &&
    isInt(p['cost'], 1) &&
    isInt(p['keyLength'], 1, 64) &&
    typeof p['keyPrefix'] === 'string' &&
    PREFIX.test(p['keyPrefix']) &&
    (p['keySignature'] === undefined || isHex(p['keySignature'])) &&
    (p['expiresAt'] === undefined || (typeof p['expiresAt'] === 'number' && Number.isFinite(p['expiresAt']))) &&
    (p['data'] === undefined || (isRecord(p['data']) && Object.values(p['data']).every(isScalar)))
  );
}

/** The challenge `value` is, or null when it is none this widget can solve. Unknown members are kept, unknown top-level ones dropped. */
export function parseChallenge(value: unknown): AltchaChallenge | null {
  if (!isRecord(value) || !isParameters(value['parameters']) || !isHex(value['signature'])) return null;
  return { parameters: value['parameters'], signature: value['signature'] };
}

function parseSolution(value: unknown): AltchaSolution | null {
  if (!isRecord(value) || !isInt(value['counter'], 0) || !isHex(value['derivedKey'])) return null;
  const time = value['time'];
  return { counter: value['counter'] as number, derivedKey: value['derivedKey'], ...(typeof time === 'number' ? { time } : {}) };
}

/** The token for a solved challenge: base64 of the JSON payload (UTF-8). */
export function encodePayload(challenge: AltchaChallenge, solution: AltchaSolution): string {
  const json = JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}

/** The payload a token carries, or null for anything that is not one. */
export function decodePayload(token: string): AltchaPayload | null {
  try {
    const value: unknown = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0))),
    );
    if (!isRecord(value)) return null;
    const challenge = parseChallenge(value['challenge']);
    const solution = parseSolution(value['solution']);
    return challenge && solution ? { challenge, solution } : null;
  } catch {
    return null;
  }
}

/** The most attempts a solve takes, when the backend says (`data.maxCounter`); 0 when it does not. */
export function maxCounterOf(challenge: AltchaChallenge): number {
  const max = challenge.parameters.data?.['maxCounter'];
  return typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : 0;
}
