// The connector's snapshots of simulated customers: field mapping, tiers through the engine,
// calls per account and per 100-row list, listing every customer, permissions, the old auth.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountSnapshotSchema, compileRules, DEFAULT_PLAYBOOK, decideTiers } from '../../shared/index.ts';
import { type FxiaokeSim, simConnectorSettings } from '../fxiaoke-sim/index.ts';
import { businessCalls, connectorFor, ctx, freshSim, queriesPerObject, sqiOf, startSim } from './helpers.ts';

let sim: FxiaokeSim;
beforeAll(async () => {
  sim = await startSim({ rateLimit: { limit: 100_000 } });
});
afterAll(() => sim.close());
beforeEach(() => freshSim(sim));

const DAY = 86_400_000;
const compiled = compileRules(DEFAULT_PLAYBOOK);

describe('one customer', () => {
  it('maps AccountObj and its related records into a valid snapshot', async () => {
    const { connector } = connectorFor(sim);
    const id = sim.featured.strategic;
    const s = await connector.getAccount(id, ctx(sim));
    expect(s).not.toBeNull();
    if (!s) return;
    expect(AccountSnapshotSchema.safeParse(s).success).toBe(true);
    const raw = sim.control.getRecord('AccountObj', id);
    expect(s).toMatchObject({
      crm: 'fxiaoke',
      id,
      name: raw?.name,
      currency: 'CNY',
      createdAt: new Date(raw?.create_time as number).toISOString(),
    });
    // Select fields come out as their labels (object/describe), regions as their __r labels, the owner by name.
    expect(s.attributes).toMatchObject({ level: '重要客户', type: '高端客户', country: '中国', owner: expect.any(String) });
    expect(s.attributes?.region).toMatch(/[省市]$/);
    expect(['已成交', '多次成交']).toContain(s.attributes?.dealStatus);
    expect(s.flags).toEqual({ keyAccount: true, inPool: false, annualAgreement: true });
    // Won orders: every SalesOrderObj with life_status normal, at its order_amount and order_time.
    const orders = sim.state.store.all('SalesOrderObj').filter((o) => o.account_id === id && o.life_status === 'normal');
    const won = s.orders?.filter((o) => o.status === 'won') ?? [];
    expect(won.map((o) => o.id).sort()).toEqual(orders.map((o) => o._id).sort());
    const first = orders[0];
    expect(won.find((o) => o.id === first?._id)).toEqual({
      id: first?._id,
      amount: first?.order_amount,
      status: 'won',
      closedAt: new Date(first?.order_time as number).toISOString(),
      category: 'sales_order',
    });
    // Open pipeline and lost deals from NewOpportunityObj; won opportunities are not counted twice.
    const opps = sim.state.store.all('NewOpportunityObj').filter((o) => o.account_id === id);
    expect(s.orders?.filter((o) => o.category === 'opportunity').length).toBe(
      opps.filter((o) => o.sales_status === '1' || o.sales_status === '3').length,
    );
    // Follow-ups within the 365-day lookback, with kinds from their labels.
    const follows = sim.state.store
      .all('ActiveRecordObj')
      .filter((r) => r.account_id === id && (r.create_time as number) >= sim.control.now() - 365 * DAY);
    expect(s.interactions).toHaveLength(follows.length);
    const kinds = { '1': 'call', '2': 'visit', '3': 'meeting', '4': 'email', '5': 'chat', '6': 'other' } as Record<string, string>;
    expect(s.interactions?.map((i) => i.kind).sort()).toEqual(follows.map((r) => kinds[r.interactive_types as string]).sort());
    // Surveys from the custom object; referrals from the other one.
    const surveys = sim.state.store.all('object_survey__c').filter((r) => r.field_account__c === id);
    expect(s.surveys).toHaveLength(surveys.length);
    expect(s.referrals).toHaveLength(sim.state.store.all('object_referral__c').filter((r) => r.field_referrer__c === id).length);
    expect(s.fields).toEqual({ uniform_social_credit_code: raw?.uniform_social_credit_code });
  });

  it('reaches each featured customer’s headline tier through the engine', async () => {
    const { connector } = connectorFor(sim);
    const all = await connector.getAccounts(Object.values(sim.featured), ctx(sim));
    expect(all.size).toBe(10);
    const tiers = (id: string) => decideTiers(compiled, all.get(id) as never, sim.control.now(), null);
    for (const tier of ['strategic', 'vip', 'key', 'new', 'dormant', 'low_value', 'standard'] as const) {
      expect([tier, tiers(sim.featured[tier]).relationship]).toEqual([tier, tier]);
    }
    expect(tiers(sim.featured.loyal).lifecycle).toBe('loyal');
    expect(tiers(sim.featured.churned).lifecycle).toBe('churned');
    expect(tiers(sim.featured.prospect).lifecycle).toBe('prospect');
  });

  it('costs 1 AccountObj query + 1 per related object (6 here: 2 custom objects), plus the describes once', async () => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    const first = sim.control.counters().calls;
    // AccountObj, NewOpportunityObj, ActiveRecordObj, and the survey object (its kind field).
    expect(first['POST /cgi/crm/v2/object/describe']).toBe(4);
    expect(queriesPerObject(sim)).toEqual({
      AccountObj: 1,
      SalesOrderObj: 1,
      NewOpportunityObj: 1,
      ActiveRecordObj: 1,
      object_survey__c: 1,
      object_referral__c: 1,
    });
    expect(first['POST /oauth2.0/token']).toBe(1);
    sim.control.resetCounters();
    await connector.getAccount(sim.featured.key, ctx(sim));
    expect(businessCalls(sim)).toHaveLength(6);
    expect(sim.control.counters().tokenRequests).toBe(0);
    // Without custom objects: 4.
    const plain = connectorFor(sim, { settings: simConnectorSettings(sim.credentials, { surveys: [], referrals: undefined }) }).connector;
    sim.control.resetCounters();
    await plain.getAccount(sim.featured.key, ctx(sim));
    expect(Object.values(queriesPerObject(sim)).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('uses _id / account_id IN filters and fieldProjection, with a fresh thirdTraceId per call', async () => {
    const { connector } = connectorFor(sim);
    await connector.getAccount(sim.featured.vip, ctx(sim));
    const calls = businessCalls(sim);
    const account = calls.find((r) => (r.data as { dataObjectApiName?: string }).dataObjectApiName === 'AccountObj');
    const sqi = sqiOf(account);
    expect(sqi.filters).toEqual([{ field_name: '_id', operator: 'IN', field_values: [sim.featured.vip] }]);
    expect(sqi.fieldProjection).toEqual(
      expect.arrayContaining(['_id', 'name', 'account_level', 'deal_status', 'owner', 'field_annual_agreement__c']),
    );
    expect([sqi.limit, sqi.offset]).toEqual([100, 0]);
    const orders = calls.find((r) => (r.data as { dataObjectApiName?: string }).dataObjectApiName === 'SalesOrderObj');
    expect(sqiOf(orders).filters[0]).toEqual({
      field_name: 'account_id',
      operator: 'IN',
      field_values: [sim.featured.vip],
    });
    const all = sim.control.requests();
    expect(new Set(all.map((r) => r.thirdTraceId)).size).toBe(all.length);
    expect(sim.control.counters().traceIds).toEqual({ missing: 0, reused: 0 });
  });

  it('answers null for unknown ids, and makes no call for ids that cannot exist', async () => {
    const { connector } = connectorFor(sim);
    expect(await connector.getAccount('ffffffffffffffffffffffff', ctx(sim))).toBeNull();
    sim.control.resetCounters();
    expect(await connector.getAccount('../../etc/passwd', ctx(sim))).toBeNull();
    expect(sim.control.counters().apiCalls).toBe(0);
  });

  it('maps a pool customer (公海) and an empty one', async () => {
    const { connector } = connectorFor(sim);
    const pool = await connector.getAccount(sim.special.pool, ctx(sim));
    expect(pool?.flags?.inPool).toBe(true);
    expect(pool?.attributes?.owner).toBeUndefined();
    const empty = await connector.getAccount(sim.special.empty, ctx(sim));
    expect(empty).toMatchObject({ name: '空白测试客户有限公司', orders: [], interactions: [], surveys: [], referrals: [] });
    const hostile = await connector.getAccount(sim.special.hostile, ctx(sim));
    expect(hostile?.name).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('many customers', () => {
  it('fetches a 100-row list view with one AccountObj query and one query per related object per 100 rows', async () => {
    const { connector } = connectorFor(sim);
    const ids = sim.state.store
      .all('AccountObj')
      .slice(0, 100)
      .map((a) => a._id);
    const found = await connector.getAccounts(ids, ctx(sim));
    expect(found.size).toBe(100);
    const perObject = queriesPerObject(sim);
    const rowsOf = (object: string, field: string, extra: (r: Record<string, unknown>) => boolean = () => true) =>
      sim.state.store.all(object).filter((r) => ids.includes(r[field] as string) && extra(r)).length;
    const pages = (n: number) => Math.floor(n / 100) + 1;
    expect(perObject.AccountObj).toBe(1);
    expect(perObject.SalesOrderObj).toBe(pages(rowsOf('SalesOrderObj', 'account_id')));
    expect(perObject.NewOpportunityObj).toBe(
      pages(rowsOf('NewOpportunityObj', 'account_id', (r) => r.sales_status === '1' || r.sales_status === '3')),
    );
    expect(perObject.ActiveRecordObj).toBe(
      pages(rowsOf('ActiveRecordObj', 'account_id', (r) => (r.create_time as number) >= sim.control.now() - 365 * DAY)),
    );
    expect(perObject.object_survey__c).toBe(pages(rowsOf('object_survey__c', 'field_account__c')));
    expect(perObject.object_referral__c).toBe(pages(rowsOf('object_referral__c', 'field_referrer__c')));
    // Ids of another tenant's or no customer are simply absent.
    const mixed = await connector.getAccounts([ids[0] as string, 'ffffffffffffffffffffffff'], ctx(sim));
    expect([...mixed.keys()]).toEqual([ids[0]]);
  });

  it('lists every customer 100 at a time by _id, for population statistics', async () => {
    const { connector } = connectorFor(sim);
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await connector.listAccounts(ctx(sim), cursor);
      for (const a of page.accounts) seen.add(a.id);
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(2200);
    expect(pages).toBe(23);
    await expect(connector.listAccounts(ctx(sim), 'bad cursor!')).rejects.toThrow(RangeError);
  });
});

describe('operators and auth generations', () => {
  it('sees what the operator may see: a non-admin operator only their own customers', async () => {
    const { connector } = connectorFor(sim, { settings: simConnectorSettings(sim.credentials, { operatorUserId: '1001' }) });
    const found = await connector.getAccounts([sim.special.ownedBy1001, sim.special.ownedBy1002, sim.special.pool], ctx(sim));
    expect([...found.keys()]).toEqual([sim.special.ownedBy1001]);
    expect(new Set(businessCalls(sim).map((r) => r.userId))).toEqual(new Set(['1001']));
  });

  it('gives the same snapshot with the old auth (corpAccessToken in the body, FSUID_ operator)', async () => {
    const fresh = connectorFor(sim).connector;
    const expected = await fresh.getAccount(sim.featured.vip, ctx(sim));
    freshSim(sim);
    const old = connectorFor(sim, {
      settings: simConnectorSettings(sim.credentials, { authMode: 'old', operatorUserId: sim.credentials.adminOpenUserId }),
    }).connector;
    const got = await old.getAccount(sim.featured.vip, ctx(sim));
    expect(got).toEqual(expected);
    const c = sim.control.counters();
    expect(c.calls['POST /cgi/corpAccessToken/get/V2']).toBe(1);
    expect(c.calls['POST /oauth2.0/token']).toBeUndefined();
    expect(sim.control.requests().filter((r) => r.generation !== undefined && r.generation !== 'old')).toEqual([]);
  });
});
