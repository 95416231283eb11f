/**
 * The metric catalogue: every number a rule can compare, with its unit and meaning.
 * One table feeds the docs, the rule editor and the engine.
 *
 * Metrics come in families (orders, interactions, surveys, referrals, account). The engine
 * computes a family in one pass over the snapshot, and only when the rules use one of its
 * metrics; a family costs one pass however many windows the rules ask for.
 *
 * Windows: `_Nd` covers [asOf - N days, asOf], both ends inclusive; anything dated after asOf
 * is ignored, so results for a past asOf are reproducible. Days are 24-hour periods in UTC;
 * the machine's time zone never enters.
 */

import { matchPersonality } from './personality.ts';
import { type AccountSnapshot, INTERACTION_KINDS } from './schema.ts';
import { parseIsoMs } from './time.ts';

export const WINDOWS = [30, 90, 180, 365, 730] as const;
export const DAY_MS = 86_400_000;

export type MetricFamily = 'orders' | 'interactions' | 'surveys' | 'referrals' | 'account';
export type MetricUnit = 'amount' | 'count' | 'days' | 'ratio' | 'score' | 'people' | 'type';
export type MetricValue = number | string | boolean | null;

export interface MetricInfo {
  name: string;
  family: MetricFamily;
  unit: MetricUnit;
  description: { zh: string; en: string };
}

const windowText = (w: number | 'total') =>
  w === 'total' ? { zh: '全部历史', en: 'over the account’s whole history' } : { zh: `最近 ${w} 天`, en: `in the last ${w} days` };
const windows = [...WINDOWS, 'total'] as const;
const suffix = (w: number | 'total') => (w === 'total' ? 'total' : `${w}d`);

const KIND_TEXT: Record<(typeof INTERACTION_KINDS)[number], { zh: string; en: string }> = {
  call: { zh: '电话', en: 'calls' },
  email: { zh: '邮件', en: 'emails' },
  meeting: { zh: '会议', en: 'meetings' },
  visit: { zh: '拜访', en: 'visits' },
  ticket: { zh: '工单', en: 'tickets' },
  chat: { zh: '在线沟通', en: 'chats' },
  web: { zh: '网站行为', en: 'web events' },
  other: { zh: '其他互动', en: 'other touches' },
};

function buildCatalogue(): MetricInfo[] {
  const list: MetricInfo[] = [];
  const add = (name: string, family: MetricFamily, unit: MetricUnit, zh: string, en: string) =>
    list.push({ name, family, unit, description: { zh, en } });
  for (const w of windows) {
    const t = windowText(w);
    add(`won_amount_${suffix(w)}`, 'orders', 'amount', `${t.zh}赢单金额合计`, `Amount won ${t.en}`);
    add(`won_count_${suffix(w)}`, 'orders', 'count', `${t.zh}赢单数`, `Number of won orders ${t.en}`);
  }
  add('days_since_first_won', 'orders', 'days', '距首次赢单的天数（无赢单为空）', 'Days since the first won order (empty when none)');
  add('days_since_last_won', 'orders', 'days', '距最近一次赢单的天数（无赢单为空）', 'Days since the latest won order (empty when none)');
  add('avg_order_value', 'orders', 'amount', '平均赢单金额（无赢单为空）', 'Average won order amount (empty when none)');
  add(
    'growth_365d',
    'orders',
    'ratio',
    '最近 365 天赢单金额相对前 365 天的增长率（前一年为 0 时为空）',
    'Growth of the amount won in the last 365 days over the 365 before (empty when the earlier year is 0)',
  );
  add('open_pipeline', 'orders', 'amount', '进行中商机金额合计', 'Total amount of open orders (pipeline)');
  add('open_count', 'orders', 'count', '进行中商机数', 'Number of open orders');
  add('lost_count_365d', 'orders', 'count', '最近 365 天输单数', 'Number of orders lost in the last 365 days');
  for (const w of windows) {
    const t = windowText(w);
    add(`interactions_${suffix(w)}`, 'interactions', 'count', `${t.zh}互动次数`, `Interactions of any kind ${t.en}`);
    for (const k of INTERACTION_KINDS) {
      add(
        `interactions_${k}_${suffix(w)}`,
        'interactions',
        'count',
        `${t.zh}${KIND_TEXT[k].zh}次数`,
        `Number of ${KIND_TEXT[k].en} ${t.en}`,
      );
    }
  }
  add(
    'days_since_last_interaction',
    'interactions',
    'days',
    '距最近一次互动的天数（无互动为空）',
    'Days since the latest interaction (empty when none)',
  );
  add('csat_count', 'surveys', 'count', '满意度调查（CSAT）答卷数', 'Number of CSAT answers');
  add('csat_latest', 'surveys', 'score', '最近一次满意度评分（1-5）', 'Latest CSAT score (1-5)');
  add('csat_mean_last3', 'surveys', 'score', '最近 3 次满意度评分的平均值', 'Mean of the last 3 CSAT scores');
  add('csat_mean_last5', 'surveys', 'score', '最近 5 次满意度评分的平均值', 'Mean of the last 5 CSAT scores');
  add('nps_latest', 'surveys', 'score', '最近一次 NPS 推荐评分（0-10）', 'Latest NPS answer (0-10)');
  add('nps_count', 'surveys', 'count', 'NPS 答卷数', 'Number of NPS answers');
  for (const w of windows) {
    const t = windowText(w);
    add(`referrals_${suffix(w)}`, 'referrals', 'count', `${t.zh}转介绍次数`, `Referrals made ${t.en}`);
  }
  add('tenure_days', 'account', 'days', '建档至今的天数', 'Days since the account was created');
  add('overdue_amount', 'account', 'amount', '逾期未付金额', 'Amount overdue');
  add('employees', 'account', 'people', '员工人数', 'Number of employees');
  add('annual_revenue', 'account', 'amount', '年营业额', 'Annual revenue');
  add('personality', 'account', 'type', '沟通性格类型（从 CRM 字段识别）', 'Personality / communication type, matched from a CRM field');
  return list;
}

