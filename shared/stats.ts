/**
 * Population statistics: percentile cut points of the metrics that rules compare against
 * `{percentile: p}`, over all of a tenant's accounts.
 *
 * Cost: exact, not sketched. Each metric keeps one float64 per account (8 bytes), grown by
 * doubling, and is sorted once in `finish()`: O(n log n) time, 8·n bytes per metric. The
 * default playbook uses one metric (won_amount_365d), so 1,000,000 accounts need 8 MB at rest
 * (16 MB at the moment the array doubles), well inside a Worker's 128 MB. Snapshots are
 * consumed one at a time through `add`, so the caller can stream pages from the CRM and drop
 * each page after adding it; only the numbers stay.
 */
import { type CompiledRules, compileRules, computeValues, toEpochMs } from './engine.ts';
import { METRIC_BY_NAME } from './metrics.ts';
import type { AccountSnapshot, PopulationStats, RuleSet } from './schema.ts';

class GrowableFloats {
  private data = new Float64Array(1024);
  length = 0;
  push(x: number) {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

/** Cut points p0..p100 by the nearest-rank method on sorted values. */
export function cutPoints(sorted: Float64Array): number[] {
  const n = sorted.length;
  const cuts = new Array<number>(101);
  for (let p = 0; p <= 100; p++) {
    if (n === 0) cuts[p] = 0;
    else cuts[p] = sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] as number;
  }
  return cuts;
}

/** The catalogue metrics a rule set compares against percentiles. */
export function percentileMetrics(compiled: CompiledRules): string[] {
  return [...new Set(compiled.percentiles.map((p) => p.metric))].filter((m) => METRIC_BY_NAME.has(m));
}

export class PopulationStatsBuilder {
  private readonly compiled: CompiledRules;
  private readonly asOfMs: number;
  private readonly columns: { name: string; slot: number; values: GrowableFloats }[];
  private count = 0;

  constructor(rules: RuleSet | CompiledRules, asOf: string | number) {
    const base = 'slots' in rules ? rules : compileRules(rules);
    this.asOfMs = toEpochMs(asOf);
    const names = percentileMetrics(base);
    // A reduced rule set would need re-validation; reuse the compiled one and read only the slots we need.
    this.compiled = base;
    this.columns = names.map((name) => ({ name, slot: base.slots.get(name) as number, values: new GrowableFloats() }));
  }

  get metrics(): string[] {
    return this.columns.map((c) => c.name);
  }

  add(s: AccountSnapshot): void {
    this.count++;
    if (this.columns.length === 0) return;
    const v = computeValues(this.compiled, s, this.asOfMs);
    for (const c of this.columns) {
      const x = v[c.slot];
      if (typeof x === 'number' && Number.isFinite(x)) c.values.push(x);
    }
  }

  finish(): PopulationStats {
    const metrics: PopulationStats['metrics'] = {};
    for (const c of this.columns) {
      const sorted = c.values.sorted();
      metrics[c.name] = { count: sorted.length, cuts: cutPoints(sorted) };
    }
    return { asOf: new Date(this.asOfMs).toISOString(), count: this.count, metrics };
  }
}

export function computePopulationStats(
  rules: RuleSet | CompiledRules,
  snapshots: Iterable<AccountSnapshot>,
  asOf: string | number,
): PopulationStats {
  const b = new PopulationStatsBuilder(rules, asOf);
  for (const s of snapshots) b.add(s);
  return b.finish();
}
