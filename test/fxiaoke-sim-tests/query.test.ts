// Object data: data/query, data/get (preset and custom), object/list, object/describe
// (fxiaoke.md §2; S1 query-and-paging, crm-preset-objects §3, custom-objects, objects-and-fields).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FxiaokeSim, MAX_OFFSET, OPERATORS } from '../fxiaoke-sim/index.ts';
import { accessToken, client, f, type Json, start } from './helpers.ts';

let sim: FxiaokeSim;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  sim = await start({ rateLimit: { limit: 100_000 } });
  api = client(sim, await accessToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.resetFaults();
  sim.control.resetCounters();
});

const rows = (r: { json: Json }) => r.json.data.dataList as Json[];

describe('query answers', () => {
  it('have the deep-paging page’s shape: data.dataList, offset, limit, total (S1 query-and-paging §7)', async () => {
    const r = await api.query('AccountObj', { limit: 5, offset: 0 });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['data', 'errorCode', 'errorDescription', 'errorMessage', 'traceId']);
    expect(r.json).toMatchObject({ errorCode: 0, errorMessage: 'OK', errorDescription: 'success' });
    expect(Object.keys(r.json.data).sort()).toEqual(['dataList', 'limit', 'offset', 'total']);
    expect(rows(r)).toHaveLength(5);
    expect(r.json.data.total).toBe(2200);
  });

  it('report total 0 when no total is asked for, in any of the three spellings (S1 query-and-paging §6)', async () => {
    const data = (extra: Json) => ({ data: { dataObjectApiName: 'AccountObj', search_query_info: { limit: 1, offset: 0 }, ...extra } });
    expect((await api.post('/cgi/crm/v2/data/query', data({ find_explicit_total_num: false }))).json.data.total).toBe(0);
    expect((await api.post('/cgi/crm/v2/data/query', { returnTotalNum: 3, ...data({}) })).json.data.total).toBe(0);
    expect(
      (await api.post('/cgi/crm/v2/data/query', { need_return_count_num: true, ...data({ find_explicit_total_num: false }) })).json.data
        .total,
    ).toBe(2200);
  });
});

describe('paging rules (S1 query-and-paging §4-5)', () => {
  it('allows limit up to 100 and refuses more (the refusal code is a guess)', async () => {
    expect(rows(await api.query('ActiveRecordObj', { limit: 100 }))).toHaveLength(100);
    expect((await api.query('ActiveRecordObj', { limit: 101 })).json.errorCode).toBe(32000);
    expect((await api.query('ActiveRecordObj', { limit: 0 })).json.errorCode).toBe(32000);
  });

  it('needs offset to be a multiple of limit', async () => {
    expect((await api.query('ActiveRecordObj', { limit: 100, offset: 150 })).json.errorCode).toBe(32000);
    expect((await api.query('ActiveRecordObj', { limit: 50, offset: 150 })).json.errorCode).toBe(0);
  });

  it('serves offset 10,000 and answers 10013 "offset out of range 10000" beyond it', async () => {
    expect(rows(await api.query('ActiveRecordObj', { limit: 100, offset: MAX_OFFSET }))).toHaveLength(100);
    const r = await api.query('ActiveRecordObj', { limit: 100, offset: MAX_OFFSET + 100 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ errorCode: 10013, errorMessage: 'offset out of range 10000', errorDescription: 'offset 不能超过10000' });
  });

  it('reaches every follow-up record past 10,000 by _id order and `_id GT <last>` (deep paging)', async () => {
    const seen = new Set<string>();
    let last: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await api.query('ActiveRecordObj', {
        filters: last ? [f('_id', 'GT', [last])] : [],
        orders: [{ fieldName: '_id', isAsc: true }],
        fieldProjection: ['_id'],
      });
      const page = rows(r);
      pages++;
      for (const row of page) seen.add(row._id);
      if (page.length < 100) break;
      last = page.at(-1)._id;
    }
    const total = sim.state.store.count('ActiveRecordObj');
    expect(total).toBeGreaterThan(12_000);
    expect(seen.size).toBe(total);
    expect(pages).toBe(Math.floor(total / 100) + 1);
    expect(sim.control.counters().paging.idCursorQueries).toBe(pages - 1);
  });
});

