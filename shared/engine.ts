/**
 * Rule compilation and classification.
 *
 * A validated rule set compiles once into plain closures over a slot array: no tree walking
 * per account. Per account the engine (1) computes the metric families the rules use, (2) runs
 * each dimension's tier tests in order, first match wins, (3) explains the matched tier
 * (`because`) and the tier to aim for (`next`, what is missing), which needs a second,
 * explaining closure per condition, run for those two tiers only.
 *
 * Pure: no I/O, no clock. `asOf` is always passed in.
 */

import { readableTextOn } from './color.ts';
import { describeLeaf } from './describe.ts';
import { DAY_MS, FAMILY_WRITERS, LAST_INTERACTION_AT, METRIC_BY_NAME, type MetricFamily, type MetricValue, type Slots } from './metrics.ts';
import type {
  AccountSnapshot,
  Classification,
  Condition,
  DimensionResult,
  ExplainedLeaf,
  Lang,
  Leaf,
  PopulationStats,
  RuleSet,
} from './schema.ts';
import { dimensionOrder } from './validate.ts';

type Values = MetricValue[];
type Thresholds = number[];
type Test = (v: Values, t: Thresholds) => boolean;
interface Explained {
  ok: boolean;
  held: ExplainedLeaf[];
  failed: ExplainedLeaf[];
}
type Explain = (v: Values, t: Thresholds) => Explained;

interface CompiledTier {
  id: string;
  index: number;
  label: Record<Lang, string>;
  tips: Record<Lang, string[]>;
  color: string;
  textColor: string;
  icon: string;
  cadenceDays: number | null;
  cadence: string | null;
  next: number | null;
  test: Test;
  explain: Explain;
}

interface CompiledDimension {
  id: string;
  /** Position in the rule set (display order). */
  index: number;
  label: Record<Lang, string>;
  slot: number; // where dim.<id> reads this dimension's tier id
  tiers: CompiledTier[];
}

interface PercentileRef {
  metric: string;
  percentile: number;
  fallback: number | undefined;
}

export interface CompiledRules {
  readonly rules: RuleSet;
  readonly slots: Slots;
  readonly slotCount: number;
  readonly families: readonly MetricFamily[];
  /** Accessor slots (field./attr./flag.) filled from the snapshot directly. */
  readonly accessors: readonly { slot: number; kind: 'field' | 'attr' | 'flag'; key: string }[];
  /** Dimensions in evaluation order (dependencies first). */
  readonly order: readonly CompiledDimension[];
  /** Dimensions in the rule set's order, for output. */
  readonly display: readonly CompiledDimension[];
  readonly percentiles: readonly PercentileRef[];
  /** Catalogue metrics the rules use, reported in the classification. */
  readonly reported: readonly string[];
  readonly needsLastInteraction: boolean;
}

export interface ClassifyOptions {
  /** Evaluation time, ISO 8601 or epoch ms. Required: results are reproducible for a given asOf. */
  asOf: string | number;
  lang?: Lang;
  stats?: PopulationStats | null;
  rulesVersion?: number;
  /** Skip `because`/`next` (bulk statistics, benchmarks of the decision alone). */
  explain?: boolean;
}

// ---------------------------------------------------------------- compilation

const NEGATE: Record<string, string> = {
  '>=': '<',
  '<': '>=',
  '>': '<=',
  '<=': '>',
  '==': '!=',
  '!=': '==',
  in: 'not_in',
  not_in: 'in',
  between: 'not_between',
  not_between: 'between',
  exists: 'exists',
};

function negateLeaf(l: ExplainedLeaf): ExplainedLeaf {
  if (l.op === 'exists') return { ...l, threshold: !l.threshold };
  return { ...l, op: NEGATE[l.op] ?? `not ${l.op}` };
}

interface Compiler {
  slotOf(name: string): number;
  percentileSlot(metric: string, percentile: number, fallback: number | undefined): number;
}

