// The `sspr-reset-mock` command (bin/sspr-reset-mock.js) as a child process on
// 127.0.0.1. Needs `npm run build` (it loads dist/). Run: node --test test/node/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/sspr-reset-mock.js', import.meta.url));
const CAPTCHA = 'mock-captcha-pass';

/** Start the command; it is killed after the test. `waitFor` resolves once its stdout matches. */
function start(t, args) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set();
  const check = () => {
    for (const w of waiters) {
      const match = w.pattern.exec(stdout);
      if (match) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(match);
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (text) => {
    stdout += text;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return {
    child,
    exited,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitFor(pattern, ms = 5000) {
      return new Promise((resolve, reject) => {
        const w = { pattern, resolve };
        w.timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`stdout never matched ${pattern}:\n${stdout}\nstderr:\n${stderr}`));
        }, ms);
        waiters.add(w);
        check();
      });
    },
  };
}

/** Start on a free port and wait for the banner; returns the base URL too. */
async function startServer(t, args = []) {
  const cli = start(t, ['--port', '0', ...args]);
  const [, base] = await cli.waitFor(/on (http:\/\/127\.0\.0\.1:\d+)\n/);
  await cli.waitFor(/Ctrl-C stops\./);
  return { cli, base };
}

async function post(base, path, body, token) {
  // Protocol v1: every POST carries an Idempotency-Key, one per logical action.
  const headers = { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('sspr-reset-mock', () => {
  it('serves protocol v1 on 127.0.0.1 and prints the codes it sends', async (t) => {
    const { cli, base } = await startServer(t);
    assert.match(cli.stdout, new RegExp(`config +${base.replace(/[.]/g, '\\.')}/v1/config`));
    assert.match(cli.stdout, /adele@contoso\.com +user/);
    assert.match(cli.stdout, /alex@contoso\.com +admin/);

    const config = await fetch(`${base}/v1/config`);
    assert.equal(config.status, 200);
    const json = await config.json();
    assert.equal(json.protocol, 1);
    assert.equal(json.gatesRequired, 1);

    const flow = await post(base, '/v1/flows', { username: 'adele@contoso.com', captchaToken: CAPTCHA, locale: 'en' });
    assert.equal(flow.status, 200);
    assert.equal(typeof flow.body.flowToken, 'string');
    const token = flow.body.flowToken;

    const challenge = await post(base, '/v1/flows/current/challenges', { methodId: 'email' }, token);
    assert.equal(challenge.status, 200);
    const [, code] = await cli.waitFor(/EMAIL +to adele\.vance@fabrikam\.com \(adele@contoso\.com\): code (\d{6})/);

    const verified = await post(base, `/v1/flows/current/challenges/${challenge.body.challengeId}/verify`, { code }, token);
    assert.equal(verified.status, 200);
    assert.equal(verified.body.result, 'verified');
    assert.equal(verified.body.next, 'password');
  });

  it('with --gates 2 prints the number of a push and how to approve it, which works', async (t) => {
    const { cli, base } = await startServer(t, ['--gates', '2', '--latency', '10']);
    assert.equal((await (await fetch(`${base}/v1/config`)).json()).gatesRequired, 2);
    const { body: flow } = await post(base, '/v1/flows', { username: 'adele@contoso.com', captchaToken: CAPTCHA, locale: 'en' });
    const { body: challenge } = await post(base, '/v1/flows/current/challenges', { methodId: 'app-notification' }, flow.flowToken);
    const [, number] = await cli.waitFor(/PUSH +to .*: number to match (\d+)/);
    assert.equal(Number(number), challenge.numberToMatch);
    const [, approveUrl, approveBody] = await cli.waitFor(/approve: curl -X POST (\S+) -H 'content-type: application\/json' -d '([^']+)'/);
    assert.equal(approveUrl, `${base}/mock/push/${encodeURIComponent(challenge.challengeId)}`);
    const answer = await fetch(approveUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: approveBody });
    assert.equal((await answer.json()).status, 'approved');
    const poll = await fetch(`${base}/v1/flows/current/challenges/${challenge.challengeId}`, {
      headers: { authorization: `Bearer ${flow.flowToken}` },
    });
    const polled = await poll.json();
    assert.equal(polled.status, 'approved');
    assert.equal(polled.gatesPassed, 1);
  });

  it('answers CORS preflights from local pages only', async (t) => {
    const { base } = await startServer(t);
    const preflight = (origin) =>
      fetch(`${base}/v1/flows`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const local = await preflight('http://localhost:5173');
    assert.equal(local.status, 204);
    assert.equal(local.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(local.headers.get('access-control-allow-headers'), /Authorization/);
    assert.match(local.headers.get('access-control-allow-headers'), /Content-Type/);
    assert.match(local.headers.get('access-control-allow-methods'), /POST/);
    assert.match(local.headers.get('vary'), /Origin/);

    const evil = await preflight('https://evil.example');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    assert.equal(evil.status, 403);

    const answer = await fetch(`${base}/v1/config`, { headers: { origin: 'http://localhost:5173' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    assert.match(answer.headers.get('access-control-expose-headers'), /Retry-After/);
  });

  it('refuses a Host that is not this machine (DNS rebinding)', async (t) => {
    const { base } = await startServer(t);
    const { port } = new URL(base);
    const http = await import('node:http');
    const status = await new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/v1/config', headers: { host: `evil.example:${port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    assert.equal(status, 403);
  });

  it('stops cleanly on SIGTERM', async (t) => {
    const { cli, base } = await startServer(t);
    // An idle keep-alive connection must not hold the shutdown open.
    await (await fetch(`${base}/v1/config`)).text();
    cli.child.kill('SIGTERM');
    const { code } = await cli.exited;
    assert.equal(code, 0);
    assert.match(cli.stdout, /SIGTERM, stopping/);
  });

  it('exits 1 with one clear line when the port is busy, never moving to another port', async (t) => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    t.after(() => new Promise((resolve) => blocker.close(resolve)));
    const { port } = blocker.address();
    const cli = start(t, ['--port', String(port)]);
    const { code } = await cli.exited;
    assert.equal(code, 1);
    assert.equal(
      cli.stderr,
      `sspr-reset-mock: port ${port} on 127.0.0.1 is already in use; pick another with --port N (0 = any free port)\n`,
    );
    assert.doesNotMatch(cli.stdout, /http:\/\//);
  });

  it('exits 2 with the usage on a bad flag or value', async (t) => {
    for (const args of [
      ['--bogus'],
      ['--gates', '3'],
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--latency', '-5'],
      ['--latency=-5'],
      ['extra'],
    ]) {
      const cli = start(t, args);
      const { code } = await cli.exited;
      assert.equal(code, 2, `${args.join(' ')}: exit ${code}`);
      assert.match(cli.stderr, /^sspr-reset-mock: .+\n\nUsage: sspr-reset-mock /, args.join(' '));
      assert.equal(cli.stdout, '');
    }
  });

  it('--help prints the usage and exits 0', async (t) => {
    const cli = start(t, ['--help']);
    const { code } = await cli.exited;
    assert.equal(code, 0);
    assert.match(cli.stdout, /^Usage: sspr-reset-mock \[--port N\] \[--gates 1\|2\] \[--latency MS\]/);
  });
});
