/**
 * What the mock "sends" and what it says: the outbox of messages a person
 * would receive on a device, the messages in the person's language
 * (messages/), and the masked hints that stand for addresses and numbers in
 * protocol answers.
 *
 * Which language: what a flow asks for (codes, pushes, calls, security
 * questions) is in the flow's `locale`; a notice about the account (its
 * reset was locked, its password changed) is in the account's own language
 * where the directory has one (`SeedUser.locale`), else the flow's: the flow
 * may be someone else's. Other administrators are told in theirs, else English.
 */
import type { Notified } from '../protocol/schemas.js';
import { randomDigits, randomInt } from './crypto.js';
import { ENGLISH, fill, loadMessages, messagesFor, type Messages, type StockQuestionId } from './messages/index.js';
import { isSentCode } from './methods.js';
import { MINUTE } from './options.js';
import type { SeedQuestion } from './seed.js';
import { normalizeUsername, type ChallengeRecord, type FlowRecord, type MockState, type UserRecord } from './state.js';

/** The tenant's name in what the mock sends (as in its config's `brandName`). */
const BRAND = 'Contoso';

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
  /** The language it is written in: a shipped locale (`fr`, `pt-BR`, `zh-Hant`). */
  lang: string;
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

/**
 * The languages a flow's messages may need, loaded before it starts (each but
 * English is a chunk of its own): the flow's, and every language the directory
 * names. The same for a known and an unknown username.
 */
export async function loadLanguages(state: MockState, locale: string) {
  const wanted = new Set([locale]);
  for (const user of state.users.values()) if (user.locale) wanted.add(user.locale);
  await Promise.all([...wanted].map(loadMessages));
}

/** Write a message of the table of `locale`'s language: `say(key, slots, count?)`, and the language's tag. */
function writer(locale: string) {
  const { lang, table } = messagesFor(locale);
  const say = (key: Exclude<keyof Messages, 'questions'>, slots: Record<string, string | number> = {}, count?: number) =>
    fill(lang, table[key], { brand: BRAND, ...slots }, count);
  return { lang, say };
}

/** Send what a challenge needs: a code, a push, a call. Decoys send nothing. */
export function deliverChallenge(state: MockState, flow: FlowRecord, challenge: ChallengeRecord) {
  const user = flow.user;
  if (isSentCode(challenge.type)) challenge.code = randomDigits(6);
  if (challenge.type === 'app-notification') challenge.numberToMatch = 10 + randomInt(90);
  if (!user) return;
  const { options, outbox } = state;
  const { lang, say } = writer(flow.locale);
  const base = { username: flow.username, challengeId: challenge.id, lang };
  const code = challenge.code!;
  switch (challenge.type) {
    case 'email': {
      const minutes = Math.max(1, Math.round(options.codeTtlMs / MINUTE));
      outbox.send({
        ...base,
        channel: 'email',
        to: user.email!,
        subject: say('codeSubject'),
        body: say('codeBody', { code, user: user.username, minutes }, minutes),
        code,
      });
      break;
    }
    case 'mobile-sms':
      // The WebOTP line (`@host #code`) ends the text as the format requires, in every language.
      outbox.send({ ...base, channel: 'sms', to: user.mobile!, body: `${say('sms', { code })}\n\n@${options.otpHost} #${code}`, code });
      break;
    case 'mobile-call':
    case 'office-call':
      outbox.send({
        ...base,
        channel: 'call',
        to: challenge.type === 'mobile-call' ? user.mobile! : user.office!,
        body: say('call'),
      });
      break;
    case 'app-notification':
      outbox.send({
        ...base,
        channel: 'push',
        to: 'Authenticator app',
        body: say('push', { user: user.username }),
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
  const user = flow.user;
  if (!user) return;
  const { lang, say } = writer(user.locale ?? flow.locale);
  state.outbox.send({
    channel: 'email',
    to: user.username,
    username: flow.username,
    lang,
    subject: say('lockSubject'),
    body: Number.isFinite(until)
      ? say('lockUntil', { user: user.username, until: new Date(until).toISOString() })
      : say('lockIndefinite', { user: user.username }),
  });
}

/** After a reset: tell the user's addresses and, for an administrator, every other administrator. */
export function notifyReset(state: MockState, flow: FlowRecord, user: UserRecord): Notified[] {
  const { options, outbox } = state;
  const notified: Notified[] = [];
  if (options.notifyUsers) {
    const addresses = [user.username, user.email].filter((a): a is string => !!a);
    const { lang, say } = writer(user.locale ?? flow.locale);
    for (const to of addresses) {
      outbox.send({
        channel: 'email',
        to,
        username: flow.username,
        lang,
        subject: say('resetSubject'),
        body: say('resetBody', { user: user.username }),
      });
    }
    notified.push(...addresses.map((to) => ({ channel: 'email' as const, hint: maskEmail(to) })));
  }
  if (options.notifyAdmins && user.role === 'admin') {
    const admins = [...state.users.values()].filter((u) => u.role === 'admin' && u !== user);
    for (const admin of admins) {
      const { lang, say } = writer(admin.locale ?? 'en');
      outbox.send({
        channel: 'email',
        to: admin.username,
        username: normalizeUsername(admin.username),
        lang,
        subject: say('adminSubject'),
        body: say('adminBody', { name: user.displayName, user: user.username }),
      });
    }
    if (admins.length > 0) notified.push({ channel: 'admins' });
  }
  return notified;
}

/**
 * A security question's text in a flow's language: the question's own
 * `translations` (by shipped locale or primary language), else, for a stock
 * question (its id and English text are the built-in one's), the language's
 * table, else its text as registered. Ids never change with the language, and
 * answers are compared as the user registered them (normalized, see
 * `normalizeAnswer`), whatever language the question was asked in.
 */
export function questionText(locale: string, question: Pick<SeedQuestion, 'id' | 'text' | 'translations'>): string {
  const { lang, table } = messagesFor(locale);
  const own = question.translations;
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';
  const translated = own?.[lang] ?? own?.[primary(lang)] ?? own?.[primary(locale)];
  if (translated !== undefined) return translated;
  const id = question.id as StockQuestionId;
  // Only a string can equal the text: an id such as `toString` never matches.
  return ENGLISH.questions[id] === question.text ? table.questions[id] : question.text;
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