export const METRICS: readonly MetricInfo[] = buildCatalogue();
export const METRIC_BY_NAME: ReadonlyMap<string, MetricInfo> = new Map(METRICS.map((m) => [m.name, m]));

/** Not in the catalogue: epoch ms of the latest interaction, for "next contact due". */
export const LAST_INTERACTION_AT = '__last_interaction_at';

/** A slot table: metric name -> index into the values array the compiled rules read. */
export type Slots = Map<string, number>;

const parse = parseIsoMs;
const daysBetween = (laterMs: number, earlierMs: number) => Math.floor((laterMs - earlierMs) / DAY_MS);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Writes the requested metrics of one family into `out`. Each writer is one pass over its data. */
type FamilyWriter = (s: AccountSnapshot, asOf: number, out: MetricValue[], slots: Slots) => void;

function put(out: MetricValue[], slots: Slots, name: string, value: MetricValue) {
  const i = slots.get(name);
  if (i !== undefined) out[i] = value;
}

/**
 * Slot indexes of a family's metrics for one slot table, resolved once per compiled rule set
 * (not per account): -1 where the rules do not use the metric.
 */
function slotIndexes(names: readonly string[]): (slots: Slots) => Int32Array {
  const cache = new WeakMap<Slots, Int32Array>();
  return (slots) => {
    let idx = cache.get(slots);
    if (!idx) {
      idx = Int32Array.from(names, (n) => slots.get(n) ?? -1);
      cache.set(slots, idx);
    }
    return idx;
  };
}

function putAt(out: MetricValue[], idx: Int32Array, i: number, value: MetricValue) {
  const at = idx[i] as number;
  if (at >= 0) out[at] = value;
}

const ORDER_METRICS = [
  ...WINDOWS.map((w) => `won_amount_${w}d`),
  ...WINDOWS.map((w) => `won_count_${w}d`),
  'won_amount_total',
  'won_count_total',
  'days_since_first_won',
  'days_since_last_won',
  'avg_order_value',
  'growth_365d',
  'open_pipeline',
  'open_count',
  'lost_count_365d',
] as const;
const orderSlots = slotIndexes(ORDER_METRICS);
const D30 = 30 * DAY_MS;
const D90 = 90 * DAY_MS;
const D180 = 180 * DAY_MS;
const D365 = 365 * DAY_MS;
const D730 = 730 * DAY_MS;

