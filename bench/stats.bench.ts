/**
 * `npm run bench:stats`: population statistics for a tenant of 1,000,000 accounts, streamed the
 * way the worker's recompute streams CRM pages: each account is built, added and dropped, so
 * only the builder's float64 columns stay. Prints the time, the builder's own memory and the
 * process's peak, against a reference in the same run: sorting the same number of floats.
 */
import { parseArgs } from 'node:util';
import { type AccountSnapshot, compileRules, DEFAULT_PLAYBOOK, PopulationStatsBuilder } from '../shared/index.ts';

const { values } = parseArgs({ options: { accounts: { type: 'string', default: '1000000' } } });
const N = Number(values.accounts);
const AS_OF = Date.parse('2026-11-23T00:00:00Z');
const DAY = 86_400_000;

let seed = 7;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

function account(i: number): AccountSnapshot {
  const orders = Array.from({ length: Math.floor(rand() * 8) }, (_, k) => ({
    id: `o${k}`,
    amount: Math.round(rand() ** 3 * 5_000_000),
    status: 'won' as const,
    closedAt: new Date(AS_OF - Math.floor(rand() * 900) * DAY).toISOString(),
  }));
  return { crm: 'bench', id: String(i), name: `Account ${i}`, orders };
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
const compiled = compileRules(DEFAULT_PLAYBOOK);
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const t0 = performance.now();
const builder = new PopulationStatsBuilder(compiled, AS_OF);
for (let i = 0; i < N; i++) {
  builder.add(account(i));
  if (i % 100_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const tAdd = performance.now() - t0;
const t1 = performance.now();
const stats = builder.finish();
const tFinish = performance.now() - t1;

// Reference in the same run: generating the same accounts without the builder, and sorting N floats.
seed = 7;
const r0 = performance.now();
for (let i = 0; i < N; i++) account(i);
const tGenerate = performance.now() - r0;
const floats = new Float64Array(N).map(() => rand());
const s0 = performance.now();
floats.sort();
const tSort = performance.now() - s0;

const columns = builder.metrics.length;
console.log(`population statistics over ${N.toLocaleString('en')} streamed accounts (default playbook: ${builder.metrics.join(', ')})`);
console.log(
  `  add (metrics + column push)   ${tAdd.toFixed(0)} ms   of which generating the accounts ${tGenerate.toFixed(0)} ms (reference)`,
);
console.log(
  `  finish (sort + 101 cut points) ${tFinish.toFixed(0)} ms   reference: sorting ${N.toLocaleString('en')} floats ${tSort.toFixed(0)} ms (ratio ${(tFinish / tSort).toFixed(2)}x)`,
);
console.log(
  `  builder columns               ${columns} x ${N.toLocaleString('en')} x 8 bytes = ${mb(columns * N * 8)} MB (up to 2x while a column doubles)`,
);
console.log(
  `  heap peak above start         ${mb(peakHeap - heapBefore)} MB; rss ${mb(process.memoryUsage().rss)} MB (a Worker isolate has 128 MB)`,
);
console.log(
  `  won_amount_365d p50 ${stats.metrics.won_amount_365d?.cuts[50]}, p80 ${stats.metrics.won_amount_365d?.cuts[80]}, p95 ${stats.metrics.won_amount_365d?.cuts[95]}`,
);
console.log(
  JSON.stringify({
    bench: 'stats',
    accounts: N,
    addMs: Math.round(tAdd),
    finishMs: Math.round(tFinish),
    sortRefMs: Math.round(tSort),
    builderMb: Number(mb(columns * N * 8)),
    heapPeakMb: Number(mb(peakHeap - heapBefore)),
  }),
);
