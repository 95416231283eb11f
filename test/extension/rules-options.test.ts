import { describe, expect, it } from 'vitest';
import {
  currentVersionOf,
  exportFileName,
  issuesOf,
  parseRulesImport,
  parseSnapshot,
  sameRules,
} from '../../extension/entrypoints/options/logic.ts';
import { DEFAULT_PLAYBOOK } from '../../shared/index.ts';

describe('importing a rule set', () => {
  it('accepts a rule set, or a saved rules document holding one', () => {
    expect(parseRulesImport(JSON.stringify(DEFAULT_PLAYBOOK))).toEqual({ ok: true, value: DEFAULT_PLAYBOOK });
    expect(parseRulesImport(JSON.stringify({ version: 3, rules: DEFAULT_PLAYBOOK, updatedBy: 'x' }))).toEqual({
      ok: true,
      value: DEFAULT_PLAYBOOK,
    });
  });

  it('says when the text is not JSON', () => {
    const r = parseRulesImport('{"schemaVersion": 1,');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.notJson).toBeTruthy();
  });

  it('lists the issues of an invalid rule set with their paths', () => {
    const r = parseRulesImport(JSON.stringify({ ...DEFAULT_PLAYBOOK, headline: 'nope' }));
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'headline' }] });
  });
});

describe('pasting account data for the preview', () => {
  it('validates it with the shared schema', () => {
    expect(parseSnapshot('{"crm": "demo", "id": "1", "name": "A"}')).toMatchObject({ ok: true });
    expect(parseSnapshot('{"crm": "demo", "id": "1", "name": "A", "orders": [{"id": "o", "amount": -5, "status": "won"}]}')).toMatchObject({
      ok: false,
      issues: [{ path: 'orders[0].amount' }],
    });
  });
});

describe('errors from the worker', () => {
  it('maps the issues of a rejected save onto rule set paths', () => {
    const error = {
      kind: 'invalid' as const,
      message: 'The rule set is invalid',
      details: { issues: [{ path: 'rules.dimensions[0].tiers[1].when', message: 'x' }, { path: 'rules', message: 'y' }, { nonsense: 1 }] },
    };
    expect(issuesOf(error)).toEqual([
      { path: 'dimensions[0].tiers[1].when', message: 'x' },
      { path: '', message: 'y' },
    ]);
    expect(issuesOf({ kind: 'invalid', message: '', details: [{ path: 'headline', message: 'z' }] })).toEqual([
      { path: 'headline', message: 'z' },
    ]);
    expect(issuesOf({ kind: 'internal', message: '' })).toEqual([]);
  });

  it('reads the live version from a conflict', () => {
    expect(currentVersionOf({ kind: 'conflict', message: '', details: { currentVersion: 7 } })).toBe(7);
    expect(currentVersionOf({ kind: 'conflict', message: '' })).toBeNull();
  });
});

describe('export and change tracking', () => {
  it.each([
    [3, false, 'TierLens default playbook', 'tierlens-default-playbook-v3.json'],
    [3, true, undefined, 'tierlens-rules-v3-edited.json'],
    [null, false, '规则', 'tierlens-rules.json'],
  ])('version %s, edited %s, name %s -> %s', (version, edited, name, file) => {
    expect(exportFileName(version, edited, name)).toBe(file);
  });

  it('treats a draft edited back to the saved rules as unchanged, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_PLAYBOOK).reverse());
    expect(Object.keys(reordered)).not.toEqual(Object.keys(DEFAULT_PLAYBOOK));
    expect(sameRules(reordered, DEFAULT_PLAYBOOK)).toBe(true);
    expect(sameRules({ ...DEFAULT_PLAYBOOK, name: 'x' }, DEFAULT_PLAYBOOK)).toBe(false);
    expect(sameRules({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
