/**
 * Localized words for the steps after the first (loaded with them): password
 * rules and reasons, methods and why one is not offered, who was notified.
 */
import { msg, str } from '@lit/localize';
import type { PasswordCheck } from '../flow/password.js';
import { plural } from '../i18n/plural.js';
import type { MethodType, Notified, PasswordReason, UnavailableReason } from '../protocol/schemas.js';
import { ltr } from './bidi.js';

/** A password rule as a requirement, for the live checklist ("Your new password must:"). */
export function ruleMessage(rule: PasswordCheck): string {
  const limit = rule.limit ?? 0;
  switch (rule.code) {
    case 'too_short':
      return atLeastChars(limit);
    case 'too_long':
      return atMostChars(limit);
    case 'complexity':
      return msg(str`Mix at least ${limit} of these: lowercase letters, uppercase letters, digits, symbols`);
    case 'contains_username':
      return msg('Not contain your user ID');
  }
}

/** Why the backend refused a password, as a statement about the password tried. */
export function reasonMessage(reason: Pick<PasswordReason, 'code' | 'limit'>): string {
  const limit = reason.limit ?? 0;
  switch (reason.code) {
    case 'too_short':
      return shorterThan(limit);
    case 'too_long':
      return longerThan(limit);
    case 'complexity':
      return kindsMissing(limit);
    case 'contains_username':
      return msg('It contains your user ID.');
    case 'breached':
      return msg('It’s too common or has appeared in a data breach.');
    case 'recently_used':
      return msg('You used it recently. Choose one you haven’t used before.');
    case 'mismatch':
      return msg('The two passwords don’t match.');
    default:
      // A reason this version doesn't know (protocol v1 grows by additions).
      return msg('It doesn’t meet your organization’s password rules.', {
        desc: 'Why a new password was refused, when the backend gave a reason this version does not know.',
      });
  }
}

export function methodLabel(type: MethodType): string {
  switch (type) {
    case 'app-notification':
      return msg('Approve a notification on my authenticator app');
    case 'app-code':
      return msg('Enter a code from my authenticator app');
    case 'email':
      return msg('Email my alternate email address');
    case 'mobile-sms':
      return msg('Text my mobile phone');
    case 'mobile-call':
      return msg('Call my mobile phone');
    case 'office-call':
      return msg('Call my office phone');
    case 'questions':
      return msg('Answer my security questions');
  }
}

export function unavailableMessage(reason: UnavailableReason | (string & {})): string {
  switch (reason) {
    case 'admin-policy':
      return msg('Not available to administrator accounts.');
    case 'not-alone':
      return msg('Your organization doesn’t accept this as the only verification.');
    case 'already-used':
      return msg('Already used. The second step needs a different method.');
    case 'disabled':
      return msg('Not enabled by your organization.');
    default:
      // A reason this version doesn't know (protocol v1 grows by additions).
      return msg('Not available here.', {
        desc: 'Why a method is not offered, when the backend gave a reason this version does not know.',
      });
  }
}

export function notifiedMessage(n: Notified): string {
  switch (n.channel) {
    case 'email':
      return n.hint ? msg(str`Email to ${ltr(n.hint)}`) : msg('Email');
    case 'mobile-sms':
      return n.hint ? msg(str`Text message to ${ltr(n.hint)}`) : msg('Text message');
    case 'admins':
      return msg('Your organization’s other administrators');
    default:
      // A channel this version doesn't know (protocol v1 grows by additions).
      return n.hint
        ? msg(str`A message to ${ltr(n.hint)}`, {
            desc: 'Done screen: a channel notified of the reset, of a kind this version does not know; the hint is a masked address.',
          })
        : msg('Another contact method on your account', {
            desc: 'Done screen: a channel notified of the reset, of a kind this version does not know, without an address.',
          });
  }
}

// ——— Counts: one whole sentence per plural form (src/i18n/plural.ts) ———
const atLeastChars = (count: number) =>
  plural(count, {
    zero: (n) =>
      msg(str`Have at least ${n} characters`, {
        id: 'min-length.zero',
        desc: 'Password rule: the shortest length. Plural form “zero” (Arabic: 0). English: as “other”.',
      }),
    one: (n) =>
      msg(str`Have at least ${n} character`, {
        id: 'min-length.one',
        desc: 'Password rule: the shortest length. Plural form “one” (English: 1).',
      }),
    two: (n) =>
      msg(str`Have at least ${n} characters`, {
        id: 'min-length.two',
        desc: 'Password rule: the shortest length. Plural form “two” (Arabic, Hebrew: 2). English: as “other”.',
      }),
    few: (n) =>
      msg(str`Have at least ${n} characters`, {
        id: 'min-length.few',
        desc: 'Password rule: the shortest length. Plural form “few” (Polish: 2–4, 22–24…; Arabic: 3–10). English: as “other”.',
      }),
    many: (n) =>
      msg(str`Have at least ${n} characters`, {
        id: 'min-length.many',
        desc: 'Password rule: the shortest length. Plural form “many” (Polish: 5–21…; Arabic: 11–99). English: as “other”.',
      }),
    other: (n) => msg(str`Have at least ${n} characters`, { desc: 'Password rule: the shortest length. Plural form “other”.' }),
  });

