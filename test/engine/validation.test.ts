// Malformed rule sets: each must be rejected with a message that names the path of the problem.
import { describe, expect, it } from 'vitest';
import { type RuleSet, validateRuleSet } from '../../shared/index.ts';

const tier = (id: string, when: unknown) => ({
  id,
  label: { zh: id, en: id },
  tips: { zh: ['跟进'], en: ['Follow up'] },
  color: '#1f6feb',
  icon: '●',
  when,
});

function valid(): RuleSet {
  return {
    schemaVersion: 1,
    headline: 'value',
    chips: ['engagement'],
    dimensions: [
      {
        id: 'value',
        label: { zh: '价值', en: 'Value' },
        tiers: [tier('high', { metric: 'won_amount_365d', op: '>=', value: 1_000_000 }), tier('low', true)],
      },
      {
        id: 'engagement',
        label: { zh: '活跃度', en: 'Engagement' },
        tiers: [
          tier('frequent', {
            all: [
              { metric: 'interactions_90d', op: '>=', value: 12 },
              { metric: 'dim.value', op: '==', value: 'high' },
            ],
          }),
          tier('rare', true),
        ],
      },
    ],
  } as RuleSet;
}

// biome-ignore lint/suspicious/noExplicitAny: mutations reach into the document by path on purpose
type Draft = any;
/** Mutates the draft in place, or returns a whole replacement document. */
type Mutation = [name: string, mutate: (r: Draft) => unknown, path: string, message: RegExp];

