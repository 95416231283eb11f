/**
 * Zoho records -> AccountSnapshot. Everything Zoho-shaped (field API names, stage names, value
 * formats) is read here and nowhere else.
 *
 * - Account: Account_Name, Industry, Employees, Annual_Revenue, Account_Type, Billing_City /
 *   _State / _Country, Owner (`{name,id,email}` from record APIs), Created_Time, Currency.
 * - Deals are orders: `won` for the tenant's won stages (default Closed Won), `lost` for its lost
 *   stages (default Closed Lost and Closed-Lost to Competition, display and actual value), `open`
 *   otherwise; `closedAt` is Closing_Date (the expected close for open deals). Zoho has no
 *   is_won flag (zoho.md §2), so stages are compared by name, case-insensitively.
 * - Interactions are closed activities: calls that took place (not Scheduled, Overdue or
 *   Cancelled), events that have ended (meetings), completed tasks (`other`), and cases (`ticket`,
 *   when opened).
 * - Surveys, referrals, flags, personality and the overdue amount come from the custom fields
 *   the admin names in settings. A field holds one value, so a CSAT or NPS field yields at most
 *   one survey answer, dated by its date field or else the account's Modified_Time; a referral
 *   count yields that many referrals, dated the same way.
 *
 * Dates: Zoho datetimes carry an offset (`2023-10-15T10:30:00+05:30`) and are normalised to UTC;
 * dates (`2026-11-02`) become midnight UTC.
 */
import type { AccountSnapshot, Interaction, Order, Survey } from '../../../shared/schema.ts';
import type { ZohoBody } from './client.ts';
import { DEFAULT_LOST_STAGES, DEFAULT_WON_STAGES, type InteractionModule, type ZohoSettings } from './settings.ts';

/** Standard Accounts fields every snapshot reads. */
export const ACCOUNT_FIELDS = [
  'Account_Name',
  'Industry',
  'Employees',
  'Annual_Revenue',
  'Account_Type',
  'Billing_City',
  'Billing_State',
  'Billing_Country',
  'Owner',
  'Created_Time',
  'Modified_Time',
  'Currency',
] as const;

/** Per module: the lookup to the account and the fields an interaction needs. */
export const INTERACTION_SOURCES: Record<InteractionModule, { lookup: string; fields: readonly string[] }> = {
  Calls: { lookup: 'What_Id', fields: ['Call_Start_Time', 'Outgoing_Call_Status'] },
  Events: { lookup: 'What_Id', fields: ['Start_DateTime', 'End_DateTime'] },
  Tasks: { lookup: 'What_Id', fields: ['Status', 'Closed_Time', 'Due_Date'] },
  Cases: { lookup: 'Account_Name', fields: ['Created_Time'] },
};

export const ACTIVITY_MODULES = ['Calls', 'Events', 'Tasks'] as const;

export function accountFields(settings: ZohoSettings): string[] {
  const f = settings.fields;
  const custom = [
    f.csat,
    f.csatDate,
    f.nps,
    f.npsDate,
    f.referrals,
    f.referralsDate,
    f.annualAgreement,
    f.keyAccount,
    f.personality,
    f.overdueAmount,
    ...(f.extra ?? []),
  ];
  return [...new Set([...ACCOUNT_FIELDS, ...custom.filter((x): x is string => typeof x === 'string')])];
}

export function dealFields(settings: ZohoSettings): string[] {
  return [
    ...new Set([
      'Account_Name',
      'Amount',
      'Stage',
      'Closing_Date',
      ...(settings.fields.dealCategory ? [settings.fields.dealCategory] : []),
    ]),
  ];
}

// ---------------------------------------------------------------- values

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

const bool = (v: unknown): boolean | undefined => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);

/** A Zoho datetime or date as ISO 8601 UTC; undefined when absent or unreadable. */
export function isoTime(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : Date.parse(v);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The id of a lookup value: `{id}` (COQL) or `{name,id}` (record APIs). */
export function lookupId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
  return undefined;
}

function lookupName(v: unknown): string | undefined {
  if (v && typeof v === 'object') return str((v as { name?: unknown }).name) ?? str((v as { full_name?: unknown }).full_name);
  return str(v);
}

/** A raw field value as a snapshot scalar. */
function scalar(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? (lookupName(x) ?? '') : String(x))).join(', ');
  if (typeof v === 'object') return lookupName(v) ?? lookupId(v) ?? null;
  return null;
}

// ---------------------------------------------------------------- orders and interactions

export interface StageSets {
  won: Set<string>;
  lost: Set<string>;
}

const stageKey = (s: string) => s.trim().toLowerCase();

export function stageSets(settings: ZohoSettings): StageSets {
  return {
    won: new Set((settings.stages.won ?? DEFAULT_WON_STAGES).map(stageKey)),
    lost: new Set((settings.stages.lost ?? DEFAULT_LOST_STAGES).map(stageKey)),
  };
}

export function orderOf(deal: ZohoBody, stages: StageSets, categoryField: string | undefined): Order | null {
  const id = str(deal.id);
  if (!id) return null;
  const stage = stageKey(str(deal.Stage) ?? '');
  const status: Order['status'] = stages.won.has(stage) ? 'won' : stages.lost.has(stage) ? 'lost' : 'open';
  const order: Order = { id, amount: Math.max(0, num(deal.Amount) ?? 0), status };
  const closedAt = isoTime(deal.Closing_Date);
  if (closedAt) order.closedAt = closedAt;
  const category = categoryField ? scalar(deal[categoryField]) : null;
  if (typeof category === 'string' && category !== '') order.category = category.slice(0, 200);
  return order;
}

