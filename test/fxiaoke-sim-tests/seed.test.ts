// The seeded tenant: size, determinism, Fxiaoke-shaped records, and coverage of TierLens's tiers.
// `snapshots` below is a reference mapping from the seeded records to AccountSnapshots, only to
// prove the data reaches the tiers; the real connector (worker/connectors/fxiaoke) is tested
// separately against the running simulator.
import { describe, expect, it } from 'vitest';
import {
  type AccountSnapshot,
  AccountSnapshotSchema,
  compileRules,
  computePopulationStats,
  DEFAULT_PLAYBOOK,
  decideTiers,
} from '../../shared/index.ts';
import { ARCHETYPES, FXIAOKE_SIM_FEATURED, FXIAOKE_SIM_SPECIAL, type FxRecord, seedTenant } from '../fxiaoke-sim/index.ts';
import { ANCHOR } from './helpers.ts';

const DAY = 86_400_000;
const tenant = seedTenant({ seed: 0x0f5c_2026, accounts: 2200, anchor: ANCHOR });
const compiled = compileRules(DEFAULT_PLAYBOOK);
const iso = (ms: unknown) => new Date(ms as number).toISOString();
const KIND = { '1': 'call', '2': 'visit', '3': 'meeting', '4': 'email', '5': 'chat', '6': 'other' } as const;

function byAccount(records: readonly FxRecord[], field: string): Map<string, FxRecord[]> {
  const m = new Map<string, FxRecord[]>();
  for (const r of records) {
    const id = r[field] as string | undefined;
    if (id) m.set(id, [...(m.get(id) ?? []), r]);
  }
  return m;
}

function snapshots(): AccountSnapshot[] {
  const o = tenant.objects;
  const orders = byAccount(o.SalesOrderObj ?? [], 'account_id');
  const opps = byAccount(o.NewOpportunityObj ?? [], 'account_id');
  const follows = byAccount(o.ActiveRecordObj ?? [], 'account_id');
  const surveys = byAccount(o.object_survey__c ?? [], 'field_account__c');
  const referrals = byAccount(o.object_referral__c ?? [], 'field_referrer__c');
  return (o.AccountObj ?? []).map((a) => ({
    crm: 'fxiaoke',
    id: a._id,
    name: a.name as string,
    createdAt: iso(a.create_time),
    currency: 'CNY',
    flags: { annualAgreement: a.field_annual_agreement__c === true, keyAccount: a.account_level === '1' },
    attributes: {
      ...(a.field_staff_count__c !== undefined ? { employees: a.field_staff_count__c as number } : {}),
      ...(a.field_annual_revenue__c !== undefined ? { annualRevenue: a.field_annual_revenue__c as number } : {}),
    },
    orders: [
      ...(orders.get(a._id) ?? []).map((r) => ({
        id: r._id,
        amount: r.order_amount as number,
        status: r.life_status === 'normal' ? ('won' as const) : ('open' as const),
        closedAt: iso(r.order_time),
      })),
      ...(opps.get(a._id) ?? [])
        .filter((r) => r.sales_status === '1' || r.sales_status === '3')
        .map((r) => ({
          id: r._id,
          amount: r.amount as number,
          status: r.sales_status === '1' ? ('open' as const) : ('lost' as const),
          closedAt: iso(r.close_date),
        })),
    ],
    interactions: (follows.get(a._id) ?? []).map((r) => ({ kind: KIND[r.interactive_types as keyof typeof KIND], at: iso(r.create_time) })),
    surveys: (surveys.get(a._id) ?? []).map((r) => ({
      kind: r.field_survey_type__c as 'csat' | 'nps',
      score: r.field_score__c as number,
      at: iso(r.field_survey_date__c),
    })),
    referrals: (referrals.get(a._id) ?? []).map((r) => ({ at: iso(r.field_referral_date__c) })),
    ...(a.field_personality__c ? { personality: a.field_personality__c as string } : {}),
    ...(a.field_overdue_amount__c !== undefined ? { overdueAmount: a.field_overdue_amount__c as number } : {}),
  }));
}

const accounts = snapshots();
const stats = computePopulationStats(compiled, accounts, ANCHOR);
const tiers = new Map(accounts.map((a) => [a.id, decideTiers(compiled, a, ANCHOR, stats)]));
const tiersNoStats = new Map(accounts.map((a) => [a.id, decideTiers(compiled, a, ANCHOR, null)]));

