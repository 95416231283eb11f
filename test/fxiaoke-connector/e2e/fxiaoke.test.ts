// The Fxiaoke path end to end, as `npm run start:fxiaoke` runs it: the simulator, the worker under
// `wrangler dev` with local KV, a tenant whose Fxiaoke connector points at the simulator. Checks a
// classified customer (GET /v1/accounts/fxiaoke/:id), the calls a cold and a warm request cost,
// a list view, and change -> cron poll -> invalidation -> a fresh fetch.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../../e2e-worker/helpers.ts';

interface Ready {
  base: string;
  tenant: string;
  adminKey: string;
  readerKey: string;
  sim: string;
  featured: Record<string, string>;
  pollCron: string;
}

let child: ChildProcess;
let state: string;
let ready: Ready;
let output = '';

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'tierlens-fxiaoke-e2e-'));
  const [port, simPort] = [await freePort(), await freePort()];
  child = spawn(process.execPath, ['--no-warnings', join(ROOT, 'scripts/start-fxiaoke.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), FXIAOKE_SIM_PORT: String(simPort), FXIAOKE_SIM_ACCOUNTS: '300', TIERLENS_STATE_DIR: state },
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start:fxiaoke did not get ready:\n${output.slice(-3000)}`)), 150_000);
    const check = () => {
      const m = /^FXIAOKE_READY (.*)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1] as string) as Ready);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:fxiaoke exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  if (state) rmSync(state, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely; a wrong field fails the assertion
async function api(path: string, init: { body?: unknown; key?: string } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${ready.base}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${init.key ?? ready.readerKey}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
}

// biome-ignore lint/suspicious/noExplicitAny: the simulator's control API
async function sim(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${ready.sim}/__sim${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

const businessCalls = async () => {
  const { counters } = await sim('/state');
  return counters.apiCalls as number;
};
const tier = (cls: { dimensions: { id: string; tier: string }[] }, dim: string) => cls.dimensions.find((d) => d.id === dim)?.tier;

describe('npm run start:fxiaoke', () => {
  it('classifies a simulated customer through GET /v1/accounts/fxiaoke/:id, then serves it from the cache', async () => {
    await sim('/reset', { faults: true, counters: true, windows: false });
    const vip = ready.featured.vip as string;
    const cold = await api(`/v1/accounts/fxiaoke/${vip}`);
    expect(cold.status).toBe(200);
    expect(cold.body).toMatchObject({ crm: 'fxiaoke', accountId: vip, headline: 'relationship', cache: { hit: false } });
    expect(tier(cold.body, 'relationship')).toBe('vip');
    expect(cold.body.metrics.won_amount_365d).toBeGreaterThanOrEqual(5_000_000);
    const record = await sim(`/records/AccountObj/${vip}`);
    expect(cold.body.name).toBe(record.name);
    // One AccountObj query and one per related object (labels and token were fetched at start).
    expect(await businessCalls()).toBe(6);
    const warm = await api(`/v1/accounts/fxiaoke/${vip}`);
    expect(warm.body.cache.hit).toBe(true);
    expect(await businessCalls()).toBe(6);
  });

  it('classifies a list view with one batched fetch', async () => {
    await sim('/reset', { faults: true, counters: true, windows: false });
    const ids = Object.values(ready.featured).filter((id) => id !== ready.featured.vip);
    const r = await api('/v1/accounts/fxiaoke/lookup', { body: { ids } });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).toContain(ready.featured.strategic as string);
    expect(await businessCalls()).toBe(6);
  });

  it('picks up a change in the CRM through the cron poll: the customer is invalidated and refetched', async () => {
    const id = ready.featured.dormant as string;
    const before = await api(`/v1/accounts/fxiaoke/${id}`);
    expect(tier(before.body, 'relationship')).toBe('dormant');
    expect((await api(`/v1/accounts/fxiaoke/${id}`)).body.cache.hit).toBe(true);
    await sim('/mutate', {
      op: 'insert',
      object: 'SalesOrderObj',
      values: { account_id: id, order_amount: 50_000, order_time: Date.now() - 86_400_000 },
    });
    // The poll reads changes at least two minutes old: run the trigger as if three minutes later.
    const res = await fetch(
      `${ready.base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(ready.pollCron)}&time=${Date.now() + 180_000}`,
    );
    expect(res.status).toBe(200);
    const after = await api(`/v1/accounts/fxiaoke/${id}`);
    expect(after.body.cache.hit).toBe(false);
    expect(after.body.metrics.won_count_total).toBe(before.body.metrics.won_count_total + 1);
    expect(tier(after.body, 'relationship')).not.toBe('dormant');
  });
});
