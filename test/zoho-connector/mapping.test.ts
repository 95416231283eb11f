// Zoho records -> AccountSnapshot: checked against the simulator's raw records, the engine's
// default playbook (every featured account lands in its archetype's tier), and the two fetch
// paths (related lists for one account, COQL for many) giving the same snapshot.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountSnapshot, AccountSnapshotSchema, compileRules, DEFAULT_PLAYBOOK, decideTiers } from '../../shared/index.ts';
import { inCriteria } from '../../worker/connectors/zoho/index.ts';
import { interactionOf, isoTime, orderOf, stageSets } from '../../worker/connectors/zoho/mapping.ts';
import { ZohoSettingsSchema } from '../../worker/connectors/zoho/settings.ts';
import type { ZohoSim } from '../zoho-sim/index.ts';
import { connectorFor, ctx, resetMemory, SIM_FIELDS, simSettings, startSim } from './helpers.ts';

let sim: ZohoSim;
beforeAll(async () => {
  sim = await startSim();
  resetMemory();
});
afterAll(() => sim.close());

const records = (module: string, field: string, accountId: string) =>
  sim.state.store.all(module).filter((r) => (r[field] as { id?: string } | null)?.id === accountId);

/** Order-independent form of a snapshot. */
const canonical = (s: AccountSnapshot | null | undefined) =>
  s && {
    ...s,
    orders: s.orders?.slice().sort((a, b) => a.id.localeCompare(b.id)),
    interactions: s.interactions?.slice().sort((a, b) => `${a.at}${a.kind}`.localeCompare(`${b.at}${b.kind}`)),
  };

