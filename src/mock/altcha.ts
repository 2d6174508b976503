/**
 * The mock's captcha check, and its ALTCHA issuer and verifier: with
 * `captchaProvider: 'altcha'` it issues challenges at `GET /v1/captcha/challenge`
 * and verifies the widget's solution in `POST /v1/flows` with altcha-lib,
 * as a production server would (docs/captcha.md):
 *
 * - challenges are HMAC-signed with keys of this server instance, and expire;
 * - a solution is checked against the signature (altcha-lib `verifySolution`),
 *   the expiry on the server's own clock, and counts once: a replayed
 *   solution is refused, even when two requests race with it.
 *
 * The mock imports this module, and this module altcha-lib, only where the
 * tenant uses ALTCHA: the mock's entry does not carry them.
 */
import type { DeriveKeyFunction } from 'altcha-lib';
import { decodePayload, type AltchaAlgorithm, type AltchaChallenge } from '../captcha/altcha-schema.js';
import { randomHex } from './crypto.js';
import { MINUTE } from './options.js';
import { Problem } from './problem.js';
import type { MockState } from './state.js';
import { MOCK_CAPTCHA_TOKEN } from './token.js';

/** How hard and how long-lived the mock's ALTCHA challenges are. */
export interface AltchaOptions {
  /** Key derivation. Default `PBKDF2/SHA-256` (ALTCHA's default). */
  algorithm?: AltchaAlgorithm;
  /** Key derivation iterations per attempt. Default 1000. */
  cost?: number;
  /** The solution's counter is drawn from [minCounter, maxCounter]: a solve takes that many attempts. Default 1000. */
  minCounter?: number;
  /** Default 3000: two million PBKDF2 iterations on average, under a second in one worker on a laptop. */
  maxCounter?: number;
  /** How long a challenge may be answered. Default 10 minutes. */
  ttlMs?: number;
}

export const ALTCHA_DEFAULTS: Required<AltchaOptions> = {
  algorithm: 'PBKDF2/SHA-256',
  cost: 1000,
  minCounter: 1000,
  maxCounter: 3000,
  ttlMs: 10 * MINUTE,
};

/** Next to nothing to solve: for tests, where the proof of work itself is not under test. */
export const ALTCHA_EASY: AltchaOptions = { cost: 1, minCounter: 1, maxCounter: 20 };

/** What a verification found; only `verified` starts a flow. */
export type AltchaVerdict = 'verified' | 'malformed' | 'expired' | 'replayed' | 'invalid';

type AltchaLib = typeof import('altcha-lib');
let lib: Promise<[AltchaLib, DeriveKeyFunction, DeriveKeyFunction]> | undefined;
/** altcha-lib with its Web Crypto key derivations (the mock runs in browsers and in Node alike). */
function altchaLib() {
  return (lib ??= Promise.all([
    import('altcha-lib'),
    import('altcha-lib/algorithms/web/pbkdf2').then((m) => m.deriveKey),
    import('altcha-lib/algorithms/web/sha').then((m) => m.deriveKey),
  ]));
}

/** Issues and verifies one server's challenges: its own HMAC keys, its own record of used solutions. */
export class AltchaIssuer {
  readonly options: Required<AltchaOptions>;
  readonly #now: () => number;
  readonly #signatureSecret = randomHex(32);
  readonly #keySecret = randomHex(32);
  /** Challenges answered (by signature), until they expire; and those being verified right now. */
  readonly #used = new Map<string, number>();
  readonly #checking = new Set<string>();

  constructor(options: AltchaOptions = {}, now: () => number = Date.now) {
    this.options = { ...ALTCHA_DEFAULTS, ...options };
    this.#now = now;
    const { cost, minCounter, maxCounter, ttlMs } = this.options;
    if (!(cost >= 1 && minCounter >= 1 && maxCounter >= minCounter && ttlMs > 0)) {
      throw new RangeError('AltchaOptions: cost ≥ 1, 1 ≤ minCounter ≤ maxCounter, ttlMs > 0');
    }
  }

