// Every published entry imports in plain Node, with no DOM: what server-side
// rendering (Next.js, Nuxt, Astro, Angular SSR) does before any browser exists.
// Entries are imported by the package's own name, so the `exports` map is what
// is tested, as an app would resolve it. Needs dist/ (npm test builds it first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
/** Entries with JavaScript behind them (types-only and JSON entries are checked by publint and attw). */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => {
    const file = typeof target === 'string' ? target : (target.import ?? target.default);
    return typeof file === 'string' && file.endsWith('.js');
  })
  .map(([key]) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));

describe('published entries in Node without a DOM', () => {
  it('there is no DOM here', () => {
    assert.equal(typeof globalThis.document, 'undefined');
    assert.equal(typeof globalThis.customElements, 'undefined');
    assert.ok(entries.length >= 4, `expected at least four JavaScript entries, found ${entries.join(', ')}`);
  });

  for (const entry of entries) {
    it(`import('${entry}') does not throw`, async () => {
      const module = await import(entry);
      assert.ok(Object.keys(module).length > 0 || entry.endsWith('/bundle'), `${entry} exports nothing`);
    });
  }

  it('the element class is exported and defining it needs no DOM', async () => {
    const main = await import(pkg.name);
    assert.equal(typeof main.SsprReset, 'function');
    assert.equal(typeof main.defineSsprReset, 'function');
    main.defineSsprReset(); // no DOM: a no-op, or a registration in Lit's SSR shim, never a ReferenceError
    // Lit's Node build installs its SSR registry shim on globalThis; where it did, the tag is
    // registered there, which is what Lit SSR needs to render <sspr-reset> on a server.
    if (globalThis.customElements) assert.equal(globalThis.customElements.get('sspr-reset'), main.SsprReset);
    assert.equal(typeof globalThis.document, 'undefined', 'nothing creates a document');
  });

  it('the protocol and the mock work in Node (a server can use them)', async () => {
    const { createMockHandler, MockResetServer } = await import(`${pkg.name}/mock`);
    const handle = createMockHandler(new MockResetServer());
    const response = await handle(new Request('http://localhost/v1/config'));
    assert.equal(response.status, 200);
    const { ConfigResponse } = await import(`${pkg.name}/protocol`);
    const body = await response.json();
    assert.equal(ConfigResponse.safeParse(body).success, true, "the mock's config matches the protocol schema");
  });
});
