import { describe, expect, it } from 'vitest';
import {
  addCondition,
  addDimension,
  addTier,
  type ConditionKind,
  convertCondition,
  DEFAULT_LEAF,
  defaultValue,
  getAt,
  joinCadence,
  moveCondition,
  moveTier,
  opsFor,
  parseList,
  parseNumber,
  removeCondition,
  removeDimension,
  removeTier,
  renameDimension,
  renameTier,
  splitCadence,
  thresholdFor,
  withAccessor,
  withOp,
} from '../../extension/components/rules/state.ts';
import { type Condition, DEFAULT_PLAYBOOK, type Leaf, type RuleSet, validateRuleSet } from '../../shared/index.ts';

/** A small rule set with a dependency (`dim.value`) and a catch-all last tier per dimension. */
const RULES: RuleSet = {
  schemaVersion: 1,
  headline: 'level',
  chips: ['value'],
  dimensions: [
    {
      id: 'value',
      label: { zh: '价值', en: 'Value' },
      tiers: [
        {
          id: 'high',
          label: { zh: '高', en: 'High' },
          tips: { zh: ['a'], en: ['a'] },
          color: '#1d4ed8',
          icon: 'H',
          when: { metric: 'won_amount_365d', op: '>=', value: 1000 },
        },
        { id: 'low', label: { zh: '低', en: 'Low' }, tips: { zh: ['b'], en: ['b'] }, color: '#475569', icon: 'L', when: true },
      ],
    },
    {
      id: 'level',
      label: { zh: '等级', en: 'Level' },
      tiers: [
        {
          id: 'vip',
          label: { zh: 'VIP', en: 'VIP' },
          tips: { zh: ['c'], en: ['c'] },
          color: '#b45309',
          icon: '★',
          when: {
            all: [
              { metric: 'dim.value', op: '==', value: 'high' },
              { metric: 'dim.value', op: 'in', value: ['high', 'low'] },
            ],
          },
        },
        {
          id: 'std',
          label: { zh: '普通', en: 'Standard' },
          tips: { zh: ['d'], en: ['d'] },
          color: '#475569',
          icon: '·',
          next: 'vip',
          when: true,
        },
      ],
    },
  ],
};

const valid = (r: RuleSet) => validateRuleSet(r).ok;

describe('the test rule set', () => {
  it('is valid to begin with', () => expect(validateRuleSet(RULES)).toMatchObject({ ok: true }));
});

describe('dimensions', () => {
  it('adds a valid-shaped dimension with a unique id and a catch-all tier', () => {
    const [next, di] = addDimension(RULES);
    expect(di).toBe(2);
    const dim = next.dimensions[2];
    expect(dim?.id).toBe('dimension_1');
    expect(dim?.tiers.at(-1)?.when).toBe(true);
    const [again] = addDimension(next);
    expect(again.dimensions[3]?.id).toBe('dimension_2');
    expect(RULES.dimensions).toHaveLength(2);
  });

  it('removes a dimension and its default chip', () => {
    const next = removeDimension(RULES, 0);
    expect(next.dimensions.map((d) => d.id)).toEqual(['level']);
    expect(next.chips).toEqual([]);
  });

  it('renames a dimension with the headline, the chips and dim. comparisons', () => {
    const next = renameDimension(RULES, 0, 'worth');
    expect(next.dimensions[0]?.id).toBe('worth');
    expect(next.chips).toEqual(['worth']);
    const when = next.dimensions[1]?.tiers[0]?.when as { all: Leaf[] };
    expect(when.all.map((l) => l.metric)).toEqual(['dim.worth', 'dim.worth']);
    expect(valid(next)).toBe(true);
    expect(renameDimension(RULES, 1, 'tier').headline).toBe('tier');
  });

  it('does not capture references when a rename passes through an id another dimension has', () => {
    const clash = renameDimension(RULES, 0, 'level');
    expect(clash.headline).toBe('level');
    const when = clash.dimensions[1]?.tiers[0]?.when as { all: Leaf[] };
    expect(when.all[0]?.metric).toBe('dim.value');
    // and leaving the clash does not move the other dimension's references
    const after = renameDimension(clash, 0, 'levelx');
    expect(after.headline).toBe('level');
  });
});

