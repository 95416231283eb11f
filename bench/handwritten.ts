/**
 * The floor: the default playbook (shared/playbook.ts) written by hand as straight-line
 * TypeScript. One pass over orders, one over interactions, one over surveys and referrals, then
 * the tier tests as plain `if`s. It computes only what the default playbook reads, with the same
 * semantics as shared/metrics.ts (windows inclusive, items dated after asOf or undated ignored,
 * CSAT mean of the 3 newest rounded to 2 decimals, latest NPS wins ties by input order), so its
 * tiers must equal the engine's on every account. A change to the playbook needs a change here;
 * the benchmark's agreement check says so loudly.
 */
import { matchPersonality, PERSONALITY_TYPES } from '../shared/personality.ts';
import type { AccountSnapshot, PopulationStats } from '../shared/schema.ts';
// The same date parser as the engine: a floor that used Date.parse would be slower than the
// engine and make the "within 2x of the floor" goal meaningless.
import { parseIsoMs } from '../shared/time.ts';

const DAY = 86_400_000;
const D90 = 90 * DAY;
const D365 = 365 * DAY;

export interface HandwrittenTiers {
  relationship: string;
  value: string;
  pyramid: string;
  engagement: string;
  demand: string;
  lifecycle: string;
  satisfaction: string;
  advocacy: string;
  size: string;
  wallet_loyalty: string;
  personality: string;
}

/** Thresholds from the population statistics, resolved once per run (NaN: no statistics, comparison false). */
export interface HandwrittenCuts {
  valueHigh: number;
  valueMedium: number;
  p95: number;
  p80: number;
  p50: number;
}

export function handwrittenCuts(stats: PopulationStats | null | undefined): HandwrittenCuts {
  const cuts = stats?.metrics.won_amount_365d?.cuts;
  if (cuts && cuts.length === 101) {
    const at = (p: number) => cuts[p] as number;
    return { valueHigh: at(80), valueMedium: at(50), p95: at(95), p80: at(80), p50: at(50) };
  }
  return { valueHigh: 1_000_000, valueMedium: 100_000, p95: Number.NaN, p80: Number.NaN, p50: Number.NaN };
}

const PERSONALITY_IDS: ReadonlySet<string> = new Set(PERSONALITY_TYPES.map((p) => p.id));

