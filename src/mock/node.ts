/**
 * `sspr-reset/mock/node`: serve a WHATWG `(Request) => Promise<Response>`
 * handler, such as the mock backend's `createMockHandler(server)`, from
 * Node's `http` server, Express, Connect or a Vite dev server.
 *
 * - {@link toWebRequest}: Node `IncomingMessage` → `Request` (body read into
 *   memory, up to a size limit).
 * - {@link sendWebResponse}: `Response` → Node `ServerResponse`.
 * - {@link createNodeListener}: both, plus failure handling, as a
 *   `(req, res, next?) => void` for `http.createServer` or as middleware.
 * - {@link withLocalCors}: CORS for pages served from localhost, around any handler.
 *
 * Node only: a separate entry from `sspr-reset/mock`, which stays free of
 * Node APIs for browser bundles. It uses no Node module at run time (only
 * types), just the `Request`/`Response`/`Headers` globals of Node ≥ 18.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A WHATWG fetch-style handler: `createMockHandler(server)`, `server.fetch`, or your own. */
export type WebHandler = (request: Request) => Response | Promise<Response>;

/** Connect/Express/Vite's `next`: pass the request on (or report an error). */
export type NextFunction = (error?: unknown) => void;

/** What {@link createNodeListener} returns: a Node request listener that is also Connect middleware. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void;

/** Default request body limit: 64 KiB, far above any protocol v1 body. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface ToWebRequestOptions {
  /**
   * Origin the request URL is resolved against, e.g. `https://id.contoso.com`.
   * Default: `http://` + the request's `Host` header, or `http://localhost`
   * when it has none or an invalid one.
   */
  baseUrl?: string;
  /**
   * Largest request body accepted, in bytes. A larger declared
   * `content-length`, or more bytes actually sent, rejects with
   * {@link PayloadTooLargeError}. Default {@link DEFAULT_MAX_BODY_BYTES}.
   */
  maxBodyBytes?: number;
  /** Becomes the `Request`'s `signal` (abort it when the client goes away). */
  signal?: AbortSignal;
}

/** The request body is larger than `maxBodyBytes`: answer 413. */
export class PayloadTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * Convert a Node request into a WHATWG `Request`. The body (for methods other
 * than GET and HEAD) is read fully into memory, at most `maxBodyBytes` of it.
 *
 * @throws {PayloadTooLargeError} when the body is over the limit; the rest of
 *   it is left unread.
 * @throws whatever the socket throws when the client goes away mid-body.
 */
export async function toWebRequest(req: IncomingMessage, options: ToWebRequestOptions = {}): Promise<Request> {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const method = (req.method ?? 'GET').toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (":path"…) are not valid header names.
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) {
      for (const v of value) headers.append(name, v);
    } else {
      headers.set(name, value);
    }
  }
  const init: RequestInit = { method, headers };
  if (options.signal) init.signal = options.signal;
  if (method !== 'GET' && method !== 'HEAD') {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > limit) throw new PayloadTooLargeError(limit);
      chunks.push(bytes);
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      body.set(c, at);
      at += c.byteLength;
    }
    init.body = body;
  }
  return new Request(new URL(req.url ?? '/', baseUrlOf(req, options.baseUrl)), init);
}

function baseUrlOf(req: IncomingMessage, baseUrl: string | undefined): string {
  if (baseUrl !== undefined) return baseUrl;
  const host = req.headers.host;
  if (host) {
    try {
      return new URL(`http://${host}`).origin;
    } catch {
      // A malformed Host header: the path still routes.
    }
  }
  return 'http://localhost';
}

export interface SendWebResponseOptions {
  /**
   * Send status and headers only (the answer to a HEAD request). Default:
   * whether `res.req` is a HEAD request.
   */
  head?: boolean;
}

/**
 * Write a WHATWG `Response` to a Node response: status, headers (several
 * `set-cookie` stay separate), and the body, read fully into memory with an
 * exact `content-length`. 204 and 304 answers, and HEAD requests, get no body.
 */
export async function sendWebResponse(res: ServerResponse, response: Response, options: SendWebResponseOptions = {}): Promise<void> {
  const head = options.head ?? res.req?.method?.toUpperCase() === 'HEAD';
  const bodyless = response.status === 204 || response.status === 304;
  const body = response.body === null || bodyless ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => {
    // Framing is Node's job: it gets the exact length below.
    if (name === 'set-cookie' || name === 'content-length' || name === 'transfer-encoding') return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!bodyless) res.setHeader('content-length', String(body.byteLength));
  res.end(head || bodyless ? undefined : body);
}

