#!/usr/bin/env node
// sspr-reset-mock: the in-memory mock backend (sspr-reset/mock) as an HTTP
// server on 127.0.0.1, for front-end work before a real backend exists.
// Serves protocol v1 and the mock devices API, answers CORS for pages on
// localhost, and prints every message it "sends". See docs/mock-server.md.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const USAGE = `Usage: sspr-reset-mock [--port N] [--gates 1|2] [--latency MS]

Serves the sspr-reset mock backend (protocol v1) on http://127.0.0.1:N and
prints every email, text, call and push it "sends".

Options:
  --port N       Port on 127.0.0.1 (default 8787; 0 = any free port)
  --gates 1|2    Gates (verification methods) ordinary users need (default 1;
                 administrators always need 2)
  --latency MS   Delay every answer by MS milliseconds (default 0)
  -h, --help     Show this help`;

const HOST = '127.0.0.1';

function usageError(message) {
  process.stderr.write(`sspr-reset-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

/** A whole number in [min, max] from a flag's text, or a usage error. */
function integer(flag, text, min, max) {
  if (!/^\d+$/.test(text ?? '')) usageError(`${flag} wants a whole number, not "${text ?? ''}"`);
  const n = Number(text);
  if (n < min || n > max) usageError(`${flag} must be between ${min} and ${max}, not ${n}`);
  return n;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      gates: { type: 'string' },
      latency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  usageError((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = values.port === undefined ? 8787 : integer('--port', values.port, 0, 65535);
const gates =
  values.gates === undefined
    ? 1
    : values.gates === '1' || values.gates === '2'
      ? Number(values.gates)
      : usageError(`--gates must be 1 or 2, not "${values.gates}"`);
const latency = values.latency === undefined ? 0 : integer('--latency', values.latency, 0, 60_000);

// dist/ is there in the published package; in a git checkout, `npm run build` makes it.
let mock;
let node;
try {
  mock = await import('../dist/mock.js');
  node = await import('../dist/mock-node.js');
} catch (error) {
  process.stderr.write(
    `sspr-reset-mock: cannot load the mock from dist/ (${error instanceof Error ? error.message : error}); run \`npm run build\` first\n`,
  );
  process.exit(1);
}
const { MockResetServer, SEED_USERS, MOCK_CAPTCHA_TOKEN, createMockHandler } = mock;
const { createNodeListener, withLocalCors } = node;

const backend = new MockResetServer({ gatesRequired: gates, latencyMs: latency });
const handle = withLocalCors(onlyLocalHosts(createMockHandler(backend)));
const server = createServer(
  createNodeListener(handle, {
    onError(error, { method, url, clientClosed }) {
      if (clientClosed) return; // a page went away mid-request (navigation, aborted poll)
      process.stderr.write(
        `sspr-reset-mock: ${method} ${url} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
      );
    },
  }),
);

/**
 * Refuse requests whose Host is not this machine: a web page whose name
 * resolves to 127.0.0.1 (DNS rebinding) cannot read the mock's state.
 */
function onlyLocalHosts(next) {
  return (request) => {
    const host = new URL(request.url).hostname;
    if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]') return next(request);
    return new Response(
      JSON.stringify({ type: 'urn:sspr:problem:host_not_allowed', title: 'host not allowed', status: 403, code: 'host_not_allowed' }),
      {
        status: 403,
        headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
      },
    );
  };
}

server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    process.stderr.write(`sspr-reset-mock: port ${port} on ${HOST} is already in use; pick another with --port N (0 = any free port)\n`);
  } else if (error.code === 'EACCES') {
    process.stderr.write(`sspr-reset-mock: not allowed to listen on port ${port} on ${HOST}; pick another with --port N\n`);
  } else {
    process.stderr.write(`sspr-reset-mock: cannot listen on ${HOST}:${port}: ${error.message}\n`);
  }
  process.exit(1);
});

server.listen(port, HOST, () => {
  const base = `http://${HOST}:${server.address().port}`;
  const lines = [
    `sspr-reset mock backend (protocol v1) on ${base}`,
    `  api-base  ${base}    <sspr-reset api-base="${base}">`,
    `  config    ${base}/v1/config`,
    `  gates ${gates} for users, 2 for administrators · latency ${latency} ms · captcha "mock" (token "${MOCK_CAPTCHA_TOKEN}")`,
    '  CORS      pages on http(s)://localhost, 127.0.0.1 or [::1], any port',
    `  devices   GET ${base}/mock/state · GET ${base}/mock/totp/<username> (authenticator code)`,
    '',
    'Seed users (all secrets are fake):',
    ...SEED_USERS.map(describeUser),
    '',
    'Messages the mock sends appear below. Ctrl-C stops.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  backend.onMessage((message) => process.stdout.write(`${describeMessage(message, base)}\n`));
});

function describeUser(user) {
  const methods = [];
  if (user.email) methods.push('email');
  if (user.mobile) methods.push('mobile');
  if (user.office) methods.push('office');
  if (user.authenticatorSecret) methods.push('app');
  if (user.questions?.length) methods.push(`questions (${user.questions.map((q) => q.answer).join(' / ')})`);
  const notes = [user.role];
  if (user.locked) notes.push('locked');
  if (user.enabled === false) notes.push('not enabled');
  return `  ${user.username.padEnd(20)} ${notes.join(', ').padEnd(17)} ${methods.join(', ')}`;
}

function describeMessage(m, base) {
  const time = new Date(m.time).toTimeString().slice(0, 8);
  const head = `[${time}] ${m.channel.toUpperCase().padEnd(5)} to ${m.to} (${m.username})`;
  const json = (body) =>
    `curl -X POST ${base}/mock/${m.channel}/${encodeURIComponent(m.challengeId ?? '')} -H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
  switch (m.channel) {
    case 'email':
    case 'sms':
      if (m.code !== undefined) return `${head}: code ${m.code}`;
      return `${head}: ${m.subject ?? m.body}`;
    case 'push':
      return [
        `${head}: number to match ${m.numberToMatch}`,
        `    approve: ${json({ approve: true, number: m.numberToMatch })}`,
        `    deny:    ${json({ approve: false })}`,
      ].join('\n');
    case 'call':
      return [`${head}: "${m.body}"`, `    press #: ${json({ pressHash: true })}`, `    hang up: ${json({ pressHash: false })}`].join('\n');
    default:
      return `${head}: ${m.body}`;
  }
}

let stopping = false;
function stop(signal) {
  if (stopping) process.exit(130);
  stopping = true;
  process.stdout.write(`\nsspr-reset-mock: ${signal}, stopping\n`);
  server.close(() => process.exit(0));
  // Idle keep-alive connections (a browser tab) would hold close() open.
  server.closeAllConnections();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
