/**
 * The checks the widget runs on backend answers (src/generated/protocol-checks.ts, written by
 * scripts/protocol-checks.mjs from the zod schemas) against zod itself: on answers generated from
 * each schema, valid, nearly valid and not at all, both must give the same verdict, and the same
 * value when they accept. The schemas stay the one source; this proves the browser's copy of them.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import * as checks from '../src/generated/protocol-checks.js';
import { verdict, type Check } from '../src/protocol/check.js';
import * as schemas from '../src/protocol/schemas.js';

type Any = fc.Arbitrary<unknown>;
type Def = {
  type: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number } } }[];
  format?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  options?: z.ZodMiniType[];
  innerType?: z.ZodMiniType;
  element?: z.ZodMiniType;
  shape?: Record<string, z.ZodMiniType>;
  catchall?: z.ZodMiniType;
};
const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A check's bound: the first of `names` among a schema's checks. */
function bound(def: Def, ...names: string[]): number | undefined {
  const check = def.checks?.map((c) => c._zod.def).find((c) => names.includes(c.check));
  return check?.minimum ?? check?.maximum ?? check?.value;
}

const VALID_DATES = fc
  .tuple(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '+00:00', '-05:30', '+14:00'),
    fc.boolean(),
  )
  .map(([date, zone, millis]) => {
    const iso = date.toISOString();
    return `${millis ? iso.slice(0, -1) : iso.slice(0, 19)}${zone}`;
  });
const BAD_DATES = fc.constantFrom(
  '2023-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z',
  '2024-01-01T00:00:00',
  '2024-01-01 00:00:00Z',
  '2024-13-01T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:00+24:00',
  '2024-01-01',
  '',
);

/** Values a schema accepts, with members that may be slightly wrong at any depth. */
function valid(schema: z.ZodMiniType): Any {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      if (def.format === 'datetime') return VALID_DATES;
      const min = bound(def, 'min_length') ?? 0;
      return fc.string({ minLength: min, maxLength: Math.min(bound(def, 'max_length') ?? min + 8, min + 8) });
    }
    case 'number':
      return fc.integer({ min: bound(def, 'greater_than') ?? -1000, max: bound(def, 'less_than') ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'unknown':
      return fc.jsonValue();
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'union':
      return fc.oneof(...def.options!.map(near));
    case 'optional':
      return fc.oneof(fc.constant(undefined), near(def.innerType!));
    case 'array':
      return fc.array(near(def.element!), { minLength: bound(def, 'min_length') ?? 0, maxLength: 3 });
    case 'object': {
      const shape = def.shape!;
      const required = Object.keys(shape).filter((key) => defOf(shape[key]!).type !== 'optional');
      const members = fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, near(value)])), {
        requiredKeys: required,
      });
      const extra = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
      return fc.tuple(members, extra).map(([m, e]) => ({ ...e, ...m }));
    }
    default:
      throw new Error(`no generator for ${def.type}`);
  }
}

/** Values a schema (mostly) rejects: the edges of its bounds, the wrong type, missing members. */
function wrong(schema: z.ZodMiniType): Any {
  const def = defOf(schema);
  const any = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, NaN, Infinity, -0, 2 ** 53, 1.5, '1', [], {}));
  switch (def.type) {
    case 'string': {
      if (def.format === 'datetime') return fc.oneof(BAD_DATES, any);
      const min = bound(def, 'min_length');
      const max = bound(def, 'max_length');
      return fc.oneof(
        any,
        fc.string({ minLength: 0, maxLength: Math.max(0, (min ?? 1) - 1) }),
        max === undefined ? any : fc.string({ minLength: max + 1, maxLength: max + 2 }),
      );
    }
    case 'number': {
      const min = bound(def, 'greater_than');
      const max = bound(def, 'less_than');
      return fc.oneof(any, fc.constantFrom((min ?? 0) - 1, (max ?? 0) + 1, (min ?? 0) + 0.5));
    }
    case 'object': {
      const shape = def.shape!;
      return fc.oneof(
        any,
        fc.record(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, near(value)])), { requiredKeys: [] }),
      );
    }
    case 'array':
      return fc.oneof(any, fc.array(near(def.element!), { minLength: 4, maxLength: 12 }));
    default:
      return any;
  }
}

const cache = new Map<z.ZodMiniType, Any>();
/** Mostly valid, sometimes not: at each depth a member goes wrong one time in fifteen. */
function near(schema: z.ZodMiniType): Any {
  let arbitrary = cache.get(schema);
  if (!arbitrary) {
    arbitrary = fc.oneof(
      { weight: 14, arbitrary: fc.constant(null).chain(() => valid(schema)) },
      { weight: 1, arbitrary: fc.constant(null).chain(() => wrong(schema)) },
    );
    cache.set(schema, arbitrary);
  }
  return arbitrary;
}

const ANSWERS = ['ConfigResponse', 'FlowResponse', 'Challenge', 'VerifyResponse', 'PollResponse', 'PasswordResponse', 'Problem'] as const;

describe('the answers’ checks (generated from the zod schemas)', () => {
  it('are generated for every answer the widget checks, and nothing else', () => {
    expect(Object.keys(checks).sort()).to.deep.equal([...ANSWERS].sort());
  });

  for (const name of ANSWERS) {
    it(`${name}: the same verdict and value as zod, on valid, nearly valid and wrong answers`, () => {
      const schema = schemas[name] as unknown as z.ZodMiniType;
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(near(schema), (answer) => {
          const expected = schema.safeParse(answer);
          const actual = verdict(checks[name] as Check<unknown>, answer);
          expect(actual.success, `zod says ${expected.success ? 'valid' : 'invalid'}`).to.equal(expected.success);
          if (expected.success && actual.success) expect(actual.data).to.deep.equal(expected.data);
          if (expected.success) accepted++;
          else rejected++;
        }),
        { numRuns: 1500 },
      );
      // Neither side of the comparison may be (nearly) empty, or the test would prove little.
      expect(accepted, 'answers zod accepted').to.be.above(150);
      expect(rejected, 'answers zod rejected').to.be.above(150);
    });
  }

  it('says where an answer is wrong', () => {
    const result = verdict(checks.FlowResponse, {
      flowToken: 't',
      expiresAt: '2030-01-01T00:00:00Z',
      gatesRequired: 1,
      gatesPassed: 0,
      methods: [
        { id: 'm1', type: 'email', hint: 'a•••@fabrikam.com' },
        { id: '', type: 'email', hint: '' },
      ],
      passwordPolicy: { minLength: 8, maxLength: 256, minClasses: 3, disallowUsername: true },
    });
    expect(result).to.deep.equal({ success: false, error: 'invalid methods[1].id' });
  });

  it('keeps a problem’s extension members but never takes a prototype from one', () => {
    const answer = JSON.parse('{"code":"rate_limited","retryAfter":5,"vendor":"x","__proto__":{"polluted":true}}') as unknown;
    const result = verdict(checks.Problem, answer);
    expect(result.success).to.equal(true);
    const data = (result as { data: Record<string, unknown> }).data;
    expect(data['vendor']).to.equal('x');
    expect(Object.getPrototypeOf(data)).to.equal(Object.prototype);
    expect(data['polluted']).to.equal(undefined);
  });
});
