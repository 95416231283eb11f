/**
 * npm run bench:engine [-- --accounts N] [--seed S] [--as-of ISO] [--jre-accounts M] [--chunk C]
 *
 * The classification-engine benchmark. N synthetic accounts (default 100,000) from the
 * deterministic generator in bench/generate.ts, classified with the default playbook by:
 *   (a) the TierLens engine, end to end from snapshots, with explanations (classify, lang en)
 *   (b) the TierLens engine, end to end from snapshots, tiers only (decideTiers)
 *   (c) the TierLens engine's decision alone, over precomputed metric slots
 *   (d) the hand-written floor (bench/handwritten.ts), end to end from snapshots
 *   (e) json-logic-js, over precomputed facts
 *   (f) json-rules-engine, over precomputed facts, on a deterministic subset (it is async and slow)
 * Same accounts, same rules (translated generically by bench/translate.ts), same asOf, same
 * population statistics for all. Every contender's tiers are checked against the engine's, on
 * every account it classified.
 *
 * Streaming: the accounts are generated in chunks of C (default 10,000), as a worker pages
 * through a CRM. Pass 1 feeds every chunk to the population statistics; pass 2 regenerates each
 * chunk (untimed, bit-identical) and runs every contender over it. Holding all 100,000 accounts
 * (~3.5 GB of heap: ~34 million orders and interactions, each with its own date string) would
 * make every allocation pay for marking that heap, which measured the dataset size rather than
 * the contenders (json-logic-js ran 2x slower with 60,000 idle accounts resident).
 *
 * Prints a table (accounts per second, total ms, peak memory), the ratios against the goals
 * with PASS/MISS, and one final machine-readable JSON line.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { decide, thresholdsFor } from '../shared/engine.ts';
import {
  type AccountSnapshot,
  type CompiledRules,
  classify,
  compileRules,
  computeMetrics,
  DEFAULT_PLAYBOOK,
  decideTiers,
  METRIC_BY_NAME,
  type MetricValue,
  type PopulationStats,
  PopulationStatsBuilder,
  validateRuleSet,
  validateSnapshot,
} from '../shared/index.ts';
import { generateAccounts, IsoFormatter } from './generate.ts';
import { type HandwrittenTiers, handwrittenCuts, handwrittenTiers } from './handwritten.ts';
import { applyJsonLogic, type Facts, factKey, planFacts, runRulesEngine, toJsonLogic, toRulesEngine } from './translate.ts';

// ---------------------------------------------------------------- process setup

// Re-run with --expose-gc: a full collection before each timed section, so no contender pays
// for the garbage of the one before it, and clean heap baselines for the memory figures.
const gc = (globalThis as { gc?: () => void }).gc;
if (typeof gc !== 'function' && process.env.TIERLENS_BENCH_CHILD !== '1') {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', '--max-old-space-size=4096', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, TIERLENS_BENCH_CHILD: '1' } },
  );
  process.exit(child.status ?? 1);
}
const collect = () => gc?.();

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261123' },
    'as-of': { type: 'string', default: '2026-11-23T00:00:00Z' },
    'jre-accounts': { type: 'string', default: '5000' },
    chunk: { type: 'string', default: '10000' },
  },
});
const N = Number(args.accounts);
const SEED = Number(args.seed);
const AS_OF = args['as-of'];
const AS_OF_MS = Date.parse(AS_OF);
const JRE_N = Math.min(N, Number(args['jre-accounts']));
const CHUNK = Math.min(N, Number(args.chunk));
if (
  !Number.isInteger(N) ||
  N < 1 ||
  !Number.isInteger(SEED) ||
  !Number.isFinite(AS_OF_MS) ||
  !Number.isInteger(JRE_N) ||
  JRE_N < 1 ||
  !Number.isInteger(CHUNK) ||
  CHUNK < 1
) {
  console.error('usage: npm run bench:engine -- [--accounts N] [--seed S] [--as-of ISO] [--jre-accounts M] [--chunk C]');
  process.exit(2);
}
const CHUNKS = Math.ceil(N / CHUNK);
/** json-rules-engine runs on every STRIDE-th account (global index). */
const STRIDE = Math.max(1, Math.floor(N / JRE_N));
const JRE_ACTUAL = Math.ceil(N / STRIDE);

const MB = 1024 * 1024;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (s = '') => console.log(s);

