// docs/openapi.json: a valid OpenAPI 3.1 document (checked by
// @seriousme/openapi-schema-validator against the OpenAPI Initiative's 3.1
// schema), generated from the zod schemas (scripts/openapi.mjs), and
// describing every call, header, status and problem code of protocol v1.
// Needs `npm run build` (reads PROBLEM_STATUS from dist/protocol.js).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { PROBLEM_STATUS } from '../../dist/protocol.js';
import { generate } from '../../scripts/openapi.mjs';

const FILE = new URL('../../docs/openapi.json', import.meta.url);
const text = await readFile(FILE, 'utf8');
const doc = JSON.parse(text);

/** Every operation as [method, path, operation]. */
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => [method.toUpperCase(), path, operation]),
);

/** A header object, its $ref followed. */
function headerOf(value) {
  return value.$ref ? doc.components.headers[value.$ref.split('/').pop()] : value;
}

describe('docs/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.equal(validator.version, '3.1');
    assert.deepEqual(result.errors, undefined, JSON.stringify(result.errors, null, 2));
    assert.equal(result.valid, true);
  });

  it('is what scripts/openapi.mjs generates from the zod schemas (not stale)', async () => {
    assert.equal(await generate(), text);
  });

  it('describes every call of protocol v1, the captcha challenge included', () => {
    assert.deepEqual(operations.map(([m, p]) => `${m} ${p}`).sort(), [
      'DELETE /v1/flows/current',
      'GET /v1/captcha/challenge',
      'GET /v1/config',
      'GET /v1/flows/current/challenges/{challengeId}',
      'POST /v1/flows',
      'POST /v1/flows/current/challenges',
      'POST /v1/flows/current/challenges/{challengeId}/resend',
      'POST /v1/flows/current/challenges/{challengeId}/verify',
      'POST /v1/flows/current/password',
    ]);
  });

  it('puts the flow token in the Authorization header on every /v1/flows/current call, and nowhere else', () => {
    assert.deepEqual(doc.components.securitySchemes.flowToken, {
      ...doc.components.securitySchemes.flowToken,
      type: 'http',
      scheme: 'bearer',
    });
    for (const [method, path, op] of operations) {
      const wantsToken = path.startsWith('/v1/flows/current');
      assert.deepEqual(op.security, wantsToken ? [{ flowToken: [] }] : [], `${method} ${path}`);
      for (const p of op.parameters ?? []) {
        const param = p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p;
        assert.notEqual(param.in, 'query', `${method} ${path} takes nothing in the query string`);
      }
    }
  });

  it('requires Idempotency-Key on every POST and on nothing else', () => {
    const key = doc.components.parameters.IdempotencyKey;
    assert.equal(key.name, 'Idempotency-Key');
    assert.equal(key.in, 'header');
    assert.equal(key.required, true);
    for (const [method, path, op] of operations) {
      const has = (op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
      assert.equal(has, method === 'POST', `${method} ${path}`);
      if (method === 'POST') assert.equal(op.requestBody.required, true, `${method} ${path} has a body`);
    }
  });

  it('gives every answer Cache-Control and X-Request-Id, every 401 WWW-Authenticate, every 429 Retry-After', () => {
    for (const [method, path, op] of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        const names = Object.keys(response.headers ?? {});
        const where = `${method} ${path} ${status}`;
        assert.ok(names.includes('Cache-Control'), `${where}: Cache-Control`);
        assert.equal(headerOf(response.headers['Cache-Control']).schema.const, 'no-store');
        assert.ok(names.includes('X-Request-Id'), `${where}: X-Request-Id`);
        if (status === '401') assert.ok(names.includes('WWW-Authenticate'), `${where}: WWW-Authenticate`);
        if (status === '429') assert.ok(names.includes('Retry-After'), `${where}: Retry-After`);
      }
    }
  });

  it('answers failures with the problem document, each code with its status of §10', () => {
    const seen = new Set();
    for (const [method, path, op] of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const media = response.content?.['application/problem+json'];
        assert.ok(media, `${method} ${path} ${status} is application/problem+json`);
        assert.equal(media.schema.$ref, '#/components/schemas/Problem');
        for (const [code, example] of Object.entries(media.examples)) {
          assert.equal(PROBLEM_STATUS[code], Number(status), `${method} ${path}: ${code} goes with ${PROBLEM_STATUS[code]}`);
          assert.equal(example.value.code, code);
          assert.equal(example.value.status, Number(status));
          seen.add(code);
        }
      }
    }
    // 405 is answered for methods a route does not serve, which OpenAPI cannot list per operation (info.description says it).
    const expected = Object.keys(PROBLEM_STATUS).filter((c) => c !== 'method_not_allowed');
    assert.deepEqual([...seen].sort(), expected.sort());
    assert.match(doc.info.description, /405 `method_not_allowed`/);
  });

  it('has the same component schemas as protocol.schema.json', async () => {
    const jsonSchema = JSON.parse(await readFile(new URL('../../docs/protocol.schema.json', import.meta.url), 'utf8'));
    for (const [name, schema] of Object.entries(jsonSchema.$defs)) {
      const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));
      assert.deepEqual(doc.components.schemas[name], rewritten, name);
    }
  });
});
