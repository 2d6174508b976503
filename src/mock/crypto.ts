/**
 * The mock's randomness and comparisons: one-time codes, tokens, constant-time
 * equality. Web Crypto only, so it runs in browsers and in Node alike.
 */

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
  return btoa(String.fromCharCode(...buffer)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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

/** A stable 16-bit number derived from `text` (SHA-256): seeds a decoy's invented hints. */
export async function hashSeed(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return (digest[0]! << 8) | digest[1]!;
}
