/**
 * The rule editor's state logic, pure and immutable: every edit is a function from the draft
 * rule set to the next one. The draft has the shape of a RuleSet but may hold values the
 * validator rejects (an empty label, text typed into a number field); validation tells the
 * user where, and the editor never blocks typing.
 */
import { METRIC_BY_NAME, PERSONALITY_TYPES } from '../../../shared/index.ts';
import type { Condition, Dimension, Leaf, RuleSet, Tier } from '../../../shared/schema.ts';
import { getAt, insertAt, moveAt, type Path, removeAt, setAt } from './path.ts';

export { getAt, insertAt, moveAt, type Path, removeAt, setAt, updateAt } from './path.ts';

// ---------------------------------------------------------------- dimensions and tiers

const dimPath = (di: number): Path => ['dimensions', di];
const tiersPath = (di: number): Path => ['dimensions', di, 'tiers'];

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

export const DEFAULT_TIER_COLOR = '#475569';

export const DEFAULT_LEAF: Leaf = { metric: 'won_amount_365d', op: '>=', value: 0 };

/** A new tier for `dimension`: a comparison to edit, no tips yet (the validator asks for one). */
export function newTier(dimension: Dimension): Tier {
  return {
    id: uniqueId('tier', new Set(dimension.tiers.map((t) => t.id))),
    label: { zh: '新等级', en: 'New tier' },
    tips: { zh: [], en: [] },
    color: DEFAULT_TIER_COLOR,
    icon: '●',
    when: DEFAULT_LEAF,
  };
}

export function newDimension(rules: RuleSet): Dimension {
  return {
    id: uniqueId('dimension', new Set(rules.dimensions.map((d) => d.id))),
    label: { zh: '新维度', en: 'New dimension' },
    tiers: [
      {
        id: 'other',
        label: { zh: '其他', en: 'Other' },
        tips: { zh: [], en: [] },
        color: DEFAULT_TIER_COLOR,
        icon: '○',
        next: null,
        when: true,
      },
    ],
  };
}

/** Adds a dimension at the end; returns the new rule set and the dimension's index. */
export function addDimension(rules: RuleSet): [RuleSet, number] {
  return [insertAt(rules, ['dimensions'], rules.dimensions.length, newDimension(rules)), rules.dimensions.length];
}

/** Removes a dimension and drops it from the default chips (a chip for a missing dimension could not be unticked). */
export function removeDimension(rules: RuleSet, di: number): RuleSet {
  const id = rules.dimensions[di]?.id;
  let next = removeAt(rules, ['dimensions'], di);
  if (id !== undefined && next.chips?.includes(id) && !next.dimensions.some((d) => d.id === id)) {
    next = setAt(
      next,
      ['chips'],
      next.chips.filter((c) => c !== id),
    );
  }
  return next;
}

export function moveDimension(rules: RuleSet, from: number, to: number): RuleSet {
  return moveAt(rules, ['dimensions'], from, to);
}

/**
 * Adds a tier before the dimension's catch-all last tier (tiers are tried in order and the
 * last one must hold for every account), or at the end when the last tier is not a catch-all.
 */
export function addTier(rules: RuleSet, di: number): [RuleSet, number] {
  const dim = rules.dimensions[di];
  if (!dim) return [rules, -1];
  const last = dim.tiers[dim.tiers.length - 1];
  const at = last && last.when === true ? dim.tiers.length - 1 : dim.tiers.length;
  return [insertAt(rules, tiersPath(di), at, newTier(dim)), at];
}

export function removeTier(rules: RuleSet, di: number, ti: number): RuleSet {
  return removeAt(rules, tiersPath(di), ti);
}

export function moveTier(rules: RuleSet, di: number, from: number, to: number): RuleSet {
  return moveAt(rules, tiersPath(di), from, to);
}

// ---------------------------------------------------------------- renames that carry references

/** Applies `fn` to every leaf of a condition, keeping the tree's shape. */
export function mapLeaves(c: Condition, fn: (leaf: Leaf) => Leaf): Condition {
  if (c === true) return c;
  if ('all' in c) return { all: c.all.map((x) => mapLeaves(x, fn)) };
  if ('any' in c) return { any: c.any.map((x) => mapLeaves(x, fn)) };
  if ('not' in c) return { not: mapLeaves(c.not, fn) };
  return fn(c);
}

