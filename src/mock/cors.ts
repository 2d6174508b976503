/**
 * CORS for the mock served on its own (`npx sspr-reset-mock`): pages on local
 * origins may call it, any other origin is refused before the mock sees the
 * request. Web-standard `Request`/`Response` only, so it wraps any fetch-style
 * handler; re-exported by `sspr-reset/mock/node`.
 */
import type { WebHandler } from './node.js';

/** Headers the widget sends cross-origin (`Idempotency-Key` for retried POSTs). */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'] as const;
/** Methods protocol v1 uses. */
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'DELETE'] as const;
/** Response headers the widget reads. */
export const CORS_EXPOSE_HEADERS = ['Retry-After', 'X-Request-Id'] as const;

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether an `Origin` is a page on this machine: `http:` or `https:` on
 * `localhost`, `127.0.0.1` or `[::1]`, any port. `null` and every other
 * origin are not.
 */
export function isLocalOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTNAMES.has(url.hostname) && url.origin === origin;
}

export interface CorsOptions {
  /** Origins allowed to call. Default {@link isLocalOrigin}. */
  isAllowedOrigin?: (origin: string) => boolean;
  /** Seconds a browser may cache a preflight answer. Default 600. */
  maxAge?: number;
}

/**
 * Wrap a handler with CORS for allowed origins (by default pages on
 * localhost). Preflights from allowed origins get 204 with
 * `Access-Control-Allow-Methods: GET, POST, DELETE` and
 * `-Allow-Headers: Authorization, Content-Type, Idempotency-Key`; answers get
 * `Access-Control-Allow-Origin: <that origin>` (never `*`, never credentials)
 * and expose `Retry-After` and `X-Request-Id`. Every answer varies on `Origin`.
 *
 * A request whose `Origin` is not allowed, preflight or not, gets a 403
 * problem document and never reaches the handler: a page elsewhere on the web
 * cannot drive a server on your machine with "simple" requests either.
 * Requests without `Origin` (same-origin GETs, curl, servers) pass through.
 */
export function withLocalCors(handle: WebHandler, options: CorsOptions = {}): (request: Request) => Promise<Response> {
  const allowed = options.isAllowedOrigin ?? isLocalOrigin;
  const maxAge = String(options.maxAge ?? 600);
  return async (request) => {
    const origin = request.headers.get('origin');
    const preflight = request.method === 'OPTIONS' && request.headers.has('access-control-request-method');
    if (origin !== null && !allowed(origin)) {
      const body = JSON.stringify({
        type: 'urn:sspr:problem:origin_not_allowed',
        title: 'origin not allowed',
        status: 403,
        code: 'origin_not_allowed',
        detail: `${origin} may not call this server`,
      });
      return new Response(body, {
        status: 403,
        headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', vary: 'Origin' },
      });
    }
    if (preflight) {
      const headers = new Headers({ vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' });
      if (origin !== null) {
        headers.set('access-control-allow-origin', origin);
        headers.set('access-control-allow-methods', CORS_ALLOW_METHODS.join(', '));
        headers.set('access-control-allow-headers', CORS_ALLOW_HEADERS.join(', '));
        headers.set('access-control-max-age', maxAge);
      }
      return new Response(null, { status: 204, headers });
    }
    const answer = await handle(request);
    // Headers of a Response may be immutable: copy it.
    const response = new Response(answer.body, answer);
    response.headers.append('vary', 'Origin');
    if (origin !== null) {
      response.headers.set('access-control-allow-origin', origin);
      response.headers.set('access-control-expose-headers', CORS_EXPOSE_HEADERS.join(', '));
    }
    return response;
  };
}
