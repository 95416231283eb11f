/**
 * Fxiaoke records -> AccountSnapshot. Pure: the rows come from the client, the option labels from
 * `object/describe`, the choices from the tenant's settings.
 *
 * Wire encodings (fxiaoke.md §2, S1 objects-and-fields §4-5): numbers and currency are strings,
 * dates and date-times epoch ms, select_one fields the option value (labels from describe),
 * employee fields lists with the display data in `<field>__r`, regions codes with the label in
 * `<field>__r`, empty fields omitted.
 *
 * - AccountObj: name, create_time, industry / account_type / account_level / deal_status /
 *   account_source (labels), province__r / city__r / country__r, owner__r, the pool (high_seas_id);
 *   `account_level` in keyAccountLevels sets flags.keyAccount; custom fields as configured.
 * - SalesOrderObj: won orders (life_status normal: order_amount at order_time), open ones
 *   (under review / in change); others skipped.
 * - NewOpportunityObj (or OpportunityObj): open pipeline (sales_status 进行中: amount, close_date)
 *   and lost deals (输单); won opportunities are skipped, their revenue is the sales orders'.
 * - ActiveRecordObj: interactions; the kind from the interactive_types label (电话 -> call,
 *   拜访 -> visit, 会议 -> meeting, 邮件 -> email, 微信 -> chat, ...), the time from create_time.
 * - Surveys and referrals: account fields and/or custom objects, as configured.
 */
import type { AccountSnapshot, Interaction, InteractionKind, Order, Survey } from '../../../shared/schema.ts';
import type { Row } from './client.ts';
import type { FxiaokeSettings, SurveyObject } from './settings.ts';

/** Option value -> label, per field. */
export type OptionLabels = Record<string, Map<string, string>>;

export interface Labels {
  account: OptionLabels;
  opportunity: OptionLabels;
  interaction: OptionLabels;
  /** Per survey object. */
  surveys: Record<string, OptionLabels>;
}

export interface Related {
  orders: Row[];
  opportunities: Row[];
  interactions: Row[];
  surveys: { def: SurveyObject; row: Row }[];
  referrals: Row[];
}

export const emptyRelated = (): Related => ({ orders: [], opportunities: [], interactions: [], surveys: [], referrals: [] });

/** AccountObj select fields whose labels the snapshot shows. */
export const ACCOUNT_SELECTS = ['account_level', 'deal_status', 'account_type', 'industry', 'account_source'] as const;