function mapAllLeaves(rules: RuleSet, fn: (leaf: Leaf) => Leaf): RuleSet {
  return {
    ...rules,
    dimensions: rules.dimensions.map((d) => ({ ...d, tiers: d.tiers.map((t) => ({ ...t, when: mapLeaves(t.when, fn) })) })),
  };
}

/**
 * Renames a dimension and, when its old id was unambiguous, what refers to it: the headline,
 * the default chips and `dim.<id>` comparisons. Typing an id renames on every keystroke, so an
 * intermediate id that another dimension already has must not capture that dimension's references.
 */
export function renameDimension(rules: RuleSet, di: number, id: string): RuleSet {
  const old = rules.dimensions[di]?.id;
  if (old === undefined) return rules;
  let next = setAt(rules, [...dimPath(di), 'id'], id);
  const oldShared = rules.dimensions.filter((d) => d.id === old).length > 1;
  const newShared = rules.dimensions.some((d, i) => i !== di && d.id === id);
  if (old === id || oldShared || newShared) return next;
  if (next.headline === old) next = { ...next, headline: id };
  if (next.chips) next = { ...next, chips: next.chips.map((c) => (c === old ? id : c)) };
  return mapAllLeaves(next, (l) => (l.metric === `dim.${old}` ? ({ ...l, metric: `dim.${id}` } as Leaf) : l));
}

/**
 * Renames a tier and, when its old id was unambiguous in its dimension, what refers to it:
 * `next` of the dimension's tiers, and `dim.<dimension> == / in` values elsewhere.
 */
export function renameTier(rules: RuleSet, di: number, ti: number, id: string): RuleSet {
  const dim = rules.dimensions[di];
  const old = dim?.tiers[ti]?.id;
  if (!dim || old === undefined) return rules;
  let next = setAt(rules, [...tiersPath(di), ti, 'id'], id);
  const oldShared = dim.tiers.filter((t) => t.id === old).length > 1;
  const newShared = dim.tiers.some((t, i) => i !== ti && t.id === id);
  if (old === id || oldShared || newShared) return next;
  next = setAt(
    next,
    tiersPath(di),
    (next.dimensions[di] as Dimension).tiers.map((t) => (t.next === old ? { ...t, next: id } : t)),
  );
  const ref = `dim.${dim.id}`;
  return mapAllLeaves(next, (l) => {
    if (l.metric !== ref) return l;
    if ((l.op === '==' || l.op === '!=') && l.value === old) return { ...l, value: id };
    if (l.op === 'in' || l.op === 'not_in') return { ...l, value: l.value.map((v) => (v === old ? id : v)) };
    return l;
  });
}

// ---------------------------------------------------------------- conditions

export type ConditionKind = 'true' | 'all' | 'any' | 'not' | 'leaf';

export function conditionKind(c: Condition): ConditionKind {
  if (c === true) return 'true';
  if (typeof c !== 'object' || c === null) return 'leaf';
  if ('all' in c) return 'all';
  if ('any' in c) return 'any';
  if ('not' in c) return 'not';
  return 'leaf';
}

function firstLeaf(c: Condition): Leaf | undefined {
  const kind = conditionKind(c);
  if (kind === 'leaf') return c as Leaf;
  if (kind === 'all') return (c as { all: Condition[] }).all.map(firstLeaf).find((x) => x !== undefined);
  if (kind === 'any') return (c as { any: Condition[] }).any.map(firstLeaf).find((x) => x !== undefined);
  if (kind === 'not') return firstLeaf((c as { not: Condition }).not);
  return undefined;
}

/**
 * Changes a condition's kind keeping as much as makes sense: all <-> any keep their list,
 * a comparison becomes the first item of a new group or is wrapped by `not`, a group or `not`
 * turned into a comparison keeps its first comparison.
 */
export function convertCondition(c: Condition, to: ConditionKind): Condition {
  const from = conditionKind(c);
  if (from === to) return c;
  const children: Condition[] =
    from === 'all'
      ? (c as { all: Condition[] }).all
      : from === 'any'
        ? (c as { any: Condition[] }).any
        : from === 'not'
          ? [(c as { not: Condition }).not]
          : from === 'leaf'
            ? [c]
            : [];
  switch (to) {
    case 'true':
      return true;
    case 'all':
      return { all: children.length ? children : [DEFAULT_LEAF] };
    case 'any':
      return { any: children.length ? children : [DEFAULT_LEAF] };
    case 'not':
      return { not: from === 'true' ? DEFAULT_LEAF : c };
    case 'leaf':
      return firstLeaf(c) ?? DEFAULT_LEAF;
  }
}