let peakHeap = 0;
function heapNow(): number {
  const h = process.memoryUsage().heapUsed;
  if (h > peakHeap) peakHeap = h;
  return h;
}

function fail(message: string): never {
  console.error(`\nABORT: ${message}`);
  process.exit(1);
}

const dates = new IsoFormatter();
const chunkStart = (c: number) => c * CHUNK;
const chunkLength = (c: number) => Math.min(CHUNK, N - c * CHUNK);
const generateChunk = (c: number) => generateAccounts(chunkLength(c), SEED, AS_OF_MS, chunkStart(c), dates);

// ---------------------------------------------------------------- rules

log(`TierLens engine benchmark: ${fmt(N)} accounts in chunks of ${fmt(CHUNK)}, seed ${SEED}, asOf ${AS_OF}`);
log(
  `node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, heap limit ${fmt(getHeapStatistics().heap_size_limit / MB)} MB`,
);
log();

const validated = validateRuleSet(DEFAULT_PLAYBOOK);
if (!validated.ok) fail(`the default playbook does not validate: ${JSON.stringify(validated.issues)}`);
const rules = validated.value;
let t0 = performance.now();
const compiled: CompiledRules = compileRules(rules);
const compileMs = performance.now() - t0;
log(
  `compile     ${fmt(compileMs, 2)} ms (${rules.dimensions.length} dimensions, ${rules.dimensions.reduce((t, d) => t + d.tiers.length, 0)} tiers)`,
);

// ---------------------------------------------------------------- pass 1: population statistics

let generateMs = 0;
let orderCount = 0;
let interactionCount = 0;
let surveyCount = 0;
let chunkMb = 0;
let statsMs = 0;
let statsPeakMb = 0;
const builder = new PopulationStatsBuilder(compiled, AS_OF_MS);
for (let c = 0; c < CHUNKS; c++) {
  const before = c === 0 ? heapNow() : 0;
  t0 = performance.now();
  let accounts: AccountSnapshot[] | null = generateChunk(c);
  generateMs += performance.now() - t0;
  if (c === 0) {
    collect();
    chunkMb = (heapNow() - before) / MB;
    for (let i = 0; i < Math.min(accounts.length, 1000); i++) {
      const v = validateSnapshot(accounts[i]);
      if (!v.ok) fail(`synthetic account ${i} is not a valid snapshot: ${JSON.stringify(v.issues.slice(0, 3))}`);
    }
  }
  for (const s of accounts) {
    orderCount += s.orders?.length ?? 0;
    interactionCount += s.interactions?.length ?? 0;
    surveyCount += s.surveys?.length ?? 0;
  }
  const base = heapNow();
  t0 = performance.now();
  for (let i = 0; i < accounts.length; i++) builder.add(accounts[i] as AccountSnapshot);
  statsMs += performance.now() - t0;
  statsPeakMb = Math.max(statsPeakMb, (heapNow() - base) / MB);
  accounts = null;
}
t0 = performance.now();
const stats: PopulationStats = builder.finish();
statsMs += performance.now() - t0;
// The builder keeps one float64 per account per percentile metric (stats.ts), in a power-of-two array.
const statsColumns = builder.metrics.length;
const statsRetainedMb = (statsColumns * 2 ** Math.ceil(Math.log2(Math.max(N, 1024))) * 8) / MB;
const statsRate = (N / statsMs) * 1000;
const cuts365 = stats.metrics.won_amount_365d?.cuts ?? [];
log(
  `generate    ${fmt(generateMs)} ms (pass 1); per account ${fmt(orderCount / N, 1)} orders, ${fmt(interactionCount / N, 1)} interactions, ${fmt(surveyCount / N, 1)} surveys (mean); one chunk = ${fmt(chunkMb)} MB of heap; first 1,000 valid AccountSnapshots`,
);
log(
  `stats       computePopulationStats (its PopulationStatsBuilder add + finish, fed chunk by chunk): ${fmt(statsMs)} ms, ${fmt(statsRate)} accounts/s; ` +
    `${statsColumns} column(s) of float64 = ${fmt(statsRetainedMb, 1)} MB, heap peak +${fmt(statsPeakMb)} MB while adding; won_amount_365d p50 ${fmt(cuts365[50] ?? Number.NaN)}, p80 ${fmt(cuts365[80] ?? Number.NaN)}, p95 ${fmt(cuts365[95] ?? Number.NaN)}`,
);

