// Properties that must hold for any account and any JSON: determinism, one tier per dimension,
// monotone value tiers, and validation that rejects without throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountSnapshot,
  classify,
  compileRules,
  DEFAULT_PLAYBOOK,
  decideTiers,
  INTERACTION_KINDS,
  validateRuleSet,
  validateSnapshot,
} from '../../shared/index.ts';

const AS_OF = Date.parse('2026-11-23T00:00:00Z');
const DAY = 86_400_000;
const compiled = compileRules(DEFAULT_PLAYBOOK);

const isoWithin = (days: number) => fc.integer({ min: -days * DAY, max: 30 * DAY }).map((d) => new Date(AS_OF - d).toISOString());

const account: fc.Arbitrary<AccountSnapshot> = fc.record(
  {
    crm: fc.constant('demo'),
    id: fc.string({ minLength: 1, maxLength: 12 }),
    name: fc.string({ maxLength: 20 }),
    createdAt: isoWithin(3000),
    attributes: fc.record({ employees: fc.nat(50_000), annualRevenue: fc.nat(2_000_000_000) }, { requiredKeys: [] }),
    flags: fc.record({ annualAgreement: fc.boolean(), keyAccount: fc.boolean() }, { requiredKeys: [] }),
    orders: fc.array(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 6 }),
        amount: fc.double({ min: 0, max: 1e8, noNaN: true, noDefaultInfinity: true }),
        status: fc.constantFrom('won', 'lost', 'open'),
        closedAt: isoWithin(1200),
      }),
      { maxLength: 30 },
    ),
    interactions: fc.array(fc.record({ kind: fc.constantFrom(...INTERACTION_KINDS), at: isoWithin(400) }), { maxLength: 40 }),
    surveys: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('csat' as const), score: fc.integer({ min: 1, max: 5 }), at: isoWithin(400) }),
        fc.record({ kind: fc.constant('nps' as const), score: fc.integer({ min: 0, max: 10 }), at: isoWithin(400) }),
      ),
      { maxLength: 8 },
    ),
    referrals: fc.array(fc.record({ at: isoWithin(800) }), { maxLength: 3 }),
    personality: fc.constantFrom('分析型', 'silent', '犹豫', 'talkative', '', 'xyz'),
  },
  { requiredKeys: ['crm', 'id', 'name'] },
);

describe('engine properties', () => {
  it('generated accounts are valid snapshots', () => {
    fc.assert(
      fc.property(account, (a) => validateSnapshot(a).ok),
      { numRuns: 200 },
    );
  });

  it('is deterministic: the same input gives the same classification', () => {
    fc.assert(
      fc.property(account, (a) => {
        const x = classify(compiled, a, { asOf: AS_OF, lang: 'zh' });
        const y = classify(compileRules(DEFAULT_PLAYBOOK), structuredClone(a), { asOf: AS_OF, lang: 'zh' });
        expect(y).toEqual(x);
      }),
      { numRuns: 300 },
    );
  });

  it('gives exactly one tier of each dimension, from that dimension', () => {
    fc.assert(
      fc.property(account, (a) => {
        const r = classify(compiled, a, { asOf: AS_OF, lang: 'en' });
        expect(r.dimensions.map((d) => d.id)).toEqual(DEFAULT_PLAYBOOK.dimensions.map((d) => d.id));
        for (const d of r.dimensions) {
          const dim = DEFAULT_PLAYBOOK.dimensions.find((x) => x.id === d.id);
          expect(dim?.tiers.map((t) => t.id)).toContain(d.tier);
          expect(d.tierLabel.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a larger won order never lowers the value tier', () => {
    const rank = (tier: string | undefined) => ['low', 'medium', 'high'].indexOf(tier ?? '');
    fc.assert(
      fc.property(account, fc.nat(400), fc.double({ min: 0, max: 1e7, noNaN: true }), (a, daysAgo, extra) => {
        const before = decideTiers(compiled, a, AS_OF).value;
        const order = { id: 'extra', amount: extra, status: 'won' as const, closedAt: new Date(AS_OF - daysAgo * DAY).toISOString() };
        const after = decideTiers(compiled, { ...a, orders: [...(a.orders ?? []), order] }, AS_OF).value;
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
      { numRuns: 500 },
    );
  });

  it('validation rejects, never throws, on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        const r = validateRuleSet(v);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues.length).toBeGreaterThan(0);
        expect(() => validateSnapshot(v)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('validation never throws on mutations of the default playbook', () => {
    const base = JSON.parse(JSON.stringify(DEFAULT_PLAYBOOK));
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue({ maxDepth: 3 }), (path, replacement) => {
        const doc = structuredClone(base);
        let at = doc;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path[path.length - 1] as string] = replacement;
        const r = validateRuleSet(doc);
        if (!r.ok) for (const i of r.issues) expect(typeof i.path).toBe('string');
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('does not read the clock: the same asOf gives the same result at any wall time', () => {
    const a: AccountSnapshot = {
      crm: 'demo',
      id: 'x',
      name: 'x',
      orders: [{ id: 'o', amount: 10, status: 'won', closedAt: '2026-01-01T00:00:00Z' }],
    };
    const first = classify(compiled, a, { asOf: '2026-11-23T00:00:00Z' });
    const realNow = Date.now;
    Date.now = () => 0;
    try {
      expect(classify(compiled, a, { asOf: '2026-11-23T00:00:00Z' })).toEqual(first);
    } finally {
      Date.now = realNow;
    }
  });
});
