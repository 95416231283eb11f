/**
 * Record endpoints: GET one, GET a list, GET related records, PUT (update), POST (insert),
 * GET `/{module}/actions/count`, GET `/org`. Sources (zoho.md §2 and §6; OAS `record/...`,
 * `related_records/...`, `record_count/...`, `org/...`):
 *
 * - GET `/{module}/{id}` -> `{"data":[record]}` with no `info`; `fields` optional; 204 for no match.
 * - GET `/{module}`: `fields` required (<= 50), `per_page` 1-200 (default 200), `page` >= 1, only the
 *   first 2000 records by page (`page * per_page <= 2000`), beyond that `page_token` up to 100,000
 *   records; `sort_by` id|Created_Time|Modified_Time, `sort_order` asc|desc (the OAS example info
 *   shows the defaults id/desc); `ids` (comma list); `cvid`; `If-Modified-Since` -> 304 when nothing
 *   changed; 204 with an empty body when no data. `info.count` is the records in this response.
 * - page_token: user-bound, valid 24 hours, cannot be combined with `page` (secondary source); a
 *   token used with altered parameters -> TOKEN_BOUND_DATA_MISMATCH; expired -> EXPIRED_VALUE.
 * - Related lists `/{module}/{id}/{list}`: `fields` required; 204 when empty; unknown parent -> 404
 *   INVALID_DATA "The record does not exist"; unknown list -> 400 INVALID_DATA. Activities (open) and
 *   Activities_History (closed) mix Tasks, Events and Calls; each row carries `Activity_Type` (the
 *   module) and `$se_module` (a guess at the shape).
 * - PUT: `{"data":[...], "trigger":[...]}`, at most 100 records; per-record results in `data[]`
 *   with 200 (all ok), 207 (mixed), 400 (all failed) or 412 (all ALREADY_MODIFIED, from
 *   `If-Unmodified-Since`); RECORD_LOCKED for `Locked__s` records.
 * Guesses: INVALID_DATA for an unknown name in `fields` or a bad `per_page`/`page`; ids= capped at
 * 100; read-only fields in a write are ignored; the first invalid field of a record is reported.
 */

import type { Rng } from '../sim-kit/rng.ts';
import { DAY_MS, type SimClock } from '../sim-kit/time.ts';
import { type ApiError, apiError, errors } from './errors.ts';
import { writeCredits } from './limits.ts';
import { type FieldDef, MODULES, type ModuleDef } from './schema.ts';
import { SIM_USERS } from './seed.ts';
import type { RecordStore, UserRef, ZohoRecord } from './store.ts';
import { ORG_TIME_ZONE, parseZohoTime, zohoDateTime } from './time.ts';

export const MAX_FIELDS = 50;
export const MAX_PER_PAGE = 200;
export const DISCRETE_LIMIT = 2000;
export const TOKEN_LIMIT = 100_000;
export const MAX_IDS = 100;
export const MAX_WRITE = 100;
const PAGE_TOKEN_TTL_MS = DAY_MS;
const TRIGGERS = ['workflow', 'approval', 'blueprint', 'pathfinder', 'orchestration'];

export interface Reply {
  status: number;
  body?: unknown;
  credits: number;
}

const fromError = (e: ApiError, credits = 1): Reply => ({ status: e.httpStatus, body: e.body, credits });

/** Record-level faults injected through the control API: id -> error code. */
export type RecordFaults = Map<string, string>;

export interface RecordsContext {
  store: RecordStore;
  clock: SimClock;
  rng: Rng;
  tokens: PageTokens;
  user: UserRef;
  recordFaults: RecordFaults;
  orgId: string;
  emitUpdates: (module: string, ids: string[], affected: Record<string, string[]>, values: Record<string, Record<string, unknown>>) => void;
}

// ---------------------------------------------------------------- page tokens

interface PageTokenState {
  offset: number;
  binding: string;
  expiresAt: number;
  previous: string | null;
}

