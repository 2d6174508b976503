/**
 * How each method type is answered and delivered, through the protocol's
 * shared sets (CODE_METHODS, POLL_METHODS) rather than lists spelled out
 * where they are used. The seven types split three ways: a typed code, an
 * out-of-band approval that is polled, or security questions.
 */
import { CODE_METHODS, METHOD_FAMILY, POLL_METHODS, type MethodFamily, type MethodType } from '../protocol/schemas.js';

/** Answered with a typed code (app code, email, SMS): verified, never polled. */
export function isCodeMethod(type: MethodType) {
  return CODE_METHODS.includes(type);
}

/** Answered out of band (push, calls): polled, never verified with a code. */
export function isPollMethod(type: MethodType) {
  return POLL_METHODS.includes(type);
}

/** A code the backend makes and sends (email, SMS); the authenticator app makes its own. */
export function isSentCode(type: MethodType) {
  return isCodeMethod(type) && type !== 'app-code';
}

/** The backend delivers it (a message, a push, a call), so it can be sent again. */
export function isResendable(type: MethodType) {
  return isSentCode(type) || isPollMethod(type);
}

/** The device or secret a method uses: a second gate must come from another family. */
export function familyOf(type: MethodType): MethodFamily {
  return METHOD_FAMILY[type];
}
