import type {
  Challenge,
  ConfigResponse,
  FlowResponse,
  PasswordResponse,
  PollResponse,
  StartFlowRequest,
  VerifyRequest,
  VerifyResponse,
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
}