describe('tiers', () => {
  it('adds a tier before the catch-all last tier', () => {
    const [next, ti] = addTier(RULES, 0);
    expect(ti).toBe(1);
    expect(next.dimensions[0]?.tiers.map((t) => t.id)).toEqual(['high', 'tier_1', 'low']);
    expect(next.dimensions[0]?.tiers.at(-1)?.when).toBe(true);
  });

  it('adds at the end when the last tier is not a catch-all', () => {
    const noCatchAll = removeTier(RULES, 0, 1);
    const [next, ti] = addTier(noCatchAll, 0);
    expect(ti).toBe(1);
    expect(next.dimensions[0]?.tiers.map((t) => t.id)).toEqual(['high', 'tier_1']);
  });

  it('a new tier asks for tips and nothing else', () => {
    const [next] = addTier(RULES, 0);
    const result = validateRuleSet(next);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path: 'dimensions[0].tiers[1].tips', message: 'give at least one handling tip' }]);
  });

  it('moves and removes tiers without touching the original', () => {
    expect(moveTier(RULES, 0, 1, 0).dimensions[0]?.tiers.map((t) => t.id)).toEqual(['low', 'high']);
    expect(removeTier(RULES, 0, 0).dimensions[0]?.tiers.map((t) => t.id)).toEqual(['low']);
    expect(RULES.dimensions[0]?.tiers.map((t) => t.id)).toEqual(['high', 'low']);
  });

  it('renames a tier with `next` and dim. == / in values', () => {
    const next = renameTier(RULES, 0, 0, 'top');
    const when = next.dimensions[1]?.tiers[0]?.when as { all: Leaf[] };
    expect(when.all[0]?.value).toBe('top');
    expect(when.all[1]?.value).toEqual(['top', 'low']);
    expect(valid(next)).toBe(true);
    expect(renameTier(RULES, 1, 0, 'gold').dimensions[1]?.tiers[1]?.next).toBe('gold');
  });
});

describe('conditions', () => {
  const leaf: Leaf = { metric: 'interactions_90d', op: '>=', value: 12 };

  it.each<[Condition, ConditionKind, Condition]>([
    [leaf, 'all', { all: [leaf] }],
    [leaf, 'not', { not: leaf }],
    [leaf, 'true', true],
    [{ all: [leaf, DEFAULT_LEAF] }, 'any', { any: [leaf, DEFAULT_LEAF] }],
    [{ any: [{ not: leaf }] }, 'leaf', leaf],
    [{ not: leaf }, 'leaf', leaf],
    [true, 'leaf', DEFAULT_LEAF],
    [true, 'all', { all: [DEFAULT_LEAF] }],
  ])('converts %j to %s', (from, to, expected) => {
    expect(convertCondition(from, to)).toEqual(expected);
  });

  it('adds, moves and removes conditions of a group', () => {
    const at = ['dimensions', 1, 'tiers', 0, 'when'];
    const added = addCondition(RULES, at, leaf);
    expect((getAt(added, [...at, 'all']) as unknown[]).length).toBe(3);
    const moved = moveCondition(added, at, 2, 0);
    expect(getAt(moved, [...at, 'all', 0])).toEqual(leaf);
    const removed = removeCondition(moved, at, 0);
    expect(getAt(removed, at)).toEqual(RULES.dimensions[1]?.tiers[0]?.when);
    // not a group: nothing happens
    expect(addCondition(RULES, ['dimensions', 0, 'tiers', 1, 'when'])).toBe(RULES);
  });
});

