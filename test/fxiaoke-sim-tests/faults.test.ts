// Fault injection and the HTTP control API: errorCodes with HTTP 200 (fxiaoke.md §2, §4),
// hangs, truncated JSON, a proxy's 502 page, latency, token expiry; /__sim/* for other processes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FxiaokeSim } from '../fxiaoke-sim/index.ts';
import { accessToken, call, client, f, type Json, start, tokenRequest } from './helpers.ts';

let sim: FxiaokeSim;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  sim = await start({ accounts: 200, rateLimit: { limit: 10_000 } });
  api = client(sim, await accessToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.resetFaults();
  sim.control.resetWindows();
  sim.control.resetCounters();
});

const q = () => api.query('AccountObj', { limit: 1 });

describe('errorCode faults', () => {
  it.each([
    [-1, '系统繁忙'],
    [-2, '系统错误'],
    [50009, '服务异常，如超时'],
  ])('answers %i with HTTP 200 and the doc table’s message', async (code, message) => {
    sim.control.failNext(1, code);
    const r = await q();
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ errorCode: code, errorMessage: message });
    expect((await q()).json.errorCode).toBe(0);
    expect(sim.control.counters()).toMatchObject({ faultsInjected: 1, errorCodes: { [String(code)]: 1 } });
  });

  it('hits only matching endpoints', async () => {
    sim.control.failNext(1, -1, { match: 'POST /cgi/crm/v2/object/list' });
    expect((await q()).json.errorCode).toBe(0);
    expect((await api.post('/cgi/crm/v2/object/list', {})).json.errorCode).toBe(-1);
    sim.control.failNext(1, 14001, { match: /oauth2/ });
    expect((await tokenRequest(sim)).json.errorCode).toBe(14001);
  });

  it('draws rates from a seeded PRNG', async () => {
    sim.control.setErrorRates({ '-1': 0.5 });
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await q()).json.errorCode);
    expect(codes.filter((c) => c === -1).length).toBeGreaterThan(5);
    expect(codes.filter((c) => c === 0).length).toBeGreaterThan(5);
  });
});

describe('transport faults', () => {
  it('hangs until the client gives up', async () => {
    sim.control.hangNext(1);
    const token = await accessToken(sim);
    const headers = { authorization: `Bearer ${token}`, 'x-fs-ea': sim.credentials.ea, 'x-fs-userid': '1000' };
    const body = JSON.stringify({ data: { dataObjectApiName: 'AccountObj', search_query_info: { limit: 1, offset: 0 } } });
    await expect(
      fetch(`${sim.url}/cgi/crm/v2/data/query`, { method: 'POST', headers, body, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(sim.control.counters().faultsInjected).toBe(1);
    expect((await q()).json.errorCode).toBe(0);
  });

  it('truncates the JSON body (HTTP 200)', async () => {
    sim.control.malformedNext(1);
    const r = await q();
    expect(r.status).toBe(200);
    expect(r.json).toBeUndefined();
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('answers 502 with an HTML page (a proxy in front of the gateway: guess)', async () => {
    sim.control.gatewayErrorNext(1);
    const r = await q();
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toContain('text/html');
  });

  it('delays answers', async () => {
    sim.control.setLatency(120);
    const t0 = Date.now();
    await q();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });
});

describe('HTTP control API', () => {
  it('reports state, credentials and featured ids', async () => {
    const r = await call(`${sim.url}/__sim/state`);
    expect(r.json.credentials).toMatchObject({ appId: sim.credentials.appId, ea: sim.credentials.ea, baseUrl: sim.url });
    expect(r.json.featured.vip).toBe(sim.featured.vip);
    expect(r.json.limits).toMatchObject({ limit: 10_000, windowMs: 20_000, tokenCallsPerMinute: 10 });
  });

  it('queues faults, moves the clock, expires tokens, sets limits', async () => {
    const ctl = (path: string, body: unknown) => call(`${sim.url}/__sim/${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await ctl('faults', { failNext: { count: 1, code: 50009, match: '/data\\/query/' } })).json.ok).toBe(true);
    expect((await q()).json.errorCode).toBe(50009);
    const before = sim.control.now();
    expect((await ctl('clock', { advanceMs: 5_000 })).json.now).toBe(before + 5_000);
    await ctl('tokens/expire', { code: 20005 });
    expect((await q()).json.errorCode).toBe(20005);
    api = client(sim, await accessToken(sim));
    await ctl('reset', { faults: false, counters: false });
    await ctl('limits', { limit: 1 });
    expect((await q()).json.errorCode).toBe(0);
    expect((await q()).json.errorCode).toBe(14001);
    await ctl('limits', { limit: 10_000, dailyBudget: 100_000 });
    await ctl('reset', {});
    expect((await q()).json.errorCode).toBe(0);
    const requests = (await call(`${sim.url}/__sim/requests`)).json.requests as Json[];
    expect(requests.at(-1)).toMatchObject({ key: 'POST /cgi/crm/v2/data/query', generation: 'new', userId: '1000', errorCode: 0 });
  });

  it('mutates records, stamping last_modified_time from the clock', async () => {
    const at = sim.control.now();
    const r = await call(`${sim.url}/__sim/mutate`, {
      method: 'POST',
      body: JSON.stringify({ op: 'update', object: 'AccountObj', id: sim.featured.standard, values: { field_nps__c: 10 } }),
    });
    expect(r.json.record).toMatchObject({ _id: sim.featured.standard, field_nps__c: 10, last_modified_time: at });
    const changed = await api.query('AccountObj', { filters: [f('last_modified_time', 'GTE', [String(at)])] });
    expect(changed.json.data.dataList.map((x: Json) => x._id)).toContain(sim.featured.standard);
    const raw = await call(`${sim.url}/__sim/records/AccountObj/${sim.featured.standard}`);
    expect(raw.json.field_nps__c).toBe(10);
  });
});
