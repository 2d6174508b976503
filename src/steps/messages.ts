/** Localized words for protocol values: error codes, password reasons, methods. */
import { msg, str } from '@lit/localize';
import type { FlowError } from '../flow/reducer.js';
import { getLocale } from '../i18n/index.js';
import { plural } from '../i18n/plural.js';
import { ltr } from './bidi.js';
import type { PasswordCheck } from '../flow/password.js';
import type { MethodType, Notified, PasswordReason, UnavailableReason } from '../protocol/schemas.js';

export function errorMessage(error: FlowError): string {
  switch (error.code) {
    case 'network_error':
      return msg('We couldn’t reach the server. Check your connection and try again.');
    case 'timeout':
      return msg('The server took too long to answer. Try again.');
    case 'captcha_failed':
      return msg('We couldn’t confirm that you’re not a robot. Try the check again.');
    case 'captcha_missing':
      return msg('Confirm that you’re not a robot.');
    case 'username_missing':
      return msg('Enter your user ID.', { desc: 'Error on the user ID field: it is empty.' });
    case 'code_missing':
      return msg('Enter the code.');
    case 'code_format':
      return msg('That isn’t a code we sent: check it and enter its digits.', {
        desc: 'Error on the code field: what was typed, spaces and dashes removed, is not a code of the right length or has other characters; nothing was sent.',
      });
    case 'method_missing':
      return msg('Choose a verification method.', { desc: 'Error on the method list: the person pressed Continue without choosing.' });
    case 'password_mismatch':
      return msg('The two passwords don’t match.');
    case 'answers_missing':
      return msg('Answer every question.');
    case 'password_invalid':
      return msg('Your new password doesn’t meet the requirements yet.');
    case 'flow_expired':
      return msg('Your session expired. Start again.');
    case 'rate_limited':
      return error.retryAfter ? waitSeconds(error.retryAfter) : msg('Too many tries. Wait a moment, then try again.');
    case 'method_unavailable':
      return msg('That verification method isn’t available now. Choose another one.');
    case 'challenge_expired':
      return msg('This request has expired. Send a new one or choose another method.');
    case 'too_many_attempts':
      return msg('Too many wrong attempts. Choose a verification method again.');
    case 'password_rejected':
      return msg('Choose a different password.');
    case 'wrong_code':
      return msg(str`That code didn’t work. Attempts left: ${error.attemptsRemaining ?? 0}.`);
    case 'wrong_answers':
      return msg(str`One or more answers didn’t match, so we picked new questions. Attempts left: ${error.attemptsRemaining ?? 0}.`);
    case 'locked_out':
      return msg('Your account is locked for password reset. Try again later or contact your administrator.');
    case 'not_enabled':
      return msg('Self-service password reset isn’t available for your account. Contact your administrator.');
    case 'invalid_request':
      return msg('The request wasn’t accepted. Check what you entered and try again.');
    case 'request_in_progress':
      return msg('We’re still working on your previous request. Wait a moment, then try again.', {
        desc: 'Error: the backend is still answering an earlier copy of this request (request_in_progress).',
      });
    case 'method_not_allowed':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'idempotency_key_reused':
    case 'request_failed':
      return msg('This couldn’t be completed. Try again, or start over.', {
        desc: 'Error: the backend refused the request for a reason this version does not know (a 4xx with a new problem code).',
      });
    case 'not_found':
    case 'invalid_response':
    case 'server_error':
      return msg('Something went wrong on our side. Try again in a moment.');
  }
}

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

/** A clock time (ms) in the widget's language: the time of day, with the date when `withDate`. */
export function formatTime(at: number, withDate = false): string {
  return new Intl.DateTimeFormat(getLocale(), withDate ? { dateStyle: 'medium', timeStyle: 'short' } : { timeStyle: 'short' }).format(at);
}

// ——— Counts: one whole sentence per plural form (src/i18n/plural.ts) ———

const waitSeconds = (count: number) =>
  plural(count, {
    zero: (n) =>
      msg(str`Too many tries. Wait ${n} seconds, then try again.`, {
        id: 'wait.zero',
        desc: 'Error: the backend asked to wait this many seconds. Plural form “zero” (Arabic: 0). English: as “other”.',
      }),
    one: (n) =>
      msg(str`Too many tries. Wait ${n} second, then try again.`, {
        id: 'wait.one',
        desc: 'Error: the backend asked to wait this many seconds. Plural form “one” (English: 1).',
      }),
    two: (n) =>
      msg(str`Too many tries. Wait ${n} seconds, then try again.`, {
        id: 'wait.two',
        desc: 'Error: the backend asked to wait this many seconds. Plural form “two” (Arabic, Hebrew: 2). English: as “other”.',
      }),
    few: (n) =>
      msg(str`Too many tries. Wait ${n} seconds, then try again.`, {
        id: 'wait.few',
        desc: 'Error: the backend asked to wait this many seconds. Plural form “few” (Polish: 2–4, 22–24…; Arabic: 3–10). English: as “other”.',
      }),
    many: (n) =>
      msg(str`Too many tries. Wait ${n} seconds, then try again.`, {
        id: 'wait.many',
        desc: 'Error: the backend asked to wait this many seconds. Plural form “many” (Polish: 5–21…; Arabic: 11–99). English: as “other”.',
      }),
    other: (n) =>
      msg(str`Too many tries. Wait ${n} seconds, then try again.`, {
        desc: 'Error: the backend asked to wait this many seconds. Plural form “other”.',
      }),
  });

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
