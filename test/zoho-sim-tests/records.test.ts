// Records: GET one, GET list (fields, per_page, page vs page_token, 204), related lists, writes
// (zoho.md §2 and §6; checklist items 3 and 6).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZohoSim } from '../zoho-sim/index.ts';
import { accessToken, client, type Json, start } from './helpers.ts';
import {
  GET_RECORDS_DISCRETE_PAGINATION,
  GET_RECORDS_EXPIRED_VALUE,
  GET_RECORDS_INFO,
  GET_RECORDS_INVALID_MODULE,
  GET_RECORDS_LEADS_RECORD,
  GET_RECORDS_LIMIT_EXCEEDED,
  GET_RECORDS_REQUIRED_PARAM_MISSING,
  GET_RECORDS_TOKEN_BOUND_MISMATCH,
  INVALID_URL_PATTERN,
  RECORD_COUNT_KEYS,
  RELATED_INFO_KEYS,
  RELATED_INVALID_NAME,
  RELATED_RECORD_NOT_FOUND,
  RELATED_REQUIRED_PARAM_MISSING,
  UPDATE_RECORDS_ALREADY_MODIFIED_ITEM,
  UPDATE_RECORDS_LIMIT_EXCEEDED,
  UPDATE_RECORDS_MIXED_ERROR_ITEM,
  UPDATE_RECORDS_RECORD_LOCKED_ITEM,
  UPDATE_RECORDS_REQUEST,
  UPDATE_RECORDS_SUCCESS_ITEM,
} from './oas-examples.ts';

let sim: ZohoSim;
let api: ReturnType<typeof client>;
const keysOf = (o: object) => Object.keys(o).sort();