describe('an account, field by field', () => {
  it('maps the VIP account from its Zoho records', async () => {
    const { connector } = connectorFor(sim);
    const id = sim.featured.vip;
    const s = await connector.getAccount(id, ctx());
    const raw = sim.control.getRecord('Accounts', id) as Record<string, unknown>;
    expect(AccountSnapshotSchema.safeParse(s).success).toBe(true);
    expect(s).toMatchObject({
      crm: 'zoho',
      id,
      name: 'Zylker Corp',
      createdAt: new Date(Date.parse(raw.Created_Time as string)).toISOString(),
      currency: raw.Currency,
      attributes: {
        industry: raw.Industry,
        country: raw.Billing_Country,
        region: raw.Billing_State,
        city: raw.Billing_City,
        employees: raw.Employees,
        owner: (raw.Owner as { name: string }).name,
        type: raw.Account_Type,
      },
      flags: { annualAgreement: raw.Annual_Agreement, keyAccount: raw.Key_Account },
      fields: { Rating: raw.Rating ?? null },
    });
    expect(s?.createdAt).toMatch(/Z$/);

    const deals = records('Deals', 'Account_Name', id);
    const byStatus = (st: string) => s?.orders?.filter((o) => o.status === st).length ?? 0;
    expect(byStatus('won')).toBe(deals.filter((d) => d.Stage === 'Closed Won').length);
    expect(byStatus('lost')).toBe(deals.filter((d) => String(d.Stage).startsWith('Closed-Lost') || d.Stage === 'Closed Lost').length);
    expect(byStatus('open')).toBe(deals.filter((d) => !String(d.Stage).startsWith('Closed')).length);
    const wonAmount = s?.orders?.filter((o) => o.status === 'won').reduce((n, o) => n + o.amount, 0);
    expect(wonAmount).toBe(deals.filter((d) => d.Stage === 'Closed Won').reduce((n, d) => n + (d.Amount as number), 0));
    expect(s?.orders?.[0]?.category).toMatch(/Business$/);

    const now = Date.now();
    const closedCalls = records('Calls', 'What_Id', id).filter(
      (r) => r.Outgoing_Call_Status !== 'Scheduled' && Date.parse(r.Call_Start_Time as string) <= now,
    );
    const pastEvents = records('Events', 'What_Id', id).filter((r) => Date.parse(r.End_DateTime as string) <= now);
    const doneTasks = records('Tasks', 'What_Id', id).filter((r) => r.Status === 'Completed');
    const cases = records('Cases', 'Account_Name', id);
    const kinds = (k: string) => s?.interactions?.filter((i) => i.kind === k).length ?? 0;
    expect([kinds('call'), kinds('meeting'), kinds('other'), kinds('ticket')]).toEqual([
      closedCalls.length,
      pastEvents.length,
      doneTasks.length,
      cases.length,
    ]);
  });

  it('reads surveys, referrals, personality and the overdue amount from the admin’s custom fields', async () => {
    const { connector } = connectorFor(sim);
    const id = sim.featured.strategic;
    const raw = sim.control.getRecord('Accounts', id) as Record<string, unknown>;
    const s = await connector.getAccount(id, ctx());
    const csat = s?.surveys?.find((x) => x.kind === 'csat');
    expect(csat).toEqual({ kind: 'csat', score: raw.Customer_Satisfaction, at: `${raw.CSAT_Survey_Date}T00:00:00.000Z` });
    const nps = s?.surveys?.find((x) => x.kind === 'nps');
    expect(nps?.score).toBe(raw.NPS_Score);
    expect(s?.referrals?.length ?? 0).toBe(raw.Referrals_Count);
    if (raw.Personality_Type) expect(s?.personality).toBe(raw.Personality_Type);
    expect(s?.overdueAmount).toBe(raw.Overdue_Amount);
    expect(s?.flags?.annualAgreement).toBe(true);
  });

  it('without field mappings, no surveys, flags or custom values', async () => {
    const { connector } = connectorFor(sim, { settings: { dc: sim.dc, accountsUrl: sim.accountsUrl } });
    const s = await connector.getAccount(sim.featured.strategic, ctx());
    expect(s?.surveys).toBeUndefined();
    expect(s?.flags).toBeUndefined();
    expect(s?.personality).toBeUndefined();
    expect(s?.orders?.length).toBeGreaterThan(0);
  });

  it('keeps a hostile name as plain text and maps an empty account', async () => {
    const { connector } = connectorFor(sim);
    const hostile = await connector.getAccount(sim.special.hostile, ctx());
    expect(hostile?.name).toBe('<img src=x onerror=alert(1)>');
    const empty = await connector.getAccount(sim.special.empty, ctx());
    expect(empty?.name).toBe('Empty Account Ltd.');
    expect(empty?.orders).toBeUndefined();
    expect(empty?.interactions).toBeUndefined();
    expect(AccountSnapshotSchema.safeParse(empty).success).toBe(true);
  });

  it('follows the tenant’s stage mapping (custom pipelines)', async () => {
    const id = sim.featured.vip;
    const open = records('Deals', 'Account_Name', id).filter((d) => !String(d.Stage).startsWith('Closed'));
    expect(open.length).toBeGreaterThan(0);
    const stage = open[0]?.Stage as string;
    const { connector } = connectorFor(sim, {
      settings: simSettings(sim, { stages: { won: ['Closed Won', stage.toUpperCase()], lost: ['Closed Lost'] } }),
    });
    const s = await connector.getAccount(id, ctx());
    expect(s?.orders?.find((o) => o.id === open[0]?.id)?.status).toBe('won');
    // "Closed-Lost to Competition" is no longer a lost stage: open.
    const competition = records('Deals', 'Account_Name', id).find((d) => d.Stage === 'Closed-Lost to Competition');
    if (competition) expect(s?.orders?.find((o) => o.id === competition.id)?.status).toBe('open');
  });
});

describe('with the default playbook', () => {
  it('puts every featured account in its archetype’s tier', async () => {
    const { connector } = connectorFor(sim);
    const compiled = compileRules(DEFAULT_PLAYBOOK);
    const found = await connector.getAccounts(Object.values(sim.featured), ctx());
    const tiers = (id: string) => decideTiers(compiled, found.get(id) as AccountSnapshot, Date.now(), null);
    for (const archetype of ['strategic', 'vip', 'key', 'new', 'dormant', 'low_value', 'standard'] as const) {
      expect([archetype, tiers(sim.featured[archetype]).relationship]).toEqual([archetype, archetype]);
    }
    expect(tiers(sim.featured.loyal).lifecycle).toBe('loyal');
    expect(tiers(sim.featured.churned).lifecycle).toBe('churned');
    expect(tiers(sim.featured.prospect).lifecycle).toBe('prospect');
  });
});

