// sspr-reset/mock/node (dist/mock-node.js): the Node ↔ WHATWG adapter and
// the local-origin CORS wrapper. Needs `npm run build`. Run: node --test test/node/
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import {
  PayloadTooLargeError,
  createNodeListener,
  isLocalOrigin,
  sendWebResponse,
  toWebRequest,
  withLocalCors,
} from '../../dist/mock-node.js';

/** Start an HTTP server on 127.0.0.1 with a free port; closed after the test. */
async function serve(t, listener) {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${server.address().port}`;
}

/** Raw HTTP/1.1 exchange: every byte the server sends, until it closes. */
async function raw(base, text) {
  const { port } = new URL(base);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  socket.end(text);
  const chunks = [];
  for await (const chunk of socket) chunks.push(chunk);
  return Buffer.concat(chunks).toString('latin1');
}

describe('createNodeListener: round trip', () => {
  it('passes method, URL, headers and body to the handler, and status, headers and body back', async (t) => {
    let seen;
    const base = await serve(
      t,
      createNodeListener(async (request) => {
        seen = {
          method: request.method,
          url: request.url,
          custom: request.headers.get('x-custom'),
          type: request.headers.get('content-type'),
          body: await request.text(),
        };
        const headers = new Headers({ 'content-type': 'application/json', 'x-request-id': 'r-1' });
        headers.append('set-cookie', 'a=1; Path=/');
        headers.append('set-cookie', 'b=2; Path=/; HttpOnly');
        return new Response(JSON.stringify({ ok: true }), { status: 201, statusText: 'Made', headers });
      }),
    );
    const response = await fetch(`${base}/v1/flows?x=1&y=%C3%A9`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'hello' },
      body: JSON.stringify({ username: 'adèle' }),
    });
    assert.equal(response.status, 201);
    assert.equal(response.statusText, 'Made');
    assert.equal(response.headers.get('x-request-id'), 'r-1');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
    assert.deepEqual(await response.json(), { ok: true });
    assert.deepEqual(seen, {
      method: 'POST',
      url: `${base}/v1/flows?x=1&y=%C3%A9`,
      custom: 'hello',
      type: 'application/json',
      body: '{"username":"adèle"}',
    });
  });

  it('keeps repeated request headers', async (t) => {
    let cookie;
    const base = await serve(
      t,
      createNodeListener((request) => {
        cookie = request.headers.get('x-multi');
        return new Response('ok');
      }),
    );
    const text = await raw(base, 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Multi: one\r\nX-Multi: two\r\nConnection: close\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 200 /);
    assert.equal(cookie, 'one, two');
  });

  it('sends no body for HEAD, 204 and 304, and an exact content-length otherwise', async (t) => {
    const base = await serve(
      t,
      createNodeListener((request) => {
        const path = new URL(request.url).pathname;
        if (path === '/204') return new Response(null, { status: 204, headers: { 'x-kind': 'none' } });
        if (path === '/304') return new Response(null, { status: 304 });
        return new Response('héllo', { headers: { 'content-type': 'text/plain; charset=utf-8' } });
      }),
    );
    const head = await raw(base, 'HEAD /text HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 200 /);
    assert.match(head, /content-length: 6\r\n/i);
    assert.ok(head.endsWith('\r\n\r\n'), `HEAD got a body: ${JSON.stringify(head)}`);

    const get = await raw(base, 'GET /text HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    assert.match(get, /content-length: 6\r\n/i);
    assert.equal(Buffer.from(get.split('\r\n\r\n')[1], 'latin1').toString('utf8'), 'héllo');

    for (const status of [204, 304]) {
      const text = await raw(base, `GET /${status} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      assert.match(text, new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.ok(text.endsWith('\r\n\r\n'), `${status} got a body: ${JSON.stringify(text)}`);
      assert.doesNotMatch(text, /transfer-encoding/i);
    }
  });
});