// ---------------------------------------------------------------- contenders

const cuts = handwrittenCuts(stats);
const plan = planFacts(rules);
const jl = toJsonLogic(rules, stats);
const jre = toRulesEngine(rules, stats);
const catalogue = [...compiled.slots.keys()].filter((k) => METRIC_BY_NAME.has(k));
// For (c): the engine's own percentile thresholds for these statistics.
const thresholds: number[] = thresholdsFor(compiled, stats);
const dimIds = compiled.display.map((d) => d.id);
const D = dimIds.length;

/** The engine's slot array for one account, from the public computeMetrics, the compiled slot table and its accessors. */
function slotValuesOf(s: AccountSnapshot, m: Record<string, MetricValue>): MetricValue[] {
  const v: MetricValue[] = new Array(compiled.slotCount).fill(null);
  for (const name of catalogue) v[compiled.slots.get(name) as number] = m[name] ?? null;
  for (const a of compiled.accessors) {
    const src = a.kind === 'field' ? s.fields : a.kind === 'attr' ? s.attributes : s.flags;
    const x = src ? (src as Record<string, unknown>)[a.key] : undefined;
    v[a.slot] = x === undefined ? null : (x as MetricValue);
  }
  return v;
}

/** The facts json-logic-js and json-rules-engine read: the same metric values, keyed by accessor. */
function factsOf(v: MetricValue[]): Facts {
  const f: Facts = {};
  for (const name of plan.metrics) f[factKey(name)] = v[compiled.slots.get(name) as number] ?? null;
  for (const a of plan.accessors) f[a.key] = v[compiled.slots.get(a.accessor) as number] ?? null;
  for (const id of plan.order) f[factKey(`dim.${id}`)] = null;
  return f;
}

/** (c): the engine's own decide() over a precomputed slot array, plus decideTiers's output step: decideTiers minus computeValues. */
function decideOverValues(v: MetricValue[]): Record<string, string> {
  const chosen = decide(compiled, v, thresholds);
  const out: Record<string, string> = {};
  for (const d of compiled.display) out[d.id] = (d.tiers[chosen[d.index] as number] as (typeof d.tiers)[number]).id;
  return out;
}

// ---------------------------------------------------------------- pass 2: timed, chunk by chunk

interface Chunk {
  start: number;
  accounts: AccountSnapshot[];
  values: MetricValue[][];
  facts: Facts[];
  /** Positions (in the chunk) json-rules-engine classifies. */
  jreAt: number[];
  engine: Record<string, string>[];
  floor: HandwrittenTiers[];
  decision: Record<string, string>[];
  jre: Record<string, string>[];
}

interface Phase {
  name: string;
  label: string;
  /** Timed passes per chunk; the median counts. */
  passes: number;
  run: (ch: Chunk, k: number) => number | Promise<number>;
  async?: boolean;
  subset?: boolean;
  ms: number;
  accounts: number;
  peakMb: number;
}

let sink = 0;
const phaseDefs: Omit<Phase, 'ms' | 'accounts' | 'peakMb'>[] = [
  {
    name: 'engine_classify',
    label: '(a) TierLens classify, explanations, en: end to end',
    passes: 1,
    run: (ch, k) => {
      const c = classify(compiled, ch.accounts[k] as AccountSnapshot, { asOf: AS_OF_MS, stats, lang: 'en' });
      return c.dimensions.length + (c.dimensions[0]?.because.length ?? 0);
    },
  },
  {
    name: 'engine_tiers',
    label: '(b) TierLens decideTiers: end to end',
    passes: 1,
    run: (ch, k) => {
      const r = decideTiers(compiled, ch.accounts[k] as AccountSnapshot, AS_OF_MS, stats);
      ch.engine[k] = r;
      return 1;
    },
  },
  {
    name: 'engine_decision',
    label: '(c) TierLens decision over precomputed slots',
    passes: 3,
    run: (ch, k) => {
      ch.decision[k] = decideOverValues(ch.values[k] as MetricValue[]);
      return 1;
    },
  },
  {
    name: 'handwritten',
    label: '(d) hand-written floor: end to end',
    passes: 1,
    run: (ch, k) => {
      ch.floor[k] = handwrittenTiers(ch.accounts[k] as AccountSnapshot, AS_OF_MS, cuts);
      return 1;
    },
  },
  {
    name: 'json_logic',
    label: '(e) json-logic-js over precomputed facts',
    passes: 3,
    run: (ch, k) => {
      applyJsonLogic(jl, ch.facts[k] as Facts);
      return 1;
    },
  },
  {
    name: 'json_rules_engine',
    label: `(f) json-rules-engine over precomputed facts (${fmt(JRE_ACTUAL)}-account subset)`,
    passes: 1,
    async: true,
    subset: true,
    run: async (ch, k) => {
      ch.jre[k] = await runRulesEngine(jre, ch.facts[k] as Facts);
      return 1;
    },
  },
];
const phases: Phase[] = phaseDefs.map((p) => ({ ...p, ms: 0, accounts: 0, peakMb: 0 }));

