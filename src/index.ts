/**
 * `sspr-reset`: importing this module defines `<sspr-reset>`.
 * @module
 */
import './define.js';

export { SsprReset, type SsprStepDetail, type SsprErrorDetail, type SsprCompleteDetail } from './sspr-reset.js';
export { defineSsprReset } from './define.js';
export type { CaptchaProvider, CaptchaContext, CaptchaErrorCode } from './captcha/types.js';
export { loadCaptcha, CaptchaError, CAPTCHA_PROVIDERS } from './captcha/registry.js';
export { MockCaptcha } from './captcha/mock.js';
export type { ResetBackend } from './protocol/backend.js';
export { ResetError, type ResetErrorCode } from './protocol/errors.js';
export { HttpResetClient, type HttpResetClientOptions } from './protocol/http-client.js';
export type * from './protocol/schemas.js';
export { reduce, createState, type FlowState, type FlowEvent, type StepName } from './flow/reducer.js';