function compileLeaf(leaf: Leaf, c: Compiler): { test: Test; explain: Explain } {
  const s = c.slotOf(leaf.metric);
  const metric = leaf.metric;
  let test: Test;
  let thresholdOf: (t: Thresholds, v: Values) => unknown = () => leaf.value;
  let percentile: number | undefined;
  let thresholdMetric: string | undefined;
  switch (leaf.op) {
    case 'exists': {
      const want = leaf.value;
      test = (v) => (v[s] !== null && v[s] !== undefined) === want;
      break;
    }
    case 'between': {
      const [lo, hi] = leaf.value;
      test = (v) => {
        const x = v[s];
        return typeof x === 'number' && x >= lo && x <= hi;
      };
      break;
    }
    case 'in':
    case 'not_in': {
      const set = new Set<unknown>(leaf.value);
      const want = leaf.op === 'in';
      test = (v) => {
        const x = v[s];
        return x !== null && x !== undefined && set.has(x) === want;
      };
      break;
    }
    default: {
      const value = leaf.value;
      if (typeof value === 'object' && 'metric' in value) {
        const other = c.slotOf(value.metric);
        thresholdMetric = value.metric;
        thresholdOf = (_t, v) => v[other] ?? null;
        test = ordering(leaf.op, s, (_t, v) => {
          const y = v[other];
          return typeof y === 'number' ? y : Number.NaN;
        });
      } else if (typeof value === 'object') {
        const ts = c.percentileSlot(metric, value.percentile, value.fallback);
        percentile = value.percentile;
        thresholdOf = (t) => (Number.isNaN(t[ts]) ? null : t[ts]);
        test = ordering(leaf.op, s, (t) => t[ts] as number);
      } else if (typeof value === 'number' && leaf.op !== '==' && leaf.op !== '!=') {
        test = ordering(leaf.op, s, () => value);
      } else if (leaf.op === '==') {
        test = (v) => v[s] === value;
      } else if (leaf.op === '!=') {
        test = (v) => v[s] !== null && v[s] !== undefined && v[s] !== value;
      } else {
        test = () => false; // validation rejects ordering on non-numbers; never reached
      }
    }
  }
  const explain: Explain = (v, t) => {
    const ok = test(v, t);
    const e: ExplainedLeaf = { metric, op: leaf.op, threshold: thresholdOf(t, v), actual: v[s] ?? null };
    if (percentile !== undefined) e.percentile = percentile;
    if (thresholdMetric !== undefined) e.thresholdMetric = thresholdMetric;
    return ok ? { ok, held: [e], failed: [] } : { ok, held: [], failed: [e] };
  };
  return { test, explain };
}

function ordering(op: string, s: number, th: (t: Thresholds, v: Values) => number): Test {
  // A missing value or a missing threshold (NaN) makes every comparison false.
  switch (op) {
    case '>=':
      return (v, t) => {
        const x = v[s];
        return typeof x === 'number' && x >= th(t, v);
      };
    case '>':
      return (v, t) => {
        const x = v[s];
        return typeof x === 'number' && x > th(t, v);
      };
    case '<=':
      return (v, t) => {
        const x = v[s];
        return typeof x === 'number' && x <= th(t, v);
      };
    default:
      return (v, t) => {
        const x = v[s];
        return typeof x === 'number' && x < th(t, v);
      };
  }
}

const TRUE_EXPLAINED: Explained = Object.freeze({ ok: true, held: [], failed: [] }) as Explained;

function compileCondition(cond: Condition, c: Compiler): { test: Test; explain: Explain } {
  if (cond === true) return { test: () => true, explain: () => TRUE_EXPLAINED };
  if ('all' in cond) {
    const parts = cond.all.map((x) => compileCondition(x, c));
    const tests = parts.map((p) => p.test);
    const test: Test =
      tests.length === 2
        ? (
            (a, b) => (v, t) =>
              a(v, t) && b(v, t)
          )(tests[0] as Test, tests[1] as Test)
        : (v, t) => {
            for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test)(v, t)) return false;
            return true;
          };
    const explain: Explain = (v, t) => {
      const held: ExplainedLeaf[] = [];
      const failed: ExplainedLeaf[] = [];
      for (const p of parts) {
        const r = p.explain(v, t);
        held.push(...r.held);
        failed.push(...r.failed);
      }
      return { ok: failed.length === 0, held, failed };
    };
    return { test, explain };
  }
  if ('any' in cond) {
    const parts = cond.any.map((x) => compileCondition(x, c));
    const tests = parts.map((p) => p.test);
    const test: Test = (v, t) => {
      for (let i = 0; i < tests.length; i++) if ((tests[i] as Test)(v, t)) return true;
      return false;
    };
    // Held: the first branch that holds. Failed: the branch closest to holding (fewest failures).
    const explain: Explain = (v, t) => {
      let best: Explained | null = null;
      for (const p of parts) {
        const r = p.explain(v, t);
        if (r.ok) return { ok: true, held: r.held, failed: [] };
        if (!best || r.failed.length < best.failed.length) best = r;
      }
      return { ok: false, held: [], failed: best ? best.failed : [] };
    };
    return { test, explain };
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not, c);
    return {
      test: (v, t) => !inner.test(v, t),
      explain: (v, t) => {
        const r = inner.explain(v, t);
        return { ok: !r.ok, held: r.failed.map(negateLeaf), failed: r.held.map(negateLeaf) };
      },
    };
  }
  return compileLeaf(cond, c);
}

