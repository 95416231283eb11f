import { describe, expect, it } from 'vitest';
import {
  anchorFor,
  anchorPaths,
  containersOf,
  describeLocation,
  localizeIssue,
  placeIssues,
} from '../../extension/components/rules/issues.ts';
import { setAt } from '../../extension/components/rules/path.ts';
import { DEFAULT_PLAYBOOK, type RuleSet, validateRuleSet } from '../../shared/index.ts';

const issuesOf = (rules: unknown) => {
  const r = validateRuleSet(rules);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
};

/** Draft edits a user can make in the editor, each leaving the rule set invalid somewhere. */
const BROKEN: [string, (r: RuleSet) => RuleSet, string][] = [
  ['an empty label', (r) => setAt(r, ['dimensions', 0, 'label', 'zh'], ''), 'dimensions[0].label.zh'],
  ['a bad colour', (r) => setAt(r, ['dimensions', 1, 'tiers', 0, 'color'], '#12'), 'dimensions[1].tiers[0].color'],
  [
    'text in a number',
    (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'when'], { metric: 'won_amount_365d', op: '>=', value: 'lots' }),
    'dimensions[0].tiers[1].when.value',
  ],
  [
    'text in a range bound',
    (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'when'], { metric: 'won_amount_365d', op: 'between', value: [1, 'x'] }),
    'dimensions[0].tiers[1].when.value[1]',
  ],
  [
    'an inverted range',
    (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'when'], { metric: 'won_amount_365d', op: 'between', value: [9, 1] }),
    'dimensions[0].tiers[1].when.value',
  ],
  [
    'an unknown tier in a list',
    (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'when'], { metric: 'dim.value', op: 'in', value: ['high', 'nope'] }),
    'dimensions[0].tiers[1].when.value',
  ],
  ['an empty group', (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'when'], { all: [] }), 'dimensions[0].tiers[1].when'],
  ['an empty tip', (r) => setAt(r, ['dimensions', 0, 'tiers', 0, 'tips', 'en', 1], ''), 'dimensions[0].tiers[0].tips.en[1]'],
  ['no tips', (r) => setAt(r, ['dimensions', 0, 'tiers', 0, 'tips'], { zh: [], en: [] }), 'dimensions[0].tiers[0].tips'],
  ['a bad cadence', (r) => setAt(r, ['dimensions', 0, 'tiers', 0, 'cadence'], 'PD'), 'dimensions[0].tiers[0].cadence'],
  ['an unknown headline', (r) => setAt(r, ['headline'], 'gone'), 'headline'],
  ['a duplicate tier id', (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'id'], r.dimensions[0]?.tiers[0]?.id), 'dimensions[0].tiers[1].id'],
  [
    'a catch-all that is not last',
    (r) =>
      setAt(r, ['dimensions', 0, 'tiers', (r.dimensions[0]?.tiers.length ?? 1) - 1, 'when'], { metric: 'tenure_days', op: '>', value: 0 }),
    'dimensions[0].tiers[6].when',
  ],
  [
    'a percentile that is not a number',
    (r) => setAt(r, ['dimensions', 0, 'tiers', 1, 'when'], { metric: 'won_amount_365d', op: '>=', value: { percentile: 'x' } }),
    'dimensions[0].tiers[1].when.value',
  ],
  ['an empty description half', (r) => setAt(r, ['dimensions', 0, 'description', 'en'], ''), 'dimensions[0].description.en'],
];

describe('issues are shown next to the control they concern', () => {
  it.each(BROKEN)('%s', (_, edit, anchor) => {
    const rules = edit(DEFAULT_PLAYBOOK);
    const { placed } = placeIssues(issuesOf(rules), rules);
    expect(placed.map((p) => p.anchor)).toContain(anchor);
    // every issue lands on something the editor renders, never only in the summary
    const anchors = new Set(anchorPaths(rules));
    for (const p of placed) expect(anchors.has(p.anchor)).toBe(true);
    expect(placed.every((p) => p.anchor !== '' || p.path === '')).toBe(true);
  });

  it('falls back to the deepest rendered container', () => {
    const anchors = new Set(['', 'dimensions', 'dimensions[0]', 'dimensions[0].tiers[1]', 'dimensions[0].tiers[1].when']);
    expect(anchorFor('dimensions[0].tiers[1].when.all', anchors)).toBe('dimensions[0].tiers[1].when');
    expect(anchorFor('dimensions[0].tiers[10].id', anchors)).toBe('dimensions[0]');
    expect(anchorFor('zzz', anchors)).toBe('');
  });

  it('groups issues by anchor', () => {
    const rules = setAt(setAt(DEFAULT_PLAYBOOK, ['dimensions', 0, 'label', 'zh'], ''), ['dimensions', 0, 'label', 'en'], '');
    const { byAnchor } = placeIssues(issuesOf(rules), rules);
    expect(byAnchor.get('dimensions[0].label.zh')).toHaveLength(1);
    expect(byAnchor.get('dimensions[0].label.en')).toHaveLength(1);
  });
});

describe('the issue summary', () => {
  it('names the place in words', () => {
    expect(describeLocation('dimensions[0].tiers[1].when.all[0].value', DEFAULT_PLAYBOOK, 'en')).toBe('Customer level › VIP › condition');
    expect(describeLocation('dimensions[0].tiers[1].when.all[0].value', DEFAULT_PLAYBOOK, 'zh')).toBe('客户等级 › VIP客户 › 条件');
    expect(describeLocation('dimensions[0].label.zh', DEFAULT_PLAYBOOK, 'en')).toBe('Customer level › label (Chinese)');
    expect(describeLocation('headline', DEFAULT_PLAYBOOK, 'en')).toBe('headline');
    expect(describeLocation('', DEFAULT_PLAYBOOK, 'en')).toBe('the rule set');
  });

  it('opens the dimension and tier of a control before focusing it', () => {
    expect(containersOf('dimensions[3].tiers[2].when.value')).toEqual(['dimensions[3]', 'dimensions[3].tiers[2]']);
    expect(containersOf('dimensions[3].label.en')).toEqual(['dimensions[3]']);
    expect(containersOf('headline')).toEqual([]);
  });

  it('says the common messages in Chinese', () => {
    for (const [, edit] of BROKEN) {
      const rules = edit(DEFAULT_PLAYBOOK);
      for (const issue of issuesOf(rules)) {
        const zh = localizeIssue(issue.message, 'zh');
        if (!issue.message.startsWith('expected true, {'))
          expect({ message: issue.message, zh }).not.toEqual({ message: issue.message, zh: issue.message });
      }
    }
    expect(localizeIssue('anything', 'en')).toBe('anything');
  });
});
