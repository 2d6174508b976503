/**
 * Every error's words (a failed request, a refused input): in the wire's
 * chunk (src/wire.ts), fetched before the first request is sent, since no
 * error can come earlier (src/steps/error-message.ts).
 * The words of later steps (password rules and reasons, methods, who was
 * notified) are in words.ts, loaded with those steps.
 */
import { msg, str } from '@lit/localize';
import type { FlowError } from '../flow/reducer.js';
import { plural } from '../i18n/plural.js';

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