export class PageTokens {
  private readonly map = new Map<string, PageTokenState>();
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }
  create(offset: number, binding: string, now: number, previous: string | null): { token: string; expiry: number } {
    const token = this.rng.hex(40);
    const expiry = now + PAGE_TOKEN_TTL_MS;
    this.map.set(token, { offset, binding, expiresAt: expiry, previous });
    return { token, expiry };
  }
  get(token: string): PageTokenState | undefined {
    return this.map.get(token);
  }
  clear(): void {
    this.map.clear();
  }
}

// ---------------------------------------------------------------- helpers

function parseIntParam(v: string | null, name: string, min: number, max: number): number | ApiError | undefined {
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) return errors.invalidParam(name);
  const n = Number(v);
  if (n < min || n > max) return errors.invalidParam(name);
  return n;
}

function isError(x: unknown): x is ApiError {
  return typeof x === 'object' && x !== null && 'httpStatus' in x;
}

function parseFields(q: URLSearchParams, known: Record<string, FieldDef>, missingMessage?: string): string[] | ApiError {
  const raw = q.get('fields');
  if (raw === null || raw.trim() === '') return errors.requiredParamMissing('fields', missingMessage);
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length > MAX_FIELDS) return errors.limitExceeded('fields', MAX_FIELDS);
  for (const n of names) if (!known[n]) return errors.invalidParam('fields', { api_name: n });
  return [...new Set(names)];
}

function project(r: ZohoRecord, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id };
  for (const f of fields) if (f !== 'id') out[f] = r[f] ?? null;
  return out;
}

function timeOf(r: ZohoRecord, field: string): number {
  const v = r[field];
  return typeof v === 'string' ? parseZohoTime(v) : 0;
}

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortRecords(records: ZohoRecord[], sortBy: string, desc: boolean): ZohoRecord[] {
  const cmp =
    sortBy === 'id'
      ? (a: ZohoRecord, b: ZohoRecord) => compareIds(a.id, b.id)
      : (a: ZohoRecord, b: ZohoRecord) => timeOf(a, sortBy) - timeOf(b, sortBy) || compareIds(a.id, b.id);
  return records.sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)));
}

