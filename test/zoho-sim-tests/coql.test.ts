// COQL: the parser, the evaluator and the error envelopes (zoho.md §3; checklist item 4).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCoql, type ZohoSim } from '../zoho-sim/index.ts';
import { accessToken, client, type Json, start } from './helpers.ts';
import {
  COQL_ALIAS_IS_COLUMN,
  COQL_DUPLICATE_AGGREGATE,
  COQL_DUPLICATE_ALIAS,
  COQL_DUPLICATE_COLUMN,
  COQL_EMPTY_ALIAS,
  COQL_GET_LEADS,
  COQL_GET_LEADS_ROW,
  COQL_GET_LEADS_WITH_META,
  COQL_INCLUDE_META_VALUES,
  COQL_INVALID_LIMIT,
  COQL_INVALID_MODULE,
  COQL_INVALID_OPERATOR,
  COQL_LIMIT_ZERO,
  COQL_MANDATORY_NOT_FOUND,
  COQL_MISSING_WHERE,
  COQL_NOT_OPERATOR,
  COQL_UNSUPPORTED_CRITERIA,
  COQL_UNSUPPORTED_FUNCTION,
} from './oas-examples.ts';

let sim: ZohoSim;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  sim = await start();
  api = client(sim, await accessToken(sim));
});
afterAll(() => sim.close());
beforeEach(() => sim.control.resetCounters());

describe('parser', () => {
  it('parses select, lookups, where with parentheses, order by and limits', () => {
    const q = parseCoql(
      "SELECT Deal_Name, Account_Name.Account_Name, 'Owner.email' FROM Deals WHERE ((Stage = 'Closed Won' and Amount >= 1000) or Stage in ('Negotiation/Review', 'Proposal/Price Quote')) ORDER BY Amount desc, id LIMIT 10, 50",
    );
    expect(q.columns.map((c) => c.path)).toEqual(['Deal_Name', 'Account_Name.Account_Name', 'Owner.email']);
    expect(q.module).toBe('Deals');
    expect(q.where?.kind).toBe('or');
    expect(q.orderBy).toEqual([
      { key: 'Amount', desc: true },
      { key: 'id', desc: false },
    ]);
    expect([q.offset, q.limit]).toEqual([10, 50]);
    expect(parseCoql('select id from Deals where id is not null limit 20 offset 40')).toMatchObject({ limit: 20, offset: 40 });
    expect(parseCoql('select id from Deals where id is not null')).toMatchObject({ limit: 200, offset: 0 });
  });

  it('parses aggregates with aliases and group by', () => {
    const q = parseCoql("select Account_Name, SUM(Amount) as won, COUNT(id) from Deals where Stage = 'Closed Won' group by Account_Name");
    expect(q.columns).toEqual([
      { kind: 'field', path: 'Account_Name' },
      { kind: 'aggregate', fn: 'SUM', path: 'Amount', alias: 'won' },
      { kind: 'aggregate', fn: 'COUNT', path: 'id' },
    ]);
    expect(q.groupBy).toEqual(['Account_Name']);
  });

  it('needs parentheses around more than two criteria (Kaizen #171)', () => {
    expect(() =>
      parseCoql('select id from Contacts where id is not null and Account_Name is not null and Vendor_Name is not null'),
    ).toThrow(/SYNTAX_ERROR/);
    expect(() =>
      parseCoql('select id from Contacts where ((id is not null and Account_Name is not null) and Vendor_Name is not null)'),
    ).not.toThrow();
  });
});

