/**
 * Object data: `data/query`, `data/get` (preset and custom), `object/list`, `object/describe`
 * (fxiaoke.md §2, S1 query-and-paging, crm-preset-objects §3, custom-objects §4-5,
 * objects-and-fields §2-5).
 *
 * Query body: `{data: {dataObjectApiName, find_explicit_total_num?, search_query_info: {limit,
 * offset, filters: [{field_name, operator, field_values: [...]}], orders: [{fieldName, isAsc}],
 * fieldProjection: [...]}}}` plus top-level `includeNull`, `returnTotalNum`,
 * `need_return_count_num`, `convertUserId`. Filters are ANDed (S1 §2, old wiki 1090).
 * Paging: `limit` <= 100, `offset` a multiple of `limit`, `offset` <= 10,000 (else 10013) [doc S1].
 * Answer: `{data: {dataList, offset, limit, total}}`; `total` is 0 unless a total is asked for.
 */
import { type Envelope, fxErrors, OK } from './errors.ts';
import { type FieldDef, isCustomObject, OBJECTS, type ObjectDef, REGION_LABELS } from './schema.ts';
import type { Employee } from './seed.ts';
import type { FxRecord, RecordStore } from './store.ts';

export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;
/** Values per filter (**guess**: undocumented; generous so it never bites a sane client). */
export const MAX_FILTER_VALUES = 500;

/** Operators of the doc's table (S1 query-and-paging §3; CONTAINS from the custom-object page). */
export const OPERATORS = [
  'EQ',
  'N',
  'GT',
  'GTE',
  'LT',
  'LTE',
  'LIKE',
  'NLIKE',
  'IS',
  'ISN',
  'IN',
  'NIN',
  'BETWEEN',
  'NBETWEEN',
  'STARTWITH',
  'ENDWITH',
  'HASANYOF',
  'NHASANYOF',
  'CONTAINS',
] as const;
type Operator = (typeof OPERATORS)[number];

export interface Caller {
  employee: Employee;
  /** Employee values as FSUID_… (old-style auth defaults to true; S1 auth §3). */
  convertUserId: boolean;
}

export interface QueryContext {
  store: RecordStore;
  employees: readonly Employee[];
}

export interface QueryStats {
  object: string;
  offset: number;
  limit: number;
  /** The query pages by `_id GT <last id>` (deep paging, S1 §5). */
  idCursor: boolean;
  rows: number;
}

type Body = Record<string, unknown>;

const isObj = (x: unknown): x is Body => typeof x === 'object' && x !== null && !Array.isArray(x);
const NUMERIC = new Set(['number', 'currency', 'percentile', 'date', 'date_time']);

function visible(record: FxRecord, caller: Caller): boolean {
  if (caller.employee.admin) return true;
  const owner = record.owner;
  return Array.isArray(owner) && owner.includes(caller.employee.id);
}

function objectFor(data: Body, custom: boolean): ObjectDef | Envelope {
  const apiName = data.dataObjectApiName;
  if (typeof apiName !== 'string' || apiName === '') return fxErrors.param('dataObjectApiName 为必填项');
  const def = OBJECTS[apiName];
  if (!def) return fxErrors.param(`对象 ${apiName.slice(0, 60)} 不存在`);
  if (isCustomObject(apiName) !== custom) {
    return fxErrors.param(
      custom ? `${apiName} 不是自定义对象，请使用 /cgi/crm/v2/data 接口` : `${apiName} 是自定义对象，请使用 /cgi/crm/custom/v2/data 接口`,
    );
  }
  return def;
}

// ---------------------------------------------------------------- wire encoding

