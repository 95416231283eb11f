/**
 * Paths into a JSON document, in the notation the validator reports
 * (`dimensions[2].tiers[0].when.all[1].value`), and immutable updates by path.
 * Pure: the editor's state changes go through these and nothing else mutates the draft.
 */

export type Segment = string | number;
export type Path = readonly Segment[];

/** `dimensions[2].tiers[0].label.zh` -> ['dimensions', 2, 'tiers', 0, 'label', 'zh']; '' -> []. */
export function parsePath(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (const m of text.matchAll(re)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** The inverse of parsePath (the same notation as shared/validate.ts formatPath). */
export function pathText(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** `a.b` is within `a`, `a[0]` is within `a`, `ab` is not within `a`; everything is within ''. */
export function isWithin(path: string, ancestor: string): boolean {
  if (ancestor === '' || path === ancestor) return true;
  if (!path.startsWith(ancestor)) return false;
  const next = path[ancestor.length];
  return next === '.' || next === '[';
}

/** A DOM id for the control that edits `path` (ids must be unique and free of brackets and dots). */
export function fieldId(path: string): string {
  return `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-') || 'root'}`;
}

export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<Segment, unknown>)[seg];
  }
  return cur;
}

/**
 * A copy of `root` with the value at `path` replaced; objects and arrays along the path are
 * copied, everything else is shared. `undefined` removes an object key (optional fields).
 * Missing containers are created (an array when the next segment is a number).
 */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [Segment, ...Segment[]];
  const base: unknown = root ?? (typeof head === 'number' ? [] : {});
  const child = (base as Record<Segment, unknown>)[head];
  const next = setAt(child, rest, value);
  if (Array.isArray(base)) {
    const copy = base.slice();
    copy[head as number] = next;
    return copy as T;
  }
  const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy as T;
}

export function updateAt<T>(root: T, path: Path, fn: (current: unknown) => unknown): T {
  return setAt(root, path, fn(getAt(root, path)));
}

function listAt(root: unknown, path: Path): unknown[] {
  const list = getAt(root, path);
  return Array.isArray(list) ? list : [];
}

/** Inserts `item` into the list at `path` before `index` (at the end when index is past it). */
export function insertAt<T>(root: T, path: Path, index: number, item: unknown): T {
  const list = listAt(root, path).slice();
  list.splice(Math.max(0, Math.min(index, list.length)), 0, item);
  return setAt(root, path, list);
}

export function removeAt<T>(root: T, path: Path, index: number): T {
  const list = listAt(root, path).slice();
  if (index < 0 || index >= list.length) return root;
  list.splice(index, 1);
  return setAt(root, path, list);
}

/** Moves the list item at `from` to position `to`; out-of-range moves leave the document as it was. */
export function moveAt<T>(root: T, path: Path, from: number, to: number): T {
  const list = listAt(root, path).slice();
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return root;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
  return setAt(root, path, list);
}

/**
 * Renumbers paths into the list at `listPath` after the list changed: `mapIndex` gives each old
 * index its new one, or null when the item is gone. Used for UI state kept by path (which
 * dimensions and tiers are expanded), so it follows items that move.
 */
export function reindexPaths(paths: Iterable<string>, listPath: string, mapIndex: (index: number) => number | null): Set<string> {
  const out = new Set<string>();
  const prefix = `${listPath}[`;
  for (const p of paths) {
    if (!p.startsWith(prefix)) {
      out.add(p);
      continue;
    }
    const close = p.indexOf(']', prefix.length);
    const index = Number(p.slice(prefix.length, close));
    const mapped = Number.isInteger(index) ? mapIndex(index) : index;
    if (mapped !== null) out.add(`${prefix}${mapped}${p.slice(close)}`);
  }
  return out;
}

/** Index maps for reindexPaths. */
export const indexMaps = {
  move: (from: number, to: number) => (i: number) =>
    i === from ? to : from < to && i > from && i <= to ? i - 1 : from > to && i >= to && i < from ? i + 1 : i,
  remove: (at: number) => (i: number) => (i === at ? null : i > at ? i - 1 : i),
  insert: (at: number) => (i: number) => (i >= at ? i + 1 : i),
};