beforeAll(async () => {
  sim = await start();
  api = client(sim, await accessToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => sim.control.resetFaults());

describe('GET /{module} (list)', () => {
  it('requires fields, with the documented error', async () => {
    const r = await api.get('/Accounts');
    expect([r.status, r.json]).toEqual([400, GET_RECORDS_REQUIRED_PARAM_MISSING]);
  });

  it('takes at most 50 fields', async () => {
    const every = Object.keys(sim.state.store.get('Accounts', sim.featured.vip) ?? {});
    expect((await api.get(`/Accounts?fields=${every.join(',')}&per_page=1`)).status).toBe(200);
    const many = Array.from({ length: 51 }, (_, i) => `Field_${i}`);
    const r = await api.get(`/Accounts?fields=${many.join(',')}`);
    expect([r.status, r.json]).toEqual([400, GET_RECORDS_LIMIT_EXCEEDED]);
    const unknown = await api.get('/Accounts?fields=Account_Name,No_Such_Field');
    expect(unknown.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'fields' } });
  });

  it('answers with data and the info block of the OAS example', async () => {
    const r = await api.get('/Accounts?fields=Account_Name,Owner,Industry&per_page=5');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(keysOf(r.json.info)).toEqual(keysOf(GET_RECORDS_INFO));
    expect(r.json.info).toMatchObject({
      call: false,
      per_page: 5,
      count: 5,
      sort_by: 'id',
      page: 1,
      sort_order: 'desc',
      email: false,
      more_records: true,
      previous_page_token: null,
    });
    expect(r.json.info.next_page_token).toMatch(/^[0-9a-f]{1,96}$/);
    expect(r.json.info.page_token_expiry).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const first = r.json.data[0];
    expect(Object.keys(first)).toEqual(['id', 'Account_Name', 'Owner', 'Industry']);
    expect(first.id).toMatch(/^\d{19}$/);
    expect(keysOf(first.Owner)).toEqual(keysOf(GET_RECORDS_LEADS_RECORD.Owner));
    // Default order: id descending.
    const ids = r.json.data.map((d: Json) => BigInt(d.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
  });

  it('reproduces the OAS Leads example record', async () => {
    const fields = Object.keys(GET_RECORDS_LEADS_RECORD).filter((k) => k !== 'id');
    const r = await api.get(`/Leads?fields=${fields.join(',')}&sort_order=asc&per_page=1`);
    const { id, Owner, Created_Time, Modified_Time, ...rest } = r.json.data[0];
    const { id: _i, Owner: exOwner, Created_Time: _c, Modified_Time: _m, ...expected } = GET_RECORDS_LEADS_RECORD;
    expect(rest).toEqual(expected);
    expect(Owner.name).toBe(exOwner.name);
    expect([id, Created_Time, Modified_Time].every((v) => typeof v === 'string')).toBe(true);
  });

  it('caps per_page at 200', async () => {
    expect((await api.get('/Accounts?fields=Account_Name&per_page=200')).json.data).toHaveLength(200);
    const r = await api.get('/Accounts?fields=Account_Name&per_page=201');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'per_page' }, status: 'error' });
  });

  it('reaches only the first 2000 records by page, then page_token walks the rest', async () => {
    expect((await api.get('/Accounts?fields=Account_Name&per_page=200&page=10')).status).toBe(200);
    const beyond = await api.get('/Accounts?fields=Account_Name&per_page=200&page=11');
    expect([beyond.status, beyond.json]).toEqual([400, GET_RECORDS_DISCRETE_PAGINATION]);
    expect((await api.get('/Accounts?fields=Account_Name&per_page=100&page=21')).json).toEqual(GET_RECORDS_DISCRETE_PAGINATION);

    const seen = new Set<string>();
    let path = '/Accounts?fields=Account_Name&per_page=200';
    let pages = 0;
    for (;;) {
      const r = await api.get(path);
      expect(r.status).toBe(200);
      pages += 1;
      for (const d of r.json.data) seen.add(d.id);
      if (!r.json.info.more_records) {
        expect(r.json.info.next_page_token).toBeNull();
        break;
      }
      path = `/Accounts?fields=Account_Name&per_page=200&page_token=${r.json.info.next_page_token}`;
    }
    expect(pages).toBe(11);
    expect(seen.size).toBe(2100);
  });

  it('binds a page_token to its parameters and to 24 hours', async () => {
    const first = await api.get('/Accounts?fields=Account_Name&per_page=50');
    const token = first.json.info.next_page_token;
    const altered = await api.get(`/Accounts?fields=Account_Name,Industry&per_page=50&page_token=${token}`);
    expect([altered.status, altered.json]).toEqual([400, GET_RECORDS_TOKEN_BOUND_MISMATCH]);
    const both = await api.get(`/Accounts?fields=Account_Name&per_page=50&page=2&page_token=${token}`);
    expect(both.json.code).toBe('AMBIGUITY_DURING_PROCESSING');
    const second = await api.get(`/Accounts?fields=Account_Name&per_page=50&page_token=${token}`);
    expect(second.json.info.page).toBe(2);
    expect(second.json.data[0].id).not.toBe(first.json.data[0].id);
    sim.control.advanceTime(24 * 3600_000);
    const fresh = client(sim, await accessToken(sim));
    const expired = await fresh.get(`/Accounts?fields=Account_Name&per_page=50&page_token=${token}`);
    expect([expired.status, expired.json]).toEqual([400, GET_RECORDS_EXPIRED_VALUE]);
    api = fresh;
  });

  it('answers 204 with an empty body when there is no data', async () => {
    const r = await api.get('/Accounts?fields=Account_Name&ids=4876876000000999999');
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect((await api.get('/Leads?fields=Last_Name&page=2&per_page=200')).status).toBe(204);
  });

  it('fetches several records by ids=', async () => {
    const ids = [sim.featured.vip, sim.featured.dormant, sim.featured.new];
    const r = await api.get(`/Accounts?fields=Account_Name&ids=${ids.join(',')}`);
    expect(r.json.data.map((d: Json) => d.id).sort()).toEqual([...ids].sort());
  });

  it('sorts by Modified_Time and answers If-Modified-Since with 304', async () => {
    const r = await api.get('/Accounts?fields=Modified_Time&sort_by=Modified_Time&sort_order=desc&per_page=3');
    const newest = r.json.data[0].Modified_Time as string;
    const bad = await api.get('/Accounts?fields=Account_Name&sort_by=Account_Name');
    expect(bad.json).toMatchObject({
      code: 'INVALID_DATA',
      details: { param_name: 'sort_by', supported_values: ['id', 'Created_Time', 'Modified_Time'] },
    });
    const since = new Date(Date.parse(newest) + 1000).toUTCString();
    expect((await api.get('/Accounts?fields=Account_Name', { 'if-modified-since': since })).status).toBe(304);
  });

  it('rejects unknown modules and paths with the documented envelopes', async () => {
    expect((await api.get('/Widgets?fields=Name')).json).toEqual(GET_RECORDS_INVALID_MODULE);
    const r = await api.get('/Accounts/1/Deals/extra/parts');
    expect([r.status, r.json]).toEqual([404, INVALID_URL_PATTERN]);
  });

  it('counts records', async () => {
    const r = await api.get('/Accounts/actions/count');
    expect(keysOf(r.json)).toEqual(RECORD_COUNT_KEYS);
    expect(r.json.count).toBe(2100);
  });
});

