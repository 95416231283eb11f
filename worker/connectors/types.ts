/**
 * One interface for every CRM. A connector turns CRM records into AccountSnapshots; the worker
 * never sees CRM-specific shapes. Connectors throw ConnectorError for every CRM-side failure so
 * the worker can map it to 502/504 or serve the last good classification, marked stale.
 */
import type { AccountSnapshot } from '../../shared/schema.ts';

export type ConnectorErrorKind =
  | 'unavailable' // the CRM answered 5xx or could not be reached
  | 'timeout' // no answer in time
  | 'auth' // credentials rejected or missing (an admin must fix the settings)
  | 'rate_limited' // the CRM's quota is spent; retry later
  | 'bad_response'; // the CRM answered something we cannot read

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly crm: string;
  /** Seconds after which a retry may succeed, when the CRM says so. */
  readonly retryAfter: number | undefined;
  constructor(crm: string, kind: ConnectorErrorKind, message: string, options?: { retryAfter?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.crm = crm;
    this.kind = kind;
    this.retryAfter = options?.retryAfter;
  }
}

export interface ConnectorContext {
  /** Evaluation time (epoch ms); demo data is laid out relative to it. */
  now: number;
  /** Aborts CRM calls when the request is cancelled or times out. */
  signal?: AbortSignal;
}

export interface AccountPage {
  accounts: AccountSnapshot[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export interface Connector {
  /** The id used in routes and snapshots: `demo`, `zoho`, `fxiaoke`. */
  readonly id: string;
  /** One account, or null when the CRM has no such account. */
  getAccount(id: string, ctx: ConnectorContext): Promise<AccountSnapshot | null>;
  /** Many accounts in as few CRM calls as the API allows; ids the CRM does not know are absent from the map. */
  getAccounts(ids: readonly string[], ctx: ConnectorContext): Promise<Map<string, AccountSnapshot>>;
  /** Every account, a page at a time, for population statistics. */
  listAccounts(ctx: ConnectorContext, cursor?: string): Promise<AccountPage>;
}
