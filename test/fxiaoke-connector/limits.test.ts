// The client-side rate limiter keeps bursts under the gateway's 60 calls / 20 s per endpoint
// (fxiaoke.md §4, S2), and deep paging reads past offset 10,000 by `_id` (S1 query-and-paging §5).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSleep } from '../../worker/connectors/common/runtime.ts';
import { type FxiaokeSim, MAX_OFFSET } from '../fxiaoke-sim/index.ts';
import { businessCalls, connectorFor, ctx, freshSim, startSim } from './helpers.ts';

let sim: FxiaokeSim;
beforeAll(async () => {
  // The gateway's documented limit (S2): 60 calls per endpoint per 20 s.
  sim = await startSim({ rateLimit: { limit: 60, windowMs: 20_000 } });
});
afterAll(() => sim.close());
beforeEach(() => freshSim(sim));

const QUERY = '/cgi/crm/v2/data/query';

describe('client-side rate limiting (per isolate), in real time', () => {
  // Real concurrency and network timing, with the window shortened from 20 s to 2 s on both
  // sides (the simulator's clock runs; the connector waits for real). The 60 calls are the same.
  // The client's margin must exceed the spread of arrival times of a burst (here up to a few
  // hundred ms on one machine), so it is a quarter of the shortened window.
  let live: FxiaokeSim;
  const WINDOW = 2_000;
  const MARGIN = 500;
  beforeAll(async () => {
    live = await startSim({ accounts: 400, frozenClock: false, rateLimit: { limit: 60, windowMs: WINDOW } });
  });
  afterAll(() => live.close());
  beforeEach(() => freshSim(live));
  const liveConnector = () =>
    connectorFor(live, {
      options: { clock: () => live.control.now(), sleep: defaultSleep, rateWindow: { ms: WINDOW, marginMs: MARGIN } },
    }).connector;

  it('spreads a burst of 120 queries so the gateway never sees more than 60 per window', async () => {
    const connector = liveConnector();
    const t0 = Date.now();
    const pages = await Promise.all(Array.from({ length: 120 }, () => connector.client.queryPage('AccountObj', { filters: [], limit: 1 })));
    expect(pages.every((p) => p.length === 1)).toBe(true);
    const c = live.control.counters();
    expect(c.rejected.rateLimited).toBe(0);
    expect(c.errorCodes).toEqual({});
    expect(c.peakWindowCalls[QUERY]).toBe(60);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(WINDOW);
  });

  it('keeps a stream of list views under the limit too', async () => {
    const connector = liveConnector();
    const ids = live.state.store.all('AccountObj').map((a) => a._id);
    for (let i = 0; i < 15; i++) await connector.getAccounts(ids.slice(i * 20, i * 20 + 20), ctx(live));
    const c = live.control.counters();
    expect(c.rejected.rateLimited).toBe(0);
    expect(c.apiCalls).toBeGreaterThan(60);
    expect(Math.max(...Object.values(c.peakWindowCalls))).toBeLessThanOrEqual(60);
  });

  it('refuses a call that would wait more than about a window, as rate_limited with retryAfter, instead of hanging', async () => {
    const connector = liveConnector();
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => connector.client.queryPage('AccountObj', { filters: [], limit: 1 })),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(120);
    expect(refused).toHaveLength(80);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ kind: 'rate_limited', retryAfter: expect.any(Number) });
    expect(live.control.counters().rejected.rateLimited).toBe(0);
  });
});

describe('deep paging', () => {
  it('reads all follow-up records (more than 10,000) with offset 0 and `_id GT <last id>`, never an offset', async () => {
    const { connector } = connectorFor(sim);
    const total = sim.state.store.count('ActiveRecordObj');
    expect(total).toBeGreaterThan(MAX_OFFSET + 2_000);
    const seen = new Set<string>();
    let pages = 0;
    for await (const page of connector.client.scan('ActiveRecordObj', { filters: [], fieldProjection: ['account_id'] })) {
      pages++;
      for (const row of page) seen.add(row._id as string);
    }
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.floor(total / 100) + 1);
    const c = sim.control.counters();
    expect(c.paging).toMatchObject({ maxOffset: 0, idCursorQueries: pages - 1, rowsReturned: total });
    expect(c.errorCodes).toEqual({});
    expect(c.peakWindowCalls[QUERY]).toBeLessThanOrEqual(60);
    // Every page asks for 100 rows in _id order.
    for (const r of businessCalls(sim).filter((x) => x.key.endsWith('/data/query'))) {
      const sqi = (r.data as { search_query_info: { limit: number; orders: unknown } }).search_query_info;
      expect([sqi.limit, sqi.orders]).toEqual([100, [{ fieldName: '_id', isAsc: true }]]);
    }
  });
});