describe('GET /{module}/{id}', () => {
  it('returns one record in data[] without info', async () => {
    const r = await api.get(`/Accounts/${sim.featured.vip}`);
    expect(r.status).toBe(200);
    expect(keysOf(r.json)).toEqual(['data']);
    const a = r.json.data[0];
    expect(a).toMatchObject({ id: sim.featured.vip, Account_Name: 'Zylker Corp', Currency: 'USD' });
    expect(keysOf(a.Owner)).toEqual(['email', 'id', 'name']);
    expect(a.Created_Time).toMatch(/\+08:00$/);
    for (const custom of ['Customer_Satisfaction', 'NPS_Score', 'Referrals_Count', 'Annual_Agreement', 'Key_Account', 'Personality_Type'])
      expect(a).toHaveProperty(custom);
  });

  it('honours fields= and answers 204 for an unknown id', async () => {
    const r = await api.get(`/Accounts/${sim.featured.vip}?fields=Account_Name`);
    expect(r.json.data[0]).toEqual({ id: sim.featured.vip, Account_Name: 'Zylker Corp' });
    const none = await api.get('/Accounts/4876876000000999999');
    expect([none.status, none.text]).toEqual([204, '']);
  });

  it('serves Deals, Calls, Events, Tasks and Cases with Zoho field names', async () => {
    const deals = await api.get('/Deals?fields=Deal_Name,Account_Name,Amount,Stage,Closing_Date&per_page=200');
    expect(deals.json.data[0].Account_Name).toEqual({ name: expect.any(String), id: expect.stringMatching(/^\d{19}$/) });
    expect(deals.json.data[0].Closing_Date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const calls = await api.get('/Calls?fields=Call_Start_Time,What_Id,$se_module&per_page=1');
    expect(calls.json.data[0].$se_module).toBe('Accounts');
    expect(calls.json.data[0].What_Id).toEqual({ name: expect.any(String), id: expect.any(String) });
    for (const [module, field] of [
      ['Events', 'Start_DateTime'],
      ['Tasks', 'Status'],
      ['Cases', 'Account_Name'],
    ]) {
      expect((await api.get(`/${module}?fields=${field}&per_page=1`)).json.data[0]).toHaveProperty(field as string);
    }
  });
});

describe('related lists', () => {
  it('lists an account’s deals with the related-records info block', async () => {
    const r = await api.get(`/Accounts/${sim.featured.vip}/Deals?fields=Deal_Name,Amount,Stage`);
    expect(r.status).toBe(200);
    expect(keysOf(r.json.info)).toEqual(expect.arrayContaining(RELATED_INFO_KEYS));
    expect(r.json.data.length).toBeGreaterThan(5);
    const viaList = r.json.data.map((d: Json) => d.id).sort();
    const all = sim.state.store.all('Deals').filter((d) => (d.Account_Name as { id: string }).id === sim.featured.vip);
    expect(viaList).toEqual(all.map((d) => d.id).sort());
  });

  it('splits activities into open (Activities) and closed (Activities_History)', async () => {
    const closed = await api.get(`/Accounts/${sim.featured.vip}/Activities_History?fields=Subject,Event_Title,Status,Call_Start_Time`);
    expect(closed.status).toBe(200);
    expect(new Set(closed.json.data.map((d: Json) => d.Activity_Type))).toEqual(new Set(['Calls', 'Events', 'Tasks']));
    for (const d of closed.json.data) expect(d.$se_module).toBe('Accounts');
  });

  it('requires fields, 404s an unknown parent and 400s an unknown list', async () => {
    expect((await api.get(`/Accounts/${sim.featured.vip}/Deals`)).json).toEqual(RELATED_REQUIRED_PARAM_MISSING);
    const missing = await api.get('/Accounts/4876876000000999999/Deals?fields=Deal_Name');
    expect([missing.status, missing.json]).toEqual([404, RELATED_RECORD_NOT_FOUND]);
    expect((await api.get(`/Accounts/${sim.featured.vip}/Potentials?fields=Deal_Name`)).json).toEqual(RELATED_INVALID_NAME);
    expect((await api.get(`/Accounts/${sim.special.empty}/Deals?fields=Deal_Name`)).status).toBe(204);
  });

  it('lists contacts of featured accounts', async () => {
    const r = await api.get(`/Accounts/${sim.featured.vip}/Contacts?fields=Full_Name,Title`);
    expect(r.json.data.map((c: Json) => c.Full_Name).sort()).toEqual(['Emily Chen', 'James Wilson']);
  });
});

describe('PUT /{module} (update)', () => {
  it('updates a record and answers with the OAS success item', async () => {
    const daly = sim.state.store.all('Leads').find((l) => l.Last_Name === 'Daly');
    const body = { ...UPDATE_RECORDS_REQUEST, data: [{ ...UPDATE_RECORDS_REQUEST.data[0], id: daly?.id, Company: 'ABC Holdings' }] };
    const r = await api.send('PUT', '/Leads', body);
    expect(r.status).toBe(200);
    const item = r.json.data[0];
    expect(keysOf(item)).toEqual(keysOf(UPDATE_RECORDS_SUCCESS_ITEM));
    expect(keysOf(item.details)).toEqual(keysOf(UPDATE_RECORDS_SUCCESS_ITEM.details));
    expect(item).toMatchObject({ code: 'SUCCESS', message: 'record updated', status: 'success' });
    expect(sim.control.getRecord('Leads', daly?.id ?? '')?.Company).toBe('ABC Holdings');
  });

  it('writes a tier back to Accounts, 207 when results are mixed', async () => {
    const r = await api.send('PUT', '/Accounts', {
      data: [
        { id: sim.featured.vip, Customer_Tier: 'vip' },
        { id: sim.featured.key, Last_Name: 'x' },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.json.data[0].code).toBe('SUCCESS');
    expect(r.json.data[1]).toEqual({
      ...UPDATE_RECORDS_MIXED_ERROR_ITEM,
      details: { api_name: 'Last_Name', json_path: '$.data[1].Last_Name' },
    });
    expect(sim.control.getRecord('Accounts', sim.featured.vip)?.Customer_Tier).toBe('vip');
  });

  it('checks types, ids and the 100-record limit', async () => {
    const typed = await api.send('PUT', '/Accounts', { data: [{ id: sim.featured.vip, Employees: 'many' }] });
    expect([typed.status, typed.json.data[0]]).toEqual([
      400,
      {
        code: 'INVALID_DATA',
        details: { expected_data_type: 'integer', api_name: 'Employees', json_path: '$.data[0].Employees' },
        message: 'invalid data',
        status: 'error',
      },
    ]);
    const noId = await api.send('PUT', '/Accounts', { data: [{ Customer_Tier: 'vip' }] });
    expect(noId.json.data[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: '$.data[0].id' } });
    const tooMany = await api.send('PUT', '/Accounts', { data: Array.from({ length: 101 }, () => ({ id: sim.featured.vip })) });
    expect([tooMany.status, tooMany.json]).toEqual([400, UPDATE_RECORDS_LIMIT_EXCEEDED]);
  });

  it('answers 412 ALREADY_MODIFIED for If-Unmodified-Since in the past', async () => {
    const before = new Date(Date.parse('2020-01-01T00:00:00Z')).toUTCString();
    const r = await api.send(
      'PUT',
      '/Accounts',
      { data: [{ id: sim.featured.dormant, Customer_Tier: 'dormant' }] },
      { 'if-unmodified-since': before },
    );
    expect(r.status).toBe(412);
    expect(keysOf(r.json.data[0])).toEqual(keysOf(UPDATE_RECORDS_ALREADY_MODIFIED_ITEM));
    expect(r.json.data[0]).toMatchObject({
      code: 'ALREADY_MODIFIED',
      message: UPDATE_RECORDS_ALREADY_MODIFIED_ITEM.message,
      details: { id: sim.featured.dormant },
    });
  });

  it('refuses locked records per record', async () => {
    const r = await api.send('PUT', '/Accounts', { data: [{ id: sim.special.locked, Customer_Tier: 'standard' }] });
    expect([r.status, r.json.data[0]]).toEqual([400, UPDATE_RECORDS_RECORD_LOCKED_ITEM]);
  });

  it('updates one record by path and inserts with POST', async () => {
    const one = await api.send('PUT', `/Accounts/${sim.featured.new}`, { data: [{ Customer_Tier: 'new' }] });
    expect(one.json.data[0].details.id).toBe(sim.featured.new);
    const created = await api.send('POST', '/Accounts', { data: [{ Account_Name: '南京新锐科技有限公司', Industry: 'Technology' }] });
    expect(created.status).toBe(201);
    expect(created.json.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
    expect(sim.control.getRecord('Accounts', created.json.data[0].details.id)?.Account_Name).toBe('南京新锐科技有限公司');
  });
});