const KIND_WORDS: readonly [RegExp, InteractionKind][] = [
  [/电话|通话|外呼|call|phone/i, 'call'],
  [/拜访|上门|外勤|签到|visit/i, 'visit'],
  [/会议|会面|见面|演示|meeting/i, 'meeting'],
  [/邮件|e-?mail/i, 'email'],
  [/微信|QQ|短信|钉钉|在线|聊天|chat/i, 'chat'],
  [/工单|投诉|售后|ticket/i, 'ticket'],
  [/网站|官网|web/i, 'web'],
];

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Epoch ms (number or numeric string) as ISO 8601, or undefined. */
export function iso(v: unknown): string | undefined {
  const n = num(v);
  if (n === undefined || n <= 0 || n > 8.64e15) return undefined;
  return new Date(n).toISOString();
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function labelOf(labels: OptionLabels, field: string, value: unknown): string | undefined {
  const v = str(value);
  if (v === undefined) return undefined;
  return labels[field]?.get(v) ?? v;
}

/** A select value matches a list of names when its value or its label is in the list. */
function isOneOf(names: readonly string[], labels: OptionLabels, field: string, value: unknown): boolean {
  const v = str(value);
  if (v === undefined) return false;
  return names.includes(v) || names.includes(labels[field]?.get(v) ?? '\u0000');
}

/** The option values of `field` whose value or label is one of `names` (for IN filters). */
export function valuesNamed(names: readonly string[], labels: OptionLabels, field: string): string[] {
  const out = new Set(names);
  for (const [value, label] of labels[field] ?? []) if (names.includes(label) || names.includes(value)) out.add(value);
  return [...out];
}

export function interactionKind(
  value: unknown,
  labels: OptionLabels,
  overrides: Readonly<Record<string, InteractionKind>>,
): InteractionKind {
  const v = str(value);
  if (v === undefined) return 'other';
  const label = labels.interactive_types?.get(v);
  const override = overrides[v] ?? (label !== undefined ? overrides[label] : undefined);
  if (override) return override;
  for (const [re, kind] of KIND_WORDS) if (re.test(label ?? v)) return kind;
  return 'other';
}

function ownerName(row: Row): string | undefined {
  const r = row.owner__r;
  if (typeof r === 'string' && r) return r;
  if (r && typeof r === 'object' && !Array.isArray(r)) {
    const name = (r as Record<string, unknown>).name;
    if (typeof name === 'string' && name) return name;
  }
  return undefined;
}

function scalar(v: unknown): string | number | boolean | null | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(',');
  return undefined;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function toSnapshot(account: Row, related: Related, settings: FxiaokeSettings, labels: Labels): AccountSnapshot {
  const f = settings.fields;
  const id = String(account._id);
  const snapshot: AccountSnapshot = { crm: 'fxiaoke', id, name: str(account.name) ?? '', currency: settings.currency };
  const createdAt = iso(account.create_time);
  if (createdAt) snapshot.createdAt = createdAt;

  // ---- attributes
  const attributes: NonNullable<AccountSnapshot['attributes']> = {};
  const put = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== '') attributes[key] = value;
  };
  put('industry', labelOf(labels.account, 'industry', account.industry));
  put('country', str(account.country__r));
  put('region', str(account.province__r));
  put('city', str(account.city__r));
  put('owner', ownerName(account));
  put('type', labelOf(labels.account, 'account_type', account.account_type));
  put('level', labelOf(labels.account, 'account_level', account.account_level));
  put('dealStatus', labelOf(labels.account, 'deal_status', account.deal_status));
  put('source', labelOf(labels.account, 'account_source', account.account_source));
  if (account.high_seas_id) put('pool', str(account.high_seas_id__r) ?? str(account.high_seas_id));
  const employees = f.employees ? num(account[f.employees]) : undefined;
  if (employees !== undefined && employees >= 0) attributes.employees = employees;
  const revenue = f.annualRevenue ? num(account[f.annualRevenue]) : undefined;
  if (revenue !== undefined && revenue >= 0) attributes.annualRevenue = revenue;
  if (Object.keys(attributes).length) snapshot.attributes = attributes;

  // ---- flags
  const flags: Record<string, boolean> = {
    keyAccount:
      isOneOf(settings.keyAccountLevels, labels.account, 'account_level', account.account_level) ||
      (f.keyAccount ? truthy(account[f.keyAccount]) : false),
    inPool: Boolean(account.high_seas_id),
  };
  if (f.annualAgreement) flags.annualAgreement = truthy(account[f.annualAgreement]);
  snapshot.flags = flags;

  // ---- orders: sales orders and opportunities
  const orders: Order[] = [];
  for (const o of related.orders) {
    const amount = num(o.order_amount);
    if (amount === undefined || amount < 0) continue;
    const status = isOneOf(settings.orderLifeStatus.won, {}, 'life_status', o.life_status ?? 'normal')
      ? 'won'
      : isOneOf(settings.orderLifeStatus.open, {}, 'life_status', o.life_status)
        ? 'open'
        : undefined;
    if (!status) continue;
    const closedAt = iso(o.order_time) ?? iso(o.create_time);
    orders.push({ id: String(o._id), amount, status, ...(closedAt ? { closedAt } : {}), category: 'sales_order' });
  }
  for (const o of related.opportunities) {
    const amount = num(o.amount) ?? 0;
    if (amount < 0) continue;
    const status = isOneOf(settings.opportunityStatus.open, labels.opportunity, 'sales_status', o.sales_status)
      ? 'open'
      : isOneOf(settings.opportunityStatus.lost, labels.opportunity, 'sales_status', o.sales_status)
        ? 'lost'
        : undefined;
    if (!status) continue;
    const closedAt = iso(o.close_date) ?? (status === 'lost' ? iso(o.last_modified_time) : undefined);
    orders.push({ id: String(o._id), amount, status, ...(closedAt ? { closedAt } : {}), category: 'opportunity' });
  }
  snapshot.orders = orders;

  // ---- interactions
  const interactions: Interaction[] = [];
  for (const r of related.interactions) {
    const at = iso(r[settings.interactionTimeField]) ?? iso(r.create_time);
    if (at) interactions.push({ kind: interactionKind(r.interactive_types, labels.interaction, settings.interactionKinds), at });
  }
  snapshot.interactions = interactions;

  // ---- surveys
  const surveys: Survey[] = [];
  const addSurvey = (kind: 'csat' | 'nps', score: number | undefined, at: string | undefined) => {
    if (score === undefined || at === undefined) return;
    const [lo, hi] = kind === 'csat' ? [1, 5] : [0, 10];
    if (score >= lo && score <= hi) surveys.push({ kind, score, at });
  };
  const modified = iso(account.last_modified_time) ?? createdAt;
  if (f.csat) addSurvey('csat', num(account[f.csat]), (f.csatDate ? iso(account[f.csatDate]) : undefined) ?? modified);
  if (f.nps) addSurvey('nps', num(account[f.nps]), (f.npsDate ? iso(account[f.npsDate]) : undefined) ?? modified);
  for (const { def, row } of related.surveys) {
    const kindLabels = labels.surveys[def.object] ?? {};
    const kind = def.kindField
      ? isOneOf(def.csatValues, kindLabels, def.kindField, row[def.kindField])
        ? 'csat'
        : isOneOf(def.npsValues, kindLabels, def.kindField, row[def.kindField])
          ? 'nps'
          : undefined
      : def.kind;
    if (!kind) continue;
    addSurvey(kind, num(row[def.scoreField]), (def.dateField ? iso(row[def.dateField]) : undefined) ?? iso(row.create_time));
  }
  snapshot.surveys = surveys;

  // ---- referrals
  const referrals: { at: string }[] = [];
  const refCount = f.referrals ? num(account[f.referrals]) : undefined;
  const refAt = (f.referralsDate ? iso(account[f.referralsDate]) : undefined) ?? modified;
  if (refCount !== undefined && refAt)
    for (let i = 0; i < Math.min(1000, Math.max(0, Math.floor(refCount))); i++) referrals.push({ at: refAt });
  for (const r of related.referrals) {
    const at = (settings.referrals?.dateField ? iso(r[settings.referrals.dateField]) : undefined) ?? iso(r.create_time);
    if (at) referrals.push({ at });
  }
  snapshot.referrals = referrals;

  // ---- single values
  const overdue = f.overdueAmount ? num(account[f.overdueAmount]) : undefined;
  if (overdue !== undefined && overdue >= 0) snapshot.overdueAmount = overdue;
  if (f.personality) {
    const p = labelOf(labels.account, f.personality, account[f.personality]);
    if (p) snapshot.personality = p.slice(0, 500);
  }
  if (f.extra?.length) {
    const fields: Record<string, string | number | boolean | null> = {};
    for (const name of f.extra) {
      const v = scalar(account[name]);
      if (v !== undefined) fields[name] = typeof v === 'string' ? v.slice(0, 10_000) : v;
    }
    if (Object.keys(fields).length) snapshot.fields = fields;
  }
  return snapshot;
}

/** The AccountObj fields the mapping reads (the query's fieldProjection). */
export function accountProjection(settings: FxiaokeSettings): string[] {
  const f = settings.fields;
  const custom = [
    f.annualAgreement,
    f.keyAccount,
    f.personality,
    f.overdueAmount,
    f.employees,
    f.annualRevenue,
    f.csat,
    f.csatDate,
    f.nps,
    f.npsDate,
    f.referrals,
    f.referralsDate,
    ...(f.extra ?? []),
  ];
  return [
    '_id',
    'name',
    'owner',
    'create_time',
    'last_modified_time',
    ...ACCOUNT_SELECTS,
    'country',
    'province',
    'city',
    'high_seas_id',
    ...custom.filter((x): x is string => x !== undefined),
  ];
}
