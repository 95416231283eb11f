// The seeded org: size, determinism, Zoho-shaped values, and coverage of TierLens's tiers.
// `toSnapshot` below is a reference mapping from Zoho records to an AccountSnapshot, only to prove
// the data reaches the tiers; the real connector is built separately.
import { describe, expect, it } from 'vitest';
import {
  type AccountSnapshot,
  AccountSnapshotSchema,
  compileRules,
  computePopulationStats,
  DEFAULT_PLAYBOOK,
  decideTiers,
  type InteractionKind,
} from '../../shared/index.ts';
import { ARCHETYPES, DEAL_STAGES, ZOHO_SIM_FEATURED, ZOHO_SIM_SPECIAL } from '../zoho-sim/index.ts';
import { seedOrg } from '../zoho-sim/seed.ts';
import type { ZohoRecord } from '../zoho-sim/store.ts';
import { ANCHOR } from './helpers.ts';

const DAY = 86_400_000;
const org = seedOrg({ seed: 0x20c8_0b1e, accounts: 2400, anchor: ANCHOR });
const compiled = compileRules(DEFAULT_PLAYBOOK);

function byAccount(records: readonly ZohoRecord[], field: string): Map<string, ZohoRecord[]> {
  const m = new Map<string, ZohoRecord[]>();
  for (const r of records) {
    const id = (r[field] as { id?: string } | null)?.id;
    if (!id) continue;
    m.set(id, [...(m.get(id) ?? []), r]);
  }
  return m;
}

function snapshots(o: typeof org): AccountSnapshot[] {
  const deals = byAccount(o.modules.Deals ?? [], 'Account_Name');
  const cases = byAccount(o.modules.Cases ?? [], 'Account_Name');
  const activities = byAccount([...(o.modules.Calls ?? []), ...(o.modules.Events ?? []), ...(o.modules.Tasks ?? [])], 'What_Id');
  const now = o.anchor;
  return (o.modules.Accounts ?? []).map((a): AccountSnapshot => {
    const interactions: { kind: InteractionKind; at: string }[] = [];
    for (const r of activities.get(a.id) ?? []) {
      const at = (r.Call_Start_Time ?? r.Start_DateTime ?? r.Closed_Time) as string | null;
      if (at && Date.parse(at) <= now) interactions.push({ kind: r.Call_Start_Time ? 'call' : r.Start_DateTime ? 'meeting' : 'other', at });
    }
    for (const c of cases.get(a.id) ?? []) interactions.push({ kind: 'ticket', at: c.Created_Time as string });
    const surveys = [
      ...(a.Customer_Satisfaction !== null
        ? [{ kind: 'csat' as const, score: a.Customer_Satisfaction as number, at: `${a.CSAT_Survey_Date}T00:00:00+08:00` }]
        : []),
      ...(a.NPS_Score !== null ? [{ kind: 'nps' as const, score: a.NPS_Score as number, at: `${a.NPS_Survey_Date}T00:00:00+08:00` }] : []),
    ];
    return {
      crm: 'zoho',
      id: a.id,
      name: a.Account_Name as string,
      createdAt: a.Created_Time as string,
      ...(a.Currency ? { currency: a.Currency as string } : {}),
      flags: { annualAgreement: a.Annual_Agreement === true, keyAccount: a.Key_Account === true },
      orders: (deals.get(a.id) ?? []).map((d) => ({
        id: d.id,
        amount: d.Amount as number,
        status: d.Stage === 'Closed Won' ? 'won' : String(d.Stage).startsWith('Closed') ? 'lost' : 'open',
        closedAt: `${d.Closing_Date}T00:00:00+08:00`,
      })),
      interactions,
      surveys,
      referrals: Array.from({ length: (a.Referrals_Count as number) ?? 0 }, () => ({ at: new Date(now - 30 * DAY).toISOString() })),
      ...(a.Personality_Type ? { personality: a.Personality_Type as string } : {}),
    };
  });
}

const accounts = snapshots(org);
const stats = computePopulationStats(compiled, accounts, ANCHOR);
const tiers = new Map(accounts.map((a) => [a.id, decideTiers(compiled, a, ANCHOR, stats)]));
const tiersNoStats = new Map(accounts.map((a) => [a.id, decideTiers(compiled, a, ANCHOR, null)]));

