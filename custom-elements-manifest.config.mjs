// The custom-elements manifest (custom-elements.json) documents <sspr-reset>'s
// public API from its JSDoc: attributes, properties, events, slots, parts, tokens.
// It ships in the package, so it describes the package as published: module
// paths are the files in dist/ an app imports, not our sources.

/** Source module → the published file that carries its exports. */
const PUBLISHED = { 'src/sspr-reset.ts': 'dist/sspr-reset.js' };

export default {
  globs: ['src/sspr-reset.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // The analyzer lists local variables of methods as module variables; the
      // module exports the element class only.
      name: 'sspr-only-exported-declarations',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          const exported = new Set((mod.exports ?? []).map((e) => e.declaration?.name ?? e.name));
          mod.declarations = (mod.declarations ?? []).filter((d) => exported.has(d.name));
        }
      },
    },
    {
      // Published paths, and the tag's definition: dist/sspr-reset.js defines
      // <sspr-reset> when imported (through defineSsprReset(), which the analyzer
      // cannot follow because it guards against a missing registry).
      name: 'sspr-published-paths',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          const published = PUBLISHED[mod.path];
          if (!published) throw new Error(`custom-elements-manifest.config.mjs: no published file for ${mod.path}`);
          mod.path = published;
          for (const exp of mod.exports ?? []) if (exp.declaration?.module) exp.declaration.module = published;
          for (const decl of mod.declarations ?? []) {
            if (!decl.customElement) continue;
            for (const member of decl.members ?? [])
              if (member.inheritedFrom?.module?.startsWith('src/')) delete member.inheritedFrom.module;
            mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition');
            mod.exports.push({
              kind: 'custom-element-definition',
              name: decl.tagName,
              declaration: { name: decl.name, module: published },
            });
          }
        }
      },
    },
  ],
};
