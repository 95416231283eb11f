/**
 * Validation at the edges: zod for shape, then the checks zod cannot express (unknown metrics,
 * dimension references and their cycles, catch-all last tiers, operators that do not fit the
 * value). Never throws: arbitrary JSON gets a list of issues, each naming the path.
 */
import type { z } from 'zod';
import { METRIC_BY_NAME } from './metrics.ts';
import { type AccountSnapshot, AccountSnapshotSchema, type Condition, MAX_CONDITION_DEPTH, type RuleSet, RuleSetSchema } from './schema.ts';

export interface Issue {
  /** Where, as `dimensions[2].tiers[0].when.all[1].value`; empty for the whole document. */
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

type ZodIssue = z.core.$ZodIssue;

/**
 * A union branch whose issues say "this is not my shape at all" (a wrong type or unknown keys
 * at the union's own level, or a missing key that defines the branch) is not what the author
 * meant; the remaining branch's issues are the useful ones.
 */
function mismatchesShape(branch: readonly ZodIssue[]): boolean {
  return branch.some(
    (i) =>
      (i.path.length === 0 && (i.code === 'unrecognized_keys' || i.code === 'invalid_type' || i.code === 'invalid_value')) ||
      (i.path.length === 1 && i.code === 'invalid_type' && i.message.endsWith('received undefined')),
  );
}

function collect(issues: readonly ZodIssue[], prefix: readonly PropertyKey[], out: Issue[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const branches = issue.code === 'invalid_union' ? (issue as { errors?: ZodIssue[][] }).errors : undefined;
    if (branches && branches.length > 0) {
      const fitting = branches.filter((b) => !mismatchesShape(b));
      if (fitting.length > 0) {
        collect(fitting[0] as ZodIssue[], path, out);
        continue;
      }
      out.push({
        path: formatPath(path),
        message: 'expected true, {"all": [...]}, {"any": [...]}, {"not": ...} or a comparison {"metric", "op", "value"}',
      });
      continue;
    }
    out.push({ path: formatPath(path), message: issue.message });
  }
}

/** Flattens zod issues into `{path, message}`, descending into the union branch the input was meant for. */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): Issue[] {
  const out: Issue[] = [];
  collect(error.issues, prefix, out);
  return out;
}

/** Depth of a JSON value, iteratively (deeply nested input must not overflow the stack). */
function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (d > limit) return true;
    if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  return false;
}

const ORDERING = new Set(['>=', '>', '<=', '<']);

export function validateRuleSet(input: unknown): Validated<RuleSet> {
  try {
    // dimensions[i].tiers[j].when + the condition depth + leaf fields
    if (jsonDepthExceeds(input, 6 + MAX_CONDITION_DEPTH * 2 + 2)) {
      return { ok: false, issues: [{ path: '', message: `conditions are nested too deeply (at most ${MAX_CONDITION_DEPTH} levels)` }] };
    }
    const parsed = RuleSetSchema.safeParse(input);
    if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
    const rules = parsed.data;
    const issues = semanticIssues(rules);
    return issues.length ? { ok: false, issues } : { ok: true, value: rules };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: `rule set could not be read: ${(e as Error).message}` }] };
  }
}

function semanticIssues(rules: RuleSet): Issue[] {
  const issues: Issue[] = [];
  const dimIndex = new Map<string, number>();
  rules.dimensions.forEach((d, i) => {
    if (dimIndex.has(d.id)) issues.push({ path: `dimensions[${i}].id`, message: `duplicate dimension id "${d.id}"` });
    else dimIndex.set(d.id, i);
  });
  if (!dimIndex.has(rules.headline)) {
    issues.push({ path: 'headline', message: `no dimension "${rules.headline}"; expected one of ${[...dimIndex.keys()].join(', ')}` });
  }
  (rules.chips ?? []).forEach((c, i) => {
    if (!dimIndex.has(c)) issues.push({ path: `chips[${i}]`, message: `no dimension "${c}"` });
  });
  const tierIds = new Map(rules.dimensions.map((d) => [d.id, new Set(d.tiers.map((t) => t.id))]));

  rules.dimensions.forEach((d, di) => {
    const seen = new Set<string>();
    d.tiers.forEach((t, ti) => {
      const at = `dimensions[${di}].tiers[${ti}]`;
      if (seen.has(t.id)) issues.push({ path: `${at}.id`, message: `duplicate tier id "${t.id}" in dimension "${d.id}"` });
      seen.add(t.id);
      if (t.next !== undefined && t.next !== null) {
        if (!tierIds.get(d.id)?.has(t.next)) issues.push({ path: `${at}.next`, message: `no tier "${t.next}" in dimension "${d.id}"` });
        else if (t.next === t.id) issues.push({ path: `${at}.next`, message: 'a tier cannot aim for itself' });
      }
      if (t.tips.zh.length === 0 && t.tips.en.length === 0) {
        issues.push({ path: `${at}.tips`, message: 'give at least one handling tip' });
      }
      checkCondition(t.when, `${at}.when`, 0, d.id, dimIndex, tierIds, issues);
    });
    const last = d.tiers[d.tiers.length - 1];
    if (last && last.when !== true) {
      issues.push({
        path: `dimensions[${di}].tiers[${d.tiers.length - 1}].when`,
        message: 'the last tier must catch every account: set its condition to true',
      });
    }
  });
  if (issues.length === 0) {
    const cycle = findCycle(rules);
    if (cycle)
      issues.push({
        path: `dimensions[${dimIndex.get(cycle[0] as string)}]`,
        message: `dimensions refer to each other in a cycle: ${cycle.join(' -> ')}`,
      });
  }
  return issues;
}

