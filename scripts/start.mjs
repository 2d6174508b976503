#!/usr/bin/env node
// npm start: the Contoso demo with the mock backend on http://127.0.0.1:5173.
//   npm start -- --port 8080   (or PORT=8080 npm start)
// A busy port is a one-line error and exit 1: the demo never moves to another
// port silently (a README link or a bookmark would then open something else).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const args = process.argv.slice(2);
const flag = args.findIndex((a) => a === '--port' || a.startsWith('--port='));
const raw = flag < 0 ? (process.env.PORT ?? '5173') : args[flag].includes('=') ? args[flag].split('=')[1] : args[flag + 1];
const port = Number(raw);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`npm start: "${raw}" is not a port; use a number from 1 to 65535, e.g. npm start -- --port 8080`);
  process.exit(2);
}

const free = await new Promise((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
});
if (!free) {
  console.error(`npm start: port ${port} on 127.0.0.1 is in use. Stop what uses it, or pick another: npm start -- --port 8080`);
  process.exit(1);
}

const rest = flag < 0 ? args : args.filter((_, i) => i !== flag && !(i === flag + 1 && !args[flag].includes('=')));
const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort', ...rest], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