function modifiedSince(headers: Headers): number | undefined {
  const v = headers.get('if-modified-since');
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

interface Window {
  offset: number;
  perPage: number;
  page: number;
  previous: string | null;
}

/** Resolve page / per_page / page_token into a window over the sorted records. */
function pageWindow(ctx: RecordsContext, q: URLSearchParams, binding: string, discreteLimit: number | null): Window | ApiError {
  const perPage = parseIntParam(q.get('per_page'), 'per_page', 1, MAX_PER_PAGE);
  if (isError(perPage)) return perPage;
  const page = parseIntParam(q.get('page'), 'page', 1, Number.MAX_SAFE_INTEGER);
  if (isError(page)) return page;
  const pp = perPage ?? MAX_PER_PAGE;
  const token = q.get('page_token');
  if (token !== null) {
    if (page !== undefined) return errors.ambiguity(['page', 'page_token']);
    const state = ctx.tokens.get(token);
    if (!state || token.length > 96 || state.binding !== binding) return errors.tokenBoundMismatch();
    if (state.expiresAt <= ctx.clock.now()) return errors.expiredPageToken();
    if (state.offset >= TOKEN_LIMIT) return errors.paginationLimit();
    return { offset: state.offset, perPage: pp, page: Math.floor(state.offset / pp) + 1, previous: state.previous };
  }
  const p = page ?? 1;
  if (discreteLimit !== null && p * pp > discreteLimit) return errors.discretePagination();
  return { offset: (p - 1) * pp, perPage: pp, page: p, previous: null };
}

function bindingOf(prefix: string, q: URLSearchParams): string {
  const entries = [...q.entries()].filter(([k]) => k !== 'page_token' && k !== 'page').sort(([a], [b]) => a.localeCompare(b));
  return `${prefix}?${new URLSearchParams(entries).toString()}`;
}

function pageReply(
  ctx: RecordsContext,
  all: ZohoRecord[],
  w: Window,
  fields: string[],
  binding: string,
  sortBy: string,
  sortOrder: string,
  extra: Record<string, unknown> = {},
): Reply {
  const slice = all.slice(w.offset, w.offset + w.perPage);
  if (slice.length === 0) return { status: 204, credits: 1 };
  const more = all.length > w.offset + slice.length;
  const nextOffset = w.offset + slice.length;
  const now = ctx.clock.now();
  const currentToken = w.offset > 0 ? ctx.tokens.create(w.offset, binding, now, w.previous).token : null;
  const next = more && nextOffset < TOKEN_LIMIT ? ctx.tokens.create(nextOffset, binding, now, currentToken) : null;
  return {
    status: 200,
    credits: 1,
    body: {
      data: slice.map((r) => ({
        ...project(r, fields),
        ...(extra.activityType ? { Activity_Type: r.__activityType, $se_module: r.$se_module } : {}),
      })),
      info: {
        call: false,
        per_page: w.perPage,
        next_page_token: next?.token ?? null,
        count: slice.length,
        sort_by: sortBy,
        page: w.page,
        page_token_expiry: next ? zohoDateTime(next.expiry) : null,
        sort_order: sortOrder,
        email: false,
        more_records: more,
        previous_page_token: w.previous,
      },
    },
  };
}

function sortParams(q: URLSearchParams): { sortBy: string; sortOrder: 'asc' | 'desc' } | ApiError {
  const sortBy = q.get('sort_by') ?? 'id';
  if (!['id', 'Created_Time', 'Modified_Time'].includes(sortBy)) {
    return errors.invalidParam('sort_by', { supported_values: ['id', 'Created_Time', 'Modified_Time'] });
  }
  const sortOrder = q.get('sort_order') ?? 'desc';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') return errors.invalidParam('sort_order', { supported_values: ['desc', 'asc'] });
  return { sortBy, sortOrder };
}

/** Record ids are 18-19 digits. */
export const isRecordId = (s: string) => /^\d{1,19}$/.test(s);

// ---------------------------------------------------------------- GET

export function getRecords(ctx: RecordsContext, module: ModuleDef, q: URLSearchParams, headers: Headers): Reply {
  const fields = parseFields(q, module.fields);
  if (isError(fields)) return fromError(fields);
  const sort = sortParams(q);
  if (isError(sort)) return fromError(sort);
  if (q.get('cvid') !== null) return fromError(errors.invalidParam('cvid'));
  let records = ctx.store.all(module.apiName);
  const idsRaw = q.get('ids');
  if (idsRaw !== null) {
    const ids = idsRaw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0 || ids.some((id) => !isRecordId(id))) return fromError(errors.invalidParam('ids'));
    if (ids.length > MAX_IDS) return fromError(errors.limitExceeded('ids', MAX_IDS));
    const wanted = new Set(ids);
    records = records.filter((r) => wanted.has(r.id));
  }
  const since = modifiedSince(headers);
  if (since !== undefined) {
    records = records.filter((r) => timeOf(r, 'Modified_Time') > since);
    if (records.length === 0) return { status: 304, credits: 1 };
  }
  const binding = bindingOf(`list:${module.apiName}`, q);
  const w = pageWindow(ctx, q, binding, DISCRETE_LIMIT);
  if (isError(w)) return fromError(w);
  return pageReply(ctx, sortRecords(records, sort.sortBy, sort.sortOrder === 'desc'), w, fields, binding, sort.sortBy, sort.sortOrder);
}

