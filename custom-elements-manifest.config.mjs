// The custom-elements manifest (custom-elements.json) documents <sspr-reset>'s
// public API from its JSDoc: attributes, properties, events, slots, parts, tokens.
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
  ],
};
