/**
 * One Vite config for the three jobs:
 * - `vite` (npm start): the Contoso demo in demo/, with the mock backend
 *   answering over real HTTP under /api/sspr (dev-server middleware).
 * - `vite build` (library): dist/sspr-reset.js, dist/protocol.js, dist/mock.js,
 *   ESM with lit and zod left to the app's bundler.
 * - `vite build --mode bundle`: dist/sspr-reset.bundle.js, one file with
 *   Lit, zod and the English UI inside, for a plain <script type="module">;
 *   other locales load on demand from dist/locales/ beside it.
 */
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Lit's css`` templates reach the output as written. Strip their comments and
 * white space at build time (every byte is shipped to every person).
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'sspr-minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      return code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
    },
  };
}

/** Point the generated locale modules' `@lit/localize` import at our tiny `str` (see src/i18n/str.ts). */
function selfContainedLocales(): Plugin {
  return {
    name: 'sspr-self-contained-locales',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@lit/localize' && importer && /[\\/]generated[\\/]locales[\\/]/.test(importer)) {
        return this.resolve('../../i18n/str.ts', importer, { skipSelf: true });
      }
      return null;
    },
  };
}

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
    plugins: [minifyCssTemplates(), selfContainedLocales()],
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
        // The bundle is one file with the English UI; other locales are chunks
        // beside it, fetched only by people who need them.
        output: bundle
          ? { chunkFileNames: 'locales/[name]-[hash].js', minify: true }
          : { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
      },
    },
  };
});