const cadenceDays = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const m = /^P(\d+)([DW])$/.exec(iso);
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'W' ? 7 : 1);
};

/** Compiles a rule set that passed `validateRuleSet`. */
export function compileRules(rules: RuleSet): CompiledRules {
  const slots: Slots = new Map();
  const families = new Set<MetricFamily>();
  const accessors: { slot: number; kind: 'field' | 'attr' | 'flag'; key: string }[] = [];
  const percentiles: PercentileRef[] = [];
  const percentileIndex = new Map<string, number>();
  const reported: string[] = [];
  const slotOf = (name: string): number => {
    let i = slots.get(name);
    if (i !== undefined) return i;
    i = slots.size;
    slots.set(name, i);
    const dot = name.indexOf('.');
    if (dot > 0) {
      const kind = name.slice(0, dot);
      if (kind === 'field' || kind === 'attr' || kind === 'flag') accessors.push({ slot: i, kind, key: name.slice(dot + 1) });
    } else {
      const info = METRIC_BY_NAME.get(name);
      if (info) {
        families.add(info.family);
        reported.push(name);
      }
    }
    return i;
  };
  const compiler: Compiler = {
    slotOf,
    percentileSlot(metric, percentile, fallback) {
      const key = `${metric}|${percentile}|${fallback ?? ''}`;
      let i = percentileIndex.get(key);
      if (i === undefined) {
        i = percentiles.length;
        percentiles.push({ metric, percentile, fallback });
        percentileIndex.set(key, i);
      }
      return i;
    },
  };
  const byId = new Map<string, CompiledDimension>();
  const display: CompiledDimension[] = rules.dimensions.map((d, dimIndex) => {
    const slot = slotOf(`dim.${d.id}`);
    const tierIndex = new Map(d.tiers.map((t, i) => [t.id, i]));
    const tiers = d.tiers.map((t, index): CompiledTier => {
      const { test, explain } = compileCondition(t.when, compiler);
      let next: number | null;
      if (t.next === null) next = null;
      else if (t.next !== undefined) next = tierIndex.get(t.next) ?? null;
      else next = index > 0 ? index - 1 : null;
      return {
        id: t.id,
        index,
        label: t.label,
        tips: t.tips,
        color: t.color,
        textColor: readableTextOn(t.color),
        icon: t.icon,
        cadence: t.cadence ?? null,
        cadenceDays: cadenceDays(t.cadence),
        next,
        test,
        explain,
      };
    });
    const cd: CompiledDimension = { id: d.id, index: dimIndex, label: d.label, slot, tiers };
    byId.set(d.id, cd);
    return cd;
  });
  const needsLastInteraction = display.some((d) => d.tiers.some((t) => t.cadenceDays !== null));
  if (needsLastInteraction) {
    slotOf(LAST_INTERACTION_AT);
    families.add('interactions');
  }
  const order = dimensionOrder(rules).map((id) => byId.get(id) as CompiledDimension);
  return {
    rules,
    slots,
    slotCount: slots.size,
    families: [...families],
    accessors,
    order,
    display,
    percentiles,
    reported,
    needsLastInteraction,
  };
}

// ---------------------------------------------------------------- classification

const thresholdCache = new WeakMap<CompiledRules, WeakMap<object, Thresholds>>();
const NO_STATS = {};

export function thresholdsFor(c: CompiledRules, stats: PopulationStats | null | undefined): Thresholds {
  let perRules = thresholdCache.get(c);
  if (!perRules) {
    perRules = new WeakMap();
    thresholdCache.set(c, perRules);
  }
  const key = stats ?? NO_STATS;
  let t = perRules.get(key);
  if (!t) {
    t = c.percentiles.map((p) => {
      const cuts = stats?.metrics[p.metric]?.cuts;
      if (cuts && cuts.length === 101) return percentileOf(cuts, p.percentile);
      return p.fallback ?? Number.NaN;
    });
    perRules.set(key, t);
  }
  return t;
}

/** Interpolates between the integer cut points for fractional percentiles. */
function percentileOf(cuts: readonly number[], p: number): number {
  const lo = Math.floor(p);
  const hi = Math.ceil(p);
  const a = cuts[lo] as number;
  const b = cuts[hi] as number;
  return lo === hi ? a : a + (b - a) * (p - lo);
}

