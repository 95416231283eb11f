// The fast ISO parser must always agree with Date.parse: tiers depend on exact window edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../shared/index.ts';
import { parseIsoMs } from '../../shared/time.ts';

const same = (s: string) => {
  const a = parseIsoMs(s);
  const b = Date.parse(s);
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
};

describe('parseIsoMs', () => {
  it('agrees with Date.parse on every instant from year 0 to 9999, with and without milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), fc.boolean(), (t, millis) => {
        const iso = new Date(t).toISOString();
        expect(same(millis ? iso : `${iso.slice(0, 19)}Z`)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Date.parse on corrupted and out-of-range strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.constantFrom(...'0123456789:-TZ.+ x'), (pos, ch) => {
        const base = '2024-02-29T23:59:59.999Z';
        expect(same(base.slice(0, pos) + ch + base.slice(pos + 1))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    for (const s of [
      '2023-02-29T00:00:00Z',
      '2026-11-31T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-23T07:59:59+08:00',
      '2026-11-23T00:00:00.5Z',
      '',
    ]) {
      expect(same(s), s).toBe(true);
    }
  });
});

describe('interaction metrics by kind', () => {
  it('counts each kind per window, and only what happened by asOf', () => {
    const asOf = Date.parse('2026-11-23T00:00:00Z');
    const at = (days: number) => new Date(asOf - days * 86_400_000).toISOString();
    const s = {
      crm: 'demo',
      id: 'k',
      name: 'Kinds',
      interactions: [
        { kind: 'visit' as const, at: at(10) },
        { kind: 'visit' as const, at: at(100) },
        { kind: 'call' as const, at: at(5) },
        { kind: 'visit' as const, at: at(-1) },
      ],
    };
    expect(
      computeMetrics(s, asOf, [
        'interactions_visit_90d',
        'interactions_visit_180d',
        'interactions_call_30d',
        'interactions_total',
        'days_since_last_interaction',
      ]),
    ).toEqual({
      interactions_visit_90d: 1,
      interactions_visit_180d: 2,
      interactions_call_30d: 1,
      interactions_total: 3,
      days_since_last_interaction: 5,
    });
  });
});