const cases: Mutation[] = [
  ['not an object', () => 42, '', /object/i],
  [
    'wrong schemaVersion',
    (r) => {
      r.schemaVersion = 2;
    },
    'schemaVersion',
    /1/,
  ],
  [
    'missing dimensions',
    (r) => {
      delete r.dimensions;
    },
    'dimensions',
    /array|required|expected/i,
  ],
  [
    'empty dimensions',
    (r) => {
      r.dimensions = [];
    },
    'dimensions',
    /at least|>=1|too small/i,
  ],
  [
    'headline names no dimension',
    (r) => {
      r.headline = 'nope';
    },
    'headline',
    /no dimension "nope"/,
  ],
  [
    'chip names no dimension',
    (r) => {
      r.chips = ['ghost'];
    },
    'chips[0]',
    /no dimension "ghost"/,
  ],
  [
    'duplicate dimension id',
    (r) => {
      r.dimensions[1].id = 'value';
    },
    'dimensions[1].id',
    /duplicate dimension/,
  ],
  [
    'bad dimension id',
    (r) => {
      r.dimensions[0].id = 'Value!';
    },
    'dimensions[0].id',
    /lowercase id/,
  ],
  [
    'duplicate tier id',
    (r) => {
      r.dimensions[0].tiers[1].id = 'high';
    },
    'dimensions[0].tiers[1].id',
    /duplicate tier/,
  ],
  [
    'last tier does not catch all',
    (r) => {
      r.dimensions[0].tiers[1].when = { metric: 'won_count_total', op: '>=', value: 0 };
    },
    'dimensions[0].tiers[1].when',
    /last tier/,
  ],
  [
    'unknown metric',
    (r) => {
      r.dimensions[0].tiers[0].when.metric = 'won_amount_999d';
    },
    'dimensions[0].tiers[0].when.metric',
    /unknown metric "won_amount_999d"/,
  ],
  [
    'unknown operator',
    (r) => {
      r.dimensions[0].tiers[0].when.op = '=~';
    },
    'dimensions[0].tiers[0].when.op',
    /./,
  ],
  [
    'ordering against a string',
    (r) => {
      r.dimensions[0].tiers[0].when.value = 'lots';
    },
    'dimensions[0].tiers[0].when.value',
    /number/,
  ],
  [
    'percentile out of range',
    (r) => {
      r.dimensions[0].tiers[0].when.value = { percentile: 120 };
    },
    'dimensions[0].tiers[0].when.value.percentile',
    /100/,
  ],
  [
    'between with low > high',
    (r) => {
      r.dimensions[0].tiers[0].when = { metric: 'employees', op: 'between', value: [500, 10] };
    },
    'dimensions[0].tiers[0].when.value',
    /low <= high/,
  ],
  [
    'in with an empty list',
    (r) => {
      r.dimensions[0].tiers[0].when = { metric: 'attr.region', op: 'in', value: [] };
    },
    'dimensions[0].tiers[0].when.value',
    /./,
  ],
  [
    'extra key in a comparison',
    (r) => {
      r.dimensions[0].tiers[0].when.note = 'x';
    },
    'dimensions[0].tiers[0].when',
    /note|unrecognized/i,
  ],
  [
    'all with an empty list',
    (r) => {
      r.dimensions[1].tiers[0].when = { all: [] };
    },
    'dimensions[1].tiers[0].when.all',
    /./,
  ],
  [
    'dimension reference to a missing dimension',
    (r) => {
      r.dimensions[1].tiers[0].when.all[1].metric = 'dim.ghost';
    },
    'dimensions[1].tiers[0].when.all[1].metric',
    /no dimension "ghost"/,
  ],
  [
    'dimension reference to a missing tier',
    (r) => {
      r.dimensions[1].tiers[0].when.all[1].value = 'gold';
    },
    'dimensions[1].tiers[0].when.all[1].value',
    /no tier "gold"/,
  ],
  [
    'a dimension refers to itself',
    (r) => {
      r.dimensions[0].tiers[0].when = { metric: 'dim.value', op: '==', value: 'high' };
    },
    'dimensions[0].tiers[0].when.metric',
    /itself/,
  ],
  [
    'a cycle between dimensions',
    (r) => {
      r.dimensions[0].tiers[0].when = { metric: 'dim.engagement', op: '==', value: 'frequent' };
    },
    'dimensions[0]',
    /cycle: value -> engagement -> value|cycle: engagement -> value -> engagement/,
  ],
  [
    'ordering on tiers',
    (r) => {
      r.dimensions[1].tiers[0].when.all[1].op = '>=';
    },
    'dimensions[1].tiers[0].when.all[1]',
    /./,
  ],
  [
    'bad colour',
    (r) => {
      r.dimensions[0].tiers[0].color = 'red';
    },
    'dimensions[0].tiers[0].color',
    /#rrggbb/,
  ],
  [
    'bad cadence',
    (r) => {
      r.dimensions[0].tiers[0].cadence = 'weekly';
    },
    'dimensions[0].tiers[0].cadence',
    /ISO 8601 duration/,
  ],
  [
    'missing English label',
    (r) => {
      delete r.dimensions[0].tiers[0].label.en;
    },
    'dimensions[0].tiers[0].label.en',
    /./,
  ],
  [
    'next names no tier',
    (r) => {
      r.dimensions[0].tiers[1].next = 'platinum';
    },
    'dimensions[0].tiers[1].next',
    /no tier "platinum"/,
  ],
  [
    'percentile on a CRM field',
    (r) => {
      r.dimensions[0].tiers[0].when = { metric: 'field.Score', op: '>=', value: { percentile: 50 } };
    },
    'dimensions[0].tiers[0].when.value',
    /catalogue metrics/,
  ],
  [
    'comparison with an unknown metric on the right',
    (r) => {
      r.dimensions[0].tiers[0].when.value = { metric: 'nonsense' };
    },
    'dimensions[0].tiers[0].when.value.metric',
    /unknown metric/,
  ],
  [
    'personality compared as a number',
    (r) => {
      r.dimensions[0].tiers[0].when = { metric: 'personality', op: '>', value: 3 };
    },
    'dimensions[0].tiers[0].when.op',
    /type, not a number/,
  ],
  [
    'too deeply nested',
    (r) => {
      let c: unknown = { metric: 'employees', op: '>=', value: 1 };
      for (let i = 0; i < 40; i++) c = { not: c };
      r.dimensions[0].tiers[0].when = c;
      return r;
    },
    '',
    /nested too deeply/,
  ],
];

describe('malformed rule sets are rejected with the path', () => {
  it('the base rule set is valid', () => {
    const r = validateRuleSet(valid());
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it.each(cases)('%s', (_name, mutate, path, message) => {
    const draft = valid();
    const replaced = mutate(draft);
    const r = validateRuleSet(replaced === undefined ? draft : replaced);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const hit = r.issues.find((i) =>
      path === '' ? true : i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`),
    );
    expect(hit, `issues: ${JSON.stringify(r.issues)}`).toBeDefined();
    expect(
      r.issues.some((i) => (path === '' || i.path.startsWith(path)) && message.test(i.message)),
      JSON.stringify(r.issues),
    ).toBe(true);
  });
});
