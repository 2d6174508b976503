/**
 * The new password's rules: the tenant policy the widget also checks as the
 * person types (flow/password.ts), plus what only a backend knows (breached
 * and recently used passwords).
 */
import type { PasswordPolicy, PasswordReason } from '../protocol/schemas.js';
import { checkPassword } from '../flow/password.js';

export const DEFAULT_POLICY: PasswordPolicy = {
  minLength: 8,
  maxLength: 256,
  minClasses: 0,
  disallowUsername: true,
};

/** Passwords remembered per user (the current one included), refused as `recently_used`. */
const HISTORY_LENGTH = 5;

export interface PasswordRules {
  passwordPolicy: PasswordPolicy;
  /** Refused as breached, in any case. */
  commonPasswords: readonly string[];
}

/** Why `newPassword` is refused for `username` (empty: it is accepted). */
export function passwordReasons(
  rules: PasswordRules,
  username: string,
  newPassword: string,
  history: readonly string[] = [],
): PasswordReason[] {
  const reasons: PasswordReason[] = checkPassword(rules.passwordPolicy, username, newPassword)
    .filter((r) => !r.ok)
    .map((r) => (r.limit === undefined ? { code: r.code } : { code: r.code, limit: r.limit }));
  // Compared in NFKC (NIST SP 800-63B-4): the same password typed on another keyboard is the same password.
  const folded = nfkc(newPassword);
  const lowered = folded.toLowerCase();
  if (rules.commonPasswords.some((p) => nfkc(p).toLowerCase() === lowered)) reasons.push({ code: 'breached' });
  if (history.some((p) => nfkc(p) === folded)) reasons.push({ code: 'recently_used' });
  return reasons;
}

function nfkc(text: string) {
  return text.normalize('NFKC');
}

/** The password history after a reset to `newPassword`. */
export function withNewPassword(history: readonly string[], newPassword: string): string[] {
  return [newPassword, ...history].slice(0, HISTORY_LENGTH);
}