function checkCondition(
  c: Condition,
  path: string,
  depth: number,
  self: string,
  dims: Map<string, number>,
  tierIds: Map<string, Set<string>>,
  issues: Issue[],
): void {
  if (depth > MAX_CONDITION_DEPTH) {
    issues.push({ path, message: `conditions are nested too deeply (at most ${MAX_CONDITION_DEPTH} levels)` });
    return;
  }
  if (c === true) return;
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const list = 'all' in c ? c.all : c.any;
    list.forEach((x, i) => {
      checkCondition(x, `${path}.${key}[${i}]`, depth + 1, self, dims, tierIds, issues);
    });
    return;
  }
  if ('not' in c) {
    checkCondition(c.not, `${path}.not`, depth + 1, self, dims, tierIds, issues);
    return;
  }

  const m = c.metric;
  const dot = m.indexOf('.');
  const ns = dot > 0 ? m.slice(0, dot) : null;
  if (ns === 'dim') {
    const target = m.slice(4);
    if (!dims.has(target)) issues.push({ path: `${path}.metric`, message: `no dimension "${target}"` });
    else if (target === self) issues.push({ path: `${path}.metric`, message: 'a dimension cannot depend on itself' });
    else {
      const known = tierIds.get(target) as Set<string>;
      const values = c.op === 'in' || c.op === 'not_in' ? c.value : c.op === '==' || c.op === '!=' ? [c.value] : [];
      values.forEach((v, i) => {
        if (typeof v !== 'string' || !known.has(v)) {
          const where = c.op === 'in' || c.op === 'not_in' ? `${path}.value[${i}]` : `${path}.value`;
          issues.push({
            path: where,
            message: `dimension "${target}" has no tier ${JSON.stringify(v)}; expected one of ${[...known].join(', ')}`,
          });
        }
      });
    }
    if (ORDERING.has(c.op) || c.op === 'between')
      issues.push({ path: `${path}.op`, message: `"${c.op}" cannot compare tiers; use ==, !=, in or not_in` });
    return;
  }
  if (ns === null) {
    const info = METRIC_BY_NAME.get(m);
    if (!info) {
      issues.push({
        path: `${path}.metric`,
        message: `unknown metric "${m}"; see the metric catalogue (e.g. won_amount_365d, interactions_90d, csat_mean_last3)`,
      });
      return;
    }
    if (info.unit === 'type' && (ORDERING.has(c.op) || c.op === 'between')) {
      issues.push({ path: `${path}.op`, message: `"${m}" is a type, not a number; use ==, !=, in or not_in` });
    }
    if (info.unit !== 'type' && (c.op === '==' || c.op === '!=') && typeof c.value !== 'number') {
      issues.push({ path: `${path}.value`, message: `"${m}" is a number; compare it with a number` });
    }
  }
  if (ORDERING.has(c.op)) {
    const v = c.value;
    if (typeof v !== 'number' && (typeof v !== 'object' || v === null)) {
      issues.push({ path: `${path}.value`, message: `"${c.op}" needs a number or {percentile: 0-100}` });
    }
    if (typeof v === 'object' && v !== null && 'percentile' in v && ns !== null) {
      issues.push({ path: `${path}.value`, message: 'percentiles are only available for catalogue metrics' });
    }
    if (typeof v === 'object' && v !== null && 'metric' in v) {
      const other = v.metric;
      const otherNs = other.includes('.') ? other.slice(0, other.indexOf('.')) : null;
      if (otherNs === 'dim') issues.push({ path: `${path}.value.metric`, message: 'tiers cannot be compared with >=, >, <= or <' });
      else if (otherNs === null && !METRIC_BY_NAME.has(other)) {
        issues.push({ path: `${path}.value.metric`, message: `unknown metric "${other}"; see the metric catalogue` });
      } else if (otherNs === null && METRIC_BY_NAME.get(other)?.unit === 'type') {
        issues.push({ path: `${path}.value.metric`, message: `"${other}" is a type, not a number` });
      }
    }
  } else if ((c.op === '==' || c.op === '!=') && typeof c.value === 'object') {
    issues.push({ path: `${path}.value`, message: `"${c.op}" cannot take a percentile or a metric; use >=, >, <= or <` });
  }
}

function dimDeps(c: Condition, out: Set<string>): Set<string> {
  if (c === true) return out;
  if ('all' in c) for (const x of c.all) dimDeps(x, out);
  else if ('any' in c) for (const x of c.any) dimDeps(x, out);
  else if ('not' in c) dimDeps(c.not, out);
  else if (c.metric.startsWith('dim.')) out.add(c.metric.slice(4));
  return out;
}

function dependencies(rules: RuleSet): Map<string, Set<string>> {
  return new Map(rules.dimensions.map((d) => [d.id, d.tiers.reduce((s, t) => dimDeps(t.when, s), new Set<string>())]));
}

function findCycle(rules: RuleSet): string[] | null {
  const deps = dependencies(rules);
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 2) return null;
    if (state.get(id) === 1) return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 1);
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(id, 2);
    return null;
  };
  for (const d of rules.dimensions) {
    const c = visit(d.id);
    if (c) return c;
  }
  return null;
}

/** Dimension ids with every dimension after those it refers to (validated rule sets only). */
export function dimensionOrder(rules: RuleSet): string[] {
  const deps = dependencies(rules);
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    for (const d of deps.get(id) ?? []) visit(d);
    out.push(id);
  };
  for (const d of rules.dimensions) visit(d.id);
  return out;
}

export function validateSnapshot(input: unknown): Validated<AccountSnapshot> {
  try {
    const parsed = AccountSnapshotSchema.safeParse(input);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssues(parsed.error) };
  } catch (e) {
    return { ok: false, issues: [{ path: '', message: `account could not be read: ${(e as Error).message}` }] };
  }
}