  /** A fresh challenge, signed, expiring after `ttlMs`; `data.maxCounter` lets the widget show its progress. */
  async challenge(): Promise<AltchaChallenge> {
    const [{ createChallenge, randomInt }, pbkdf2, sha] = await altchaLib();
    const { algorithm, cost, minCounter, maxCounter, ttlMs } = this.options;
    const challenge = await createChallenge({
      algorithm,
      cost,
      // Deterministic mode: the server knows the answer's counter, and signs the derived key,
      // so verifying is one HMAC, not a key derivation.
      counter: randomInt(maxCounter, minCounter),
      deriveKey: algorithm.startsWith('PBKDF2/') ? pbkdf2 : sha,
      expiresAt: Math.floor((this.#now() + ttlMs) / 1000),
      data: { maxCounter },
      hmacSignatureSecret: this.#signatureSecret,
      hmacKeySignatureSecret: this.#keySecret,
    });
    return challenge as AltchaChallenge;
  }

  /** Verify a `captchaToken`: the payload's signature, solution and expiry, once. */
  async verify(token: string): Promise<AltchaVerdict> {
    const payload = decodePayload(token);
    if (!payload) return 'malformed';
    const { challenge, solution } = payload;
    const { signature } = challenge;
    const now = this.#now();
    const expiresAt = (challenge.parameters.expiresAt ?? 0) * 1000;
    this.#forgetExpired(now);
    // The expiry on the server's clock (altcha-lib checks the machine's, too). No expiry, or
    // one further than this server sets, is no challenge of this server's.
    if (expiresAt <= now) return 'expired';
    if (expiresAt > now + this.options.ttlMs + MINUTE) return 'invalid';
    // Claimed before the first await: of two requests racing with one solution, one gets through.
    if (this.#used.has(signature) || this.#checking.has(signature)) return 'replayed';
    this.#checking.add(signature);
    try {
      const [{ verifySolution }, pbkdf2, sha] = await altchaLib();
      const result = await verifySolution({
        challenge,
        solution,
        deriveKey: challenge.parameters.algorithm.startsWith('PBKDF2/') ? pbkdf2 : sha,
        hmacSignatureSecret: this.#signatureSecret,
        hmacKeySignatureSecret: this.#keySecret,
      });
      if (!result.verified) return result.expired ? 'expired' : 'invalid';
      this.#used.set(signature, expiresAt);
      return 'verified';
    } finally {
      this.#checking.delete(signature);
    }
  }

  /** A used solution is kept until its challenge expires; after that, expiry refuses it anyway. */
  #forgetExpired(now: number) {
    for (const [signature, expiresAt] of this.#used) if (expiresAt <= now) this.#used.delete(signature);
  }
}

const issuers = new WeakMap<MockState, AltchaIssuer>();

/** The ALTCHA issuer of one mock server (`MockOptions.altcha` sets its difficulty). */
export function altchaOf(state: MockState): AltchaIssuer {
  let issuer = issuers.get(state);
  if (!issuer) {
    issuers.set(state, (issuer = new AltchaIssuer(state.options.altcha, state.options.now)));
  }
  return issuer;
}

/** `GET /v1/captcha/challenge`: a fresh ALTCHA challenge; none (404) when the config names another provider. */
export async function captchaChallenge(state: MockState): Promise<AltchaChallenge> {
  if (state.options.captchaProvider !== 'altcha') throw new Problem('not_found');
  return altchaOf(state).challenge();
}

/**
 * The captcha check of `POST /v1/flows`: with `altcha`, a solution verified
 * once; with any other provider, the mock captcha's token. `captcha_failed` otherwise.
 */
export async function checkCaptcha(state: MockState, token: string): Promise<void> {
  if (state.options.captchaProvider === 'altcha') {
    if ((await altchaOf(state).verify(token)) !== 'verified') throw new Problem('captcha_failed');
  } else if (token !== MOCK_CAPTCHA_TOKEN) {
    throw new Problem('captcha_failed');
  }
}
