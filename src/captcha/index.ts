/**
 * `sspr-reset/captcha`: the captcha providers the widget knows, for a host page
 * that builds its own (`loadCaptcha`), checks a config (`CAPTCHA_PROVIDERS`),
 * or sets the mock (`MockCaptcha`) as the element's `captcha`. Apart from the
 * main entry, so a page that only uses the element does not download them
 * before its first field (the element loads what a config names by itself).
 * @module
 */
export type { CaptchaProvider, CaptchaContext, CaptchaErrorCode } from './types.js';
export { loadCaptcha, CaptchaError, CAPTCHA_PROVIDERS } from './registry.js';
export { MockCaptcha } from './mock.js';
