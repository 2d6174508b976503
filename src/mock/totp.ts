/**
 * RFC 6238 TOTP (HMAC-SHA-1, 30 s step, 6 digits) on Web Crypto, so it runs in
 * browsers and in Node alike. Used by the mock's authenticator app.
 */
import { webCrypto, type MockCrypto } from './crypto.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decode an RFC 4648 base32 string (no padding needed). */
export function base32Decode(input: string): Uint8Array<ArrayBuffer> {
  const clean = input.replace(/[\s=]/g, '').toUpperCase();
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const v = ALPHABET.indexOf(char);
    if (v < 0) throw new Error('invalid base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

export const TOTP_STEP_SECONDS = 30;

/** The time step (counter) that `timeMs` falls in. */
export function totpStep(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
}

/** The 6-digit code for a base32 secret at a given counter (RFC 4226 HOTP). */
export function hotp(secretBase32: string, counter: number, digits = 6): Promise<string> {
  return hotpWith(webCrypto, base32Decode(secretBase32), counter, digits);
}

/** HOTP with a raw key, through the given HMAC (one HMAC-SHA-1 per code). */
export async function hotpWith(crypto: MockCrypto, key: Uint8Array<ArrayBuffer>, counter: number, digits = 6): Promise<string> {
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const mac = await crypto.hmac('SHA-1', key, new Uint8Array(message.buffer));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code for a base32 secret at `timeMs`. */
export function totp(secretBase32: string, timeMs: number): Promise<string> {
  return hotp(secretBase32, totpStep(timeMs));
}
