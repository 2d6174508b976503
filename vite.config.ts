/**
 * One Vite config for the three jobs:
 * - `vite` (npm start): the Contoso demo in demo/, with the mock backend
 *   answering over real HTTP under /api/sspr (dev-server middleware).
 * - `vite build` (library): dist/sspr-reset.js, dist/protocol.js, dist/mock.js,
 *   ESM with lit and zod left to the app's bundler.
 * - `vite build --mode bundle`: dist/sspr-reset.bundle.js, one file with
 *   everything inside, for a plain <script type="module">.
 */
import { defineConfig, type UserConfig } from 'vite';

export default defineConfig(async ({ command, mode }): Promise<UserConfig> => {
  if (command === 'serve') {
    const { mockBackendPlugin } = await import('./demo/mock-plugin.js');
    return {
      root: 'demo',
      server: { port: 5173, host: '127.0.0.1', fs: { allow: ['..'] } },
      plugins: [mockBackendPlugin()],
    };
  }
  const bundle = mode === 'bundle';
  return {
    publicDir: false,
    build: {
      outDir: 'dist',
      emptyOutDir: !bundle,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: bundle
        ? { entry: { 'sspr-reset.bundle': 'src/index.ts' }, formats: ['es'] }
        : {
            entry: { 'sspr-reset': 'src/index.ts', protocol: 'src/protocol/index.ts', mock: 'src/mock/index.ts' },
            formats: ['es'],
          },
      rolldownOptions: {
        // @lit/localize stays inside: a private copy, so a host app's own
        // configureLocalization() cannot collide with the widget's.
        external: bundle ? [] : [/^lit($|\/)/, /^@lit\/reactive-element/, /^lit-html/, /^lit-element/, /^zod($|\/)/],
        output: bundle ? { codeSplitting: false, minify: true } : { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
      },
    },
  };
});