function employeeValue(id: string, caller: Caller, employees: readonly Employee[]): string {
  if (!caller.convertUserId) return id;
  return employees.find((e) => e.id === id)?.openUserId ?? id;
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** One field's wire value (and derived `__r` value), or undefined to omit it. */
function encodeField(def: FieldDef | undefined, value: unknown, caller: Caller, ctx: QueryContext): { value: unknown; r?: unknown } {
  if (!def) return { value };
  switch (def.type) {
    case 'number':
    case 'currency':
    case 'percentile': {
      const n = Number(value);
      const decimals = def.decimals ?? (def.type === 'currency' ? 2 : 0);
      return { value: decimals === 0 ? String(Math.round(n)) : n.toFixed(decimals) };
    }
    case 'date':
    case 'date_time':
      return { value: Number(value) };
    case 'employee': {
      const list = (value as string[]).map((id) => employeeValue(id, caller, ctx.employees));
      const first = ctx.employees.find((e) => e.id === (value as string[])[0]);
      return { value: list, ...(first ? { r: { id: list[0], name: first.name } } : {}) };
    }
    case 'object_reference': {
      const target = def.target ? ctx.store.get(def.target, String(value)) : undefined;
      return { value: String(value), ...(target?.name ? { r: target.name } : {}) };
    }
    case 'region':
      return { value: String(value), ...(REGION_LABELS[String(value)] ? { r: REGION_LABELS[String(value)] } : {}) };
    case 'true_or_false':
      return { value: Boolean(value) };
    default:
      return { value };
  }
}

/** A record as the gateway returns it: strings for numbers, ms for dates, lists for employees, empty fields omitted. */
export function encodeRecord(
  def: ObjectDef,
  record: FxRecord,
  caller: Caller,
  ctx: QueryContext,
  opts: { projection?: readonly string[]; includeNull?: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = opts.projection ? new Set(['_id', ...opts.projection]) : undefined;
  const names = opts.includeNull ? new Set([...Object.keys(def.fields), ...Object.keys(record)]) : Object.keys(record);
  for (const name of names) {
    if (wanted && !wanted.has(name)) continue;
    const value = record[name];
    if (empty(value)) {
      if (opts.includeNull) out[name] = null;
      continue;
    }
    const enc = encodeField(def.fields[name], value, caller, ctx);
    out[name] = enc.value;
    if (enc.r !== undefined) out[`${name}__r`] = enc.r;
  }
  return out;
}

// ---------------------------------------------------------------- filters

interface Filter {
  field: string;
  def: FieldDef | undefined;
  operator: Operator;
  values: string[];
}

function parseFilters(raw: unknown, def: ObjectDef): Filter[] | Envelope {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fxErrors.param('filters 必须是列表');
  const out: Filter[] = [];
  for (const f of raw) {
    if (!isObj(f)) return fxErrors.param('filters 的每一项必须是对象');
    const field = f.field_name;
    const operator = f.operator;
    const values = f.field_values;
    if (typeof field !== 'string' || field === '') return fxErrors.param('filters[].field_name 为必填项');
    if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator))
      return fxErrors.param(`不支持的 operator ${String(operator).slice(0, 20)}`);
    if (!Array.isArray(values)) return fxErrors.param('filters[].field_values 必须是列表');
    if (values.length > MAX_FILTER_VALUES) return fxErrors.param(`field_values 最多 ${MAX_FILTER_VALUES} 个`);
    if (!Object.hasOwn(def.fields, field)) return fxErrors.param(`字段 ${field.slice(0, 60)} 不存在`);
    out.push({ field, def: def.fields[field], operator: operator as Operator, values: values.map((v) => String(v)) });
  }
  return out;
}

/** A record's values for comparison: employee lists as ids, everything else as one scalar. */
function valuesOf(record: FxRecord, f: Filter): (string | number)[] {
  const v = record[f.field];
  if (empty(v)) return [];
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (f.def && NUMERIC.has(f.def.type)) return [Number(v)];
  return [typeof v === 'boolean' ? String(v) : String(v)];
}