export function handwrittenTiers(s: AccountSnapshot, asOf: number, cuts: HandwrittenCuts): HandwrittenTiers {
  // ------------------------------------------------------------ orders: one pass
  let won365 = 0;
  let wonCount365 = 0;
  let wonCountTotal = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let open = 0;
  const orders = s.orders;
  if (orders !== undefined) {
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i] as (typeof orders)[number];
      const status = o.status;
      if (status === 'open') {
        open += o.amount;
        continue;
      }
      if (status !== 'won') continue;
      const closedAt = o.closedAt;
      if (closedAt === undefined) continue;
      const at = parseIsoMs(closedAt);
      if (!(at <= asOf)) continue;
      wonCountTotal++;
      if (at < first) first = at;
      if (at > last) last = at;
      if (asOf - at <= D365) {
        won365 += o.amount;
        wonCount365++;
      }
    }
  }
  const sinceFirst = wonCountTotal > 0 ? Math.floor((asOf - first) / DAY) : -1;
  const sinceLast = wonCountTotal > 0 ? Math.floor((asOf - last) / DAY) : -1;

  // ------------------------------------------------------------ interactions: one pass
  let i90 = 0;
  const interactions = s.interactions;
  if (interactions !== undefined) {
    for (let i = 0; i < interactions.length; i++) {
      const at = parseIsoMs((interactions[i] as (typeof interactions)[number]).at);
      if (at <= asOf && asOf - at <= D90) i90++;
    }
  }

  // ------------------------------------------------------------ surveys: the 3 newest CSAT, the latest NPS
  let csatCount = 0;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let npsCount = 0;
  let npsAt = Number.NEGATIVE_INFINITY;
  let nps = -1;
  const surveys = s.surveys;
  if (surveys !== undefined) {
    for (let i = 0; i < surveys.length; i++) {
      const sv = surveys[i] as (typeof surveys)[number];
      const at = parseIsoMs(sv.at);
      if (!(at <= asOf)) continue;
      if (sv.kind === 'csat') {
        // Keep the 3 newest, earlier input first on equal times (as a stable sort would).
        const k = Math.min(csatCount, 3);
        csatCount++;
        if (k === 0 || at > a0) {
          a2 = a1;
          s2 = s1;
          a1 = a0;
          s1 = s0;
          a0 = at;
          s0 = sv.score;
        } else if (k === 1 || at > a1) {
          a2 = a1;
          s2 = s1;
          a1 = at;
          s1 = sv.score;
        } else if (k === 2 || at > a2) {
          a2 = at;
          s2 = sv.score;
        }
      } else {
        npsCount++;
        if (at >= npsAt) {
          npsAt = at;
          nps = sv.score;
        }
      }
    }
  }
  const n3 = Math.min(csatCount, 3);
  const csatMean3 = n3 === 0 ? -1 : Math.round(((n3 === 1 ? s0 : n3 === 2 ? s0 + s1 : s0 + s1 + s2) / n3) * 100) / 100;

  let referrals365 = 0;
  const referrals = s.referrals;
  if (referrals !== undefined) {
    for (let i = 0; i < referrals.length; i++) {
      const at = parseIsoMs((referrals[i] as (typeof referrals)[number]).at);
      if (at <= asOf && asOf - at <= D365) referrals365++;
    }
  }

  // ------------------------------------------------------------ tiers
  const bought = won365 > 0;
  const value = bought && won365 >= cuts.valueHigh ? 'high' : bought && won365 >= cuts.valueMedium ? 'medium' : 'low';
  const pyramid =
    bought && won365 >= cuts.p95
      ? 'a'
      : bought && won365 >= cuts.p80
        ? 'b'
        : bought && won365 >= cuts.p50
          ? 'c'
          : won365 <= cuts.p50
            ? 'd'
            : 'unknown';
  const engagement = i90 >= 12 ? 'frequent' : i90 >= 3 ? 'occasional' : 'rare';
  const demand = wonCount365 >= 12 || (open > 0 && open >= won365) ? 'high' : wonCount365 >= 4 ? 'medium' : 'low';
  const lifecycle =
    wonCountTotal === 0
      ? 'prospect'
      : sinceLast > 365
        ? 'churned'
        : sinceLast > 180
          ? 'dormant'
          : sinceFirst <= 90
            ? 'new'
            : sinceFirst >= 730 && wonCount365 >= 4
              ? 'loyal'
              : 'mature';
  const satisfaction = csatCount === 0 ? 'unknown' : csatMean3 >= 4.2 ? 'high' : csatMean3 >= 3 ? 'medium' : 'low';
  const advocacy = nps >= 9 || referrals365 >= 1 ? 'promoter' : npsCount === 0 ? 'unknown' : nps >= 7 ? 'passive' : 'detractor';

  const employees = s.attributes?.employees;
  const revenue = s.attributes?.annualRevenue;
  const size =
    employees === undefined && revenue === undefined
      ? 'unknown'
      : (employees !== undefined && employees >= 1000) || (revenue !== undefined && revenue >= 100_000_000)
        ? 'large'
        : (employees !== undefined && employees >= 100) || (revenue !== undefined && revenue >= 10_000_000)
          ? 'medium'
          : 'small';

  const flags = s.flags;
  const relationship =
    flags?.annualAgreement === true
      ? 'strategic'
      : won365 >= 5_000_000
        ? 'vip'
        : (value === 'high' && engagement === 'frequent') || flags?.keyAccount === true
          ? 'key'
          : wonCountTotal > 0 && sinceFirst <= 90
            ? 'new'
            : wonCountTotal === 1 && sinceLast > 180
              ? 'dormant'
              : won365 < 10_000 && i90 >= 10
                ? 'low_value'
                : 'standard';

  const rich = value === 'high' || value === 'medium';
  const loyal = lifecycle === 'loyal' || (lifecycle === 'mature' && engagement !== 'rare');
  const wallet_loyalty = rich ? (loyal ? 'rich_loyal' : 'rich_disloyal') : loyal ? 'poor_loyal' : 'poor_disloyal';

  const type = matchPersonality(s.personality);
  const personality = type !== null && PERSONALITY_IDS.has(type) ? type : 'unknown';

  return { relationship, value, pyramid, engagement, demand, lifecycle, satisfaction, advocacy, size, wallet_loyalty, personality };
}
