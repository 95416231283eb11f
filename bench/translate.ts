/**
 * Generic translation of a TierLens rule set into json-logic-js rules and json-rules-engine
 * rules, so both libraries evaluate the same tier conditions as the engine.
 *
 * - Works from the Condition tree of any validated rule set, not from a hand copy of the playbook.
 * - Facts: every accessor the conditions read (catalogue metrics, flag./attr./field.) is a fact,
 *   precomputed once per account by `precomputeFacts` (the engine's own metric code, through the
 *   public `computeMetrics`). Fact keys are the accessor names with '.' replaced by '__' (json-logic
 *   `var` would read a dot as a path).
 * - `{percentile: p}` values are resolved to numbers from the population statistics, with the
 *   engine's interpolation and fallback (NaN when neither exists: every comparison is false).
 * - `dim.<id>` references: dimensions are evaluated in dependency order and each result is fed
 *   back as the fact `dim__<id>` before the dimensions that read it.
 * - First match wins: json-logic gets one `if` chain per dimension; json-rules-engine gets one
 *   engine per dimension, one rule per tier with descending priorities, stopped at the first success.
 * - Missing values: the engine treats a missing (null) metric as failing every comparison. JS
 *   comparison operators would coerce null to 0, so guards (`!= null`) are added exactly where
 *   coercion could change the result (json-logic: an ordering whose constant side would accept 0;
 *   both: the other side of a metric-vs-metric comparison, `!=` and `not_in`). json-rules-engine's
 *   numeric operators already reject null through their validator.
 */
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { Almanac, Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { computeMetrics, METRIC_BY_NAME, type MetricValue } from '../shared/index.ts';
import type { AccountSnapshot, Condition, Leaf, PopulationStats, RuleSet } from '../shared/schema.ts';

export type Facts = Record<string, MetricValue>;

export const factKey = (accessor: string): string => accessor.replace(/\./g, '__');

// ---------------------------------------------------------------- facts and dimension order

function walk(c: Condition, visit: (leaf: Leaf) => void): void {
  if (c === true) return;
  if ('all' in c) for (const x of c.all) walk(x, visit);
  else if ('any' in c) for (const x of c.any) walk(x, visit);
  else if ('not' in c) walk(c.not, visit);
  else visit(c);
}

export interface FactPlan {
  /** Catalogue metrics the conditions read. */
  metrics: string[];
  /** flag./attr./field. accessors the conditions read. */
  accessors: { accessor: string; key: string; kind: 'flag' | 'attr' | 'field'; name: string }[];
  /** Dimension ids, every dimension after the dimensions it refers to. */
  order: string[];
}

export function planFacts(rules: RuleSet): FactPlan {
  const metrics = new Set<string>();
  const accessors = new Map<string, FactPlan['accessors'][number]>();
  const deps = new Map<string, Set<string>>();
  const note = (m: string, dim: Set<string>) => {
    const dot = m.indexOf('.');
    if (dot < 0) {
      if (METRIC_BY_NAME.has(m)) metrics.add(m);
      return;
    }
    const kind = m.slice(0, dot);
    if (kind === 'dim') dim.add(m.slice(dot + 1));
    else if (kind === 'flag' || kind === 'attr' || kind === 'field')
      accessors.set(m, { accessor: m, key: factKey(m), kind, name: m.slice(dot + 1) });
  };
  for (const d of rules.dimensions) {
    const dim = new Set<string>();
    for (const t of d.tiers) {
      walk(t.when, (leaf) => {
        note(leaf.metric, dim);
        const v = leaf.value;
        if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'metric' in v) note(v.metric, dim);
      });
    }
    deps.set(d.id, dim);
  }
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    for (const x of deps.get(id) ?? []) visit(x);
    order.push(id);
  };
  for (const d of rules.dimensions) visit(d.id);
  return { metrics: [...metrics], accessors: [...accessors.values()], order };
}

/** The facts of one account: catalogue metrics (by the engine's metric code) and snapshot accessors. */
export function precomputeFacts(plan: FactPlan, s: AccountSnapshot, asOfMs: number): Facts {
  const m = computeMetrics(s, asOfMs, plan.metrics);
  const facts: Facts = {};
  for (const name of plan.metrics) facts[factKey(name)] = m[name] ?? null;
  for (const a of plan.accessors) {
    const src = a.kind === 'field' ? s.fields : a.kind === 'attr' ? s.attributes : s.flags;
    const x = src ? (src as Record<string, unknown>)[a.name] : undefined;
    facts[a.key] = x === undefined ? null : (x as MetricValue);
  }
  for (const id of plan.order) facts[factKey(`dim.${id}`)] = null;
  return facts;
}