export function getRecord(ctx: RecordsContext, module: ModuleDef, id: string, q: URLSearchParams, headers: Headers): Reply {
  if (!isRecordId(id)) return fromError(errors.invalidRecordId(1));
  const r = ctx.store.get(module.apiName, id);
  if (!r) return { status: 204, credits: 1 };
  const since = modifiedSince(headers);
  if (since !== undefined && timeOf(r, 'Modified_Time') <= since) return { status: 304, credits: 1 };
  if (q.get('fields') !== null) {
    const fields = parseFields(q, module.fields);
    if (isError(fields)) return fromError(fields);
    return { status: 200, credits: 1, body: { data: [project(r, fields)] } };
  }
  const full: Record<string, unknown> = { ...r };
  // Meta keys of a full record (zoho.md §2 "Meta keys start with $").
  Object.assign(full, {
    $currency_symbol: r.Currency === 'USD' ? '$' : '¥',
    $state: 'save',
    $process_flow: false,
    $approved: true,
    $approval_state: 'approved',
    $editable: true,
    $locked_for_me: r.Locked__s === true,
    $has_more: { Tag: false },
  });
  return { status: 200, credits: 1, body: { data: [full] } };
}

export function getRelatedRecords(
  ctx: RecordsContext,
  module: ModuleDef,
  id: string,
  listName: string,
  q: URLSearchParams,
  headers: Headers,
): Reply {
  if (!isRecordId(id)) return fromError(errors.invalidRecordId(1));
  const list = module.related[listName];
  if (!list) return fromError(errors.invalidRelatedList());
  if (!ctx.store.get(module.apiName, id)) return fromError(errors.relatedParentMissing());
  const known: Record<string, FieldDef> = { id: { type: 'id', label: 'Id' } };
  for (const m of list.modules) Object.assign(known, MODULES[m]?.fields ?? {});
  const fields = parseFields(q, known, 'One of the expected parameter is missing');
  if (isError(fields)) return fromError(fields);
  const sort = sortParams(q);
  if (isError(sort)) return fromError(sort);
  const now = ctx.clock.now();
  let rows: ZohoRecord[] = [];
  for (const m of list.modules) {
    for (const r of ctx.store.all(m)) {
      const ref = r[list.via] as { id?: string } | null | undefined;
      if (ref?.id !== id) continue;
      if (list.via === 'What_Id' && r.$se_module !== module.apiName) continue;
      if (list.filter && isOpenActivity(m, r, now) !== (list.filter === 'open')) continue;
      rows.push(list.filter ? { ...r, __activityType: m } : r);
    }
  }
  const since = modifiedSince(headers);
  if (since !== undefined) {
    rows = rows.filter((r) => timeOf(r, 'Modified_Time') > since);
    if (rows.length === 0) return { status: 304, credits: 1 };
  }
  const binding = bindingOf(`related:${module.apiName}/${id}/${listName}`, q);
  const w = pageWindow(ctx, q, binding, null);
  if (isError(w)) return fromError(w);
  return pageReply(ctx, sortRecords(rows, sort.sortBy, sort.sortOrder === 'desc'), w, fields, binding, sort.sortBy, sort.sortOrder, {
    activityType: list.filter !== undefined,
  });
}

/** Open activities: tasks not completed, events not yet over, calls still scheduled. */
function isOpenActivity(module: string, r: ZohoRecord, now: number): boolean {
  if (module === 'Tasks') return r.Status !== 'Completed';
  if (module === 'Events') return timeOf(r, 'End_DateTime') > now;
  if (module === 'Calls') return r.Outgoing_Call_Status === 'Scheduled' || r.Outgoing_Call_Status === 'Overdue';
  return false;
}

export function countRecords(ctx: RecordsContext, module: ModuleDef): Reply {
  // OAS record_count/.../response-200-success.md: {"count": 42}
  return { status: 200, credits: 1, body: { count: ctx.store.count(module.apiName) } };
}

