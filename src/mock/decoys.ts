/**
 * Decoys: what an unknown username is answered with. A decoy takes the shape
 * of one real account, picked by an HMAC of the username under the server
 * secret: the same name always gets the same shape, and shapes (methods,
 * hints, gates, not enabled) come in the proportions of the real population.
 * Hints keep the real account's structure (domain, country code) with parts
 * of their own. Nothing is sent to a decoy and nothing of it verifies.
 */
import type { MethodType } from '../protocol/schemas.js';
import { randomToken, utf8 } from './crypto.js';
import type { SeedQuestion } from './seed.js';
import type { FlowRecord, MockState, UserRecord } from './state.js';

export interface Decoy {
  /** HMAC-SHA-256(server secret, username): 32 bytes every invented part is drawn from. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The real account whose shape the decoy takes; null when there are none. */
  readonly like: UserRecord | null;
}

/**
 * Derived for every flow start, for real usernames too: both cost one HMAC.
 * The pick is a 32-bit number modulo the population (bias below 2^-20 for a
 * population under a million).
 */
export async function deriveDecoy(state: MockState, account: string): Promise<Decoy> {
  const { secret, crypto } = state.options;
  const bytes = await crypto.hmac('SHA-256', utf8(secret), utf8(`decoy\u0000${account}`));
  const users = [...state.users.values()];
  const pick = new DataView(bytes.buffer).getUint32(0);
  return { bytes, like: users.length > 0 ? users[pick % users.length]! : null };
}

/** The role, enablement and registration of the account a flow is for, real or decoy. */
export function profileOf(flow: FlowRecord): Pick<UserRecord, 'role' | 'enabled'> {
  return flow.user ?? flow.decoy.like ?? { role: 'user' };
}

/** A decoy's registered methods, with invented masked hints in the real account's style. */
export function decoyRegistered(state: MockState, flow: FlowRecord): Array<[MethodType, string]> {
  const { bytes, like } = flow.decoy;
  const twoDigits = (i: number) => String(bytes[i]! % 100).padStart(2, '0');
  const country = (phone: string | undefined) => /^\+\d{1,3}/.exec(phone ?? '')?.[0] ?? '+1';
  const letter = /[a-z0-9]/i.exec(flow.username)?.[0]?.toLowerCase() ?? 'a';
  const domain = (like?.email ?? 'a@outlook.com').split('@')[1];
  const out: Array<[MethodType, string]> = [];
  if (!like || like.authenticatorSecret) out.push(['app-notification', ''], ['app-code', '']);
  if (!like || like.email) out.push(['email', `${letter}•••@${domain}`]);
  const mobile = `${country(like?.mobile)} ••• ••• ••${twoDigits(4)}`;
  if (!like || like.mobile) out.push(['mobile-sms', mobile], ['mobile-call', mobile]);
  if (!like || like.office) out.push(['office-call', `${country(like?.office)} ••• ••• ••${twoDigits(5)}`]);
  if ((like ? (like.questions?.length ?? 0) : Infinity) >= state.options.questionsRequired) out.push(['questions', '']);
  return out;
}

/** The key a decoy's authenticator codes are computed with: the same work as a real account's, never a match that counts. */
export function decoyTotpKey(flow: FlowRecord) {
  return flow.decoy.bytes.slice(12, 32);
}

/** The real account's questions (else a common set), with answers nobody knows. */
export function decoyQuestions(flow: FlowRecord, fallback: readonly SeedQuestion[]): SeedQuestion[] {
  return (flow.decoy.like?.questions ?? fallback).map((q) => ({ ...q, answer: randomToken() }));
}
