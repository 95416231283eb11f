// Call limits: per endpoint 60 calls / 20 s (S2; S1 says 100, configurable), the daily quota
// (30002, resets at 00:00 China time) and no purchased quota (30003) (fxiaoke.md §4, S1 errors §4).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_LIMIT, DEFAULT_WINDOW_MS, type FxiaokeSim, startOfChinaDay } from '../fxiaoke-sim/index.ts';
import { accessToken, client, start } from './helpers.ts';

let sim: FxiaokeSim;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  sim = await start({ accounts: 200 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.control.resetFaults();
  sim.control.resetWindows();
  sim.control.resetCounters();
  sim.control.setRateLimit({ limit: DEFAULT_WINDOW_LIMIT, windowMs: DEFAULT_WINDOW_MS });
  sim.control.setDailyQuota({ budget: 100_000, used: 0, purchased: true });
  api = client(sim, await accessToken(sim));
});

const q = () => api.query('AccountObj', { limit: 1 });

describe('per-endpoint rate window', () => {
  it('accepts 60 calls to one endpoint within 20 s and answers the 61st with 14001 (code: guess)', async () => {
    expect(DEFAULT_WINDOW_LIMIT).toBe(60);
    for (let i = 0; i < 60; i++) expect((await q()).json.errorCode).toBe(0);
    const refused = await q();
    expect([refused.status, refused.json.errorCode]).toEqual([200, 14001]);
    // Another endpoint has its own window.
    expect((await api.post('/cgi/crm/v2/object/list', {})).json.errorCode).toBe(0);
    const c = sim.control.counters();
    expect(c.rejected.rateLimited).toBe(1);
    expect(c.peakWindowCalls['/cgi/crm/v2/data/query']).toBe(60);
    sim.control.advanceTime(DEFAULT_WINDOW_MS);
    expect((await q()).json.errorCode).toBe(0);
  });

  it('slides: a call leaves the window 20 s after it was made', async () => {
    for (let i = 0; i < 30; i++) await q();
    sim.control.advanceTime(10_000);
    for (let i = 0; i < 30; i++) await q();
    expect((await q()).json.errorCode).toBe(14001);
    sim.control.advanceTime(10_000);
    // The first 30 left the window; the last 30 are still in it.
    for (let i = 0; i < 30; i++) expect((await q()).json.errorCode).toBe(0);
    expect((await q()).json.errorCode).toBe(14001);
  });

  it('is configurable (newer docs say 100 per 20 s)', async () => {
    sim.control.setRateLimit({ limit: 100 });
    for (let i = 0; i < 100; i++) expect((await q()).json.errorCode).toBe(0);
    expect((await q()).json.errorCode).toBe(14001);
  });
});

describe('daily quota', () => {
  it('answers 30002 once today’s calls are spent, until 00:00 China time', async () => {
    sim.control.setDailyQuota({ budget: 5 });
    for (let i = 0; i < 5; i++) expect((await q()).json.errorCode).toBe(0);
    const spent = await q();
    expect(spent.json).toMatchObject({ errorCode: 30002, errorMessage: '当天访问频次超限' });
    expect(sim.control.counters().rejected.dailyQuota).toBe(1);
    const now = sim.control.now();
    const midnight = startOfChinaDay(now) + 86_400_000;
    sim.control.setTime(midnight - 1_000);
    sim.control.resetWindows();
    api = client(sim, await accessToken(sim));
    expect((await q()).json.errorCode).toBe(30002);
    sim.control.setTime(midnight);
    expect((await q()).json.errorCode).toBe(0);
    // 00:00 China time is 16:00 UTC the day before.
    expect(new Date(midnight).getUTCHours()).toBe(16);
  });

  it('answers 30003 for every business call when the tenant bought no quota', async () => {
    sim.control.setDailyQuota({ purchased: false });
    const r = await q();
    expect(r.json).toMatchObject({ errorCode: 30003 });
    expect(r.json.errorMessage).toContain('没有购买openapi配额');
    expect(sim.control.counters().rejected.noQuota).toBe(1);
  });
});
