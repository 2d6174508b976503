/**
 * One Vite config for the three jobs:
 * - `vite` (npm start): the Contoso demo in demo/, with the mock backend
 *   answering over real HTTP under /api/sspr (dev-server middleware).
 * - `vite build` (library): dist/sspr-reset.js, dist/protocol.js, dist/mock.js,
 *   ESM with lit (and zod, in the protocol and mock entries) left to the app's bundler.
 * - `vite build --mode bundle`: dist/sspr-reset.bundle.js, one file with
 *   Lit, the English UI and the first step inside, for a plain
 *   <script type="module">; the rest (the wire, the later steps, captcha
 *   providers, other locales) loads on demand from beside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { RolldownMagicString } from 'rolldown';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Lit's css`` templates reach the output as written. Strip their comments and
 * white space at build time (every byte is shipped to every person). Edits go
 * through a MagicString so the source map stays exact.
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'sspr-minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const out = new RolldownMagicString(code);
      for (const match of code.matchAll(/css`([^`]*)`/g)) {
        const start = match.index + 'css`'.length;
        const min = match[1]!
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        out.overwrite(start, start + match[1]!.length, min);
      }
      return { code: out };
    },
  };
}

/**
 * `msg(…, { desc: '…' })`: a description is for translators (lit-localize
 * extract reads it from the source into the XLIFF files); @lit/localize's
 * runtime never reads it. Drop it from what is shipped (about 1.4 kB gzip over
 * the whole widget). Fails the build when a `desc` is not a plain string
 * literal, so none is left behind unnoticed.
 */
function stripMessageDescriptions(): Plugin {
  return {
    name: 'sspr-strip-message-descriptions',
    // Before TypeScript is compiled: the source as written (and as lit-localize extract reads it).
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || /[\\/]generated[\\/]/.test(id) || !code.includes('desc:') || !code.includes('@lit/localize'))
        return null;
      const out = new RolldownMagicString(code);
      let count = 0;
      // `, desc: '…'` after another option, or `desc: '…'` (and its comma) as the first one.
      for (const m of code.matchAll(/(,\s*)?\bdesc:\s*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")(\s*,)?/g)) {
        const keepComma = m[1] !== undefined && m[2] !== undefined;
        out.overwrite(m.index, m.index + m[0].length, keepComma ? ',' : '');
        count++;
      }
      if (count !== code.match(/\bdesc:/g)!.length)
        this.error(`a msg() desc in ${id} is not a plain quoted string: strip it by hand or extend stripMessageDescriptions()`);
      return { code: out };
    },
  };
}

/**
 * The single-file bundle carries Lit's browser build, whose module scope
 * touches `HTMLElement` and `document`. So that `import 'sspr-reset/bundle'`
 * does not throw where there is no DOM (server-side rendering in Node), read
 * both through `globalThis`. Fails the build if Lit's code no longer matches.
 */
function domFreeModuleScope(): Plugin {
  const edits: Array<[file: RegExp, from: string, to: string]> = [
    [/[\\/]@lit[\\/]reactive-element[\\/]reactive-element\.js$/, 'extends HTMLElement{', 'extends(globalThis.HTMLElement??Object){'],
    [/[\\/]lit-html[\\/]lit-html\.js$/, '=document,', '=globalThis.document,'],
    [/[\\/]lit-html[\\/]lit-html\.js$/, '.createTreeWalker(l,129)', '?.createTreeWalker(l,129)'],
  ];
  return {
    name: 'sspr-dom-free-module-scope',
    transform(code, id) {
      const mine = edits.filter(([file]) => file.test(id));
      if (mine.length === 0) return null;
      const out = new RolldownMagicString(code);
      for (const [, from, to] of mine) {
        const at = code.indexOf(from);
        if (at < 0 || code.indexOf(from, at + 1) >= 0) this.error(`expected exactly one "${from}" in ${id}: update domFreeModuleScope()`);
        out.overwrite(at, at + from.length, to);
      }
      return { code: out };
    },
  };
}

/**
 * @lit/localize keys every message by a computed id, `s` and 16 hex digits:
 * incompressible, a fifth of a locale chunk. In the built locale chunks, key
 * each by its first 8 characters (src/i18n/index.ts looks up both). Fails the
 * build when two messages of any locale would share a short id.
 */