const writeOrders: FamilyWriter = (s, asOf, out, slots) => {
  let a30 = 0,
    a90 = 0,
    a180 = 0,
    a365 = 0,
    a730 = 0;
  let c30 = 0,
    c90 = 0,
    c180 = 0,
    c365 = 0,
    c730 = 0;
  let totalAmount = 0;
  let totalCount = 0;
  let prevYear = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let open = 0;
  let openCount = 0;
  let lost365 = 0;
  const orders = s.orders;
  if (orders) {
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i] as (typeof orders)[number];
      if (o.status === 'open') {
        open += o.amount;
        openCount++;
        continue;
      }
      const at = parse(o.closedAt);
      if (!(at <= asOf)) continue; // undated or in the future: not known at asOf
      const age = asOf - at;
      if (o.status === 'lost') {
        if (age <= D365) lost365++;
        continue;
      }
      const amount = o.amount;
      totalAmount += amount;
      totalCount++;
      if (at < first) first = at;
      if (at > last) last = at;
      if (age > D730) continue;
      a730 += amount;
      c730++;
      if (age > D365) {
        prevYear += amount;
        continue;
      }
      a365 += amount;
      c365++;
      if (age > D180) continue;
      a180 += amount;
      c180++;
      if (age > D90) continue;
      a90 += amount;
      c90++;
      if (age > D30) continue;
      a30 += amount;
      c30++;
    }
  }
  const idx = orderSlots(slots);
  const values: MetricValue[] = [
    a30,
    a90,
    a180,
    a365,
    a730,
    c30,
    c90,
    c180,
    c365,
    c730,
    totalAmount,
    totalCount,
    totalCount ? daysBetween(asOf, first) : null,
    totalCount ? daysBetween(asOf, last) : null,
    totalCount ? round2(totalAmount / totalCount) : null,
    prevYear > 0 ? round2((a365 - prevYear) / prevYear) : null,
    open,
    openCount,
    lost365,
  ];
  for (let i = 0; i < values.length; i++) putAt(out, idx, i, values[i] as MetricValue);
};

const KIND_INDEX: Record<string, number> = Object.fromEntries(INTERACTION_KINDS.map((k, i) => [k, i]));
const ALL_WINDOWS = [...WINDOWS.map((w) => `${w}d`), 'total'];
// Layout: [all kinds × 6 windows] then [kind k × 6 windows], then days since, then the last touch.
const INTERACTION_METRICS = [
  ...ALL_WINDOWS.map((w) => `interactions_${w}`),
  ...INTERACTION_KINDS.flatMap((k) => ALL_WINDOWS.map((w) => `interactions_${k}_${w}`)),
  'days_since_last_interaction',
  LAST_INTERACTION_AT,
];
const interactionSlots = slotIndexes(INTERACTION_METRICS);
const KIND_BASE = 6;
const DAYS_SINCE_AT = 6 + INTERACTION_KINDS.length * 6;

const writeInteractions: FamilyWriter = (s, asOf, out, slots) => {
  const idx = interactionSlots(slots);
  // Per-kind counts only when the rules use one of them (the default playbook does not).
  let perKind: number[] | null = null;
  for (let i = KIND_BASE; i < DAYS_SINCE_AT; i++) {
    if ((idx[i] as number) >= 0) {
      perKind = new Array<number>(INTERACTION_KINDS.length * 6).fill(0);
      break;
    }
  }
  let n30 = 0,
    n90 = 0,
    n180 = 0,
    n365 = 0,
    n730 = 0,
    total = 0;
  let last = Number.NEGATIVE_INFINITY;
  const list = s.interactions;
  if (list) {
    for (let i = 0; i < list.length; i++) {
      const it = list[i] as (typeof list)[number];
      const at = parse(it.at);
      if (!(at <= asOf)) continue;
      if (at > last) last = at;
      const age = asOf - at;
      total++;
      if (perKind) {
        const base = (KIND_INDEX[it.kind] ?? 7) * 6;
        perKind[base + 5] = (perKind[base + 5] as number) + 1;
        for (let w = 0; w < 5; w++) if (age <= (WINDOWS[w] as number) * DAY_MS) perKind[base + w] = (perKind[base + w] as number) + 1;
      }
      if (age > D730) continue;
      n730++;
      if (age > D365) continue;
      n365++;
      if (age > D180) continue;
      n180++;
      if (age > D90) continue;
      n90++;
      if (age > D30) continue;
      n30++;
    }
  }
  putAt(out, idx, 0, n30);
  putAt(out, idx, 1, n90);
  putAt(out, idx, 2, n180);
  putAt(out, idx, 3, n365);
  putAt(out, idx, 4, n730);
  putAt(out, idx, 5, total);
  if (perKind) for (let i = 0; i < perKind.length; i++) putAt(out, idx, KIND_BASE + i, perKind[i] as number);
  const known = last > Number.NEGATIVE_INFINITY;
  putAt(out, idx, DAYS_SINCE_AT, known ? daysBetween(asOf, last) : null);
  putAt(out, idx, DAYS_SINCE_AT + 1, known ? last : null);
};