describe('filters (S1 query-and-paging §2-3)', () => {
  const vip = () => sim.featured.vip;

  it.each(OPERATORS)('knows operator %s', async (op) => {
    const r = await api.query('AccountObj', { limit: 1, filters: [f('name', op, ['x', 'y'])] });
    expect(r.json.errorCode).toBe(0);
  });

  it('refuses operators outside the table, e.g. NEQ (S7 code uses it; treated as undocumented)', async () => {
    expect((await api.query('AccountObj', { filters: [f('name', 'NEQ', ['x'])] })).json.errorCode).toBe(32000);
  });

  it('needs field_values to be a list and field_name to exist', async () => {
    expect((await api.query('AccountObj', { filters: [{ field_name: 'name', operator: 'EQ', field_values: 'x' }] })).json.errorCode).toBe(
      32000,
    );
    expect((await api.query('AccountObj', { filters: [f('nope__c', 'EQ', ['x'])] })).json.errorCode).toBe(32000);
  });

  it('ANDs filters; EQ, IN, NIN, N on text and select values', async () => {
    const one = rows(await api.query('AccountObj', { filters: [f('_id', 'EQ', [vip()])] }));
    expect(one.map((r) => r._id)).toEqual([vip()]);
    const two = rows(await api.query('AccountObj', { filters: [f('_id', 'IN', [vip(), sim.featured.key, 'missing'])] }));
    expect(two.map((r) => r._id).sort()).toEqual([vip(), sim.featured.key].sort());
    const and = rows(await api.query('AccountObj', { filters: [f('_id', 'IN', [vip(), sim.featured.key]), f('_id', 'NIN', [vip()])] }));
    expect(and.map((r) => r._id)).toEqual([sim.featured.key]);
    // N ("不等于，可以查出空值") matches records where the field is empty.
    const total = sim.state.store.count('AccountObj');
    const withNps = sim.state.store.all('AccountObj').filter((a) => a.field_nps__c !== undefined && a.field_nps__c !== 5).length;
    const n = await api.query('AccountObj', { limit: 1, filters: [f('field_nps__c', 'N', ['5'])] });
    expect(n.json.data.total).toBe(total - sim.state.store.all('AccountObj').filter((a) => a.field_nps__c === 5).length);
    const isn = await api.query('AccountObj', { limit: 1, filters: [f('field_nps__c', 'ISN', []), f('field_nps__c', 'N', ['5'])] });
    expect(isn.json.data.total).toBe(withNps);
  });

  it('compares dates and numbers as numbers: GT/GTE/LT/LTE/BETWEEN/NBETWEEN', async () => {
    const all = sim.state.store.all('SalesOrderObj');
    const cut = all[100]?.order_amount as number;
    const gt = await api.query('SalesOrderObj', { limit: 1, filters: [f('order_amount', 'GT', [String(cut)])] });
    expect(gt.json.data.total).toBe(all.filter((o) => (o.order_amount as number) > cut).length);
    const lte = await api.query('SalesOrderObj', { limit: 1, filters: [f('order_amount', 'LTE', [String(cut)])] });
    expect(gt.json.data.total + lte.json.data.total).toBe(all.length);
    const since = sim.control.now() - 30 * 86_400_000;
    const recent = await api.query('ActiveRecordObj', { limit: 1, filters: [f('create_time', 'GTE', [String(since)])] });
    expect(recent.json.data.total).toBe(sim.state.store.all('ActiveRecordObj').filter((r) => (r.create_time as number) >= since).length);
    const between = await api.query('SalesOrderObj', { limit: 1, filters: [f('order_amount', 'BETWEEN', ['1000', '3000'])] });
    const nbetween = await api.query('SalesOrderObj', { limit: 1, filters: [f('order_amount', 'NBETWEEN', ['1000', '3000'])] });
    expect(between.json.data.total).toBeGreaterThan(0);
    expect(between.json.data.total + nbetween.json.data.total).toBe(all.length);
    const lt = await api.query('SalesOrderObj', { limit: 1, filters: [f('order_amount', 'LT', ['1000'])] });
    expect(lt.json.data.total).toBe(all.filter((o) => (o.order_amount as number) < 1000).length);
  });

  it('matches text with LIKE, NLIKE, STARTWITH, ENDWITH, IS / ISN', async () => {
    const like = rows(await api.query('AccountObj', { filters: [f('name', 'LIKE', ['星河'])] }));
    expect(like.length).toBeGreaterThan(0);
    for (const r of like) expect(r.name).toContain('星河');
    const start = rows(await api.query('AccountObj', { filters: [f('name', 'STARTWITH', ['上海'])] }));
    for (const r of start) expect(r.name.startsWith('上海')).toBe(true);
    const end = rows(await api.query('AccountObj', { filters: [f('name', 'ENDWITH', ['集团有限公司'])] }));
    for (const r of end) expect(r.name.endsWith('集团有限公司')).toBe(true);
    const nlike = await api.query('AccountObj', { limit: 1, filters: [f('name', 'NLIKE', ['星河'])] });
    const likeTotal = (await api.query('AccountObj', { limit: 1, filters: [f('name', 'LIKE', ['星河'])] })).json.data.total;
    expect(nlike.json.data.total + likeTotal).toBe(2200);
    const pool = rows(await api.query('AccountObj', { filters: [f('high_seas_id', 'ISN', [])] }));
    for (const r of pool) expect(r.owner).toBeUndefined();
    const owned = await api.query('AccountObj', { limit: 1, filters: [f('owner', 'IS', [])] });
    expect(owned.json.data.total).toBe(pool.length);
  });

  it('matches employee lists with HASANYOF / NHASANYOF / CONTAINS / EQ, by employee id or FSUID', async () => {
    const owned = await api.query('AccountObj', { limit: 1, filters: [f('owner', 'HASANYOF', ['1001'])] });
    const expected = sim.state.store.all('AccountObj').filter((a) => (a.owner as string[] | undefined)?.includes('1001')).length;
    expect(owned.json.data.total).toBe(expected);
    const fsuid = sim.control.employees().find((e) => e.id === '1001')?.openUserId as string;
    expect((await api.query('AccountObj', { limit: 1, filters: [f('owner', 'CONTAINS', [fsuid])] })).json.data.total).toBe(expected);
    expect((await api.query('AccountObj', { limit: 1, filters: [f('owner', 'EQ', ['1001'])] })).json.data.total).toBe(expected);
    const not = await api.query('AccountObj', { limit: 1, filters: [f('owner', 'NHASANYOF', ['1001'])] });
    expect(not.json.data.total).toBe(2200 - expected);
  });
});