function shortMessageIds(): Plugin {
  /** Characters kept: `s` and 7 hex digits (28 bits: a clash among a few hundred messages is most unlikely, and fails the build). */
  const SHORT_ID_LENGTH = 8;
  const LOCALE = /[\\/]generated[\\/]locales[\\/][\w.-]+\.ts$/;
  const ID = /'(s[0-9a-f]{16})':/g;
  return {
    name: 'sspr-short-message-ids',
    enforce: 'pre',
    buildStart() {
      const dir = new URL('./src/generated/locales/', import.meta.url);
      const byShort = new Map<string, string>();
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        for (const [, id] of readFileSync(new URL(file, dir), 'utf8').matchAll(ID)) {
          const short = id!.slice(0, SHORT_ID_LENGTH);
          const other = byShort.get(short);
          if (other !== undefined && other !== id)
            this.error(`messages ${other} and ${id} share the short id ${short}: raise SHORT_ID_LENGTH`);
          byShort.set(short, id!);
        }
      }
    },
    transform(code, id) {
      if (!LOCALE.test(id)) return null;
      const out = new RolldownMagicString(code);
      for (const m of code.matchAll(ID)) out.overwrite(m.index, m.index + m[0].length, `${m[1]!.slice(0, SHORT_ID_LENGTH)}:`);
      // The length goes with the chunk: src/i18n/index.ts reads it (a module built without this plugin has none).
      out.append(`\nexport const idLength = ${SHORT_ID_LENGTH};\n`);
      return { code: out };
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
      // `npm start -- --port 8080` or `PORT=8080 npm start`; a busy port is an error, never a silent move.
      server: { port: Number(process.env['PORT'] ?? 5173), strictPort: true, host: '127.0.0.1', fs: { allow: ['..'] } },
      plugins: [mockBackendPlugin()],
    };
  }
  const bundle = mode === 'bundle';
  /** Lazy chunks other than locales (the captcha providers) and the ALTCHA worker: beside the entry, each a file of its own. */
  const lazyDir = bundle ? 'captcha' : 'chunks';
  return {
    publicDir: false,
    // Relative URLs in the output (the worker's): the files load from wherever the package is served.
    base: './',
    // The ALTCHA worker (src/captcha/altcha.ts): an ES module with its solver inside, loaded from beside the code that starts it.
    worker: { format: 'es', rolldownOptions: { output: { entryFileNames: `${lazyDir}/[name]-[hash].js`, minify: true } } },
    plugins: [
      minifyCssTemplates(),
      stripMessageDescriptions(),
      shortMessageIds(),
      selfContainedLocales(),
      ...(bundle ? [domFreeModuleScope()] : []),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: !bundle,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: bundle
        ? { entry: { 'sspr-reset.bundle': 'src/index.ts' }, formats: ['es'] }
        : {
            entry: {
              'sspr-reset': 'src/index.ts',
              protocol: 'src/protocol/index.ts',
              captcha: 'src/captcha/index.ts',
              mock: 'src/mock/index.ts',
              'mock-node': 'src/mock/node.ts',
              react: 'src/react.ts',
            },
            formats: ['es'],
          },
      rolldownOptions: {
        // @lit/localize stays inside: a private copy, so a host app's own
        // configureLocalization() cannot collide with the widget's.
        // React and @lit/react stay the app's (dist/react.js only).
        external: bundle
          ? []
          : [/^lit($|\/)/, /^@lit\/reactive-element/, /^lit-html/, /^lit-element/, /^zod($|\/)/, /^react($|\/)/, /^@lit\/react($|\/)/],
        // dist/react.js imports the main entry (./sspr-reset.js), which defines the
        // element. Without this, a second entry importing the first moves the main
        // entry's code into a shared chunk that "sideEffects" does not list, and
        // bundlers drop the element from a bare `import 'sspr-reset'`.
        preserveEntrySignatures: 'allow-extension',
        // The bundle is one file with the English UI and the first step; other locales
        // and the captcha providers are chunks beside it, fetched only by people who
        // need them, and the later steps (chunks/) are fetched while the person types.
        output: bundle
          ? {
              chunkFileNames: (chunk) =>
                `${
                  chunk.moduleIds.some((id) => /[\\/]generated[\\/]locales[\\/]/.test(id))
                    ? 'locales'
                    : // A provider's chunk by the module it loads (the wire also carries captcha code: the stand-in);
                      // a chunk they share, by what is in it.
                      (chunk.facadeModuleId ? [chunk.facadeModuleId] : chunk.moduleIds).some((id) =>
                          /[\\/]src[\\/]captcha[\\/]|altcha-lib/.test(id),
                        )
                      ? lazyDir
                      : 'chunks'
                }/[name]-[hash].js`,
              minify: true,
              // What the first field needs besides the entry (Lit, @lit/localize, the protocol's
              // constants, which later chunks share) in one file: one request and one gzip stream, not three.
              codeSplitting: {
                groups: [
                  { name: 'lit', tags: ['$initial'], priority: 3 },
                  // The later steps are fetched together (preloadSteps): one file, one gzip stream.
                  {
                    name: 'steps',
                    test: /[\\/]src[\\/](steps[\\/](methods|challenge|password|done|words)|flow[\\/]password)\.ts$/,
                    priority: 1,
                  },
                  // Plural forms, shared with the wire's error words: a chunk of their own (first), or the wire
                  // would import the steps' chunk and wait for it before the config request.
                  { name: 'plural', test: /[\\/]src[\\/]i18n[\\/]plural\.ts$/, priority: 2 },
                ],
              },
            }
          : { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
      },
    },
  };
});