const writeSurveys: FamilyWriter = (s, asOf, out, slots) => {
  // Surveys are few; sort the known ones newest first (stable on ties by input order).
  const csat: { at: number; score: number }[] = [];
  let npsAt = Number.NEGATIVE_INFINITY;
  let npsLatest: number | null = null;
  let npsCount = 0;
  for (const sv of s.surveys ?? []) {
    const at = parse(sv.at);
    if (!(at <= asOf)) continue;
    if (sv.kind === 'csat') csat.push({ at, score: sv.score });
    else {
      npsCount++;
      if (at >= npsAt) {
        npsAt = at;
        npsLatest = sv.score;
      }
    }
  }
  csat.sort((a, b) => b.at - a.at);
  const mean = (n: number) => (csat.length ? round2(csat.slice(0, n).reduce((t, x) => t + x.score, 0) / Math.min(n, csat.length)) : null);
  put(out, slots, 'csat_count', csat.length);
  put(out, slots, 'csat_latest', csat.length ? (csat[0] as { score: number }).score : null);
  put(out, slots, 'csat_mean_last3', mean(3));
  put(out, slots, 'csat_mean_last5', mean(5));
  put(out, slots, 'nps_latest', npsLatest);
  put(out, slots, 'nps_count', npsCount);
};

const writeReferrals: FamilyWriter = (s, asOf, out, slots) => {
  const c = [0, 0, 0, 0, 0, 0];
  for (const r of s.referrals ?? []) {
    const at = parse(r.at);
    if (!(at <= asOf)) continue;
    c[5] = (c[5] as number) + 1;
    for (let w = 0; w < 5; w++) if (asOf - at <= (WINDOWS[w] as number) * DAY_MS) c[w] = (c[w] as number) + 1;
  }
  for (let w = 0; w < 6; w++) put(out, slots, `referrals_${w === 5 ? 'total' : `${WINDOWS[w]}d`}`, c[w] as number);
};

const writeAccount: FamilyWriter = (s, asOf, out, slots) => {
  const created = parse(s.createdAt);
  put(out, slots, 'tenure_days', Number.isNaN(created) ? null : Math.max(0, daysBetween(asOf, created)));
  put(out, slots, 'overdue_amount', s.overdueAmount ?? null);
  put(out, slots, 'employees', s.attributes?.employees ?? null);
  put(out, slots, 'annual_revenue', s.attributes?.annualRevenue ?? null);
  if (slots.has('personality')) put(out, slots, 'personality', matchPersonality(s.personality));
};

export const FAMILY_WRITERS: Record<MetricFamily, FamilyWriter> = {
  orders: writeOrders,
  interactions: writeInteractions,
  surveys: writeSurveys,
  referrals: writeReferrals,
  account: writeAccount,
};

/**
 * Computes the named catalogue metrics of one snapshot, in one call, for scripts and tests.
 * The engine does not use this: it keeps a slot table per compiled rule set.
 */
export function computeMetrics(s: AccountSnapshot, asOf: number, names: readonly string[]): Record<string, MetricValue> {
  const slots: Slots = new Map(names.map((n, i) => [n, i]));
  const out: MetricValue[] = new Array(names.length).fill(null);
  const families = new Set(names.map((n) => METRIC_BY_NAME.get(n)?.family).filter((f): f is MetricFamily => f !== undefined));
  for (const f of families) FAMILY_WRITERS[f](s, asOf, out, slots);
  return Object.fromEntries(names.map((n, i) => [n, out[i] ?? null]));
}
