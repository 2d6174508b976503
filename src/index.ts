/**
 * `sspr-reset`: importing this module defines `<sspr-reset>`.
 * @module
 */
import './define.js';

export { SsprReset, type SsprStepDetail, type SsprErrorDetail, type SsprCompleteDetail } from './sspr-reset.js';
export { defineSsprReset } from './define.js';
export type { CaptchaProvider, CaptchaContext, CaptchaErrorCode } from './captcha/types.js';
// The captcha helpers (loadCaptcha, CaptchaError, CAPTCHA_PROVIDERS, MockCaptcha) are in `sspr-reset/captcha`,
// and ResetError and HttpResetClient in `sspr-reset/protocol`: the element loads its own copies as chunks
// after the first field (src/wire.ts), so the bytes before it are only what the first step needs (issue 14).
export type { ResetBackend } from './protocol/backend.js';
export type { ResetErrorCode } from './protocol/errors.js';
export type { HttpResetClientOptions } from './protocol/http-client.js';
export type * from './protocol/schemas.js';
export { reduce, createState, type FlowState, type FlowEvent, type StepName } from './flow/reducer.js';
