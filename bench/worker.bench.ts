/**
 * npm run bench:worker [-- --duration 30] [--connections 50] [--batch-runs 5]
 *
 * The worker under `wrangler dev` on loopback (as `npm start` runs it, with a temporary state
 * directory and the rate limit lifted), measured with autocannon:
 *   1. GET /health (no auth, no KV) and GET /v1/accounts/demo/:id with a warm cache, each for
 *      `duration` seconds at `connections` connections, alternating twice so drift hits both.
 *      Goal: the cached route at most 1.3x /health at p50 and at p99.
 *   2. POST /v1/classify/batch with 1,000 demo accounts: wall time per request (client side,
 *      so it includes sending ~1-2 MB of JSON, parsing and validating it, classifying and
 *      serialising), and the engine's own CPU per account measured in this Node process on the
 *      same accounts (workerd under wrangler dev exposes no per-request CPU time; Workers in
 *      production report it as cpuTime in Workers Logs / tail).
 * Only loopback traffic. Prints a table, PASS/MISS, and a final JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { classify, compileRules, DEFAULT_PLAYBOOK } from '../shared/index.ts';
import { DEMO_FEATURED, generateDemoAccounts } from '../worker/connectors/demo/data.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    'batch-runs': { type: 'string', default: '5' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const batchRuns = Number(values['batch-runs']);
const root = new URL('..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function start(): Promise<{ base: string; child: ChildProcess; state: string }> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'tierlens-bench-'));
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/start.mjs'), '--', '--var', 'RATE_LIMIT_PER_MINUTE:1000000000', '--log-level', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), TIERLENS_STATE_DIR: state },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready:\n${out.slice(-2000)}`)), 90_000);
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes(`READY ${base}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d) => (out += d));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${out.slice(-2000)}`)));
  });
  return { base, child, state };
}

const reader = { authorization: 'Bearer demo-reader' };
const ms = (x: number) => x.toFixed(2).padStart(8);

async function main() {
  const { base, child, state } = await start();
  try {
    const accountUrl = `${base}/v1/accounts/demo/${DEMO_FEATURED.vip}`;
    for (let i = 0; i < 50; i++) {
      const res = await fetch(accountUrl, { headers: reader });
      if (res.status !== 200) throw new Error(`warm-up: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const check = await (await fetch(accountUrl, { headers: reader })).json();
    if (!check.cache?.hit) throw new Error('the account route is not served from the cache after warm-up');

    const runs: Record<'health' | 'account', Result[]> = { health: [], account: [] };
    const half = Math.max(1, Math.round(duration / 2));
    for (let round = 0; round < 2; round++) {
      runs.health.push(await autocannon({ url: `${base}/health`, connections, duration: half }));
      runs.account.push(await autocannon({ url: accountUrl, connections, duration: half, headers: reader }));
    }
    const summary = (rs: Result[]) => ({
      p50: rs.reduce((s, r) => s + r.latency.p50, 0) / rs.length,
      p99: rs.reduce((s, r) => s + r.latency.p99, 0) / rs.length,
      rps: rs.reduce((s, r) => s + r.requests.average, 0) / rs.length,
      errors: rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    });
    const health = summary(runs.health);
    const account = summary(runs.account);
    const p50Ratio = account.p50 / Math.max(health.p50, 0.001);
    const p99Ratio = account.p99 / Math.max(health.p99, 0.001);

    // Batch: 1,000 demo accounts (the demo has 300: they repeat under new ids), each trimmed to
    // its latest records so the body fits the 1 MB request limit.
    const now = Date.now();
    const demo = generateDemoAccounts(Math.floor(now / 86_400_000) * 86_400_000);
    let keep = 12;
    let accounts: typeof demo;
    let body: string;
    do {
      const k = keep;
      accounts = Array.from({ length: 1000 }, (_, i) => {
        const a = demo[i % demo.length] as (typeof demo)[number];
        return {
          ...a,
          id: `bench-${i}`,
          orders: a.orders?.slice(-k),
          interactions: a.interactions?.slice(-k),
          surveys: a.surveys?.slice(-2),
          fields: undefined,
        };
      });
      body = JSON.stringify({ accounts, asOf: new Date(now).toISOString() });
      keep--;
    } while (body.length > 1_000_000 && keep > 1);
    const walls: number[] = [];
    for (let i = 0; i < batchRuns + 1; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/classify/batch`, {
        method: 'POST',
        headers: { ...reader, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      const t1 = performance.now();
      if (res.status !== 200) throw new Error(`batch: ${res.status} ${text.slice(0, 300)}`);
      if (i > 0) walls.push(t1 - t0); // the first run warms the isolate
    }
    walls.sort((a, b) => a - b);
    const wallMedian = walls[Math.floor(walls.length / 2)] as number;
    const compiled = compileRules(DEFAULT_PLAYBOOK);
    for (const a of accounts.slice(0, 200)) classify(compiled, a, { asOf: now });
    const c0 = process.cpuUsage();
    for (let r = 0; r < 5; r++) for (const a of accounts) classify(compiled, a, { asOf: now });
    const c1 = process.cpuUsage(c0);
    const engineCpuPerAccount = (c1.user + c1.system) / 1000 / 5 / accounts.length;

    console.log(
      `\nworker benchmark: ${connections} connections, ${duration} s per route (two alternating halves), wrangler dev on loopback\n`,
    );
    console.log('route                               p50 ms   p99 ms      req/s   errors');
    console.log(
      `GET /health                       ${ms(health.p50)} ${ms(health.p99)} ${health.rps.toFixed(0).padStart(10)} ${String(health.errors).padStart(8)}`,
    );
    console.log(
      `GET /v1/accounts/demo/:id cached  ${ms(account.p50)} ${ms(account.p99)} ${account.rps.toFixed(0).padStart(10)} ${String(account.errors).padStart(8)}`,
    );
    console.log(`\ncached / health  p50 ${p50Ratio.toFixed(2)}x  ${p50Ratio <= 1.3 ? 'PASS' : 'MISS'} (goal <= 1.3x)`);
    console.log(`cached / health  p99 ${p99Ratio.toFixed(2)}x  ${p99Ratio <= 1.3 ? 'PASS' : 'MISS'} (goal <= 1.3x)`);
    console.log(
      `\nPOST /v1/classify/batch, 1,000 accounts (${(body.length / 1024).toFixed(0)} KiB, up to ${keep + 1} orders and interactions each): median wall ${wallMedian.toFixed(1)} ms over ${walls.length} runs = ${(wallMedian / 1000).toFixed(3)} ms per account`,
    );
    console.log(`engine CPU alone (Node, same accounts, with explanations): ${engineCpuPerAccount.toFixed(3)} ms per account`);
    console.log(
      JSON.stringify({
        health,
        account,
        p50Ratio,
        p99Ratio,
        pass: p50Ratio <= 1.3 && p99Ratio <= 1.3,
        batch: { accounts: 1000, wallMs: wallMedian, wallMsPerAccount: wallMedian / 1000, engineCpuMsPerAccount: engineCpuPerAccount },
      }),
    );
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(state, { recursive: true, force: true });
  }
}

await main();