const atMostChars = (count: number) =>
  plural(count, {
    zero: (n) =>
      msg(str`Have at most ${n} characters`, {
        id: 'max-length.zero',
        desc: 'Password rule: the longest length. Plural form “zero” (Arabic: 0). English: as “other”.',
      }),
    one: (n) =>
      msg(str`Have at most ${n} character`, {
        id: 'max-length.one',
        desc: 'Password rule: the longest length. Plural form “one” (English: 1).',
      }),
    two: (n) =>
      msg(str`Have at most ${n} characters`, {
        id: 'max-length.two',
        desc: 'Password rule: the longest length. Plural form “two” (Arabic, Hebrew: 2). English: as “other”.',
      }),
    few: (n) =>
      msg(str`Have at most ${n} characters`, {
        id: 'max-length.few',
        desc: 'Password rule: the longest length. Plural form “few” (Polish: 2–4, 22–24…; Arabic: 3–10). English: as “other”.',
      }),
    many: (n) =>
      msg(str`Have at most ${n} characters`, {
        id: 'max-length.many',
        desc: 'Password rule: the longest length. Plural form “many” (Polish: 5–21…; Arabic: 11–99). English: as “other”.',
      }),
    other: (n) => msg(str`Have at most ${n} characters`, { desc: 'Password rule: the longest length. Plural form “other”.' }),
  });

const shorterThan = (count: number) =>
  plural(count, {
    zero: (n) =>
      msg(str`It’s shorter than ${n} characters.`, {
        id: 'too-short.zero',
        desc: 'Why a password was refused: too short. Plural form “zero” (Arabic: 0). English: as “other”.',
      }),
    one: (n) =>
      msg(str`It’s shorter than ${n} character.`, {
        id: 'too-short.one',
        desc: 'Why a password was refused: too short. Plural form “one” (English: 1).',
      }),
    two: (n) =>
      msg(str`It’s shorter than ${n} characters.`, {
        id: 'too-short.two',
        desc: 'Why a password was refused: too short. Plural form “two” (Arabic, Hebrew: 2). English: as “other”.',
      }),
    few: (n) =>
      msg(str`It’s shorter than ${n} characters.`, {
        id: 'too-short.few',
        desc: 'Why a password was refused: too short. Plural form “few” (Polish: 2–4, 22–24…; Arabic: 3–10). English: as “other”.',
      }),
    many: (n) =>
      msg(str`It’s shorter than ${n} characters.`, {
        id: 'too-short.many',
        desc: 'Why a password was refused: too short. Plural form “many” (Polish: 5–21…; Arabic: 11–99). English: as “other”.',
      }),
    other: (n) => msg(str`It’s shorter than ${n} characters.`, { desc: 'Why a password was refused: too short. Plural form “other”.' }),
  });

const longerThan = (count: number) =>
  plural(count, {
    zero: (n) =>
      msg(str`It’s longer than ${n} characters.`, {
        id: 'too-long.zero',
        desc: 'Why a password was refused: too long. Plural form “zero” (Arabic: 0). English: as “other”.',
      }),
    one: (n) =>
      msg(str`It’s longer than ${n} character.`, {
        id: 'too-long.one',
        desc: 'Why a password was refused: too long. Plural form “one” (English: 1).',
      }),
    two: (n) =>
      msg(str`It’s longer than ${n} characters.`, {
        id: 'too-long.two',
        desc: 'Why a password was refused: too long. Plural form “two” (Arabic, Hebrew: 2). English: as “other”.',
      }),
    few: (n) =>
      msg(str`It’s longer than ${n} characters.`, {
        id: 'too-long.few',
        desc: 'Why a password was refused: too long. Plural form “few” (Polish: 2–4, 22–24…; Arabic: 3–10). English: as “other”.',
      }),
    many: (n) =>
      msg(str`It’s longer than ${n} characters.`, {
        id: 'too-long.many',
        desc: 'Why a password was refused: too long. Plural form “many” (Polish: 5–21…; Arabic: 11–99). English: as “other”.',
      }),
    other: (n) => msg(str`It’s longer than ${n} characters.`, { desc: 'Why a password was refused: too long. Plural form “other”.' }),
  });

const kindsMissing = (count: number) =>
  plural(count, {
    zero: (n) =>
      msg(str`It doesn’t mix at least ${n} kinds of characters (lowercase, uppercase, digits, symbols).`, {
        id: 'kinds.zero',
        desc: 'Why a password was refused: too few kinds of characters. Plural form “zero” (Arabic: 0). English: as “other”.',
      }),
    one: (n) =>
      msg(str`It doesn’t mix at least ${n} kind of characters (lowercase, uppercase, digits, symbols).`, {
        id: 'kinds.one',
        desc: 'Why a password was refused: too few kinds of characters. Plural form “one” (English: 1).',
      }),
    two: (n) =>
      msg(str`It doesn’t mix at least ${n} kinds of characters (lowercase, uppercase, digits, symbols).`, {
        id: 'kinds.two',
        desc: 'Why a password was refused: too few kinds of characters. Plural form “two” (Arabic, Hebrew: 2). English: as “other”.',
      }),
    few: (n) =>
      msg(str`It doesn’t mix at least ${n} kinds of characters (lowercase, uppercase, digits, symbols).`, {
        id: 'kinds.few',
        desc: 'Why a password was refused: too few kinds of characters. Plural form “few” (Polish: 2–4, 22–24…; Arabic: 3–10). English: as “other”.',
      }),
    many: (n) =>
      msg(str`It doesn’t mix at least ${n} kinds of characters (lowercase, uppercase, digits, symbols).`, {
        id: 'kinds.many',
        desc: 'Why a password was refused: too few kinds of characters. Plural form “many” (Polish: 5–21…; Arabic: 11–99). English: as “other”.',
      }),
    other: (n) =>
      msg(str`It doesn’t mix at least ${n} kinds of characters (lowercase, uppercase, digits, symbols).`, {
        desc: 'Why a password was refused: too few kinds of characters. Plural form “other”.',
      }),
  });