export function getOrg(ctx: RecordsContext): Reply {
  // Shape of OAS org/operations/getOrganization/examples/response-200-orggetresponse.md, with the sim org's values.
  return {
    status: 200,
    credits: 1,
    body: {
      org: [
        {
          country: 'CN',
          photo_id: null,
          city: '上海市',
          description: 'TierLens Zoho CRM simulator org',
          type: 'production',
          created_time: '2019-03-01T10:00:00+08:00',
          mc_status: true,
          gapps_enabled: false,
          translation_enabled: false,
          street: '人民路 1 号',
          domain_name: `org${ctx.orgId}`,
          alias: 'tierlens-sim',
          currency: 'Chinese Yuan Renminbi - CNY',
          id: ctx.orgId,
          employee_count: '50',
          state: '上海市',
          fax: null,
          zip: '200000',
          website: 'www.example.com',
          currency_symbol: '¥',
          mobile: null,
          currency_locale: 'zh_CN',
          primary_zuid: '60012345678',
          zia_portal_id: null,
          time_zone: ORG_TIME_ZONE,
          zgid: ctx.orgId,
          country_code: 'CN',
          deletable_org_account: false,
          license_details: {
            paid_expiry: null,
            users_license_purchased: 10,
            trial_type: null,
            trial_expiry: null,
            paid: true,
            paid_type: 'enterprise',
            portal_users_license_purchased: 0,
            trial_action: null,
          },
          hierarchy_preferences: { type: 'Role_Hierarchy', strictly_reporting: false },
          phone: '+86 21 5555 0100',
          company_name: 'TierLens Sim Org',
          privacy_settings: true,
          primary_email: ctx.user.email,
          iso_code: 'CNY',
          hipaa_compliance_enabled: false,
          lite_users_enabled: false,
          max_per_page: MAX_PER_PAGE,
          call_icon: 'show',
          oauth_presence: true,
          checkin_preferences: { restricted_event_types: null },
        },
      ],
    },
  };
}

// ---------------------------------------------------------------- writes

/** The expected_data_type when `v` does not fit the field, else null. */
function typeError(def: FieldDef, v: unknown): string | null {
  if (v === null) return null;
  switch (def.type) {
    case 'integer':
      return Number.isInteger(v) ? null : 'integer';
    case 'bigint':
      return Number.isInteger(v) || (typeof v === 'string' && /^\d+$/.test(v)) ? null : 'bigint';
    case 'double':
    case 'currency':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'double';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'boolean';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'date';
    case 'datetime':
      return typeof v === 'string' && !Number.isNaN(parseZohoTime(v)) && v.includes('T') ? null : 'datetime';
    case 'lookup':
    case 'ownerlookup':
      return (typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') || typeof v === 'string' ? null : 'jsonobject';
    case 'multiselect':
    case 'tag':
      return Array.isArray(v) ? null : 'jsonarray';
    default:
      return typeof v === 'string' ? null : 'text';
  }
}

function normalise(def: FieldDef, v: unknown, ctx: RecordsContext): unknown {
  if (v === null) return null;
  if (def.type === 'lookup' || def.type === 'ownerlookup') {
    const id = typeof v === 'string' ? v : (v as { id: string }).id;
    if (def.type === 'ownerlookup') {
      const user = SIM_USERS.find((u) => u.id === id);
      return { name: user?.name ?? '', id, email: user?.email ?? '' };
    }
    const target = def.lookup ? ctx.store.get(def.lookup, id) : undefined;
    const nameField = def.lookup ? NAME_FIELD[def.lookup] : undefined;
    return { name: nameField && target ? (target[nameField] ?? null) : ((v as { name?: string }).name ?? null), id };
  }
  return v;
}

type RecordResult = Record<string, unknown> & { status: 'success' | 'error'; code: string };

function recordError(code: string, message: string, details: Record<string, unknown>): RecordResult {
  return { code, details, message, status: 'error' };
}

/** Validate the fields of one write; the values to store, or the first error. */
function validateWrite(
  ctx: RecordsContext,
  module: ModuleDef,
  input: Record<string, unknown>,
  i: number,
): { values: Record<string, unknown> } | { error: RecordResult } {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'id' || k.startsWith('$')) continue;
    const def = module.fields[k];
    if (!def)
      return {
        error: recordError('INVALID_DATA', 'the field api name given seems to be invalid', { api_name: k, json_path: `$.data[${i}].${k}` }),
      };
    if (def.readOnly) continue;
    const expected = typeError(def, v);
    if (expected)
      return {
        error: recordError('INVALID_DATA', 'invalid data', { expected_data_type: expected, api_name: k, json_path: `$.data[${i}].${k}` }),
      };
    const max = def.maxLength ?? (def.type === 'textarea' ? 32_000 : 255);
    if (typeof v === 'string' && v.length > max) {
      return { error: recordError('INVALID_DATA', 'invalid data', { maximum_length: max, api_name: k, json_path: `$.data[${i}].${k}` }) };
    }
    values[k] = normalise(def, v, ctx);
  }
  return { values };
}