const SAMPLE_EVERY = 1024;
async function timePhase(p: Phase, ch: Chunk): Promise<void> {
  const at: number[] = p.subset ? ch.jreAt : [];
  const count = p.subset ? at.length : ch.accounts.length;
  const times: number[] = [];
  collect();
  const base = heapNow();
  let peak = base;
  for (let pass = 0; pass < p.passes; pass++) {
    const start = performance.now();
    for (let j = 0; j < count; j++) {
      const k = p.subset ? (at[j] as number) : j;
      const r = p.run(ch, k);
      sink += p.async ? await r : (r as number);
      if (j % SAMPLE_EVERY === 0) peak = Math.max(peak, heapNow());
    }
    times.push(performance.now() - start);
  }
  peak = Math.max(peak, heapNow());
  times.sort((a, b) => a - b);
  p.ms += times[Math.floor(times.length / 2)] as number;
  p.accounts += count;
  p.peakMb = Math.max(p.peakMb, (peak - base) / MB);
}

function agree(name: string, ch: Chunk, k: number, got: (dim: string) => unknown): void {
  const want = ch.engine[k] as Record<string, string>;
  for (const id of dimIds) {
    const g = got(id);
    if (g !== want[id]) {
      const s = ch.accounts[k] as AccountSnapshot;
      fail(
        `${name} disagrees with the engine on account ${ch.start + k} (${s.id}), dimension ${id}: engine ${want[id]}, ${name} ${String(g)}\n` +
          `metrics: ${JSON.stringify(computeMetrics(s, AS_OF_MS, compiled.reported))}\nflags: ${JSON.stringify(s.flags ?? {})}`,
      );
    }
  }
}

