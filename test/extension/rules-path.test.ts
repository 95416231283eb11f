import { describe, expect, it } from 'vitest';
import {
  fieldId,
  getAt,
  indexMaps,
  insertAt,
  isWithin,
  moveAt,
  parsePath,
  pathText,
  reindexPaths,
  removeAt,
  setAt,
} from '../../extension/components/rules/path.ts';

describe('paths in the validator notation', () => {
  it.each([
    ['', []],
    ['headline', ['headline']],
    ['dimensions[2].tiers[0].when.all[1].value', ['dimensions', 2, 'tiers', 0, 'when', 'all', 1, 'value']],
    ['dimensions[0].tiers[3].when.value[1]', ['dimensions', 0, 'tiers', 3, 'when', 'value', 1]],
  ])('%s round-trips', (text, path) => {
    expect(parsePath(text)).toEqual(path);
    expect(pathText(path)).toBe(text);
  });

  it.each([
    ['dimensions[1].label', 'dimensions[1]', true],
    ['dimensions[1]', 'dimensions[1]', true],
    ['dimensions[10].id', 'dimensions[1]', false],
    ['dimensions[1].tiers[0]', 'dimensions[1].tiers', true],
    ['dimensions[1].tiersx', 'dimensions[1].tiers', false],
    ['anything', '', true],
  ])('%s is within %s: %s', (path, ancestor, within) => {
    expect(isWithin(path, ancestor)).toBe(within);
  });

  it('gives every path a distinct DOM id without brackets or dots', () => {
    const ids = ['', 'dimensions[1].tiers[2].when.all[0].value', 'dimensions[1].tiers[2].when.all[0].value[0]', 'dimensions[12].id'].map(
      fieldId,
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][\w-]*$/);
  });
});

describe('immutable updates by path', () => {
  const doc = { a: { list: [{ x: 1 }, { x: 2 }, { x: 3 }] }, b: { keep: true } };

  it('replaces a value, copying only what is on the path', () => {
    const next = setAt(doc, ['a', 'list', 1, 'x'], 20);
    expect(getAt(next, ['a', 'list', 1, 'x'])).toBe(20);
    expect(doc.a.list[1]?.x).toBe(2);
    expect(next.b).toBe(doc.b);
    expect(next.a.list[0]).toBe(doc.a.list[0]);
    expect(Array.isArray(next.a.list)).toBe(true);
  });

  it('removes an object key when set to undefined', () => {
    const next = setAt({ cadence: 'P7D', id: 'x' }, ['cadence'], undefined);
    expect(next).toEqual({ id: 'x' });
    expect('cadence' in next).toBe(false);
  });

  it('creates missing containers', () => {
    expect(setAt({}, ['a', 0, 'b'], 1)).toEqual({ a: [{ b: 1 }] });
  });

  it('inserts, removes and moves list items', () => {
    expect(getAt(insertAt(doc, ['a', 'list'], 1, { x: 9 }), ['a', 'list'])).toEqual([{ x: 1 }, { x: 9 }, { x: 2 }, { x: 3 }]);
    expect(getAt(insertAt(doc, ['a', 'list'], 99, { x: 9 }), ['a', 'list', 3])).toEqual({ x: 9 });
    expect(getAt(removeAt(doc, ['a', 'list'], 0), ['a', 'list'])).toEqual([{ x: 2 }, { x: 3 }]);
    expect(getAt(moveAt(doc, ['a', 'list'], 0, 2), ['a', 'list'])).toEqual([{ x: 2 }, { x: 3 }, { x: 1 }]);
    expect(getAt(moveAt(doc, ['a', 'list'], 2, 0), ['a', 'list'])).toEqual([{ x: 3 }, { x: 1 }, { x: 2 }]);
    expect(doc.a.list.map((i) => i.x)).toEqual([1, 2, 3]);
  });

  it('leaves the document alone for out-of-range removes and moves', () => {
    expect(removeAt(doc, ['a', 'list'], 5)).toBe(doc);
    expect(moveAt(doc, ['a', 'list'], 0, 3)).toBe(doc);
    expect(moveAt(doc, ['a', 'list'], -1, 0)).toBe(doc);
  });
});

describe('UI state kept by path follows moved items', () => {
  const open = ['dimensions[0]', 'dimensions[1]', 'dimensions[1].tiers[2]', 'dimensions[3]', 'headline'];

  it('renumbers after a move', () => {
    expect([...reindexPaths(open, 'dimensions', indexMaps.move(1, 3))].sort()).toEqual(
      ['dimensions[0]', 'dimensions[3]', 'dimensions[3].tiers[2]', 'dimensions[2]', 'headline'].sort(),
    );
  });

  it('drops the removed item and shifts the rest', () => {
    expect([...reindexPaths(open, 'dimensions', indexMaps.remove(1))].sort()).toEqual(['dimensions[0]', 'dimensions[2]', 'headline']);
  });

  it('shifts items after an insertion, inside nested lists too', () => {
    expect([...reindexPaths(open, 'dimensions[1].tiers', indexMaps.insert(2))]).toContain('dimensions[1].tiers[3]');
  });
});