describe('seeded org', () => {
  it('has 2,400 accounts with 19-digit ids, Chinese and English names', () => {
    const list = org.modules.Accounts ?? [];
    expect(list).toHaveLength(2400);
    expect(new Set(list.map((a) => a.id)).size).toBe(2400);
    for (const a of list) expect(a.id).toMatch(/^\d{19}$/);
    expect(new Set(list.map((a) => a.Account_Name)).size).toBe(2400);
    const chinese = list.filter((a) => /[\u4e00-\u9fff]/.test(String(a.Account_Name))).length;
    expect(chinese).toBeGreaterThan(900);
    expect(list.length - chinese).toBeGreaterThan(600);
    expect(org.modules.Accounts?.find((a) => a.id === ZOHO_SIM_SPECIAL.hostile)?.Account_Name).toBe('<img src=x onerror=alert(1)>');
  });

  it('is deterministic, and the anchor only moves dates', () => {
    const small = seedOrg({ seed: 0x20c8_0b1e, accounts: 400, anchor: ANCHOR });
    expect(JSON.stringify(seedOrg({ seed: 0x20c8_0b1e, accounts: 400, anchor: ANCHOR }))).toBe(JSON.stringify(small));
    // The first 400 accounts of the big org are the small org's.
    expect(org.modules.Accounts?.slice(0, 400).map((a) => a.Account_Name)).toEqual(small.modules.Accounts?.map((a) => a.Account_Name));
    const later = seedOrg({ seed: 0x20c8_0b1e, accounts: 400, anchor: ANCHOR + 40 * DAY });
    expect(later.modules.Deals?.map((d) => [d.id, d.Amount, d.Stage])).toEqual(small.modules.Deals?.map((d) => [d.id, d.Amount, d.Stage]));
    expect(later.modules.Accounts?.[0]?.Created_Time).not.toBe(small.modules.Accounts?.[0]?.Created_Time);
    const other = seedOrg({ seed: 7, accounts: 400, anchor: ANCHOR });
    expect(other.modules.Accounts?.find((a) => a.id === '4876876000000400001')?.Account_Name).not.toBe(
      org.modules.Accounts?.find((a) => a.id === '4876876000000400001')?.Account_Name,
    );
  });

  it('uses Zoho value formats and stages', () => {
    for (const d of org.modules.Deals ?? []) {
      expect(DEAL_STAGES).toContain(d.Stage);
      expect(d.Closing_Date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.Created_Time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
    expect(new Set(org.modules.Deals?.map((d) => d.Stage))).toEqual(new Set(DEAL_STAGES));
    const late = Object.values(org.modules)
      .flat()
      .filter((r) => Date.parse(r.Created_Time as string) > ANCHOR);
    expect(late).toEqual([]);
  });

  it('produces valid snapshots through a straightforward mapping', () => {
    const bad = accounts.filter((a) => !AccountSnapshotSchema.safeParse(a).success).map((a) => a.id);
    expect(bad).toEqual([]);
  });

  it('gives every featured account its archetype’s headline tier', () => {
    for (const archetype of ['strategic', 'vip', 'key', 'new', 'dormant', 'low_value', 'standard'] as const) {
      expect([archetype, tiers.get(ZOHO_SIM_FEATURED[archetype])?.relationship]).toEqual([archetype, archetype]);
      expect([archetype, tiersNoStats.get(ZOHO_SIM_FEATURED[archetype])?.relationship]).toEqual([archetype, archetype]);
    }
    expect(tiers.get(ZOHO_SIM_FEATURED.loyal)?.lifecycle).toBe('loyal');
    expect(tiers.get(ZOHO_SIM_FEATURED.churned)?.lifecycle).toBe('churned');
    expect(tiers.get(ZOHO_SIM_FEATURED.prospect)?.lifecycle).toBe('prospect');
  });

  it('reaches every relationship, lifecycle, engagement, satisfaction and advocacy tier, many times', () => {
    const count = (dim: string) => {
      const c: Record<string, number> = {};
      for (const t of tiers.values()) c[t[dim] as string] = (c[t[dim] as string] ?? 0) + 1;
      return c;
    };
    const tierIds = (dim: string) => DEFAULT_PLAYBOOK.dimensions.find((d) => d.id === dim)?.tiers.map((t) => t.id) ?? [];
    for (const dim of ['relationship', 'lifecycle', 'engagement', 'satisfaction', 'advocacy', 'value', 'pyramid', 'demand']) {
      const c = count(dim);
      const missing = tierIds(dim).filter((t) => !(c[t] && c[t] >= 10) && !(dim === 'pyramid' && t === 'unknown'));
      expect([dim, missing]).toEqual([dim, []]);
    }
    // Archetypes are all present in the generated population too.
    expect(new Set(org.archetypes.values())).toEqual(new Set(ARCHETYPES));
  });

  it('has VIPs with at least 5,000,000 won in 365 days', () => {
    const cutoff = ANCHOR - 365 * DAY;
    const won = new Map<string, number>();
    for (const d of org.modules.Deals ?? []) {
      if (d.Stage !== 'Closed Won' || Date.parse(`${d.Closing_Date}T00:00:00+08:00`) < cutoff) continue;
      const id = (d.Account_Name as { id: string }).id;
      won.set(id, (won.get(id) ?? 0) + (d.Amount as number));
    }
    expect(won.get(ZOHO_SIM_FEATURED.vip)).toBeGreaterThanOrEqual(5_000_000);
    expect([...won.values()].filter((v) => v >= 5_000_000).length).toBeGreaterThan(50);
  });
});