describe('createNodeListener: limits and failures', () => {
  const echo = async (request) => new Response(await request.text());

  it('answers 413 problem+json to a declared body over maxBodyBytes, without calling the handler', async (t) => {
    let called = false;
    const base = await serve(
      t,
      createNodeListener(
        (request) => {
          called = true;
          return echo(request);
        },
        { maxBodyBytes: 1000 },
      ),
    );
    const ok = await fetch(base, { method: 'POST', body: 'x'.repeat(1000) });
    assert.equal(ok.status, 200);
    assert.equal((await ok.text()).length, 1000);
    assert.equal(called, true, 'a body at the limit reaches the handler');
    called = false;

    const response = await fetch(base, { method: 'POST', body: 'x'.repeat(1001) });
    assert.equal(response.status, 413);
    assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
    const problem = await response.json();
    assert.equal(problem.status, 413);
    assert.equal(problem.code, 'payload_too_large');
    assert.equal(called, false);
  });

  it('answers 413 to a chunked body that grows over the limit', async (t) => {
    const base = await serve(t, createNodeListener(echo, { maxBodyBytes: 1000 }));
    const text = await raw(
      base,
      'POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n' +
        '200\r\n' +
        'y'.repeat(512) +
        '\r\n' +
        '200\r\n' +
        'y'.repeat(512) +
        '\r\n0\r\n\r\n',
    );
    assert.match(text, /^HTTP\/1\.1 413 /);
    assert.match(text, /"code":"payload_too_large"/);
  });

  it('answers 500 problem+json when the handler throws, reports it, and keeps serving', async (t) => {
    const failures = [];
    const base = await serve(
      t,
      createNodeListener(
        (request) => {
          if (new URL(request.url).pathname === '/boom') throw new Error('kaboom');
          if (new URL(request.url).pathname === '/async-boom') return Promise.reject(new TypeError('later'));
          return new Response('fine');
        },
        { onError: (error, failure) => failures.push({ message: error.message, ...failure }) },
      ),
    );
    for (const path of ['/boom', '/async-boom']) {
      const response = await fetch(base + path, { method: 'POST', body: '{}' });
      assert.equal(response.status, 500);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await response.json(), {
        type: 'urn:sspr:problem:server_error',
        title: 'server error',
        status: 500,
        code: 'server_error',
      });
    }
    assert.deepEqual(failures, [
      { message: 'kaboom', method: 'POST', url: '/boom', clientClosed: false },
      { message: 'later', method: 'POST', url: '/async-boom', clientClosed: false },
    ]);
    assert.equal(await (await fetch(`${base}/ok`)).text(), 'fine');
  });

  it('aborts the request signal when the client goes away, and reports it as clientClosed', async (t) => {
    let signal;
    let report;
    const reported = new Promise((resolve) => (report = resolve));
    const base = await serve(
      t,
      createNodeListener(
        async (request) => {
          signal = request.signal;
          await new Promise((resolve) => setTimeout(resolve, 300));
          return new Response('too late');
        },
        { onError: (error, failure) => report(failure) },
      ),
    );
    const controller = new AbortController();
    const pending = fetch(`${base}/slow`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await assert.rejects(pending);
    const failure = await reported;
    assert.equal(failure.clientClosed, true);
    assert.equal(signal.aborted, true);
  });

  it('as middleware: paths outside the prefix go to next; without next they get 404', async (t) => {
    const listener = createNodeListener(() => new Response('mock'), { prefix: '/api/sspr/' });
    const base = await serve(t, (req, res) =>
      listener(req, res, () => {
        res.statusCode = 418;
        res.end('next');
      }),
    );
    assert.equal(await (await fetch(`${base}/api/sspr/v1/config`)).text(), 'mock');
    const other = await fetch(`${base}/index.html`);
    assert.equal(other.status, 418);
    assert.equal(await other.text(), 'next');

    const bare = await serve(t, listener);
    const notFound = await fetch(`${bare}/index.html`);
    assert.equal(notFound.status, 404);
    assert.equal((await notFound.json()).code, 'not_found');
  });
});

