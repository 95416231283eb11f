// Fault injection and counters, in process and over HTTP (`/__sim/*`), for connector tests.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZohoSim } from '../zoho-sim/index.ts';
import { accessToken, call, client, refresh, start } from './helpers.ts';

let sim: ZohoSim;
let api: ReturnType<typeof client>;
const LIST = '/Accounts?fields=Account_Name&per_page=1';

beforeAll(async () => {
  sim = await start();
  api = client(sim, await accessToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.resetFaults();
  sim.control.resetCounters();
});

describe('faults', () => {
  it('adds latency', async () => {
    sim.control.setLatency(120);
    const t0 = performance.now();
    expect((await api.get(LIST)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
  });

  it('fails the next N calls with 500 (JSON envelope), 502 and 503 (gateway pages)', async () => {
    sim.control.failNext(1, 500);
    sim.control.failNext(1, 502);
    sim.control.failNext(1, 503);
    const [a, b, c, d] = [await api.get(LIST), await api.get(LIST), await api.get(LIST), await api.get(LIST)];
    expect([a?.status, a?.json]).toEqual([500, { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' }]);
    expect([b?.status, b?.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(c?.status).toBe(503);
    expect(d?.status).toBe(200);
    expect(sim.control.counters().faultsInjected).toBe(3);
  });

  it('targets one endpoint with match', async () => {
    sim.control.failNext(2, 503, { match: 'POST /crm/v8/coql' });
    expect((await api.get(LIST)).status).toBe(200);
    expect((await api.coql('select id from Accounts where id is not null limit 1')).status).toBe(503);
    expect((await api.coql('select id from Accounts where id is not null limit 1')).status).toBe(503);
    expect((await api.coql('select id from Accounts where id is not null limit 1')).status).toBe(200);
  });

  it('draws errors at a rate, reproducibly', async () => {
    sim.control.setErrorRates({ 503: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await api.get(LIST)).status);
    const failures = statuses.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it('hangs until the client gives up', async () => {
    sim.control.hangNext(1);
    const t0 = performance.now();
    await expect(
      fetch(`${sim.url}/crm/v8${LIST}`, {
        headers: { authorization: `Zoho-oauthtoken ${await accessToken(sim)}` },
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect((await api.get(LIST)).status).toBe(200);
  });

  it('sends a truncated JSON body with status 200', async () => {
    sim.control.malformedNext(1);
    const r = await api.get(LIST);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('throttles the next N calls with 429', async () => {
    sim.control.throttleNext(2);
    expect([(await api.get(LIST)).status, (await api.get(LIST)).status, (await api.get(LIST)).status]).toEqual([429, 429, 200]);
    expect(sim.control.counters().rejected.throttled).toBe(2);
  });

  it('answers 2xx with per-record errors for chosen records', async () => {
    sim.control.failRecords([sim.featured.key], 'RECORD_LOCKED');
    const r = await api.send('PUT', '/Accounts', {
      data: [
        { id: sim.featured.vip, Customer_Tier: 'vip' },
        { id: sim.featured.key, Customer_Tier: 'key' },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.json.data.map((d: { code: string }) => d.code)).toEqual(['SUCCESS', 'RECORD_LOCKED']);
  });

  it('faults the token endpoint only when matched', async () => {
    sim.control.failNext(1, 500, { match: 'POST /oauth/v2/token' });
    expect((await api.get(LIST)).status).toBe(200);
    expect((await refresh(sim)).status).toBe(500);
    expect((await refresh(sim)).status).toBe(200);
  });
});

describe('counters', () => {
  it('counts calls by endpoint, credits and token mints exactly', async () => {
    await accessToken(sim);
    await api.get(LIST);
    await api.get(LIST);
    await api.get(`/Accounts/${sim.featured.vip}`);
    await api.get(`/Accounts/${sim.featured.vip}/Deals?fields=Deal_Name`);
    await api.coql('select id from Accounts where id is not null limit 500');
    await api.get('/Nope?fields=x');
    const c = sim.control.counters();
    expect(c.calls).toEqual({
      'POST /oauth/v2/token': 1,
      'GET /crm/v8/Accounts': 2,
      'GET /crm/v8/Accounts/{id}': 1,
      'GET /crm/v8/Accounts/{id}/Deals': 1,
      'POST /crm/v8/coql': 1,
      'GET /crm/v8/Nope': 1,
    });
    expect(c.apiCalls).toBe(6);
    expect(c.tokenMints).toBe(1);
    expect(c.creditsUsed).toBe(1 + 1 + 1 + 1 + 2);
    expect(c.statuses).toEqual({ '200': 6, '400': 1 });
  });
});

describe('HTTP control API', () => {
  it('flips faults and reads counters over /__sim', async () => {
    const post = (path: string, body: unknown) => call(`${sim.baseUrl}/__sim${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('/faults', { failNext: { count: 1, status: 503, match: '/Accounts/' } })).status).toBe(200);
    expect((await api.get(LIST)).status).toBe(503);
    await post('/faults', { throttleNext: { count: 1 } });
    expect((await api.get(LIST)).status).toBe(429);
    const state = await call(`${sim.baseUrl}/__sim/state`);
    expect(state.json.counters.calls['GET /crm/v8/Accounts']).toBe(2);
    expect(state.json.credentials.refreshToken).toBe(sim.credentials.refreshToken);
    await post('/tokens/expire', {});
    expect((await api.get(LIST)).status).toBe(401);
    api = client(sim, await accessToken(sim));
    const before = state.json.now;
    expect((await post('/clock', { advanceMs: 60_000 })).json.now).toBe(before + 60_000);
    await post('/credits', { budget: 10, used: 10 });
    expect((await api.get(LIST)).status).toBe(429);
    await post('/credits', { budget: 60_000, used: 0 });
    await post('/reset', {});
    expect((await call(`${sim.baseUrl}/__sim/state`)).json.counters.apiCalls).toBe(0);
    expect((await call(`${sim.baseUrl}/__sim/records/Accounts/${sim.featured.vip}`)).json.Account_Name).toBe('Zylker Corp');
    expect((await call(`${sim.baseUrl}/__sim/nope`)).status).toBe(404);
  });
});
