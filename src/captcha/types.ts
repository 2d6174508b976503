/**
 * A captcha provider: whatever proves the person is not a bot before a flow
 * starts. The widget gives it a container inside its verification form and
 * asks it for a token when the person continues; the backend checks the token.
 *
 * Adapters for hosted services (Turnstile, hCaptcha, reCAPTCHA) load their
 * script in `mount`, render into the container and hand back their token.
 */
export interface CaptchaProvider {
  /**
   * Render into `container`. Called after every render of the verification
   * step, with the same container while the step stays: it must be idempotent.
   */
  mount(container: HTMLElement): void;
  /** The token to send with `POST /v1/flows`, or null while the captcha is unsolved. */
  getToken(): Promise<string | null>;
  /** Forget the solved state (the backend refused the token). */
  reset(): void;
}