/** The list key of a group condition at `path` in `rules`, or undefined when it is not a group. */
function groupKey(rules: RuleSet, path: Path): 'all' | 'any' | undefined {
  const kind = conditionKind(getAt(rules, path) as Condition);
  return kind === 'all' || kind === 'any' ? kind : undefined;
}

export function addCondition(rules: RuleSet, groupPath: Path, condition: Condition = DEFAULT_LEAF): RuleSet {
  const key = groupKey(rules, groupPath);
  if (!key) return rules;
  const list = getAt(rules, [...groupPath, key]) as Condition[];
  return insertAt(rules, [...groupPath, key], list.length, condition);
}

export function removeCondition(rules: RuleSet, groupPath: Path, index: number): RuleSet {
  const key = groupKey(rules, groupPath);
  return key ? removeAt(rules, [...groupPath, key], index) : rules;
}

export function moveCondition(rules: RuleSet, groupPath: Path, from: number, to: number): RuleSet {
  const key = groupKey(rules, groupPath);
  return key ? moveAt(rules, [...groupPath, key], from, to) : rules;
}

// ---------------------------------------------------------------- comparisons (leaves)

export type AccessorKind = 'metric' | 'field' | 'attr' | 'flag' | 'dim';
export const ACCESSOR_KINDS: readonly AccessorKind[] = ['metric', 'field', 'attr', 'flag', 'dim'];

export function accessorKind(metric: string): AccessorKind {
  const dot = metric.indexOf('.');
  const ns = dot > 0 ? metric.slice(0, dot) : '';
  return ns === 'field' || ns === 'attr' || ns === 'flag' || ns === 'dim' ? ns : 'metric';
}

/** The part after `field.` / `attr.` / `flag.` / `dim.`; the whole name for a catalogue metric. */
export function accessorName(metric: string): string {
  return accessorKind(metric) === 'metric' ? metric : metric.slice(metric.indexOf('.') + 1);
}

export function makeAccessor(kind: AccessorKind, name: string): string {
  return kind === 'metric' ? name : `${kind}.${name}`;
}

export type Op = Leaf['op'];
export const ORDERING_OPS = ['>=', '>', '<=', '<'] as const;
const ALL_OPS: readonly Op[] = ['>=', '>', '<=', '<', '==', '!=', 'between', 'in', 'not_in', 'exists'];

/** What the left side holds, which decides the operators and value inputs that fit. */
export type ValueType = 'number' | 'choice' | 'boolean' | 'tier' | 'any';

export function valueType(metric: string): ValueType {
  switch (accessorKind(metric)) {
    case 'flag':
      return 'boolean';
    case 'dim':
      return 'tier';
    case 'field':
    case 'attr':
      return 'any';
    case 'metric': {
      const info = METRIC_BY_NAME.get(metric);
      if (!info) return 'any';
      return info.unit === 'type' ? 'choice' : 'number';
    }
  }
}

/** The operators that fit the left side (the validator rejects the others). */
export function opsFor(metric: string): readonly Op[] {
  switch (valueType(metric)) {
    case 'boolean':
      return ['==', '!=', 'exists'];
    case 'tier':
      return ['==', '!=', 'in', 'not_in'];
    case 'choice':
      return ['==', '!=', 'in', 'not_in', 'exists'];
    default:
      return ALL_OPS;
  }
}