let regenerateMs = 0;
let precomputeMs = 0;
let factsPeakMb = 0;
const agreed = { handwritten: 0, classify: 0, engineDecision: 0, jsonLogic: 0, jsonRulesEngine: 0 };
log();
log(`timing ${CHUNKS} chunks (warm-up on the first; a full GC before each timed section) ...`);
for (let c = 0; c < CHUNKS; c++) {
  t0 = performance.now();
  const accounts = generateChunk(c);
  regenerateMs += performance.now() - t0;
  collect();
  const before = heapNow();
  t0 = performance.now();
  const values: MetricValue[][] = new Array(accounts.length);
  const facts: Facts[] = new Array(accounts.length);
  for (let k = 0; k < accounts.length; k++) {
    const s = accounts[k] as AccountSnapshot;
    const v = slotValuesOf(s, computeMetrics(s, AS_OF_MS, catalogue));
    values[k] = v;
    facts[k] = factsOf(v);
  }
  precomputeMs += performance.now() - t0;
  factsPeakMb = Math.max(factsPeakMb, (heapNow() - before) / MB);
  const jreAt: number[] = [];
  for (let k = 0; k < accounts.length; k++) if ((chunkStart(c) + k) % STRIDE === 0) jreAt.push(k);
  const ch: Chunk = {
    start: chunkStart(c),
    accounts,
    values,
    facts,
    jreAt,
    engine: new Array(accounts.length),
    floor: new Array(accounts.length),
    decision: new Array(accounts.length),
    jre: new Array(accounts.length),
  };

  if (c === 0) {
    // Warm-up: every contender over the start of the first chunk, untimed.
    const warm = Math.min(accounts.length, 2000);
    for (const p of phases) {
      const n = p.subset ? Math.min(200, jreAt.length) : warm;
      for (let j = 0; j < n; j++) {
        const r = p.run(ch, p.subset ? (jreAt[j] as number) : j);
        sink += p.async ? await r : (r as number);
      }
    }
  }
  for (const p of phases) await timePhase(p, ch);

  // Agreement, untimed: every contender against the engine's decideTiers, on every account it classified.
  for (let k = 0; k < accounts.length; k++) {
    const floor = ch.floor[k] as HandwrittenTiers;
    agree('the hand-written floor', ch, k, (id) => floor[id as keyof HandwrittenTiers]);
    const decision = ch.decision[k] as Record<string, string>;
    agree('the engine decision over slots', ch, k, (id) => decision[id]);
    const f = ch.facts[k] as Facts;
    agree('json-logic-js', ch, k, (id) => f[factKey(`dim.${id}`)]);
  }
  for (const k of jreAt) {
    const r = ch.jre[k] as Record<string, string>;
    agree('json-rules-engine', ch, k, (id) => r[id]);
  }
  // classify's tiers on every 10th account (its results are not kept while timed).
  let classified = 0;
  for (let k = 0; k < accounts.length; k += 10) {
    const dims = classify(compiled, accounts[k] as AccountSnapshot, { asOf: AS_OF_MS, stats, lang: 'en' }).dimensions;
    agree('classify', ch, k, (id) => dims.find((d) => d.id === id)?.tier);
    classified++;
  }
  agreed.handwritten += accounts.length;
  agreed.engineDecision += accounts.length;
  agreed.jsonLogic += accounts.length;
  agreed.jsonRulesEngine += jreAt.length;
  agreed.classify += classified;
}
log(
  `agreement   with the engine's decideTiers, all ${D} dimensions: hand-written ${fmt(agreed.handwritten)}/${fmt(N)}, (c) ${fmt(agreed.engineDecision)}/${fmt(N)}, ` +
    `json-logic-js ${fmt(agreed.jsonLogic)}/${fmt(N)}, json-rules-engine ${fmt(agreed.jsonRulesEngine)}/${fmt(JRE_ACTUAL)}, classify ${fmt(agreed.classify)} sampled (every 10th): no mismatch`,
);
log(
  `facts       ${plan.metrics.length} catalogue metrics + ${plan.accessors.length} flags per account, precomputed by computeMetrics for (c), (e), (f), untimed: ` +
    `${fmt(precomputeMs)} ms (${fmt((N / precomputeMs) * 1000)} accounts/s), +${fmt(factsPeakMb)} MB per chunk`,
);

// ---------------------------------------------------------------- report

const by = (name: string) => phases.find((p) => p.name === name) as Phase;
const rate = (name: string) => (by(name).accounts / by(name).ms) * 1000;
log();
const header = ['phase', 'accounts', 'ms total', 'passes', 'accounts/s', 'µs/account', 'peak heap +MB'];
const rows = phases.map((p) => [
  p.label,
  fmt(p.accounts),
  fmt(p.ms),
  p.passes === 1 ? '1' : `median ${p.passes}`,
  fmt(rate(p.name)),
  fmt(1_000_000 / rate(p.name), 2),
  fmt(p.peakMb),
]);
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] as string).length)));
const line = (cells: string[]) =>
  cells.map((x, c) => (c === 0 ? x.padEnd(widths[c] as number) : x.padStart(widths[c] as number))).join('  ');
log(line(header));
log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) log(line(row));

