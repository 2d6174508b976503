/**
 * What the mock "sends" and what it says: the outbox of messages a person
 * would receive on a device, the message templates, and the masked hints that
 * stand for addresses and numbers in protocol answers.
 */
import type { Notified } from '../protocol/schemas.js';
import { randomDigits, randomInt } from './crypto.js';
import { isSentCode } from './methods.js';
import { MINUTE } from './options.js';
import { normalizeUsername, type ChallengeRecord, type FlowRecord, type MockState, type UserRecord } from './state.js';

/** A message the mock "sent": what a person would receive on a device. */
export interface OutboxMessage {
  id: number;
  /** When it was sent (ms since epoch, the mock's clock). */
  time: number;
  channel: 'email' | 'sms' | 'call' | 'push';
  /** Recipient address or number (full value: the devices panel shows it). */
  to: string;
  username: string;
  subject?: string;
  body: string;
  /** The one-time code, when the message carries one. */
  code?: string;
  /** The challenge this message belongs to (push and calls are answered through it). */
  challengeId?: string;
  /** Number to type in the app (push). */
  numberToMatch?: number;
}

/** Every message sent, oldest first, and who listens for new ones. */
export class Outbox {
  readonly messages: OutboxMessage[] = [];
  readonly #listeners = new Set<(message: OutboxMessage) => void>();
  #lastId = 0;

  /** `clock.now()` stamps each message: the mock's options, read at the time of sending. */
  constructor(readonly clock: { now(): number }) {}

  send(message: Omit<OutboxMessage, 'id' | 'time'>) {
    const full: OutboxMessage = { id: ++this.#lastId, time: this.clock.now(), ...message };
    this.messages.push(full);
    for (const listener of this.#listeners) listener(full);
  }

  /** Call `listener` with every message sent from now on; returns an unsubscribe function. */
  subscribe(listener: (message: OutboxMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The newest message to a (normalized) username, optionally of one channel. */
  last(username: string, channel?: OutboxMessage['channel']): OutboxMessage | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.username === username && (channel === undefined || m.channel === channel)) return m;
    }
    return undefined;
  }
}

/** Send what a challenge needs: a code, a push, a call. Decoys send nothing. */
export function deliverChallenge(state: MockState, flow: FlowRecord, challenge: ChallengeRecord) {
  const user = flow.user;
  if (isSentCode(challenge.type)) challenge.code = randomDigits(6);
  if (challenge.type === 'app-notification') challenge.numberToMatch = 10 + randomInt(90);
  if (!user) return;
  const { options, outbox } = state;
  const base = { username: flow.username, challengeId: challenge.id };
  switch (challenge.type) {
    case 'email':
      outbox.send({
        ...base,
        channel: 'email',
        to: user.email!,
        subject: 'Your Contoso account password reset code',
        body: `Use verification code ${challenge.code} to reset the password of ${user.username}. It expires in ${Math.round(options.codeTtlMs / MINUTE)} minutes.`,
        code: challenge.code!,
      });
      break;
    case 'mobile-sms': {
      const host = options.otpHost;
      outbox.send({
        ...base,
        channel: 'sms',
        to: user.mobile!,
        body: `${challenge.code} is your Contoso verification code.\n\n@${host} #${challenge.code}`,
        code: challenge.code!,
      });
      break;
    }
    case 'mobile-call':
    case 'office-call':
      outbox.send({
        ...base,
        channel: 'call',
        to: challenge.type === 'mobile-call' ? user.mobile! : user.office!,
        body: 'This is Contoso. Press the pound key to confirm your password reset.',
      });
      break;
    case 'app-notification':
      outbox.send({
        ...base,
        channel: 'push',
        to: 'Authenticator app',
        body: `Approve sign-in for ${user.username}? Enter the number shown to approve.`,
        numberToMatch: challenge.numberToMatch!,
      });
      break;
    default:
      break;
  }
}

/**
 * A lock began (once per lock, never per failure): the account's own address
 * is told until when, so a person who did not cause it knows someone tried.
 */
export function notifyLock(state: MockState, flow: FlowRecord, until: number) {
  if (!flow.user) return;
  const when = Number.isFinite(until) ? `until ${new Date(until).toISOString()}` : 'until an administrator unlocks it';
  state.outbox.send({
    channel: 'email',
    to: flow.user.username,
    username: flow.username,
    subject: 'Password reset for your Contoso account is locked',
    body: `After repeated failed verifications, self-service password reset for ${flow.user.username} is locked ${when}. Signing in is not affected. If this wasn't you, tell your administrator.`,
  });
}

/** After a reset: tell the user's addresses and, for an administrator, every other administrator. */
export function notifyReset(state: MockState, flow: FlowRecord, user: UserRecord): Notified[] {
  const { options, outbox } = state;
  const notified: Notified[] = [];
  if (options.notifyUsers) {
    const addresses = [user.username, user.email].filter((a): a is string => !!a);
    for (const to of addresses) {
      outbox.send({
        channel: 'email',
        to,
        username: flow.username,
        subject: 'Your Contoso password was changed',
        body: `The password of ${user.username} was reset. If this wasn't you, contact your administrator at once.`,
      });
    }
    notified.push(...addresses.map((to) => ({ channel: 'email' as const, hint: maskEmail(to) })));
  }
  if (options.notifyAdmins && user.role === 'admin') {
    const admins = [...state.users.values()].filter((u) => u.role === 'admin' && u !== user);
    for (const admin of admins) {
      outbox.send({
        channel: 'email',
        to: admin.username,
        username: normalizeUsername(admin.username),
        subject: 'An administrator reset their password',
        body: `${user.displayName} (${user.username}) reset their password with self-service password reset.`,
      });
    }
    if (admins.length > 0) notified.push({ channel: 'admins' });
  }
  return notified;
}

/** `adele.vance@fabrikam.com` → `a•••@fabrikam.com` */
export function maskEmail(email: string) {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** `+1 425 555 0134` → `+1 ••• ••• ••34` */
export function maskPhone(phone: string) {
  const country = /^\+\d{1,3}/.exec(phone)?.[0] ?? '';
  const digits = phone.replace(/\D/g, '');
  return `${country} ••• ••• ••${digits.slice(-2)}`.trim();
}
