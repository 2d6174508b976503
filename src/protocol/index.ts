/**
 * `sspr-reset/protocol`: protocol v1 schemas, inferred types, the `ResetBackend`
 * interface, `ResetError` and the HTTP client.
 * @module
 */
export * from './schemas.js';
export * from './errors.js';
export type { ResetBackend } from './backend.js';
export { HttpResetClient, type HttpResetClientOptions } from './http-client.js';