interface Ratio {
  name: string;
  text: string;
  value: number;
  goal: string;
  pass: boolean | null;
}
const ratio = (name: string, text: string, value: number, goal: string, pass: boolean | null): Ratio => ({ name, text, value, goal, pass });
const rDecJre = rate('engine_decision') / rate('json_rules_engine');
const rE2eJre = rate('engine_tiers') / rate('json_rules_engine');
const rDecJl = rate('engine_decision') / rate('json_logic');
const rE2eJl = rate('engine_tiers') / rate('json_logic');
const rFloor = rate('handwritten') / rate('engine_tiers');
const rFloorClassify = rate('handwritten') / rate('engine_classify');
const ratios: Ratio[] = [
  ratio(
    'decision_vs_json_rules_engine',
    '(c) engine decision / (f) json-rules-engine, both over precomputed facts',
    rDecJre,
    '>= 100x',
    rDecJre >= 100,
  ),
  ratio('decision_vs_json_logic', '(c) engine decision / (e) json-logic-js, both over precomputed facts', rDecJl, '>= 3x', rDecJl >= 3),
  ratio('floor_vs_tiers_e2e', '(d) hand-written floor / (b) engine decideTiers, both end to end', rFloor, '<= 2x', rFloor <= 2),
  ratio(
    'tiers_e2e_vs_json_rules_engine',
    '(b) engine end to end / (f) json-rules-engine over precomputed facts',
    rE2eJre,
    '>= 100x',
    rE2eJre >= 100,
  ),
  ratio('tiers_e2e_vs_json_logic', '(b) engine end to end / (e) json-logic-js over precomputed facts', rE2eJl, '>= 3x', rE2eJl >= 3),
  ratio('floor_vs_classify', '(d) hand-written floor / (a) engine classify (which also explains)', rFloorClassify, 'info', null),
];
log();
log('ratios (accounts/s over accounts/s); the goals as issued are the first three, like for like');
const rw = Math.max(...ratios.map((r) => r.text.length));
ratios.forEach((r, i) => {
  if (i === 3) log('  stricter, not the goals: the engine also computes the metrics from raw snapshots, which the libraries get for free');
  const verdict = r.pass === null ? '' : r.pass ? 'PASS' : 'MISS';
  log(`  ${r.text.padEnd(rw)}  ${fmt(r.value, 2).padStart(8)}x  goal ${r.goal.padEnd(7)}  ${verdict}`);
});

const maxRssMb = process.resourceUsage().maxRSS / 1024;
log();
log(
  `memory      peak RSS ${fmt(maxRssMb)} MB (getrusage), peak heapUsed ${fmt(peakHeap / MB)} MB (sampled), of which one chunk of accounts ${fmt(chunkMb)} MB ` +
    `and its precomputed facts ${fmt(factsPeakMb)} MB; the statistics builder ${fmt(statsRetainedMb, 1)} MB`,
);
log(`notes       timed sections exclude generating accounts (pass 2 regenerated them in ${fmt(regenerateMs)} ms) and precomputing facts.`);
log(
  `            (f) classifies every ${fmt(STRIDE)}th account (${fmt(JRE_ACTUAL)} accounts; rates are per second). One Engine per dimension, one rule`,
);
log(
  '            per tier, priorities in tier order, engine.stop() at the first success, one Almanac per account shared by its dimensions.',
);
log('            (c) runs engine.ts decide() over the precomputed slot array, plus the output step of decideTiers');
log('            (= decideTiers minus computeValues).');
log(
  `            load average at the end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores (other work on the machine skews rates).`,
);
log(`            checksum ${sink}`);

const json = {
  bench: 'engine',
  accounts: N,
  chunk: CHUNK,
  seed: SEED,
  asOf: AS_OF,
  node: process.version,
  cpu: cpus()[0]?.model ?? null,
  loadavg: loadavg().map((x) => Math.round(x * 10) / 10),
  dataset: {
    ordersPerAccount: Math.round((orderCount / N) * 10) / 10,
    interactionsPerAccount: Math.round((interactionCount / N) * 10) / 10,
    surveysPerAccount: Math.round((surveyCount / N) * 10) / 10,
    chunkHeapMb: Math.round(chunkMb),
  },
  stats: {
    ms: Math.round(statsMs),
    accountsPerSecond: Math.round(statsRate),
    builderMb: Math.round(statsRetainedMb * 10) / 10,
    peakHeapMb: Math.round(statsPeakMb),
  },
  phases: Object.fromEntries(
    phases.map((p) => [
      p.name,
      {
        accounts: p.accounts,
        ms: Math.round(p.ms),
        passes: p.passes,
        accountsPerSecond: Math.round(rate(p.name)),
        peakHeapMb: Math.round(p.peakMb),
      },
    ]),
  ),
  ratios: Object.fromEntries(ratios.map((r) => [r.name, { value: Math.round(r.value * 100) / 100, goal: r.goal, pass: r.pass }])),
  agreement: agreed,
  memory: {
    peakRssMb: Math.round(maxRssMb),
    peakHeapMb: Math.round(peakHeap / MB),
    chunkMb: Math.round(chunkMb),
    factsMb: Math.round(factsPeakMb),
  },
};
log(JSON.stringify(json));
