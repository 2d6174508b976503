import type { Answers } from '../protocol/schemas.js';
import type { FlowState, ValidationCode } from './reducer.js';

/**
 * What a person can ask of the flow, in the words of the step that asks.
 *
 * A step reads and checks its own inputs, then calls one of these; it never
 * dispatches an event or calls a backend itself. `ResetController`
 * implements them. A request intent resolves with the state once the answer
 * is in, or at once when it is ignored (another request is in flight).
 */
export interface Intents {
  /** Start a flow for a user ID, with the captcha's token (`''` when no captcha is active). */
  start(username: string, captchaToken: string): Promise<FlowState>;
  /** Start a challenge on one of the person's methods. */
  choose(methodId: string): Promise<FlowState>;
  /** Answer the current code challenge. */
  verifyCode(code: string): Promise<FlowState>;
  /** Answer the current security questions. */
  verifyAnswers(answers: Answers): Promise<FlowState>;
  /** Send the current challenge again (a new code, notification or call). */
  resend(): Promise<FlowState>;
  /** Leave the current challenge for the list of methods. */
  chooseAnother(): void;
  /** The new password and its confirmation as typed, for live feedback. */
  editPassword(password: string, confirm: string): void;
  /** Show (or hide again) the passwords as they are typed. */
  revealPassword(shown: boolean): void;
  /** Set the new password (checked by the step against the policy first). */
  resetPassword(password: string): Promise<FlowState>;
  /**
   * Refuse an input before any request; `field` is the page id of the input
   * at fault (the error shows next to it). Resolves once the error is rendered (to move focus).
   */
  invalid(code: ValidationCode, field?: string): Promise<unknown>;
  /** The person cancelled: abandon the flow, start over, and tell the host page (`sspr-cancel`). */
  cancel(): void;
  /** Abandon the flow and start over, without telling the host page. */
  restart(): void;
  /** Load the backend's configuration again after it failed. */
  retryConfig(): void;
  /** Copy the support code of the error shown to the clipboard (where the browser offers one). */
  copySupportCode(): Promise<void>;
}