/** The threshold a `{percentile, fallback}` value stands for, as the engine resolves it. */
export function resolvePercentile(
  stats: PopulationStats | null | undefined,
  metric: string,
  p: number,
  fallback: number | undefined,
): number {
  const cuts = stats?.metrics[metric]?.cuts;
  if (cuts && cuts.length === 101) {
    const lo = Math.floor(p);
    const hi = Math.ceil(p);
    const a = cuts[lo] as number;
    const b = cuts[hi] as number;
    return lo === hi ? a : a + (b - a) * (p - lo);
  }
  return fallback ?? Number.NaN;
}

type Resolved =
  | { kind: 'const'; value: number | string | boolean }
  | { kind: 'metric'; key: string }
  | { kind: 'list'; values: (number | string | boolean)[] }
  | { kind: 'range'; lo: number; hi: number }
  | { kind: 'exists'; want: boolean };

function resolve(leaf: Leaf, stats: PopulationStats | null | undefined): Resolved {
  switch (leaf.op) {
    case 'exists':
      return { kind: 'exists', want: leaf.value };
    case 'between':
      return { kind: 'range', lo: leaf.value[0], hi: leaf.value[1] };
    case 'in':
    case 'not_in':
      return { kind: 'list', values: leaf.value };
    default: {
      const v = leaf.value;
      if (typeof v !== 'object') return { kind: 'const', value: v };
      if ('metric' in v) return { kind: 'metric', key: factKey(v.metric) };
      return { kind: 'const', value: resolvePercentile(stats, leaf.metric, v.percentile, v.fallback) };
    }
  }
}

/** Whether `null op c`, with null coerced to 0 as JS relational operators do, would hold. */
function nullWouldPass(op: string, c: number): boolean {
  switch (op) {
    case '>=':
      return 0 >= c;
    case '>':
      return 0 > c;
    case '<=':
      return 0 <= c;
    default:
      return 0 < c;
  }
}

// ---------------------------------------------------------------- json-logic-js

export interface JsonLogicDimension {
  id: string;
  key: string;
  rule: RulesLogic;
}

const notNull = (key: string): RulesLogic => ({ '!=': [{ var: key }, null] });

function leafToJsonLogic(leaf: Leaf, stats: PopulationStats | null | undefined): RulesLogic {
  const key = factKey(leaf.metric);
  const x: RulesLogic = { var: key };
  const r = resolve(leaf, stats);
  switch (r.kind) {
    case 'exists':
      return r.want ? notNull(key) : { '==': [x, null] };
    case 'range': {
      const test: RulesLogic = { '<=': [r.lo, x, r.hi] };
      return r.lo <= 0 && r.hi >= 0 ? { and: [notNull(key), test] } : test;
    }
    case 'list': {
      const test: RulesLogic = { in: [x, r.values] };
      return leaf.op === 'in' ? test : { and: [notNull(key), { '!': [test] }] };
    }
    case 'metric':
      return { and: [notNull(key), notNull(r.key), { [leaf.op]: [x, { var: r.key }] }] };
    case 'const': {
      if (leaf.op === '==') return { '===': [x, r.value] };
      if (leaf.op === '!=') return { and: [notNull(key), { '!==': [x, r.value] }] };
      const test: RulesLogic = { [leaf.op]: [x, r.value] };
      return typeof r.value === 'number' && nullWouldPass(leaf.op, r.value) ? { and: [notNull(key), test] } : test;
    }
  }
}

function conditionToJsonLogic(c: Condition, stats: PopulationStats | null | undefined): RulesLogic {
  if (c === true) return true;
  if ('all' in c) return { and: c.all.map((x) => conditionToJsonLogic(x, stats)) };
  if ('any' in c) return { or: c.any.map((x) => conditionToJsonLogic(x, stats)) };
  if ('not' in c) return { '!': [conditionToJsonLogic(c.not, stats)] };
  return leafToJsonLogic(c, stats);
}

/** One `if` chain per dimension, in evaluation order: `{if: [c0, "t0", c1, "t1", ..., "last"]}`. */
export function toJsonLogic(rules: RuleSet, stats: PopulationStats | null | undefined): JsonLogicDimension[] {
  const plan = planFacts(rules);
  const byId = new Map(rules.dimensions.map((d) => [d.id, d]));
  return plan.order.map((id) => {
    const d = byId.get(id);
    if (!d) throw new Error(`no dimension ${id}`);
    const args: RulesLogic[] = [];
    d.tiers.forEach((t, i) => {
      if (i === d.tiers.length - 1 && t.when === true) args.push(t.id);
      else args.push(conditionToJsonLogic(t.when, stats), t.id);
    });
    if (d.tiers[d.tiers.length - 1]?.when !== true) args.push(null);
    return { id, key: factKey(`dim.${id}`), rule: { if: args } };
  });
}

