import type { PasswordPolicy, PasswordReason, PasswordReasonCode } from '../protocol/schemas.js';

/** One rule of the password policy and whether a candidate meets it. */
export interface PasswordCheck extends Pick<PasswordReason, 'limit'> {
  /**
   * The reason the backend would give: every password reason except those
   * only the backend knows (`breached`, `recently_used`) and the mismatch of
   * the two inputs, which the password step checks itself.
   */
  code: Exclude<PasswordReasonCode, 'breached' | 'recently_used' | 'mismatch'>;
  ok: boolean;
}

/** Count of the four character classes (lower, upper, digit, other) a password mixes. */
export function characterClasses(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/**
 * The policy rules a client can check as the person types, shared by the
 * widget (live feedback) and the mock backend (enforcement). Breached and
 * recently used passwords are only known to the backend.
 */
export function checkPassword(policy: PasswordPolicy, username: string, password: string): PasswordCheck[] {
  const length = [...password].length;
  const checks: PasswordCheck[] = [
    { code: 'too_short', ok: length >= policy.minLength, limit: policy.minLength },
    { code: 'too_long', ok: length <= policy.maxLength, limit: policy.maxLength },
  ];
  if (policy.minClasses > 0) {
    checks.push({ code: 'complexity', ok: characterClasses(password) >= policy.minClasses, limit: policy.minClasses });
  }
  if (policy.disallowUsername) {
    const local = username.trim().toLowerCase().split('@')[0] ?? '';
    const ok = local.length < 3 || !password.toLowerCase().includes(local);
    checks.push({ code: 'contains_username', ok });
  }
  return checks;
}