describe('the two fetch paths', () => {
  it('give the same snapshots: related lists for one account, COQL for a batch', async () => {
    const { connector } = connectorFor(sim);
    const page = await connector.listAccounts(ctx());
    const ids = [...Object.values(sim.featured), ...Object.values(sim.special), ...page.accounts.slice(0, 40).map((a) => a.id)];
    const batch = await connector.getAccounts(ids, ctx());
    expect(batch.size).toBe(ids.length);
    const differ: string[] = [];
    for (const id of ids) {
      const one = await connector.getAccount(id, ctx());
      if (!isDeepStrictEqual(canonical(one), canonical(batch.get(id)))) differ.push(id);
      if (!AccountSnapshotSchema.safeParse(one).success) differ.push(`${id} (invalid)`);
    }
    expect(differ).toEqual([]);
    // listAccounts builds the same snapshots too.
    const listed = page.accounts.find((a) => a.id === ids.at(-1));
    expect(canonical(listed)).toEqual(canonical(batch.get(ids.at(-1) as string)));
  });
});

describe('pieces', () => {
  const settings = ZohoSettingsSchema.parse({ fields: SIM_FIELDS });
  const stages = stageSets(settings);
  const now = Date.parse('2026-11-23T00:00:00Z');

  it('normalises Zoho datetimes and dates to UTC', () => {
    expect(isoTime('2023-10-15T10:30:00+05:30')).toBe('2023-10-15T05:00:00.000Z');
    expect(isoTime('2026-11-02')).toBe('2026-11-02T00:00:00.000Z');
    expect(isoTime('')).toBeUndefined();
    expect(isoTime(null)).toBeUndefined();
    expect(isoTime('soon')).toBeUndefined();
  });

  it('reads stages by name, the display and the actual value of Closed-Lost to Competition alike', () => {
    const deal = (Stage: string) => orderOf({ id: '1', Stage, Amount: 10, Closing_Date: '2026-01-02' }, stages, undefined)?.status;
    expect(deal('Closed Won')).toBe('won');
    expect(deal('closed won')).toBe('won');
    expect(deal('Closed Lost')).toBe('lost');
    expect(deal('Closed-Lost to Competition')).toBe('lost');
    expect(deal('Closed Lost to Competition')).toBe('lost');
    expect(deal('Negotiation/Review')).toBe('open');
    expect(orderOf({ id: '1', Stage: 'Closed Won', Amount: -5 }, stages, undefined)?.amount).toBe(0);
  });

  it('counts only activities that happened', () => {
    expect(interactionOf('Calls', { Call_Start_Time: '2026-11-01T10:00:00+08:00', Outgoing_Call_Status: 'Completed' }, now)?.kind).toBe(
      'call',
    );
    expect(interactionOf('Calls', { Call_Start_Time: '2026-11-01T10:00:00+08:00', Outgoing_Call_Status: null }, now)?.kind).toBe('call');
    expect(interactionOf('Calls', { Call_Start_Time: '2026-11-01T10:00:00+08:00', Outgoing_Call_Status: 'Scheduled' }, now)).toBeNull();
    expect(interactionOf('Calls', { Call_Start_Time: '2026-11-01T10:00:00+08:00', Outgoing_Call_Status: 'Cancelled' }, now)).toBeNull();
    expect(
      interactionOf('Events', { Start_DateTime: '2026-12-01T10:00:00+08:00', End_DateTime: '2026-12-01T11:00:00+08:00' }, now),
    ).toBeNull();
    expect(
      interactionOf('Events', { Start_DateTime: '2026-11-01T10:00:00+08:00', End_DateTime: '2026-11-01T11:00:00+08:00' }, now)?.kind,
    ).toBe('meeting');
    expect(interactionOf('Tasks', { Status: 'In Progress', Due_Date: '2026-11-01' }, now)).toBeNull();
    expect(interactionOf('Tasks', { Status: 'Completed', Due_Date: '2026-11-01', Closed_Time: null }, now)).toEqual({
      kind: 'other',
      at: '2026-11-01T00:00:00.000Z',
    });
    expect(interactionOf('Cases', { Created_Time: '2026-11-01T10:00:00+08:00' }, now)?.kind).toBe('ticket');
  });

  it('builds `in` criteria in groups of 50, parenthesised two at a time, from record ids only', () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(4876876000000400001n + BigInt(i)));
    const where = inCriteria('Account_Name', ids);
    expect(where.match(/ in \(/g)?.length).toBe(3);
    expect(where.startsWith('((Account_Name in (')).toBe(true);
    expect(where.split(' or ').length).toBe(3);
    expect(() => inCriteria('id', ["1') or (id is not null"])).toThrow(RangeError);
    expect(() =>
      inCriteria(
        'id',
        Array.from({ length: 501 }, () => '1'),
      ),
    ).toThrow(RangeError);
  });
});
