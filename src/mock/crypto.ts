/**
 * The mock's randomness and comparisons: one-time codes, tokens, request ids,
 * constant-time equality, and the HMACs behind TOTP and decoys. Web Crypto
 * only, so it runs in browsers and in Node alike.
 */

/**
 * The work a verification does, behind one interface so tests can count it:
 * a real account and a decoy must cost the same number of each operation.
 */
export interface MockCrypto {
  /** HMAC of `data` under `key`. */
  hmac(hash: 'SHA-1' | 'SHA-256', key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  /** Equality in time that does not depend on where the strings differ. */
  equal(a: string, b: string): boolean;
}

export const webCrypto: MockCrypto = {
  async hmac(hash, key, data) {
    const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', imported, data));
  },
  equal: (a, b) => timingSafeEqual(a, b),
};

/** A uniformly random integer in [0, max). */
export function randomInt(max: number) {
  // Rejection sampling keeps every value equally likely.
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  do crypto.getRandomValues(buffer);
  while (buffer[0]! >= limit);
  return buffer[0]! % max;
}

/** A one-time code of `length` random decimal digits. */
export function randomDigits(length: number) {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** `bytes` random bytes as unpadded base64url: flow tokens, challenge ids. */
export function randomToken(bytes = 32) {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buffer))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Up to `count` distinct items of `all`, in random order. */
export function pickRandom<T>(all: readonly T[], count: number): T[] {
  const pool = [...all];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(randomInt(pool.length), 1)[0]!);
  return picked;
}

/** String equality in time that depends on the lengths only, not on where they differ. */
export function timingSafeEqual(a: string, b: string) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** `bytes` random bytes in lower-case hex: request ids. */
export function randomHex(bytes = 16) {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** UTF-8 bytes of a string. */
export function utf8(text: string) {
  return new TextEncoder().encode(text);
}

/** SHA-256 of a string, in hex: fingerprints that must not keep what they stand for (a request body). */
export async function sha256Hex(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