function normaliseValue(value: string, f: Filter, employees: readonly Employee[]): string | number {
  if (f.def?.type === 'employee') return employees.find((e) => e.openUserId === value)?.id ?? value;
  if (f.def && NUMERIC.has(f.def.type)) return Number(value);
  return value;
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A filter with its values normalised once, tested against many records. */
function compile(f: Filter, employees: readonly Employee[]): (record: FxRecord) => boolean {
  const want = f.values.map((v) => normaliseValue(v, f, employees));
  return (record) => test(record, f, want);
}

function test(record: FxRecord, f: Filter, want: readonly (string | number)[]): boolean {
  const have = valuesOf(record, f);
  const first = want[0];
  const isEmpty = have.length === 0;
  const any = (pred: (h: string | number) => boolean) => have.some(pred);
  switch (f.operator) {
    case 'IS':
      return isEmpty;
    case 'ISN':
      return !isEmpty;
    case 'EQ':
      return first !== undefined && any((h) => compare(h, first) === 0);
    case 'N':
      // "不等于（可以查出空值）": empty values match.
      return first === undefined || !any((h) => compare(h, first) === 0);
    case 'GT':
      return first !== undefined && any((h) => compare(h, first) > 0);
    case 'GTE':
      return first !== undefined && any((h) => compare(h, first) >= 0);
    case 'LT':
      return first !== undefined && any((h) => compare(h, first) < 0);
    case 'LTE':
      return first !== undefined && any((h) => compare(h, first) <= 0);
    case 'LIKE':
      return first !== undefined && any((h) => String(h).includes(String(first)));
    case 'NLIKE':
      return first === undefined || !any((h) => String(h).includes(String(first)));
    case 'STARTWITH':
      return first !== undefined && any((h) => String(h).startsWith(String(first)));
    case 'ENDWITH':
      return first !== undefined && any((h) => String(h).endsWith(String(first)));
    case 'IN':
    case 'HASANYOF':
      return any((h) => want.some((w) => compare(h, w) === 0));
    case 'NIN':
    case 'NHASANYOF':
      return !any((h) => want.some((w) => compare(h, w) === 0));
    case 'CONTAINS':
      return want.length > 0 && want.every((w) => have.some((h) => compare(h, w) === 0));
    case 'BETWEEN':
    case 'NBETWEEN': {
      const [lo, hi] = want;
      const inside = lo !== undefined && hi !== undefined && any((h) => compare(h, lo) >= 0 && compare(h, hi) <= 0);
      return f.operator === 'BETWEEN' ? inside : !inside;
    }
  }
}

// ---------------------------------------------------------------- query

interface Order {
  field: string;
  asc: boolean;
}

function parseOrders(raw: unknown, def: ObjectDef): Order[] | Envelope {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fxErrors.param('orders 必须是列表');
  const out: Order[] = [];
  for (const o of raw) {
    if (!isObj(o) || typeof o.fieldName !== 'string') return fxErrors.param('orders[].fieldName 为必填项');
    if (!Object.hasOwn(def.fields, o.fieldName)) return fxErrors.param(`排序字段 ${o.fieldName.slice(0, 60)} 不存在`);
    if (o.isAsc !== undefined && typeof o.isAsc !== 'boolean') return fxErrors.param('orders[].isAsc 必须是布尔值');
    out.push({ field: o.fieldName, asc: o.isAsc !== false });
  }
  return out;
}

function sortKey(record: FxRecord, field: string): string | number | undefined {
  const v = record[field];
  if (empty(v)) return undefined;
  if (Array.isArray(v)) return String(v[0]);
  return typeof v === 'number' ? v : String(v);
}

function sorter(orders: readonly Order[]) {
  // Default order when none is given: newest first by create_time (**guess**), `_id` breaks ties.
  const list = orders.length ? orders : [{ field: 'create_time', asc: false }];
  return (a: FxRecord, b: FxRecord): number => {
    for (const o of list) {
      const x = sortKey(a, o.field);
      const y = sortKey(b, o.field);
      if (x === y) continue;
      // Empty values sort last, whatever the direction (**guess**).
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = compare(x, y);
      if (c !== 0) return o.asc ? c : -c;
    }
    return compare(a._id, b._id);
  };
}

function isInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

/** Whether the caller asked for a total (three spellings exist; S1 query-and-paging §6). */
function wantsTotal(body: Body, data: Body): boolean {
  if (body.need_return_count_num === true) return true;
  if (body.returnTotalNum === 1 || body.returnTotalNum === 2) return true;
  if (body.returnTotalNum === 3) return false;
  return data.find_explicit_total_num !== false && data.find_explicit_total_num !== 'false';
}

export function query(body: Body, custom: boolean, caller: Caller, ctx: QueryContext): { envelope: Envelope; stats?: QueryStats } {
  const data = body.data;
  if (!isObj(data)) return { envelope: fxErrors.param('data 为必填项') };
  const def = objectFor(data, custom);
  if ('errorCode' in def) return { envelope: def };
  const sqi = data.search_query_info;
  if (!isObj(sqi)) return { envelope: fxErrors.param('search_query_info 为必填项') };
  const { limit, offset } = sqi;
  if (!isInt(limit) || limit < 1) return { envelope: fxErrors.param('limit 必须是正整数') };
  if (limit > MAX_LIMIT) return { envelope: fxErrors.param(`limit 不能超过${MAX_LIMIT}`) };
  if (!isInt(offset) || offset < 0) return { envelope: fxErrors.param('offset 必须是非负整数') };
  if (offset > MAX_OFFSET) return { envelope: fxErrors.offsetOutOfRange() };
  if (offset % limit !== 0) return { envelope: fxErrors.param('offset 必须是 limit 的整数倍') };
  const filters = parseFilters(sqi.filters, def);
  if (!Array.isArray(filters)) return { envelope: filters };
  const orders = parseOrders(sqi.orders, def);
  if (!Array.isArray(orders)) return { envelope: orders };
  const projection = sqi.fieldProjection;
  if (projection !== undefined && !(Array.isArray(projection) && projection.every((p) => typeof p === 'string')))
    return { envelope: fxErrors.param('fieldProjection 必须是字符串列表') };

  const tests = filters.map((f) => compile(f, ctx.employees));
  const rows = ctx.store.all(def.apiName).filter((r) => visible(r, caller) && tests.every((t) => t(r)));
  // The store keeps `_id` order already: only other orders need a sort.
  const byIdAsc = orders.length > 0 && orders[0]?.field === '_id' && orders[0].asc;
  if (!byIdAsc) rows.sort(sorter(orders));
  const page = rows.slice(offset, offset + limit);
  const dataList = page.map((r) =>
    encodeRecord(def, r, caller, ctx, {
      ...(projection ? { projection: projection as string[] } : {}),
      includeNull: body.includeNull === true,
    }),
  );
  return {
    envelope: { ...OK, data: { dataList, offset, limit, total: wantsTotal(body, data) ? rows.length : 0 } },
    stats: {
      object: def.apiName,
      offset,
      limit,
      idCursor: filters.some((f) => f.field === '_id' && (f.operator === 'GT' || f.operator === 'GTE')),
      rows: page.length,
    },
  };
}

export function get(body: Body, custom: boolean, caller: Caller, ctx: QueryContext): Envelope {
  const data = body.data;
  if (!isObj(data)) return fxErrors.param('data 为必填项');
  const def = objectFor(data, custom);
  if ('errorCode' in def) return def;
  const id = data.objectDataId;
  if (typeof id !== 'string' || id === '') return fxErrors.param('objectDataId 为必填项');
  const record = ctx.store.get(def.apiName, id);
  if (!record) return fxErrors.notFound();
  if (!visible(record, caller)) return fxErrors.noDataPermission();
  return { ...OK, data: encodeRecord(def, record, caller, ctx, { includeNull: body.includeNull === true }) };
}

export function listObjects(): Envelope {
  return {
    ...OK,
    data: {
      objects: Object.values(OBJECTS).map((o) => ({
        describeApiName: o.apiName,
        describeDisplayName: o.label,
        defineType: o.custom ? 'custom' : 'package',
        isActive: true,
        iconPath: '',
        iconIndex: 0,
        hideButton: false,
        publicObject: false,
      })),
    },
  };
}

/** `object/describe`: `{includeDetail, data: {apiName}}` -> `data.describe.fields.<api>.{type, label, options}` (S1 §3). */
export function describeObject(body: Body): Envelope {
  const data = body.data;
  const apiName = isObj(data) ? data.apiName : undefined;
  if (typeof apiName !== 'string' || apiName === '') return fxErrors.param('apiName 为必填项');
  const def = OBJECTS[apiName];
  if (!def) return fxErrors.param(`对象 ${apiName.slice(0, 60)} 不存在`);
  const fields: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(def.fields)) {
    fields[name] = {
      api_name: name,
      label: f.label,
      type: f.type === 'region' ? f.regions : f.type,
      is_required: name === 'name',
      is_active: true,
      define_type: name.endsWith('__c') ? 'custom' : 'package',
      ...(f.options ? { options: f.options.map((o) => ({ label: o.label, value: o.value })) } : {}),
      ...(f.type === 'number' || f.type === 'currency' || f.type === 'percentile' ? { decimal_places: f.decimals ?? 2 } : {}),
      ...(f.type === 'currency' ? { currency_unit: '￥' } : {}),
      ...(f.type === 'object_reference' ? { target_api_name: f.target } : {}),
      ...(f.type === 'date_time' ? { date_format: 'yyyy-MM-dd HH:mm', time_zone: 'GMT+8' } : {}),
      ...(f.type === 'date' ? { date_format: 'yyyy-MM-dd', time_zone: 'GMT+8' } : {}),
    };
  }
  return {
    ...OK,
    data: { describe: { api_name: def.apiName, display_name: def.label, define_type: def.custom ? 'custom' : 'package', fields } },
  };
}
