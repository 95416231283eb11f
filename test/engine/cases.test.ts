// The shared case table (test/fixtures/engine-cases.json) run through the engine with the
// default playbook, under several machine time zones: tiers must not move with TZ.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AccountSnapshot,
  classify,
  compileRules,
  DEFAULT_PLAYBOOK,
  type PopulationStats,
  validateRuleSet,
  validateSnapshot,
} from '../../shared/index.ts';

interface Case {
  name: string;
  account: AccountSnapshot;
  expect: Record<string, string>;
  because?: Record<string, Record<string, unknown>[]>;
  next?: Record<string, { tier: string; missing?: Record<string, unknown>[] }>;
  stats?: string;
  asOf?: string;
}
const table = JSON.parse(readFileSync(new URL('../fixtures/engine-cases.json', import.meta.url), 'utf8')) as {
  asOf: string;
  stats: Record<string, PopulationStats>;
  cases: Case[];
};

const compiled = compileRules(DEFAULT_PLAYBOOK);
const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

describe('the default playbook is valid', () => {
  it('passes validation', () => {
    const r = validateRuleSet(DEFAULT_PLAYBOOK);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });
});

for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']) {
  describe(`engine cases (TZ=${tz})`, () => {
    it.each(table.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      process.env.TZ = tz;
      expect(validateSnapshot(c.account).ok).toBe(true);
      const stats = c.stats ? table.stats[c.stats] : null;
      const result = classify(compiled, c.account, { asOf: c.asOf ?? table.asOf, lang: 'en', stats });
      const tiers = Object.fromEntries(result.dimensions.map((d) => [d.id, d.tier]));
      for (const [dim, tier] of Object.entries(c.expect)) expect({ dim, tier: tiers[dim] }).toEqual({ dim, tier });
      for (const [dim, leaves] of Object.entries(c.because ?? {})) {
        const got = result.dimensions.find((d) => d.id === dim)?.because;
        for (const leaf of leaves) expect(got).toContainEqual(expect.objectContaining(leaf));
      }
      for (const [dim, next] of Object.entries(c.next ?? {})) {
        const got = result.dimensions.find((d) => d.id === dim)?.next;
        expect(got?.tier).toBe(next.tier);
        for (const leaf of next.missing ?? []) expect(got?.missing).toContainEqual(expect.objectContaining(leaf));
      }
    });
  });
}

describe('every tier of the default playbook is reached by some case or the demo data', () => {
  it('the case table covers every non-personality tier', () => {
    const reached = new Set<string>();
    for (const c of table.cases) {
      const r = classify(compiled, c.account, { asOf: c.asOf ?? table.asOf, stats: c.stats ? table.stats[c.stats] : null, explain: false });
      for (const d of r.dimensions) reached.add(`${d.id}.${d.tier}`);
    }
    const missing = DEFAULT_PLAYBOOK.dimensions
      .filter((d) => d.id !== 'personality')
      .flatMap((d) => d.tiers.map((t) => `${d.id}.${t.id}`))
      .filter((k) => !reached.has(k));
    expect(missing).toEqual([]);
  });
});
