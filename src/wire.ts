/**
 * What the widget needs once it talks to its backend, as one chunk, fetched
 * with the first request (the config's) while the first field is already on
 * screen: the HTTP client, the checks of every answer (generated from the protocol's schemas),
 * the wrapper that checks a custom `backend` the same way, the captcha
 * stand-in the config's provider is shown with, and the words of every error. None of it is needed to render
 * the first field, so none of it is in the bytes a person waits for (issue 14).
 */
import { checkedBackend, type ResetBackend } from './protocol/backend.js';
import { HttpResetClient } from './protocol/http-client.js';

export { captchaFor } from './captcha/stand-in.js';
export { toResetError } from './protocol/errors.js';
export { errorMessage } from './steps/messages.js';

/** The backend a `backend` property (checked) or an `api-base` (over HTTP) names. */
export function connect(source: ResetBackend | string): ResetBackend {
  return typeof source === 'string' ? new HttpResetClient({ baseUrl: source }) : checkedBackend(source);
}
