// The Zoho path end to end, as `npm run start:zoho` runs it: the simulator, the worker under
// `wrangler dev` with local KV, a tenant whose Zoho connector points at the simulator. Checks a
// classified account, the Zoho calls a cold and a warm list view cost, notification ->
// invalidation -> a fresh fetch, the last good classification served stale when Zoho fails, and
// the Zoho-like pages it serves for trying the extension (the extension build is skipped here).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../../e2e-worker/helpers.ts';

interface Ready {
  base: string;
  tenant: string;
  adminKey: string;
  readerKey: string;
  sim: string;
  featured: Record<string, string>;
  channel: { channelId: string; notifyUrl: string };
  /** An open deal of the VIP account. */
  openDeal: { id: string; account: string; amount: number };
  /** The Zoho-like CRM pages of the simulator's accounts. */
  pages: { origin: string; list: string; listEveryone: string; accounts: Record<string, string>; deal: string | null };
}

let child: ChildProcess;
let state: string;
let ready: Ready;
let output = '';

beforeAll(async () => {
  state = mkdtempSync(join(tmpdir(), 'tierlens-zoho-e2e-'));
  const [port, simPort, pagesPort] = [await freePort(), await freePort(), await freePort()];
  child = spawn(process.execPath, ['--no-warnings', join(ROOT, 'scripts/start-zoho.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      ZOHO_SIM_PORT: String(simPort),
      ZOHO_PAGES_PORT: String(pagesPort),
      ZOHO_SIM_ACCOUNTS: '300',
      TIERLENS_STATE_DIR: state,
      TIERLENS_SKIP_EXTENSION_BUILD: '1',
    },
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start:zoho did not get ready:\n${output.slice(-3000)}`)), 150_000);
    const check = () => {
      const m = /^ZOHO_READY (.*)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(JSON.parse(m[1] as string) as Ready);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:zoho exited with ${code}:\n${output.slice(-3000)}`));
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
async function api(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${ready.base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
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

async function zohoCalls(): Promise<Record<string, number>> {
  const s = await sim('/state');
  return Object.fromEntries(Object.entries(s.counters.calls as Record<string, number>).filter(([k]) => !k.includes('/oauth/')));
}

beforeEach(async () => {
  await sim('/reset', {});
});

/** Generated accounts have sequential ids from 4876876000000400001. */
const generated = (n: number) => Array.from({ length: n }, (_, i) => String(4876876000000400001n + BigInt(i)));

describe('npm run start:zoho', () => {
  it('prints the keys, sample accounts and curl lines', () => {
    for (const s of ['Admin key', 'Reader key', ready.featured.vip as string, 'curl -s', '/v1/accounts/zoho/']) expect(output).toContain(s);
    expect(ready.channel.notifyUrl).toBe(`${ready.base}/v1/webhooks/zoho?tenant=${ready.tenant}`);
  });

  it('classifies a Zoho account: 4 Zoho calls cold, none warm', async () => {
    const first = await api(`/v1/accounts/zoho/${ready.featured.vip}`);
    expect(first.status).toBe(200);
    expect(first.body.dimensions.find((d: { id: string }) => d.id === 'relationship').tier).toBe('vip');
    expect(first.body.cache.hit).toBe(false);
    expect(await zohoCalls()).toEqual({
      'GET /crm/v8/Accounts/{id}': 1,
      'GET /crm/v8/Accounts/{id}/Deals': 1,
      'GET /crm/v8/Accounts/{id}/Activities_History': 1,
      'GET /crm/v8/Accounts/{id}/Cases': 1,
    });
    const again = await api(`/v1/accounts/zoho/${ready.featured.vip}`);
    expect(again.body.cache.hit).toBe(true);
    expect(Object.values(await zohoCalls()).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('a 100-row list view: 6 Zoho calls cold, none warm', async () => {
    const ids = generated(100);
    const cold = await api('/v1/accounts/zoho/lookup', { body: { ids } });
    expect(cold.status).toBe(200);
    expect(Object.keys(cold.body.results).length).toBe(100);
    expect(await zohoCalls()).toEqual({ 'GET /crm/v8/Accounts': 1, 'POST /crm/v8/coql': 5 });
    await sim('/reset', {});
    const warm = await api('/v1/accounts/zoho/lookup', { body: { ids } });
    expect(Object.keys(warm.body.results).length).toBe(100);
    expect(await zohoCalls()).toEqual({});
  });

  it('a deal changed in Zoho: notification, invalidation, and the next fetch is fresh', async () => {
    const { id: dealId, account, amount } = ready.openDeal;
    const before = await api(`/v1/accounts/zoho/${account}`);
    await sim('/mutate', {
      op: 'update',
      module: 'Deals',
      id: dealId,
      values: { Stage: 'Closed Won', Closing_Date: new Date().toISOString().slice(0, 10) },
    });
    await sim('/notifications/flush', {});
    const deliveries = (await sim('/notifications')).deliveries.filter((d: { body: { ids: string[] } }) => d.body.ids.includes(dealId));
    expect(deliveries.map((d: { status: number }) => d.status)).toEqual([200]);
    await sim('/reset', {});
    const after = await api(`/v1/accounts/zoho/${account}`);
    expect(after.body.cache.hit).toBe(false);
    expect(after.body.metrics.won_amount_365d).toBe(before.body.metrics.won_amount_365d + amount);
    expect(Object.values(await zohoCalls()).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('Zoho failing after a change: the last good classification, marked stale', async () => {
    const account = ready.featured.loyal as string;
    await api(`/v1/accounts/zoho/${account}`);
    await sim('/mutate', { op: 'update', module: 'Accounts', id: account, values: { Employees: 4321 } });
    await sim('/notifications/flush', {});
    await sim('/faults', { failNext: { count: 20, status: 503 } });
    const served = await api(`/v1/accounts/zoho/${account}`);
    expect(served.status).toBe(200);
    expect(served.body.cache.stale).toBe(true);
    await sim('/reset', {});
    const fresh = await api(`/v1/accounts/zoho/${account}`);
    expect(fresh.body.cache).toMatchObject({ hit: false, stale: false });
  });

  it('a notification with the wrong token is refused and invalidates nothing', async () => {
    const res = await fetch(`${ready.base}/v1/webhooks/zoho?tenant=${ready.tenant}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        module: 'Accounts',
        ids: [ready.featured.vip],
        operation: 'update',
        channel_id: ready.channel.channelId,
        token: 'wrong',
      }),
    });
    expect(res.status).toBe(401);
    expect((await api(`/v1/accounts/zoho/${ready.featured.vip}`)).body.cache.hit).toBe(true);
  });

  it('serves Zoho-like pages of the simulator accounts, whose ids the worker classifies', async () => {
    const id = ready.featured.strategic as string;
    const url = ready.pages.accounts.strategic as string;
    expect(url).toBe(`${ready.pages.origin}/crm/org123456/tab/Accounts/${id}`);
    const record = await sim(`/records/Accounts/${id}`);
    const esc = (v: string) =>
      v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<span id="recHeader1" class="cxDvRecordHeader1">${esc(record.Account_Name)}</span>`);
    const list = await (await fetch(ready.pages.list)).text();
    for (const featured of Object.values(ready.featured)) expect(list).toContain(`id="listView_${featured}"`);
    expect(await (await fetch(ready.pages.deal as string)).text()).toContain(`/tab/Accounts/${ready.featured.vip}"`);
    const classified = await api(`/v1/accounts/zoho/${id}`);
    expect(classified.status).toBe(200);
    expect(classified.body.headline).toBeTruthy();
    for (const s of ['Load unpacked', 'CRM sites', ready.pages.origin, ready.pages.list]) expect(output).toContain(s);
  });

  it('the admin check reports the org; a reader may not run it', async () => {
    const ok = await api('/v1/connectors/zoho/check', { method: 'POST', key: ready.adminKey });
    expect(ok.body).toMatchObject({ crm: 'zoho', ok: true, details: { org: { name: 'TierLens Sim Org' } } });
    const denied = await api('/v1/connectors/zoho/check', { method: 'POST' });
    expect(denied.status).toBe(403);
  });
});