describe('POST /coql', () => {
  it('answers the OAS GetLeads example, with id always returned', async () => {
    const r = await api.coql(COQL_GET_LEADS.select_query);
    expect(r.status).toBe(200);
    expect(r.json.info).toEqual({ count: 1, more_records: false });
    expect(r.json.data).toEqual([{ ...COQL_GET_LEADS_ROW, id: expect.stringMatching(/^\d{19}$/) }]);
  });

  it('adds field metadata with include_meta', async () => {
    const r = await api.coql(COQL_GET_LEADS_WITH_META.select_query, { include_meta: COQL_GET_LEADS_WITH_META.include_meta });
    expect(r.json.data[0]).toEqual({ Last_Name: 'TestLead', id: expect.any(String) });
    expect(r.json.fields.Last_Name).toMatchObject({
      api_name: 'Last_Name',
      field_label: 'Last Name',
      data_type: 'text',
      json_type: 'string',
    });
    expect((await api.coql(COQL_GET_LEADS.select_query, { include_meta: ['layouts'] })).json).toEqual(COQL_INCLUDE_META_VALUES);
  });

  it('answers 204 when nothing matches', async () => {
    const r = await api.coql("select Account_Name from Accounts where Account_Name = 'No Such Company'");
    expect([r.status, r.text]).toEqual([204, '']);
  });

  it('filters with =, !=, <, >=, in, not in, between, like, is null', async () => {
    const vip = sim.featured.vip;
    const byId = await api.coql(`select Account_Name from Accounts where id = '${vip}'`);
    expect(byId.json.data).toEqual([{ Account_Name: 'Zylker Corp', id: vip }]);
    const deals = sim.state.store.all('Deals').filter((d) => (d.Account_Name as { id: string }).id === vip);
    const won = deals.filter((d) => d.Stage === 'Closed Won');
    const r = await api.coql(`select Amount, Stage from Deals where (Account_Name = '${vip}' and Stage = 'Closed Won') limit 2000`);
    expect(r.json.data).toHaveLength(won.length);
    const open = await api.coql(
      `select Stage from Deals where (Account_Name = '${vip}' and Stage not in ('Closed Won', 'Closed Lost', 'Closed Lost to Competition'))`,
    );
    expect((open.json?.data ?? []).every((d: Json) => !String(d.Stage).startsWith('Closed'))).toBe(true);
    const big = await api.coql(`select Amount from Deals where (Account_Name = '${vip}' and Amount between 1000000 and 2000000)`);
    expect(big.json.data.every((d: Json) => d.Amount >= 1e6 && d.Amount <= 2e6)).toBe(true);
    const like = await api.coql("select Account_Name from Accounts where Account_Name like 'Zylker%'");
    expect(like.json.data.map((d: Json) => d.Account_Name)).toContain('Zylker Corp');
    const nulls = await api.coql(
      `select Customer_Satisfaction from Accounts where (id = '${sim.special.empty}' and Customer_Satisfaction is null)`,
    );
    expect(nulls.json.data).toHaveLength(1);
    const dates = await api.coql(
      `select Closing_Date from Deals where (Account_Name = '${vip}' and Closing_Date >= '2026-01-01') order by Closing_Date asc`,
    );
    const closing = dates.json.data.map((d: Json) => d.Closing_Date);
    expect(closing).toEqual([...closing].sort());
    expect(closing.every((d: string) => d >= '2026-01-01')).toBe(true);
  });

  it('queries activities by What_Id and joins lookups with dots', async () => {
    const vip = sim.featured.vip;
    const calls = await api.coql(
      `select Call_Start_Time, What_Id, 'What_Id->Accounts.Account_Name' from Calls where What_Id = '${vip}' limit 200`,
    );
    expect(calls.status).toBe(200);
    // Lookups come back as {id} in COQL rows (a guess; see coql.ts).
    expect(calls.json.data[0]).toMatchObject({ What_Id: { id: vip }, 'What_Id->Accounts.Account_Name': 'Zylker Corp' });
    const joined = await api.coql(
      `select Deal_Name, Account_Name.Account_Name, Account_Name.Industry from Deals where Account_Name = '${vip}' limit 1`,
    );
    expect(joined.json.data[0]['Account_Name.Account_Name']).toBe('Zylker Corp');
  });

  it('aggregates with group by (SUM, COUNT, MAX, MIN, AVG)', async () => {
    const vip = sim.featured.vip;
    const r = await api.coql(
      `select Stage, SUM(Amount), COUNT(id), MAX(Closing_Date), MIN(Amount), AVG(Amount) from Deals where Account_Name = '${vip}' group by Stage`,
    );
    expect(r.status).toBe(200);
    const deals = sim.state.store.all('Deals').filter((d) => (d.Account_Name as { id: string }).id === vip && d.Stage === 'Closed Won');
    const wonRow = r.json.data.find((row: Json) => row.Stage === 'Closed Won');
    expect(wonRow['SUM(Amount)']).toBe(deals.reduce((s, d) => s + (d.Amount as number), 0));
    expect(wonRow['COUNT(id)']).toBe(deals.length);
    expect(wonRow['MAX(Closing_Date)']).toBe(
      deals
        .map((d) => d.Closing_Date as string)
        .sort()
        .at(-1),
    );
    expect(wonRow).not.toHaveProperty('id');
    const perAccount = await api.coql(
      "select Account_Name, SUM(Amount) as won from Deals where Stage = 'Closed Won' group by Account_Name order by won desc limit 3",
    );
    expect(perAccount.json.data).toHaveLength(3);
    expect(perAccount.json.data[0].Account_Name).toEqual({ id: expect.any(String) });
    expect(perAccount.json.info.more_records).toBe(true);
  });

  it('pages with LIMIT/OFFSET and reports more_records', async () => {
    const a = await api.coql('select Account_Name from Accounts where id is not null limit 0, 1000');
    const b = await api.coql('select Account_Name from Accounts where id is not null limit 1000 offset 1000');
    const c = await api.coql('select Account_Name from Accounts where id is not null limit 2000, 1000');
    expect([a.json.info, b.json.info, c.json.info]).toEqual([
      { count: 1000, more_records: true },
      { count: 1000, more_records: true },
      { count: 100, more_records: false },
    ]);
    expect(new Set([...a.json.data, ...b.json.data, ...c.json.data].map((d: Json) => d.id)).size).toBe(2100);
    // Default order: ascending id.
    expect(BigInt(a.json.data[0].id) < BigInt(a.json.data[1].id)).toBe(true);
  });

  it('charges 1, 2 or 3 credits by LIMIT', async () => {
    const before = sim.control.counters().creditsUsed;
    await api.coql('select id from Accounts where id is not null limit 200');
    await api.coql('select id from Accounts where id is not null limit 201');
    await api.coql('select id from Accounts where id is not null limit 2000');
    expect(sim.control.counters().creditsUsed - before).toBe(1 + 2 + 3);
  });

  it.each([
    ['missing select_query', { include_meta: ['fields'] }, COQL_MANDATORY_NOT_FOUND],
    ['missing where', { select_query: 'select Last_Name from Leads' }, COQL_MISSING_WHERE],
    ['bare not', { select_query: "select Last_Name from Leads where not Last_Name = 'x'" }, COQL_NOT_OPERATOR],
    ['> on text', { select_query: "select First_Name from Leads where First_Name > 'a'" }, COQL_INVALID_OPERATOR],
    [
      'alias that names a column',
      { select_query: 'select First_Name as Last_Name, Last_Name from Leads where id is not null' },
      COQL_ALIAS_IS_COLUMN,
    ],
    [
      'duplicate alias',
      { select_query: 'select First_Name as Name, Last_Name as Name from Leads where id is not null' },
      COQL_DUPLICATE_ALIAS,
    ],
    ['empty alias', { select_query: "select First_Name as '' from Leads where id is not null" }, COQL_EMPTY_ALIAS],
    ['duplicate column', { select_query: 'select First_Name, First_Name from Leads where id is not null' }, COQL_DUPLICATE_COLUMN],
    [
      'duplicate aggregate',
      { select_query: 'select MAX(Annual_Revenue), MAX(Annual_Revenue) from Leads where id is not null' },
      COQL_DUPLICATE_AGGREGATE,
    ],
    ['limit s', { select_query: 'select Last_Name from Leads where id is not null limit s' }, COQL_INVALID_LIMIT],
    ['limit 0', { select_query: 'select Last_Name from Leads where id is not null limit 0' }, COQL_LIMIT_ZERO],
    ['unknown function', { select_query: 'select TestFunction(Last_Name) from Leads where id is not null' }, COQL_UNSUPPORTED_FUNCTION],
    ['unknown module', { select_query: 'select Name from Widgets where id is not null' }, COQL_INVALID_MODULE],
    [
      'multi-select in criteria',
      { select_query: "select Event_Title from Events where Participants != 'x'" },
      { ...COQL_UNSUPPORTED_CRITERIA, details: { ...COQL_UNSUPPORTED_CRITERIA.details, value: 'x' } },
    ],
  ])('answers %s with the OAS error body', async (_name, body, expected) => {
    const r = await api.send('POST', '/coql', body);
    expect([r.status, r.json]).toEqual([400, expected]);
  });

  it('enforces the documented limits', async () => {
    const limit = await api.coql('select id from Accounts where id is not null limit 2001');
    expect(limit.json).toMatchObject({ code: 'LIMIT_EXCEEDED', status: 'error' });
    const deep = await api.coql('select id from Accounts where id is not null limit 99000, 2000');
    expect(deep.json).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    const groups = await api.coql(
      'select Stage, Type, Lead_Source, Pipeline, Currency, COUNT(id) from Deals where id is not null group by Stage, Type, Lead_Source, Pipeline, Currency',
    );
    expect(groups.json).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { clause: 'group by', limit: 4 } });
    const fourGroups = await api.coql(
      'select Stage, Type, Lead_Source, Pipeline, COUNT(id) from Deals where id is not null group by Stage, Type, Lead_Source, Pipeline',
    );
    expect(fourGroups.status).toBe(200);
    const values = Array.from({ length: 51 }, (_, i) => `'${i}'`).join(',');
    expect((await api.coql(`select id from Accounts where Account_Name in (${values})`)).json.code).toBe('LIMIT_EXCEEDED');
    const syntax = await api.coql("select id from Accounts where Account_Name = 'a' and Industry = 'b' or Employees > 5");
    expect(syntax.json).toMatchObject({ code: 'SYNTAX_ERROR', status: 'error' });
    const booleanOp = await api.coql('select id from Accounts where Key_Account != true');
    expect(booleanOp.json).toMatchObject({ code: 'INVALID_QUERY', details: { column_name: 'Key_Account', operator: '!=' } });
  });

  it('matches picklist values by display or actual value', async () => {
    const display = await api.coql("select id from Deals where Stage = 'Closed-Lost to Competition' limit 2000");
    const actual = await api.coql("select id from Deals where Stage = 'Closed Lost to Competition' limit 2000");
    expect(display.json.data.length).toBeGreaterThan(0);
    expect(actual.json.data).toEqual(display.json.data);
  });
});
