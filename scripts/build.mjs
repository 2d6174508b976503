// npm run build: the library entries, the single-file bundle, and the .d.ts files.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'bundle', '--logLevel', 'warn']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