describe('orders and projection', () => {
  it('sorts by orders[].fieldName / isAsc, _id breaking ties', async () => {
    const desc = rows(await api.query('SalesOrderObj', { limit: 20, orders: [{ fieldName: 'order_amount', isAsc: false }] }));
    const amounts = desc.map((r) => Number(r.order_amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const byId = rows(await api.query('SalesOrderObj', { limit: 20, orders: [{ fieldName: '_id', isAsc: true }] })).map((r) => r._id);
    expect(byId).toEqual([...byId].sort());
    expect((await api.query('SalesOrderObj', { orders: [{ fieldName: 'nope', isAsc: true }] })).json.errorCode).toBe(32000);
  });

  it('returns only the projected fields, _id always, derived __r with their field (guess for __r)', async () => {
    const r = rows(await api.query('SalesOrderObj', { limit: 3, fieldProjection: ['account_id', 'order_amount'] }));
    for (const row of r) expect(Object.keys(row).sort()).toEqual(['_id', 'account_id', 'account_id__r', 'order_amount']);
  });
});

describe('value encodings (fxiaoke.md §2, S1 objects-and-fields §4-5)', () => {
  it('sends numbers and currency as strings, dates as epoch ms, employees as lists, regions with labels', async () => {
    const [acc] = rows(await api.query('AccountObj', { filters: [f('_id', 'EQ', [sim.featured.strategic])] }));
    expect(acc.create_time).toBeTypeOf('number');
    expect(acc.last_modified_time).toBeTypeOf('number');
    expect(Array.isArray(acc.owner)).toBe(true);
    expect(acc.owner[0]).toMatch(/^\d{4}$/);
    expect(acc.owner__r).toMatchObject({ name: expect.any(String) });
    expect(acc.field_annual_agreement__c).toBe(true);
    expect(acc.province__r).toBeTypeOf('string');
    expect(acc.country__r).toBe('中国');
    const [order] = rows(await api.query('SalesOrderObj', { limit: 1, filters: [f('account_id', 'EQ', [sim.featured.vip])] }));
    expect(order.order_amount).toMatch(/^\d+\.\d{2}$/);
    expect(order.order_time).toBeTypeOf('number');
    expect(order.account_id).toBe(sim.featured.vip);
    expect(order.account_id__r).toBe(sim.control.getRecord('AccountObj', sim.featured.vip)?.name);
    const [opp] = rows(await api.query('NewOpportunityObj', { limit: 1, filters: [f('probability', 'ISN', [])] }));
    expect(opp.probability).toMatch(/^\d+\.\d$/);
  });

  it('omits empty fields unless includeNull is true (S1 query-and-paging §7)', async () => {
    const [plain] = rows(await api.query('AccountObj', { filters: [f('_id', 'EQ', [sim.special.empty])] }));
    expect('field_nps__c' in plain).toBe(false);
    const [withNull] = rows(await api.query('AccountObj', { filters: [f('_id', 'EQ', [sim.special.empty])] }, { includeNull: true }));
    expect(withNull.field_nps__c).toBeNull();
  });

  it('gives FSUID_ employee values with convertUserId: true (S1 auth §3)', async () => {
    const [acc] = rows(await api.query('AccountObj', { filters: [f('_id', 'EQ', [sim.special.ownedBy1001])] }, { convertUserId: true }));
    expect(acc.owner).toEqual([sim.control.employees().find((e) => e.id === '1001')?.openUserId]);
  });
});

describe('preset vs custom objects (S1 custom-objects §1-5)', () => {
  it('serves __c objects under /cgi/crm/custom/v2/data/query only', async () => {
    const ok = await api.query('object_survey__c', { limit: 5 });
    expect(ok.json.errorCode).toBe(0);
    expect(rows(ok)[0].field_score__c).toMatch(/^\d+$/);
    expect((await api.query('object_survey__c', {}, {}, false)).json.errorCode).toBe(32000);
    expect((await api.query('AccountObj', {}, {}, true)).json.errorCode).toBe(32000);
    expect((await api.query('NoSuchObj', {})).json.errorCode).toBe(32000);
  });
});

describe('data/get', () => {
  it('returns one record under data (S1 crm-preset-objects §3)', async () => {
    const r = await api.post('/cgi/crm/v2/data/get', { data: { dataObjectApiName: 'AccountObj', objectDataId: sim.featured.vip } });
    expect(r.json.errorCode).toBe(0);
    expect(r.json.data._id).toBe(sim.featured.vip);
    expect(r.json.data.name).toBe(sim.control.getRecord('AccountObj', sim.featured.vip)?.name);
    const missing = await api.post('/cgi/crm/v2/data/get', {
      data: { dataObjectApiName: 'AccountObj', objectDataId: 'ffffffffffffffffffffffff' },
    });
    expect([missing.status, missing.json.errorCode]).toEqual([200, 32000]);
    const survey = sim.state.store.all('object_survey__c')[0]?._id as string;
    const custom = await api.post('/cgi/crm/custom/v2/data/get', { data: { dataObjectApiName: 'object_survey__c', objectDataId: survey } });
    expect(custom.json.data._id).toBe(survey);
  });
});

describe('data permissions by operator (S1 auth §9)', () => {
  it('shows a non-admin operator only the records they own; the pool only to the admin', async () => {
    const rep = client(sim, await accessToken(sim), '1001');
    const mine = await rep.query('AccountObj', { limit: 100 });
    const expected = sim.state.store.all('AccountObj').filter((a) => (a.owner as string[] | undefined)?.includes('1001')).length;
    expect(mine.json.data.total).toBe(expected);
    expect(expected).toBeLessThan(2200);
    for (const row of rows(mine)) expect(row.owner).toEqual(['1001']);
    const ids = [sim.special.ownedBy1001, sim.special.ownedBy1002, sim.special.pool];
    expect(rows(await rep.query('AccountObj', { filters: [f('_id', 'IN', ids)] })).map((r) => r._id)).toEqual([sim.special.ownedBy1001]);
    expect(rows(await api.query('AccountObj', { filters: [f('_id', 'IN', ids)] }))).toHaveLength(3);
    const denied = await rep.post('/cgi/crm/v2/data/get', {
      data: { dataObjectApiName: 'AccountObj', objectDataId: sim.special.ownedBy1002 },
    });
    expect(denied.json).toMatchObject({ errorCode: 32000, errorMessage: '无此操作的数据权限' });
  });
});

describe('object/list and object/describe (S1 objects-and-fields §2-3)', () => {
  it('lists objects with describeApiName / defineType', async () => {
    const r = await api.post('/cgi/crm/v2/object/list', { includeNull: false });
    const names = r.json.data.objects.map((o: Json) => o.describeApiName);
    expect(names).toEqual(
      expect.arrayContaining(['AccountObj', 'SalesOrderObj', 'NewOpportunityObj', 'ActiveRecordObj', 'object_survey__c']),
    );
    expect(r.json.data.objects.find((o: Json) => o.describeApiName === 'AccountObj')).toMatchObject({
      describeDisplayName: '客户',
      defineType: 'package',
      isActive: true,
    });
  });

  it('describes fields with type, label and select options', async () => {
    const r = await api.post('/cgi/crm/v2/object/describe', { includeDetail: false, data: { apiName: 'AccountObj' } });
    const fields = r.json.data.describe.fields;
    expect(fields.account_level).toMatchObject({ type: 'select_one', label: '客户级别' });
    expect(fields.account_level.options).toContainEqual({ value: '1', label: '重要客户' });
    expect(fields.field_annual_revenue__c).toMatchObject({ type: 'currency', decimal_places: 2 });
    expect(fields.province.type).toBe('province');
    const opp = await api.post('/cgi/crm/v2/object/describe', { includeDetail: false, data: { apiName: 'NewOpportunityObj' } });
    expect(opp.json.data.describe.fields.sales_status.options.map((o: Json) => o.label)).toEqual(['进行中', '赢单', '输单', '无效']);
  });
});
