/**
 * Reading many records in few calls (zoho.md §2, §3):
 *
 * - COQL (`POST /crm/v8/coql`) selects a module's records for a whole batch of accounts at once:
 *   `in` takes at most 50 values, a WHERE clause at most 25 criteria, and more than two criteria
 *   need explicit parentheses, so ids go in groups of 50 joined by a balanced tree of `or`s, at
 *   most IN_LISTS_PER_QUERY groups (500 accounts) per query. LIMIT is at most 2000 rows a call
 *   (3 credits); OFFSET continues up to 100,000 rows. 204 means no rows.
 * - Record lists (`GET /crm/v8/{Module}`, related lists): `fields` is required (at most 50);
 *   `page` reaches the first 2,000 records, `page_token` the rest.
 *
 * Ids go into queries only after matching /^\d{1,19}$/ (Zoho record ids), so no input can
 * change a query's meaning.
 */
import { ConnectorError } from '../types.ts';
import type { ZohoApi, ZohoBody } from './client.ts';
import { CRM } from './oauth.ts';

export const IN_LIST_MAX = 50;
export const IN_LISTS_PER_QUERY = 10;
/** Accounts per COQL query on a related module. */
export const ACCOUNTS_PER_QUERY = IN_LIST_MAX * IN_LISTS_PER_QUERY;
export const COQL_LIMIT = 2000;
export const COQL_MAX_ROWS = 100_000;
export const PER_PAGE = 200;
/** `page` × `per_page` may not pass this; beyond it, `page_token`. */
export const DISCRETE_LIMIT = 2000;
/** `GET /{Module}?ids=` takes at most this many ids. */
export const IDS_PER_GET = 100;
const MAX_PAGES = 500;

export const isZohoId = (s: string) => /^\d{1,19}$/.test(s);

export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** `field in (...)` over any number of ids (at most ACCOUNTS_PER_QUERY), parenthesised pairwise. */
export function inCriteria(field: string, ids: readonly string[]): string {
  if (ids.length === 0 || ids.length > ACCOUNTS_PER_QUERY)
    throw new RangeError(`inCriteria: 1 to ${ACCOUNTS_PER_QUERY} ids, got ${ids.length}`);
  for (const id of ids) if (!isZohoId(id)) throw new RangeError(`not a Zoho record id: ${id.slice(0, 40)}`);
  let parts = chunk(ids, IN_LIST_MAX).map((group) => `${field} in (${group.map((id) => `'${id}'`).join(',')})`);
  while (parts.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < parts.length; i += 2) next.push(i + 1 < parts.length ? `(${parts[i]} or ${parts[i + 1]})` : (parts[i] as string));
    parts = next;
  }
  return parts[0] as string;
}

const rowsOf = (body: ZohoBody | null): ZohoBody[] =>
  body && Array.isArray(body.data) ? body.data.filter((r): r is ZohoBody => r !== null && typeof r === 'object') : [];
const infoOf = (body: ZohoBody | null): ZohoBody => (body?.info && typeof body.info === 'object' ? (body.info as ZohoBody) : {});

/** Every row of `select <columns> from <module> where <where>`, 2,000 rows a call. */
export async function coqlAll(
  api: ZohoApi,
  columns: readonly string[],
  module: string,
  where: string,
  signal?: AbortSignal,
): Promise<ZohoBody[]> {
  const rows: ZohoBody[] = [];
  for (let offset = 0; offset + COQL_LIMIT <= COQL_MAX_ROWS; offset += COQL_LIMIT) {
    const select_query = `select ${columns.join(', ')} from ${module} where ${where} order by id asc limit ${COQL_LIMIT} offset ${offset}`;
    const { body } = await api.request('POST', '/coql', { body: { select_query } }, signal);
    const page = rowsOf(body);
    rows.push(...page);
    if (infoOf(body).more_records !== true || page.length === 0) return rows;
  }
  throw new ConnectorError(CRM, 'bad_response', `More than ${COQL_MAX_ROWS} ${module} rows for one batch of accounts; COQL stops there`);
}

/** One page of a record list or related list; `next` continues it (page, then page_token). */
export interface ListPage {
  rows: ZohoBody[];
  next?: { page: number } | { pageToken: string };
}

export async function listPage(
  api: ZohoApi,
  path: string,
  fields: readonly string[],
  at: { page: number } | { pageToken: string },
  signal?: AbortSignal,
): Promise<ListPage> {
  const query: Record<string, string> = { fields: fields.join(','), per_page: String(PER_PAGE) };
  if ('page' in at) query.page = String(at.page);
  else query.page_token = at.pageToken;
  const { body } = await api.request('GET', path, { query }, signal);
  const rows = rowsOf(body);
  const info = infoOf(body);
  if (info.more_records !== true || rows.length === 0) return { rows };
  const page = 'page' in at ? at.page : undefined;
  if (page !== undefined && (page + 1) * PER_PAGE <= DISCRETE_LIMIT) return { rows, next: { page: page + 1 } };
  const token = info.next_page_token;
  if (typeof token === 'string' && token.length > 0) return { rows, next: { pageToken: token } };
  throw new ConnectorError(CRM, 'bad_response', `Zoho reports more records for ${path} but gave no next_page_token`);
}

/** Every record of a list or related list. */
export async function listAll(api: ZohoApi, path: string, fields: readonly string[], signal?: AbortSignal): Promise<ZohoBody[]> {
  const rows: ZohoBody[] = [];
  let at: ListPage['next'] = { page: 1 };
  for (let i = 0; at && i < MAX_PAGES; i++) {
    const page: ListPage = await listPage(api, path, fields, at, signal);
    rows.push(...page.rows);
    at = page.next;
  }
  return rows;
}