describe('comparisons offer what fits', () => {
  it.each([
    ['won_amount_365d', ['>=', '>', '<=', '<', '==', '!=', 'between', 'in', 'not_in', 'exists']],
    ['personality', ['==', '!=', 'in', 'not_in', 'exists']],
    ['flag.keyAccount', ['==', '!=', 'exists']],
    ['dim.value', ['==', '!=', 'in', 'not_in']],
    ['field.Rating', ['>=', '>', '<=', '<', '==', '!=', 'between', 'in', 'not_in', 'exists']],
  ])('operators for %s', (metric, ops) => {
    expect(opsFor(metric)).toEqual(ops);
  });

  it('every operator and default value it offers passes the validator', () => {
    for (const metric of ['won_amount_365d', 'personality', 'flag.keyAccount', 'dim.value', 'attr.industry', 'field.Rating']) {
      for (const op of opsFor(metric)) {
        const value = defaultValue(metric, op, RULES);
        const rules = {
          ...RULES,
          dimensions: RULES.dimensions.map((d, i) =>
            i === 1 ? { ...d, tiers: d.tiers.map((t, j) => (j === 0 ? { ...t, when: { metric, op, value } as Leaf } : t)) } : d,
          ),
        };
        expect({ metric, op, result: validateRuleSet(rules) }).toMatchObject({ result: { ok: true } });
      }
    }
  });

  it('keeps the value where it still fits when the operator changes', () => {
    expect(withOp(leaf(), '>', RULES).value).toBe(5);
    expect(withOp(leaf(), 'between', RULES).value).toEqual([5, 5]);
    expect(withOp(leaf(), 'in', RULES).value).toEqual([5]);
    expect(withOp({ metric: 'won_amount_365d', op: 'in', value: [7, 8] }, '==', RULES).value).toBe(7);
    expect(withOp({ metric: 'won_amount_365d', op: '>=', value: { percentile: 80 } }, '<', RULES).value).toEqual({ percentile: 80 });
    function leaf(): Leaf {
      return { metric: 'won_amount_365d', op: '>=', value: 5 };
    }
  });

  it('changes operator and value only when a new left side needs it', () => {
    expect(withAccessor({ metric: 'won_amount_365d', op: '>=', value: 5 }, 'interactions_90d', RULES)).toEqual({
      metric: 'interactions_90d',
      op: '>=',
      value: 5,
    });
    expect(withAccessor({ metric: 'won_amount_365d', op: '>=', value: 5 }, 'flag.keyAccount', RULES)).toEqual({
      metric: 'flag.keyAccount',
      op: '==',
      value: true,
    });
    expect(withAccessor({ metric: 'won_amount_365d', op: '>=', value: 5 }, 'dim.value', RULES)).toEqual({
      metric: 'dim.value',
      op: '==',
      value: 'high',
    });
    // a percentile only exists for catalogue metrics
    expect(withAccessor({ metric: 'won_amount_365d', op: '>=', value: { percentile: 80 } }, 'field.Score', RULES).value).toBe(0);
  });

  it('switches threshold modes keeping the number as the fallback', () => {
    expect(thresholdFor('percentile', 500)).toEqual({ percentile: 80, fallback: 500 });
    expect(thresholdFor('number', { percentile: 80, fallback: 500 })).toBe(500);
    expect(thresholdFor('metric', 500)).toEqual({ metric: 'won_amount_365d' });
  });
});

describe('typed input', () => {
  it.each([
    ['5000000', 5000000],
    ['1,000,000', 1000000],
    [' 12.5 ', 12.5],
    ['-3', -3],
    ['1e6', 1000000],
    ['abc', 'abc'],
    ['', ''],
    ['1.2.3', '1.2.3'],
  ])('number field %j -> %j', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it('parses list values one per line, numbers only where they are meant', () => {
    expect(parseList('1\n\n 2 \n', 'number')).toEqual([1, 2]);
    expect(parseList('007\n12\nEast', 'any')).toEqual(['007', 12, 'East']);
    expect(parseList('12', 'choice')).toEqual(['12']);
  });

  it('splits and joins cadences', () => {
    expect(splitCadence('P14D')).toEqual({ amount: 14, unit: 'D' });
    expect(splitCadence('P2W')).toEqual({ amount: 2, unit: 'W' });
    expect(splitCadence(undefined)).toBeNull();
    expect(joinCadence({ amount: 3, unit: 'W' })).toBe('P3W');
    expect(joinCadence({ amount: '', unit: 'D' })).toBe('PD');
  });
});

describe('the default playbook', () => {
  it('survives a rename round trip of every dimension unchanged', () => {
    let rules = DEFAULT_PLAYBOOK;
    rules.dimensions.forEach((d, i) => {
      rules = renameDimension(rules, i, `${d.id}_x`);
    });
    expect(valid(rules)).toBe(true);
    rules.dimensions.forEach((d, i) => {
      rules = renameDimension(rules, i, d.id.replace(/_x$/, ''));
    });
    expect(rules).toEqual(DEFAULT_PLAYBOOK);
  });
});
