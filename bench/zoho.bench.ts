/**
 * `npm run bench:zoho`: what the Zoho connector costs in API calls, credits and time, counted by
 * the simulator, with 80 ms of simulated latency on every Zoho answer.
 *
 * A. The connector alone (in process): one account, a 100-row list, a 200-row list, and the
 *    100-row list with three interaction modules instead of four.
 * B. Through the worker as `npm run start:zoho` runs it (wrangler dev, local KV): one account and
 *    a 100-row list, cold (nothing cached) and warm (cached classifications).
 *
 * Goals: a list view costs at most 0.05 Zoho calls per account cold and none warm.
 * Prints the figures, PASS/MISS per goal and a final JSON line; exits 1 only when it could not run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectorFor, ctx, resetMemory, simSettings } from '../test/zoho-connector/helpers.ts';
import { startZohoSim, type ZohoSim } from '../test/zoho-sim/index.ts';

const LATENCY_MS = 80;
const GOAL_LIST_COLD = 0.05;
const ROOT = new URL('..', import.meta.url).pathname;
const generated = (n: number) => Array.from({ length: n }, (_, i) => String(4876876000000400001n + BigInt(i)));

interface Row {
  scenario: string;
  accounts: number;
  calls: number;
  credits: number;
  ms: number;
}
const rows: Row[] = [];
const verdicts: { goal: string; ok: boolean; detail: string }[] = [];

function print(): void {
  const head = ['scenario', 'accounts', 'calls', 'calls/account', 'credits', 'credits/account', `ms (${LATENCY_MS} ms latency)`];
  const body = rows.map((r) => [
    r.scenario,
    String(r.accounts),
    String(r.calls),
    (r.calls / r.accounts).toFixed(3),
    String(r.credits),
    (r.credits / r.accounts).toFixed(3),
    r.ms.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  console.log(line(head));
  for (const b of body) console.log(line(b));
}

const apiTotals = (sim: { control: { counters(): { calls: Record<string, number>; creditsUsed: number } } }) => {
  const c = sim.control.counters();
  const calls = Object.entries(c.calls)
    .filter(([k]) => !k.includes('/oauth/'))
    .reduce((n, [, v]) => n + v, 0);
  return { calls, credits: c.creditsUsed };
};

// ---------------------------------------------------------------- A. the connector alone

async function connectorAlone(sim: ZohoSim): Promise<void> {
  const measure = async (scenario: string, accounts: number, run: () => Promise<unknown>) => {
    sim.control.resetCounters();
    const t = performance.now();
    await run();
    const ms = performance.now() - t;
    rows.push({ scenario, accounts, ...apiTotals(sim), ms });
  };
  const fresh = (settings?: Record<string, unknown>) => {
    resetMemory();
    const { connector } = connectorFor(sim, settings ? { settings } : {});
    return connector;
  };
  sim.control.setLatency(LATENCY_MS);
  // Token minting is measured apart: the worker keeps the token in KV for an hour.
  const warmToken = async (c: ReturnType<typeof fresh>) => {
    await c.tokens.get();
    return c;
  };
  let c = await warmToken(fresh());
  await measure('A connector: one account', 1, () => c.getAccount(sim.featured.vip, ctx()));
  c = await warmToken(fresh());
  await measure('A connector: 100-row list', 100, () => c.getAccounts(generated(100), ctx()));
  c = await warmToken(fresh());
  await measure('A connector: 200-row list', 200, () => c.getAccounts(generated(200), ctx()));
  c = await warmToken(fresh(simSettings(sim, { interactionModules: ['Calls', 'Events', 'Cases'] })));
  await measure('A connector: 100-row list, 3 modules', 100, () => c.getAccounts(generated(100), ctx()));
  c = fresh();
  await measure('A connector: token mint', 1, () => c.tokens.get());
  sim.control.setLatency(0);
}

// ---------------------------------------------------------------- B. through the worker

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function throughWorker(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'tierlens-zoho-bench-'));
  const [port, simPort] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', join(ROOT, 'scripts/start-zoho.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), ZOHO_SIM_PORT: String(simPort), ZOHO_SIM_ACCOUNTS: '400', TIERLENS_STATE_DIR: state },
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  try {
    const ready = await new Promise<{ base: string; readerKey: string; sim: string; featured: Record<string, string> }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('start:zoho did not get ready in 150 s')), 150_000);
        child.stdout?.on('data', () => {
          const m = /^ZOHO_READY (.*)$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(JSON.parse(m[1] as string));
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`start:zoho exited with ${code}: ${out.slice(-1500)}`));
        });
      },
    );
    const control = async (path: string, body?: unknown) =>
      (
        await fetch(`${ready.sim}/__sim${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      ).json();
    const counters = async () => {
      const s = (await control('/state')) as { counters: { calls: Record<string, number>; creditsUsed: number } };
      return apiTotals({ control: { counters: () => s.counters } });
    };
    const api = async (path: string, body?: unknown) => {
      const res = await fetch(`${ready.base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${ready.readerKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res.json();
    };
    await control('/faults', { latencyMs: LATENCY_MS });
    const measure = async (scenario: string, accounts: number, run: () => Promise<unknown>) => {
      await control('/reset', { faults: false });
      const t = performance.now();
      await run();
      const ms = performance.now() - t;
      rows.push({ scenario, accounts, ...(await counters()), ms });
      return rows.at(-1) as Row;
    };
    const one = ready.featured.strategic as string;
    const oneCold = await measure('B worker: one account, cold', 1, () => api(`/v1/accounts/zoho/${one}`));
    const oneWarm = await measure('B worker: one account, warm', 1, () => api(`/v1/accounts/zoho/${one}`));
    const ids = generated(100);
    const listCold = await measure('B worker: 100-row list, cold', 100, () => api('/v1/accounts/zoho/lookup', { ids }));
    const listWarm = await measure('B worker: 100-row list, warm', 100, () => api('/v1/accounts/zoho/lookup', { ids }));
    verdicts.push(
      {
        goal: `list view cold <= ${GOAL_LIST_COLD} calls/account`,
        ok: listCold.calls / 100 <= GOAL_LIST_COLD,
        detail: `${(listCold.calls / 100).toFixed(3)} (${listCold.calls} calls for 100 rows)`,
      },
      { goal: 'list view warm: no calls', ok: listWarm.calls === 0, detail: `${listWarm.calls} calls` },
      { goal: 'one account warm: no calls', ok: oneWarm.calls === 0, detail: `${oneWarm.calls} calls` },
      { goal: 'one account cold: the API minimum (4)', ok: oneCold.calls <= 4, detail: `${oneCold.calls} calls` },
    );
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    rmSync(state, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- run

const sim = await startZohoSim({ accounts: 400 });
try {
  await connectorAlone(sim);
} finally {
  await sim.close();
}
let workerError: string | null = null;
try {
  await throughWorker();
} catch (e) {
  workerError = e instanceof Error ? e.message : String(e);
}

console.log(
  `Zoho connector against the simulator, ${LATENCY_MS} ms latency per Zoho answer (calls and credits counted by the simulator)\n`,
);
print();
const three = rows.find((r) => r.scenario.includes('3 modules'));
const two100 = rows.find((r) => r.scenario.includes('200-row'));
console.log(
  `\nA list costs one call per module whatever its size up to 500 rows: ${two100 ? (two100.calls / two100.accounts).toFixed(3) : '?'} calls/account at 200 rows; ` +
    `${three ? (three.calls / three.accounts).toFixed(3) : '?'} at 100 rows with interactionModules [Calls, Events, Cases].`,
);
if (workerError) {
  console.log(`\nB (through the worker) did not run: ${workerError}`);
  verdicts.push({ goal: 'B through the worker', ok: false, detail: 'did not run' });
}
console.log('');
for (const v of verdicts) console.log(`${v.ok ? 'PASS' : 'MISS'}  ${v.goal}: ${v.detail}`);
console.log(JSON.stringify({ bench: 'zoho', latencyMs: LATENCY_MS, rows, verdicts }));
// A MISS is a finding, not a crash: only a bench that could not run fails the command.
process.exitCode = workerError ? 1 : 0;
