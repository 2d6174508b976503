/**
 * A captcha provider: whatever proves the person is not a bot before a flow
 * starts. The widget gives it a container inside its verification form and
 * asks it for a token when the person continues; the backend checks the token.
 *
 * Adapters for hosted services (Turnstile, hCaptcha, reCAPTCHA, Friendly
 * Captcha) load their script in `mount`, render into the container and hand
 * back their token; ALTCHA solves a proof of work in a worker. The backend's
 * config names one (`src/captcha/registry.ts`, docs/captcha.md).
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
  /** Release what the provider holds (a worker, a hosted widget): the widget left the page, or the backend names another provider. */
  destroy?(): void;
}

/** Why a provider named by the backend's config cannot run: a mistake for the host page's developer to fix. */
export type CaptchaErrorCode =
  /** The config names a provider this version of the widget does not know. */
  | 'captcha_unsupported'
  /** The provider's code, script or challenge could not be loaded (network, CSP, a backend without the challenge route). */
  | 'captcha_unavailable';

/** What the widget hands a provider it creates from the backend's config (`src/captcha/registry.ts`). */
export interface CaptchaContext {
  /**
   * A fresh challenge from the backend, for the self-hosted providers (ALTCHA):
   * `GET /v1/captcha/challenge` through the widget's backend (docs/captcha.md).
   */
  fetchChallenge?: (signal: AbortSignal) => Promise<unknown>;
  /** The widget's language (BCP 47), for the hosted providers' own UI. */
  locale?: () => string;
  /** Told once about a failure the host page's developer must fix; the console says more. */
  onError?: (error: { code: CaptchaErrorCode; provider: string; message: string }) => void;
}
