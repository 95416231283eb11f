// How many Zoho API calls the connector spends, counted by the simulator, and pagination past
// the 2,000 records `page` can reach (records) and past 2,000 rows a COQL call returns.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZohoSim } from '../zoho-sim/index.ts';
import { apiCalls, connectorFor, ctx, resetMemory, simSettings, startSim, total } from './helpers.ts';

let sim: ZohoSim;
let hundred: string[];

beforeAll(async () => {
  sim = await startSim();
  const { connector } = connectorFor(sim);
  const page = await connector.listAccounts(ctx());
  hundred = page.accounts.slice(0, 100).map((a) => a.id);
});
afterAll(() => sim.close());
beforeEach(() => {
  resetMemory();
  sim.control.resetFaults();
  sim.control.resetCounters();
});

describe('calls per request', () => {
  it('one account: 4 calls (the record, Deals, Activities_History, Cases) and one token', async () => {
    const { connector } = connectorFor(sim);
    const snapshot = await connector.getAccount(sim.featured.vip, ctx());
    expect(snapshot?.name).toBe('Zylker Corp');
    const c = sim.control.counters();
    expect(apiCalls(c)).toEqual({
      'GET /crm/v8/Accounts/{id}': 1,
      'GET /crm/v8/Accounts/{id}/Deals': 1,
      'GET /crm/v8/Accounts/{id}/Activities_History': 1,
      'GET /crm/v8/Accounts/{id}/Cases': 1,
    });
    expect(c.tokenMints).toBe(1);
    expect(c.creditsUsed).toBe(4);
  });

  it('a 100-row list: 6 calls cold (GET Accounts?ids= and one COQL per related module)', async () => {
    const { connector } = connectorFor(sim);
    const found = await connector.getAccounts(hundred, ctx());
    expect(found.size).toBe(100);
    const c = sim.control.counters();
    expect(apiCalls(c)).toEqual({ 'GET /crm/v8/Accounts': 1, 'POST /crm/v8/coql': 5 });
    // COQL at LIMIT 2000 costs 3 credits: 1 + 5 × 3.
    expect(c.creditsUsed).toBe(16);
  });

  it('fewer interaction modules, fewer calls: 5 for 100 accounts without Tasks', async () => {
    const { connector } = connectorFor(sim, { settings: simSettings(sim, { interactionModules: ['Calls', 'Events', 'Cases'] }) });
    await connector.getAccounts(hundred, ctx());
    expect(total(apiCalls(sim.control.counters()))).toBe(5);
    sim.control.resetCounters();
    await connector.getAccount(sim.featured.vip, ctx());
    expect(total(apiCalls(sim.control.counters()))).toBe(4);
  });

  it('a single id in a batch takes the one-account path (4 calls, not 6)', async () => {
    const { connector } = connectorFor(sim);
    const found = await connector.getAccounts([sim.featured.key, 'not-an-id'], ctx());
    expect([...found.keys()]).toEqual([sim.featured.key]);
    expect(total(apiCalls(sim.control.counters()))).toBe(4);
  });

  it('ids that cannot be Zoho ids cost nothing', async () => {
    const { connector } = connectorFor(sim);
    expect(await connector.getAccount("1' or id is not null", ctx())).toBeNull();
    expect((await connector.getAccounts(['x', '../Deals'], ctx())).size).toBe(0);
    expect(sim.control.counters().calls).toEqual({});
  });

  it('an unknown account id: null, and not in the batch result', async () => {
    const { connector } = connectorFor(sim);
    expect(await connector.getAccount('4876876000000999999', ctx())).toBeNull();
    const found = await connector.getAccounts([sim.featured.vip, '4876876000000999999'], ctx());
    expect([...found.keys()]).toEqual([sim.featured.vip]);
  });
});

describe('pagination', () => {
  it('lists all 2,400 accounts: page 1 to 10, then page_token', async () => {
    const { connector } = connectorFor(sim);
    const seen = new Set<string>();
    const cursors: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await connector.listAccounts(ctx(), cursor);
      for (const a of page.accounts) seen.add(a.id);
      cursor = page.cursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    expect(seen.size).toBe(2400);
    expect(cursors.slice(0, 9)).toEqual(['p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10']);
    expect(cursors.slice(9).every((c) => c.startsWith('t'))).toBe(true);
    const c = sim.control.counters();
    expect(c.calls['GET /crm/v8/Accounts']).toBe(12);
    expect(c.statuses['400']).toBeUndefined();
  });

  it('a malformed cursor is the caller’s mistake (RangeError), not the CRM’s', async () => {
    const { connector } = connectorFor(sim);
    await expect(connector.listAccounts(ctx(), 'nonsense')).rejects.toBeInstanceOf(RangeError);
  });

  describe('an account with 2,100 calls', () => {
    const busy = '4876876000000335010';
    beforeAll(() => {
      const start = sim.control.now() - 100 * 86_400_000;
      for (let i = 0; i < 2100; i++) {
        sim.control.mutate({
          op: 'insert',
          module: 'Calls',
          values: {
            Subject: `Call ${i}`,
            Call_Type: 'Outbound',
            Call_Start_Time: new Date(start + i * 60_000).toISOString().replace('.000Z', '+00:00'),
            Outgoing_Call_Status: 'Completed',
            What_Id: { id: busy, name: 'x' },
            $se_module: 'Accounts',
          },
        });
      }
    });

    it('COQL continues past 2,000 rows with OFFSET', async () => {
      const { connector } = connectorFor(sim);
      const many = await connector.getAccounts([busy, sim.featured.vip], ctx());
      const calls = many.get(busy)?.interactions?.filter((i) => i.kind === 'call') ?? [];
      expect(calls.length).toBeGreaterThanOrEqual(2100);
      expect(apiCalls(sim.control.counters())).toEqual({ 'GET /crm/v8/Accounts': 1, 'POST /crm/v8/coql': 6 });
    });

    it('related lists continue past 2,000 records with page_token, and both paths agree', async () => {
      const { connector } = connectorFor(sim);
      const one = await connector.getAccount(busy, ctx());
      const viaList = one?.interactions?.filter((i) => i.kind === 'call').length ?? 0;
      expect(viaList).toBeGreaterThanOrEqual(2100);
      // 200 a page: 11 or more pages of Activities_History (10 by page, the rest by page_token).
      const activities = one?.interactions?.filter((i) => i.kind !== 'ticket').length ?? 0;
      const pages = sim.control.counters().calls['GET /crm/v8/Accounts/{id}/Activities_History'];
      expect(pages).toBe(Math.ceil(activities / 200));
      expect(pages).toBeGreaterThan(10);
      const many = await connector.getAccounts([busy, sim.featured.vip], ctx());
      expect(many.get(busy)?.interactions?.length).toBe(one?.interactions?.length);
    });
  });
});