export function toEpochMs(asOf: string | number): number {
  const ms = typeof asOf === 'number' ? asOf : Date.parse(asOf);
  if (!Number.isFinite(ms)) throw new RangeError(`asOf is not a valid time: ${String(asOf)}`);
  return ms;
}

/** Fills the slot array for one snapshot: metric families, then snapshot accessors. */
export function computeValues(c: CompiledRules, s: AccountSnapshot, asOfMs: number): Values {
  const v: Values = new Array(c.slotCount).fill(null);
  for (const f of c.families) FAMILY_WRITERS[f](s, asOfMs, v, c.slots);
  for (const a of c.accessors) {
    const src = a.kind === 'field' ? s.fields : a.kind === 'attr' ? s.attributes : s.flags;
    const x = src ? (src as Record<string, unknown>)[a.key] : undefined;
    v[a.slot] = x === undefined ? null : (x as MetricValue);
  }
  return v;
}

/**
 * Runs every dimension over a filled slot array, in dependency order; returns the matched tier
 * index per dimension, by display position. Exported for benchmarks of the decision alone.
 */
export function decide(c: CompiledRules, v: Values, t: Thresholds): Int32Array {
  const chosen = new Int32Array(c.display.length);
  for (const d of c.order) {
    const tiers = d.tiers;
    let i = 0;
    // The last tier's condition is `true` (validation guarantees it), so this always stops.
    while (i < tiers.length - 1 && !(tiers[i] as CompiledTier).test(v, t)) i++;
    chosen[d.index] = i;
    v[d.slot] = (tiers[i] as CompiledTier).id;
  }
  return chosen;
}

/** Tier ids per dimension, without explanations: the fast path for statistics and bulk jobs. */
export function decideTiers(
  c: CompiledRules,
  s: AccountSnapshot,
  asOf: string | number,
  stats?: PopulationStats | null,
): Record<string, string> {
  const asOfMs = toEpochMs(asOf);
  const v = computeValues(c, s, asOfMs);
  const chosen = decide(c, v, thresholdsFor(c, stats));
  const out: Record<string, string> = {};
  for (const d of c.display) out[d.id] = (d.tiers[chosen[d.index] as number] as CompiledTier).id;
  return out;
}

export function classify(c: CompiledRules, s: AccountSnapshot, opts: ClassifyOptions): Classification {
  const lang: Lang = opts.lang ?? 'en';
  const asOfMs = toEpochMs(opts.asOf);
  const explain = opts.explain !== false;
  const t = thresholdsFor(c, opts.stats);
  const v = computeValues(c, s, asOfMs);
  const chosen = decide(c, v, t);
  const lastAt = c.needsLastInteraction ? (v[c.slots.get(LAST_INTERACTION_AT) as number] as number | null) : null;

  const dimensions: DimensionResult[] = c.display.map((d) => {
    const tier = d.tiers[chosen[d.index] as number] as CompiledTier;
    let because: ExplainedLeaf[] = [];
    let next: DimensionResult['next'] = null;
    if (explain) {
      because = tier.explain(v, t).held.map((l) => ({ ...l, text: describeLeaf(l, lang) }));
      if (tier.next !== null && tier.next !== tier.index) {
        const target = d.tiers[tier.next] as CompiledTier;
        const missing = target.explain(v, t).failed.map((l) => ({ ...l, text: describeLeaf(l, lang, true) }));
        next = { tier: target.id, label: target.label[lang], missing };
      }
    }
    let nextContactDue: string | null = null;
    if (tier.cadenceDays !== null) {
      // Due one cadence after the latest touch; with no touch on record, due now.
      const due = lastAt === null ? asOfMs : lastAt + tier.cadenceDays * DAY_MS;
      nextContactDue = new Date(due).toISOString();
    }
    return {
      id: d.id,
      label: d.label[lang],
      tier: tier.id,
      tierLabel: tier.label[lang],
      color: tier.color,
      textColor: tier.textColor,
      icon: tier.icon,
      cadence: tier.cadence,
      nextContactDue,
      tips: tier.tips[lang],
      because,
      next,
    };
  });

  const metrics: Record<string, MetricValue> = {};
  for (const name of c.reported) metrics[name] = v[c.slots.get(name) as number] ?? null;

  return {
    crm: s.crm,
    accountId: s.id,
    name: s.name,
    asOf: new Date(asOfMs).toISOString(),
    rulesVersion: opts.rulesVersion ?? 0,
    lang,
    headline: c.rules.headline,
    chips: c.rules.chips ?? [],
    dimensions,
    metrics,
  };
}
