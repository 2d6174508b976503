/**
 * The mock's records and the state every module works on. Everything lives in
 * memory, in one `MockState` per `MockResetServer`.
 */
import type { MethodFamily, MethodType } from '../protocol/schemas.js';
import type { Decoy } from './decoys.js';
import type { Outbox } from './delivery.js';
import type { Idempotency } from './idempotency.js';
import type { Lockouts } from './lockout.js';
import type { ResolvedOptions } from './options.js';
import type { SeedQuestion, SeedUser } from './seed.js';
import type { Counters } from './store.js';

export interface UserRecord extends SeedUser {
  /** The current password first; see policy.ts. */
  passwordHistory: string[];
}

export interface ChallengeRecord {
  id: string;
  methodId: string;
  type: MethodType;
  hint: string;
  expiresAt: number;
  /** Attempts taken (right or wrong), each before it is evaluated. */
  attemptsTaken: number;
  /** Wrong codes or answers given. */
  wrongAttempts: number;
  status: 'pending' | 'approved' | 'denied' | 'expired' | 'verified' | 'failed';
  code?: string;
  numberToMatch?: number;
  questions?: SeedQuestion[];
  /** A newer challenge of the flow took its place. */
  replaced?: boolean;
  /** Already counted as a failed challenge. */
  counted?: boolean;
}

export interface FlowRecord {
  /** Internal id: the key of the flow's counters (the token is a secret and is not used as a key). */
  id: string;
  token: string;
  /** null for a decoy flow (unknown username). */
  user: UserRecord | null;
  /** For an unknown username: the real account it looks like. */
  decoy: Decoy;
  /** Normalized (see `normalizeUsername`): the key of users, lockouts and rate limits. */
  username: string;
  locale: string;
  expiresAt: number;
  /** Last request with this flow's token: a new flow may only end a flow that has been idle. */
  lastSeen: number;
  gatesRequired: 1 | 2;
  passed: MethodFamily[];
  challenges: Map<string, ChallengeRecord>;
  /** Challenges started and resent. */
  sends: number;
  /** Failed challenges (the first adds a strike to the account). */
  failures: number;
  /** Attempts taken over all challenges, denials included (`attemptsPerFlow` end the flow). */
  attemptsTaken: number;
  /** A wrong attempt or a denial happened here: a lock then ends the flow. */
  tainted: boolean;
  ended?: boolean;
}

/** What the mock knows and counts. */
export interface MockState {
  readonly options: ResolvedOptions;
  /** By normalized username. */
  readonly users: Map<string, UserRecord>;
  /** Live flows by token. */
  readonly flows: Map<string, FlowRecord>;
  /** Every rate limit and window (see store.ts). */
  readonly counters: Counters;
  /** Strikes, locks and the consecutive-failure cap per username, known or not. */
  readonly lockouts: Lockouts;
  /** Answers kept by Idempotency-Key. */
  readonly idempotency: Idempotency;
  readonly outbox: Outbox;
}

/** The key a username is known by: trimmed, NFKC, lower case. */
export function normalizeUsername(username: string) {
  return username.trim().normalize('NFKC').toLowerCase();
}