function stamp(r: ZohoRecord): Record<string, unknown> {
  const by = (u: unknown) => {
    const x = u as { name?: string; id?: string } | undefined;
    return { name: x?.name ?? '', id: x?.id ?? '' };
  };
  return {
    Modified_Time: r.Modified_Time,
    Modified_By: by(r.Modified_By),
    Created_Time: r.Created_Time,
    id: r.id,
    Created_By: by(r.Created_By),
  };
}

function writeEnvelope(body: unknown): { data: Record<string, unknown>[]; trigger?: unknown } | ApiError {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { data?: unknown }).data)) {
    return apiError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: '$.data' });
  }
  const b = body as { data: unknown[]; trigger?: unknown };
  if (b.data.length === 0) return apiError(400, 'INVALID_DATA', 'invalid data', { api_name: 'data', json_path: '$.data' });
  if (b.data.length > MAX_WRITE) {
    // OAS record/mds/examples/updateRecords.md (LimitExceededError), inside data[]
    return {
      httpStatus: 400,
      body: {
        data: [
          {
            code: 'LIMIT_EXCEEDED',
            details: { maximum_length: MAX_WRITE, api_name: 'data' },
            message: 'count of records in your request exceeds the limit',
            status: 'error',
          },
        ],
      },
    };
  }
  if (b.trigger !== undefined && (!Array.isArray(b.trigger) || b.trigger.some((t) => !TRIGGERS.includes(t)))) {
    return apiError(400, 'INVALID_DATA', 'invalid data', { api_name: 'trigger', json_path: '$.trigger', supported_values: TRIGGERS });
  }
  return { data: b.data.map((d) => (d && typeof d === 'object' ? (d as Record<string, unknown>) : {})), trigger: b.trigger };
}

function overallStatus(results: RecordResult[], okStatus: number): number {
  const failed = results.filter((r) => r.status === 'error');
  if (failed.length === 0) return okStatus;
  if (failed.length < results.length) return 207;
  return failed.every((r) => r.code === 'ALREADY_MODIFIED') ? 412 : 400;
}