const OPEN_CALL_STATUSES = new Set(['scheduled', 'overdue', 'cancelled']);

/** The interaction a row stands for, or null when it has not happened (an open activity). */
export function interactionOf(module: InteractionModule, row: ZohoBody, now: number): Interaction | null {
  switch (module) {
    case 'Calls': {
      if (OPEN_CALL_STATUSES.has(stageKey(str(row.Outgoing_Call_Status) ?? ''))) return null;
      const at = isoTime(row.Call_Start_Time);
      return at && Date.parse(at) <= now ? { kind: 'call', at } : null;
    }
    case 'Events': {
      const at = isoTime(row.Start_DateTime);
      const end = isoTime(row.End_DateTime) ?? at;
      return at && end && Date.parse(end) <= now ? { kind: 'meeting', at } : null;
    }
    case 'Tasks': {
      if (stageKey(str(row.Status) ?? '') !== 'completed') return null;
      const at = isoTime(row.Closed_Time) ?? isoTime(row.Due_Date);
      return at ? { kind: 'other', at } : null;
    }
    case 'Cases': {
      const at = isoTime(row.Created_Time);
      return at ? { kind: 'ticket', at } : null;
    }
  }
}

// ---------------------------------------------------------------- the snapshot

export interface Related {
  deals: ZohoBody[];
  interactions: Interaction[];
}

export function snapshotOf(account: ZohoBody, related: Related, settings: ZohoSettings, stages: StageSets): AccountSnapshot {
  const id = String(account.id);
  const f = settings.fields;
  const snapshot: AccountSnapshot = { crm: 'zoho', id, name: (str(account.Account_Name) ?? '').slice(0, 1000) };
  const createdAt = isoTime(account.Created_Time);
  if (createdAt) snapshot.createdAt = createdAt;
  const currency = str(account.Currency);
  if (currency && currency.length <= 10) snapshot.currency = currency;

  const attributes: NonNullable<AccountSnapshot['attributes']> = {};
  const text = (key: 'industry' | 'country' | 'region' | 'city' | 'owner' | 'type', v: unknown, max: number) => {
    const s = str(v);
    if (s) attributes[key] = s.slice(0, max);
  };
  text('industry', account.Industry, 500);
  text('country', account.Billing_Country, 200);
  text('region', account.Billing_State, 200);
  text('city', account.Billing_City, 200);
  text('owner', lookupName(account.Owner), 500);
  text('type', account.Account_Type, 200);
  const employees = num(account.Employees);
  if (employees !== undefined && employees >= 0) attributes.employees = employees;
  const revenue = num(account.Annual_Revenue);
  if (revenue !== undefined && revenue >= 0) attributes.annualRevenue = revenue;
  if (Object.keys(attributes).length) snapshot.attributes = attributes;

  const flags: Record<string, boolean> = {};
  const flag = (name: string, field: string | undefined) => {
    const v = field ? bool(account[field]) : undefined;
    if (v !== undefined) flags[name] = v;
  };
  flag('annualAgreement', f.annualAgreement);
  flag('keyAccount', f.keyAccount);
  if (Object.keys(flags).length) snapshot.flags = flags;

  const orders = related.deals.map((d) => orderOf(d, stages, f.dealCategory)).filter((o): o is Order => o !== null);
  if (orders.length) snapshot.orders = orders;
  if (related.interactions.length) snapshot.interactions = related.interactions;

  const modified = isoTime(account.Modified_Time) ?? createdAt;
  const dated = (dateField: string | undefined) => (dateField ? isoTime(account[dateField]) : undefined) ?? modified;
  const surveys: Survey[] = [];
  const survey = (kind: 'csat' | 'nps', field: string | undefined, dateField: string | undefined, lo: number, hi: number) => {
    const score = field ? num(account[field]) : undefined;
    const at = dated(dateField);
    if (score !== undefined && score >= lo && score <= hi && at) surveys.push({ kind, score, at });
  };
  survey('csat', f.csat, f.csatDate, 1, 5);
  survey('nps', f.nps, f.npsDate, 0, 10);
  if (surveys.length) snapshot.surveys = surveys;

  const referrals = f.referrals ? Math.min(1000, Math.floor(num(account[f.referrals]) ?? 0)) : 0;
  const referralAt = dated(f.referralsDate);
  if (referrals > 0 && referralAt) snapshot.referrals = Array.from({ length: referrals }, () => ({ at: referralAt }));

  const overdue = f.overdueAmount ? num(account[f.overdueAmount]) : undefined;
  if (overdue !== undefined && overdue >= 0) snapshot.overdueAmount = overdue;
  const personality = f.personality ? str(scalar(account[f.personality])) : undefined;
  if (personality) snapshot.personality = personality.slice(0, 500);

  if (f.extra?.length) {
    const fields: Record<string, string | number | boolean | null> = {};
    for (const name of f.extra) {
      const v = scalar(account[name]);
      fields[name] = typeof v === 'string' ? v.slice(0, 10_000) : v;
    }
    snapshot.fields = fields;
  }
  return snapshot;
}