/** Facts about a failed request, for logging. */
export interface NodeListenerFailure {
  method: string;
  /** The request's path and query, as received. */
  url: string;
  /** The client went away before an answer could be sent: nothing was answered. */
  clientClosed: boolean;
}

export interface NodeListenerOptions extends ToWebRequestOptions {
  /**
   * Handle only paths that start with this (e.g. `/api/sspr/`); others go to
   * `next` when there is one (middleware), or get a 404 problem. Default `/`
   * (everything).
   */
  prefix?: string;
  /**
   * A request failed: the handler threw, or the client went away. The client
   * got a 500 problem document (unless it left). Default: `console.error`
   * (`console.warn` when the client closed the connection).
   */
  onError?: (error: unknown, failure: NodeListenerFailure) => void;
}

/**
 * A Node request listener that answers through a WHATWG handler. Use it as
 * `http.createServer(listener)`, or as Connect/Express/Vite middleware
 * (`app.use(listener)`), where paths outside `prefix` go to `next`.
 *
 * Never crashes the server and never leaves a request hanging: a body over
 * `maxBodyBytes` gets a 413 problem document, a handler that throws gets a
 * 500 `server_error` problem document, and a client that goes away aborts
 * the `Request`'s signal.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { MockResetServer, createMockHandler } from 'sspr-reset/mock';
 * import { createNodeListener } from 'sspr-reset/mock/node';
 *
 * createServer(createNodeListener(createMockHandler(new MockResetServer()))).listen(8787, '127.0.0.1');
 * ```
 */
export function createNodeListener(handle: WebHandler, options: NodeListenerOptions = {}): NodeListener {
  const prefix = options.prefix ?? '/';
  const onError = options.onError ?? defaultOnError;
  return (req, res, next) => {
    const url = req.url ?? '/';
    if (!url.startsWith(prefix)) {
      if (next) next();
      else sendProblem(res, 404, 'not_found', 'not found');
      return;
    }
    const aborter = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborter.abort(new Error('the client closed the connection'));
    });
    void (async () => {
      try {
        const request = await toWebRequest(req, { ...options, signal: aborter.signal });
        const response = await handle(request);
        if (res.destroyed) throw new Error('the client closed the connection');
        await sendWebResponse(res, response);
      } catch (error) {
        if (error instanceof PayloadTooLargeError) {
          // The rest of the body stays unread: close the connection after answering.
          res.setHeader('connection', 'close');
          sendProblem(res, 413, 'payload_too_large', 'payload too large', error.message);
          return;
        }
        // Not `req.destroyed`: reading the body to its end destroys the request stream too.
        const clientClosed = aborter.signal.aborted || res.destroyed || req.socket.destroyed;
        try {
          onError(error, { method: req.method ?? 'GET', url, clientClosed });
        } catch {
          // A failing logger must not stop the answer.
        }
        if (!res.destroyed) sendProblem(res, 500, 'server_error', 'server error');
      }
    })();
  };
}

function defaultOnError(error: unknown, failure: NodeListenerFailure): void {
  const what = `${failure.method} ${failure.url}`;
  if (failure.clientClosed) console.warn(`${what}: the client closed the connection`);
  else console.error(`${what} failed:`, error);
}

/** Last resort: a problem document, never a hung request or a crashed server. */
function sendProblem(res: ServerResponse, status: number, code: string, title: string, detail?: string): void {
  try {
    if (res.headersSent) {
      res.end();
      return;
    }
    const problem: Record<string, unknown> = { type: `urn:sspr:problem:${code}`, title, status, code };
    if (detail !== undefined) problem['detail'] = detail;
    const body = JSON.stringify(problem);
    res.statusCode = status;
    res.setHeader('content-type', 'application/problem+json');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-length', String(new TextEncoder().encode(body).byteLength));
    res.end(body);
  } catch {
    // The socket is gone; nothing left to answer.
  }
}

// ---------------------------------------------------------------- CORS

export { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, isLocalOrigin, withLocalCors, type CorsOptions } from './cors.js';
