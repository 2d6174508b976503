import * as check from '../generated/protocol-checks.js';
import { any, verdict, type Check } from './check.js';
import { ResetError, toResetError } from './errors.js';
import { HttpResetClient } from './http-client.js';
import type {
  Challenge,
  ConfigResponse,
  FlowResponse,
  PasswordResponse,
  PollResponse,
  VerifyResponse,
  StartFlowRequest,
  VerifyRequest,
} from './schemas.js';

/**
 * What `<sspr-reset>` needs from a backend: one method per protocol v1 call.
 *
 * `HttpResetClient` implements it over HTTP; a team may pass any object that
 * implements it as the element's `backend` property. Every method rejects
 * with a `ResetError` only. The backend keeps the flow token itself: the
 * element never sees it.
 */
export interface ResetBackend {
  /** `GET /v1/config` */
  getConfig(signal?: AbortSignal): Promise<ConfigResponse>;
  /** `POST /v1/flows` — remembers the flow token for the calls below. */
  startFlow(request: StartFlowRequest, signal?: AbortSignal): Promise<FlowResponse>;
  /** `POST /v1/flows/current/challenges` */
  startChallenge(methodId: string, signal?: AbortSignal): Promise<Challenge>;
  /** `POST /v1/flows/current/challenges/{id}/verify` */
  verify(challengeId: string, request: VerifyRequest, signal?: AbortSignal): Promise<VerifyResponse>;
  /** `GET /v1/flows/current/challenges/{id}` */
  poll(challengeId: string, signal?: AbortSignal): Promise<PollResponse>;
  /** `POST /v1/flows/current/challenges/{id}/resend` */
  resend(challengeId: string, signal?: AbortSignal): Promise<Challenge>;
  /** `POST /v1/flows/current/password` */
  resetPassword(newPassword: string, signal?: AbortSignal): Promise<PasswordResponse>;
  /** `DELETE /v1/flows/current` — forgets the flow token. */
  cancel(signal?: AbortSignal): Promise<void>;
  /**
   * `GET /v1/captcha/challenge`: a fresh challenge for a self-hosted captcha
   * (ALTCHA), as the backend's provider defines it; the provider checks its
   * shape. Needed only when the config names such a provider (docs/captcha.md).
   */
  getCaptchaChallenge?(signal?: AbortSignal): Promise<unknown>;
}

/**
 * A custom `backend` as the widget uses it: each call's answer is checked against
 * the protocol's schemas (a wrong one is `invalid_response`; src/protocol/check.ts), and whatever a
 * call throws, synchronously or not, rejects with a `ResetError` (see
 * `toResetError`). An `HttpResetClient` already does both and is used as is.
 */
export function checkedBackend(backend: ResetBackend): ResetBackend {
  if (backend instanceof HttpResetClient) return backend;
  const call =
    <T>(name: keyof ResetBackend, schema: Check<T> | null) =>
    async (...args: unknown[]): Promise<T> => {
      let answer: unknown;
      try {
        answer = await Reflect.apply(Reflect.get(backend, name) as () => unknown, backend, args);
      } catch (error) {
        throw toResetError(error);
      }
      if (schema === null) return undefined as T;
      const result = verdict(schema, answer);
      if (!result.success) throw new ResetError('invalid_response', { message: `${name}: ${result.error}` });
      return result.data;
    };
  return {
    getConfig: call('getConfig', check.ConfigResponse),
    startFlow: call('startFlow', check.FlowResponse),
    startChallenge: call('startChallenge', check.Challenge),
    verify: call('verify', check.VerifyResponse),
    poll: call('poll', check.PollResponse),
    resend: call('resend', check.Challenge),
    resetPassword: call('resetPassword', check.PasswordResponse),
    cancel: call('cancel', null),
    // The provider that asked checks the challenge's shape (ALTCHA's is altcha-lib's).
    ...(typeof backend.getCaptchaChallenge === 'function' && { getCaptchaChallenge: call('getCaptchaChallenge', any) }),
  };
}