/** Evaluates the dimensions in order over one account's facts (which it updates with dim__ results). */
export function applyJsonLogic(dims: readonly JsonLogicDimension[], facts: Facts): void {
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i] as JsonLogicDimension;
    facts[d.key] = jsonLogic.apply(d.rule, facts) as string;
  }
}

// ---------------------------------------------------------------- json-rules-engine

const JRE_OP: Record<string, string> = {
  '>=': 'greaterThanInclusive',
  '>': 'greaterThan',
  '<=': 'lessThanInclusive',
  '<': 'lessThan',
  '==': 'equal',
  '!=': 'notEqual',
  in: 'in',
  not_in: 'notIn',
};

function leafToRulesEngine(leaf: Leaf, stats: PopulationStats | null | undefined): NestedCondition {
  const fact = factKey(leaf.metric);
  const isNotNull = (f: string): NestedCondition => ({ fact: f, operator: 'notEqual', value: null });
  const r = resolve(leaf, stats);
  switch (r.kind) {
    case 'exists':
      return { fact, operator: r.want ? 'notEqual' : 'equal', value: null };
    case 'range':
      return {
        all: [
          { fact, operator: 'greaterThanInclusive', value: r.lo },
          { fact, operator: 'lessThanInclusive', value: r.hi },
        ],
      };
    case 'list': {
      const test: NestedCondition = { fact, operator: JRE_OP[leaf.op] as string, value: r.values };
      return leaf.op === 'in' ? test : { all: [isNotNull(fact), test] };
    }
    case 'metric':
      return { all: [isNotNull(r.key), { fact, operator: JRE_OP[leaf.op] as string, value: { fact: r.key } }] };
    case 'const': {
      const test: NestedCondition = { fact, operator: JRE_OP[leaf.op] as string, value: r.value };
      return leaf.op === '!=' ? { all: [isNotNull(fact), test] } : test;
    }
  }
}

function conditionToRulesEngine(c: Condition, stats: PopulationStats | null | undefined): NestedCondition {
  if (c === true) return { all: [] };
  if ('all' in c) return { all: c.all.map((x) => conditionToRulesEngine(x, stats)) };
  if ('any' in c) return { any: c.any.map((x) => conditionToRulesEngine(x, stats)) };
  if ('not' in c) return { not: conditionToRulesEngine(c.not, stats) };
  return leafToRulesEngine(c, stats);
}

const topLevel = (c: NestedCondition): TopLevelCondition =>
  'all' in c || 'any' in c || 'not' in c || 'condition' in c ? (c as TopLevelCondition) : { all: [c] };

export interface RulesEngineDimension {
  id: string;
  key: string;
  engine: Engine;
}

/** One engine per dimension, one rule per tier (priority: earlier tiers first), stopped at the first success. */
export function toRulesEngine(rules: RuleSet, stats: PopulationStats | null | undefined): RulesEngineDimension[] {
  const plan = planFacts(rules);
  const byId = new Map(rules.dimensions.map((d) => [d.id, d]));
  return plan.order.map((id) => {
    const d = byId.get(id);
    if (!d) throw new Error(`no dimension ${id}`);
    const engine = new Engine([], { allowUndefinedFacts: true });
    d.tiers.forEach((t, i) => {
      const rule: RuleProperties = {
        name: `${id}.${t.id}`,
        priority: d.tiers.length - i,
        conditions: topLevel(conditionToRulesEngine(t.when, stats)),
        event: { type: t.id },
      };
      engine.addRule(rule);
    });
    engine.on('success', () => {
      engine.stop();
    });
    return { id, key: factKey(`dim.${id}`), engine };
  });
}

/**
 * Evaluates the dimensions in order for one account: one almanac per account holding its facts,
 * each dimension's engine run against it, each result added as the fact `dim__<id>`.
 */
export async function runRulesEngine(dims: readonly RulesEngineDimension[], facts: Facts): Promise<Record<string, string>> {
  const almanac = new Almanac({ allowUndefinedFacts: true });
  for (const k in facts) almanac.addRuntimeFact(k, facts[k]);
  const out: Record<string, string> = {};
  for (const d of dims) {
    const r = await d.engine.run({}, { almanac });
    const tier = r.events[r.events.length - 1]?.type ?? '';
    almanac.addRuntimeFact(d.key, tier);
    out[d.id] = tier;
  }
  return out;
}