export function updateRecords(ctx: RecordsContext, module: ModuleDef, body: unknown, headers: Headers, pathId?: string): Reply {
  const env = writeEnvelope(body);
  if (isError(env)) return fromError(env);
  const credits = writeCredits(env.data.length);
  const unmodifiedSince = headers.get('if-unmodified-since');
  const limitMs = unmodifiedSince ? Date.parse(unmodifiedSince) : Number.NaN;
  const now = ctx.clock.now();
  const updated: string[] = [];
  const affected: Record<string, string[]> = {};
  const affectedValues: Record<string, Record<string, unknown>> = {};
  const results = env.data.map((input, i): RecordResult => {
    const id = pathId ?? (typeof input.id === 'string' ? input.id : undefined);
    if (!id) return recordError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id', json_path: `$.data[${i}].id` });
    const r = isRecordId(id) ? ctx.store.get(module.apiName, id) : undefined;
    if (!r) return recordError('INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: `$.data[${i}].id` });
    const injected = ctx.recordFaults.get(id);
    if (injected) return injectedError(injected, r, i);
    if (r.Locked__s === true) {
      // OAS updateRecords RecordLockedError
      return recordError('RECORD_LOCKED', 'Sorry, you cannot perform this operation as the record is locked.', {
        api_name: 'id',
        json_path: `$.data[${i}].id`,
        action: 'record_locking',
      });
    }
    if (!Number.isNaN(limitMs) && timeOf(r, 'Modified_Time') > limitMs) return alreadyModified(r);
    const checked = validateWrite(ctx, module, input, i);
    if ('error' in checked) return checked.error;
    ctx.store.update(module.apiName, id, checked.values, now, ctx.user);
    updated.push(id);
    affected[id] = Object.keys(checked.values);
    affectedValues[id] = checked.values;
    return { code: 'SUCCESS', details: { ...stamp(r), $approval_state: 'approved' }, message: 'record updated', status: 'success' };
  });
  if (updated.length) ctx.emitUpdates(module.apiName, updated, affected, affectedValues);
  return { status: overallStatus(results, 200), body: { data: results }, credits };
}

function alreadyModified(r: ZohoRecord): RecordResult {
  // OAS updateRecords AlreadyModified (412)
  return recordError('ALREADY_MODIFIED', 'record updated time has already passed if-unmodified-since time', stamp(r));
}

function injectedError(code: string, r: ZohoRecord, i: number): RecordResult {
  switch (code) {
    case 'ALREADY_MODIFIED':
      return alreadyModified(r);
    case 'RECORD_LOCKED':
      return recordError('RECORD_LOCKED', 'Sorry, you cannot perform this operation as the record is locked.', {
        api_name: 'id',
        json_path: `$.data[${i}].id`,
        action: 'record_locking',
      });
    case 'NOT_APPROVED':
      return recordError('NOT_APPROVED', 'Cannot update record that is not approved yet', { resource_path_index: 1 });
    case 'DUPLICATE_DATA':
      return recordError('DUPLICATE_DATA', 'duplicate data', {
        api_name: 'Account_Name',
        json_path: `$.data[${i}].Account_Name`,
        id: r.id,
        more_records: false,
      });
    case 'MANDATORY_NOT_FOUND':
      return recordError('MANDATORY_NOT_FOUND', 'required field not found', {
        api_name: 'Account_Name',
        json_path: `$.data[${i}].Account_Name`,
      });
    default:
      return recordError(code, 'invalid data', { api_name: 'id', json_path: `$.data[${i}].id` });
  }
}

const NAME_FIELD: Record<string, string> = {
  Leads: 'Last_Name',
  Contacts: 'Last_Name',
  Accounts: 'Account_Name',
  Deals: 'Deal_Name',
  Calls: 'Subject',
  Tasks: 'Subject',
  Events: 'Event_Title',
  Cases: 'Subject',
};

export function createRecords(ctx: RecordsContext, module: ModuleDef, body: unknown): Reply {
  const env = writeEnvelope(body);
  if (isError(env)) return fromError(env);
  const credits = writeCredits(env.data.length);
  const now = ctx.clock.now();
  const created: string[] = [];
  const results = env.data.map((input, i): RecordResult => {
    const nameField = NAME_FIELD[module.apiName];
    if (nameField && (input[nameField] === undefined || input[nameField] === null || input[nameField] === '')) {
      return recordError('MANDATORY_NOT_FOUND', 'required field not found', {
        api_name: nameField,
        json_path: `$.data[${i}].${nameField}`,
      });
    }
    const checked = validateWrite(ctx, module, input, i);
    if ('error' in checked) return checked.error;
    const r = ctx.store.insert(module.apiName, checked.values, now, ctx.user, false);
    created.push(r.id);
    return { code: 'SUCCESS', details: stamp(r), message: 'record added', status: 'success' };
  });
  if (created.length)
    ctx.store.emit({ module: module.apiName, op: 'insert', ids: created, affectedFields: {}, affectedValues: {}, at: now });
  return { status: overallStatus(results, 201), body: { data: results }, credits };
}