describe('toWebRequest and sendWebResponse', () => {
  it('resolve the URL against baseUrl, or the Host header, or http://localhost', async (t) => {
    const urls = [];
    const base = await serve(t, async (req, res) => {
      const options = req.headers['x-base'] ? { baseUrl: req.headers['x-base'] } : {};
      const request = await toWebRequest(req, options);
      urls.push(request.url);
      await sendWebResponse(res, new Response('ok'));
    });
    await raw(base, 'GET /v1/config?a=b HTTP/1.1\r\nHost: localhost:1234\r\nConnection: close\r\n\r\n');
    await raw(base, 'GET /v1/config HTTP/1.1\r\nHost: localhost\r\nX-Base: https://id.contoso.com\r\nConnection: close\r\n\r\n');
    await raw(base, 'GET /v1/config HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n');
    assert.deepEqual(urls, ['http://localhost:1234/v1/config?a=b', 'https://id.contoso.com/v1/config', 'http://localhost/v1/config']);
  });

  it('toWebRequest rejects with PayloadTooLargeError over the limit', async (t) => {
    const errors = [];
    const base = await serve(t, async (req, res) => {
      try {
        await toWebRequest(req, { maxBodyBytes: 4 });
      } catch (error) {
        errors.push(error);
      }
      res.end();
    });
    await fetch(base, { method: 'POST', body: 'hello' });
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof PayloadTooLargeError);
    assert.equal(errors[0].status, 413);
  });
});

describe('withLocalCors', () => {
  const handler = withLocalCors(() => new Response('{}', { headers: { 'content-type': 'application/json', 'retry-after': '3' } }));
  const preflight = (origin) =>
    handler(
      new Request('http://127.0.0.1:8787/v1/flows', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      }),
    );

  it('knows local origins', () => {
    for (const origin of ['http://localhost:5173', 'https://localhost', 'http://127.0.0.1:8080', 'http://[::1]:3000']) {
      assert.equal(isLocalOrigin(origin), true, origin);
    }
    for (const origin of [
      'null',
      'https://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.2',
      'file://',
      'ftp://localhost',
      'http://localhost:5173/path',
      '',
    ]) {
      assert.equal(isLocalOrigin(origin), false, origin);
    }
  });

  it('answers preflights from local origins', async () => {
    const response = await preflight('http://localhost:5173');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, DELETE');
    assert.equal(response.headers.get('access-control-allow-headers'), 'Authorization, Content-Type, Idempotency-Key');
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.match(response.headers.get('vary'), /Origin/);
  });

  it('refuses other origins, preflight or not, before the handler', async () => {
    let called = false;
    const guarded = withLocalCors(() => {
      called = true;
      return new Response('{}');
    });
    const evil = await preflight('https://evil.example');
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const simple = await guarded(
      new Request('http://127.0.0.1:8787/v1/flows', { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' }),
    );
    assert.equal(simple.status, 403);
    assert.equal(called, false);
  });

  it('adds the origin, exposed headers and Vary to answers; no Origin, no CORS headers', async () => {
    const cross = await handler(new Request('http://127.0.0.1:8787/v1/config', { headers: { origin: 'http://127.0.0.1:5173' } }));
    assert.equal(cross.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5173');
    assert.equal(cross.headers.get('access-control-expose-headers'), 'Retry-After, X-Request-Id');
    assert.equal(cross.headers.get('vary'), 'Origin');
    assert.equal(cross.headers.get('retry-after'), '3');
    const same = await handler(new Request('http://127.0.0.1:8787/v1/config'));
    assert.equal(same.headers.get('access-control-allow-origin'), null);
    assert.equal(same.headers.get('vary'), 'Origin');
  });
});
