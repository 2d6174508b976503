/**
 * The mock's records and the state every module works on. Everything lives in
 * memory, in one `MockState` per `MockResetServer`.
 */
import type { MethodFamily, MethodType } from '../protocol/schemas.js';
import type { Outbox } from './delivery.js';
import type { Lockouts, RateLimit } from './lockout.js';
import type { ResolvedOptions } from './options.js';
import type { SeedQuestion, SeedUser } from './seed.js';

export interface UserRecord extends SeedUser {
  /** The current password first; see policy.ts. */
  passwordHistory: string[];
  /** TOTP time steps already used: each app code verifies once. */
  usedTotpSteps: Set<number>;
}

export interface ChallengeRecord {
  id: string;
  methodId: string;
  type: MethodType;
  hint: string;
  expiresAt: number;
  attemptsRemaining: number;
  resendAt: number;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'verified' | 'failed';
  code?: string;
  numberToMatch?: number;
  questions?: SeedQuestion[];
  /** A newer challenge of the flow took its place. */
  replaced?: boolean;
  /** Wrong codes or answers given. */
  wrongAttempts: number;
  /** Already counted as a failed verification toward lockout. */
  counted?: boolean;
}

export interface FlowRecord {
  token: string;
  /** null for a decoy flow (unknown username). */
  user: UserRecord | null;
  /** Normalized (see `normalizeUsername`): the key of users, lockouts and rate limits. */
  username: string;
  locale: string;
  expiresAt: number;
  gatesRequired: 1 | 2;
  passed: MethodFamily[];
  challenges: Map<string, ChallengeRecord>;
  decoySeed: number;
}

/** What the mock knows and counts. */
export interface MockState {
  readonly options: ResolvedOptions;
  /** By normalized username. */
  readonly users: Map<string, UserRecord>;
  /** Live flows by token. */
  readonly flows: Map<string, FlowRecord>;
  /** Failed verifications and lockouts per username, known or not. */
  readonly lockouts: Lockouts;
  /** Flow starts per username, within a minute. */
  readonly flowStarts: RateLimit;
  readonly outbox: Outbox;
}

/** The key a username is known by: trimmed, NFKC, lower case. */
export function normalizeUsername(username: string) {
  return username.trim().normalize('NFKC').toLowerCase();
}