/** The fixed set of values for a choice or tier left side: personality types, or the tiers of the dimension referred to. */
export function choicesFor(metric: string, rules: RuleSet): { value: string; label: { zh: string; en: string } }[] {
  const type = valueType(metric);
  if (type === 'tier') {
    const dim = rules.dimensions.find((d) => d.id === accessorName(metric));
    return (dim?.tiers ?? []).map((t) => ({ value: t.id, label: t.label }));
  }
  if (type === 'choice' && metric === 'personality') return PERSONALITY_TYPES.map((p) => ({ value: p.id, label: p.label }));
  return [];
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A value for `op` on `metric`, kept from `current` where it still fits. */
export function defaultValue(metric: string, op: Op, rules: RuleSet, current?: unknown): unknown {
  const type = valueType(metric);
  const first = choicesFor(metric, rules)[0]?.value ?? '';
  const currentNumber =
    typeof current === 'number' ? current : Array.isArray(current) && typeof current[0] === 'number' ? current[0] : undefined;
  switch (op) {
    case 'exists':
      return typeof current === 'boolean' ? current : true;
    case 'between':
      return Array.isArray(current) && current.length === 2 && current.every((x) => typeof x === 'number')
        ? current
        : [currentNumber ?? 0, currentNumber ?? 0];
    case 'in':
    case 'not_in': {
      if (Array.isArray(current) && current.length > 0 && current.every(isScalar)) return current;
      if (type === 'tier' || type === 'choice') return [isScalar(current) && current !== '' ? current : first];
      if (isScalar(current)) return [current];
      return [type === 'number' ? 0 : ''];
    }
    case '==':
    case '!=':
      if (type === 'boolean') return typeof current === 'boolean' ? current : true;
      if (type === 'tier' || type === 'choice') return typeof current === 'string' && current !== '' ? current : first;
      if (type === 'number') return currentNumber ?? 0;
      return isScalar(current) ? current : Array.isArray(current) && isScalar(current[0]) ? current[0] : '';
    default: {
      // >=, >, <=, <: a number, a percentile or another metric
      if (typeof current === 'number') return current;
      if (current && typeof current === 'object' && !Array.isArray(current)) {
        const o = current as Record<string, unknown>;
        if ('metric' in o || ('percentile' in o && accessorKind(metric) === 'metric')) return current;
      }
      return currentNumber ?? 0;
    }
  }
}

/** The comparison with another operator, its value adapted to fit. */
export function withOp(leaf: Leaf, op: Op, rules: RuleSet): Leaf {
  return { metric: leaf.metric, op, value: defaultValue(leaf.metric, op, rules, leaf.value) } as Leaf;
}

/** The comparison with another left side; the operator and value change only when they no longer fit. */
export function withAccessor(leaf: Leaf, metric: string, rules: RuleSet): Leaf {
  const ops = opsFor(metric);
  const op = ops.includes(leaf.op) ? leaf.op : (ops[0] as Op);
  const sameType = valueType(metric) === valueType(leaf.metric) && (valueType(metric) !== 'tier' || metric === leaf.metric);
  const value = defaultValue(metric, op, rules, sameType ? leaf.value : undefined);
  return { metric, op, value } as Leaf;
}

/** How a threshold of >=, >, <=, < is given. */
export type ThresholdMode = 'number' | 'percentile' | 'metric';

export function thresholdMode(value: unknown): ThresholdMode {
  if (value && typeof value === 'object' && !Array.isArray(value)) return 'metric' in value ? 'metric' : 'percentile';
  return 'number';
}

export function thresholdFor(mode: ThresholdMode, current: unknown): unknown {
  const n = typeof current === 'number' ? current : undefined;
  if (mode === 'number') {
    if (n !== undefined) return n;
    const fallback = (current as { fallback?: unknown } | null)?.fallback;
    return typeof fallback === 'number' ? fallback : 0;
  }
  if (mode === 'percentile') return n !== undefined ? { percentile: 80, fallback: n } : { percentile: 80 };
  return { metric: 'won_amount_365d' };
}

// ---------------------------------------------------------------- typed input

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * What a number field's text means: a number when it reads as one (thousands separators and
 * spaces allowed: 1,000,000), otherwise the text itself, kept so the validator can point at it.
 */
export function parseNumber(text: string): number | string {
  const t = text.trim().replace(/[,_\s]/g, '');
  return NUMBER_RE.test(t) ? Number(t) : text;
}

/** A list value's item as typed: strict numbers (no leading zeros: "007" stays a code) become numbers for `number` and `any`. */
export function parseListItem(text: string, type: ValueType): string | number {
  const t = text.trim();
  if (type === 'number') return parseNumber(t);
  if (type === 'any' && /^-?(0|[1-9]\d*)(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/** One item per line; blank lines are dropped. */
export function parseList(text: string, type: ValueType): (string | number)[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseListItem(line, type));
}

/** A cadence as the user sees it ("7 days", "2 weeks") and back, for the cadence input. */
export interface CadenceParts {
  amount: number | '';
  unit: 'D' | 'W';
}

export function splitCadence(cadence: string | null | undefined): CadenceParts | null {
  if (cadence === null || cadence === undefined) return null;
  const m = /^P(\d+)([DW])$/.exec(cadence);
  return m ? { amount: Number(m[1]), unit: m[2] as 'D' | 'W' } : { amount: '', unit: 'D' };
}

export function joinCadence(parts: CadenceParts | null): string | null {
  if (parts === null) return null;
  return `P${parts.amount === '' ? '' : parts.amount}${parts.unit}`;
}