describe('seeded tenant', () => {
  it('has 2,200 customers with 24-hex ids and unique Chinese company names', () => {
    const list = tenant.objects.AccountObj ?? [];
    expect(list).toHaveLength(2200);
    expect(new Set(list.map((a) => a._id)).size).toBe(2200);
    for (const a of list) expect(a._id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(list.map((a) => a.name)).size).toBe(2200);
    const chinese = list.filter((a) => /[\u4e00-\u9fff]/.test(String(a.name))).length;
    expect(chinese).toBe(2199);
    expect(list.find((a) => a._id === FXIAOKE_SIM_SPECIAL.hostile)?.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('has more than 12,000 follow-up records, so a full scan pages past offset 10,000', () => {
    expect(tenant.objects.ActiveRecordObj?.length).toBeGreaterThan(12_000);
    expect(tenant.objects.SalesOrderObj?.length).toBeGreaterThan(5_000);
    expect(tenant.objects.NewOpportunityObj?.length).toBeGreaterThan(1_000);
    expect(tenant.objects.object_survey__c?.length).toBeGreaterThan(1_000);
    expect(tenant.objects.object_referral__c?.length).toBeGreaterThan(50);
  });

  it('is deterministic, and the anchor only moves dates', () => {
    const small = seedTenant({ seed: 0x0f5c_2026, accounts: 300, anchor: ANCHOR });
    expect(JSON.stringify(seedTenant({ seed: 0x0f5c_2026, accounts: 300, anchor: ANCHOR }))).toBe(JSON.stringify(small));
    expect(tenant.objects.AccountObj?.slice(0, 300).map((a) => a.name)).toEqual(small.objects.AccountObj?.map((a) => a.name));
    const later = seedTenant({ seed: 0x0f5c_2026, accounts: 300, anchor: ANCHOR + 40 * DAY });
    expect(later.objects.SalesOrderObj?.map((o) => [o._id, o.order_amount])).toEqual(
      small.objects.SalesOrderObj?.map((o) => [o._id, o.order_amount]),
    );
    expect(later.objects.AccountObj?.[0]?.create_time).toBe((small.objects.AccountObj?.[0]?.create_time as number) + 40 * DAY);
    const other = seedTenant({ seed: 7, accounts: 300, anchor: ANCHOR });
    expect(other.objects.AccountObj?.[0]?.name).not.toBe(small.objects.AccountObj?.[0]?.name);
  });

  it('keeps every record in the past, related records pointing at existing customers', () => {
    const ids = new Set(tenant.objects.AccountObj?.map((a) => a._id));
    for (const [object, records] of Object.entries(tenant.objects)) {
      for (const r of records) {
        expect([object, (r.last_modified_time as number) <= ANCHOR]).toEqual([object, true]);
        const ref = (r.account_id ?? r.field_account__c ?? r.field_referrer__c) as string | undefined;
        if (ref) expect(ids.has(ref)).toBe(true);
      }
    }
  });

  it('puts churned and prospect customers in the pool (公海) without an owner', () => {
    const pool = tenant.objects.AccountObj?.filter((a) => a.high_seas_id) ?? [];
    expect(pool.length).toBeGreaterThan(30);
    for (const a of pool) expect(a.owner).toBeUndefined();
    expect(tenant.objects.AccountObj?.find((a) => a._id === FXIAOKE_SIM_SPECIAL.pool)?.high_seas_id).toBeDefined();
  });

  it('produces valid snapshots through a straightforward mapping', () => {
    expect(accounts.filter((a) => !AccountSnapshotSchema.safeParse(a).success).map((a) => a.id)).toEqual([]);
  });

  it('gives every featured customer its archetype’s headline tier', () => {
    for (const archetype of ['strategic', 'vip', 'key', 'new', 'dormant', 'low_value', 'standard'] as const) {
      expect([archetype, tiers.get(FXIAOKE_SIM_FEATURED[archetype])?.relationship]).toEqual([archetype, archetype]);
      expect([archetype, tiersNoStats.get(FXIAOKE_SIM_FEATURED[archetype])?.relationship]).toEqual([archetype, archetype]);
    }
    expect(tiers.get(FXIAOKE_SIM_FEATURED.loyal)?.lifecycle).toBe('loyal');
    expect(tiers.get(FXIAOKE_SIM_FEATURED.churned)?.lifecycle).toBe('churned');
    expect(tiers.get(FXIAOKE_SIM_FEATURED.prospect)?.lifecycle).toBe('prospect');
  });

  it('reaches every relationship, lifecycle, engagement, satisfaction, advocacy, value, pyramid and demand tier, many times', () => {
    const count = (dim: string) => {
      const c: Record<string, number> = {};
      for (const t of tiers.values()) c[t[dim] as string] = (c[t[dim] as string] ?? 0) + 1;
      return c;
    };
    const tierIds = (dim: string) => DEFAULT_PLAYBOOK.dimensions.find((d) => d.id === dim)?.tiers.map((t) => t.id) ?? [];
    for (const dim of [
      'relationship',
      'lifecycle',
      'engagement',
      'satisfaction',
      'advocacy',
      'value',
      'pyramid',
      'demand',
      'size',
      'wallet_loyalty',
    ]) {
      const c = count(dim);
      const missing = tierIds(dim).filter((t) => !(c[t] && c[t] >= 10) && !(dim === 'pyramid' && t === 'unknown'));
      expect([dim, missing]).toEqual([dim, []]);
    }
    expect(new Set(tenant.archetypes.values())).toEqual(new Set(ARCHETYPES));
  });

  it('has VIPs with at least 5,000,000 won in 365 days', () => {
    const won = new Map<string, number>();
    for (const o of tenant.objects.SalesOrderObj ?? []) {
      if (o.life_status !== 'normal' || (o.order_time as number) < ANCHOR - 365 * DAY) continue;
      won.set(o.account_id as string, (won.get(o.account_id as string) ?? 0) + (o.order_amount as number));
    }
    expect(won.get(FXIAOKE_SIM_FEATURED.vip)).toBeGreaterThanOrEqual(5_000_000);
    expect([...won.values()].filter((v) => v >= 5_000_000).length).toBeGreaterThan(40);
  });
});
