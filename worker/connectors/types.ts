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

/** Records that changed in the CRM but are not accounts (a deal, an activity), from a change notification. */
export interface RelatedChange {
  /** The CRM's module name, e.g. `Deals`, `Calls`. */
  module: string;
  ids: string[];
  operation?: 'insert' | 'update' | 'delete';
}

/** What a successful credentials check found (shown to the admin as is). */
export interface ConnectorCheck {
  details: Record<string, unknown>;
}

/** A change-notification channel the CRM will call. */
export interface WatchChannel {
  channelId: string;
  /** ISO 8601. */
  expiresAt: string;
  events: string[];
  notifyUrl: string;
}

/**
 * Small per-tenant, per-CRM state a connector keeps between requests and isolates (OAuth tokens,
 * leases, notification channels). `secret: true` encrypts the value at rest. TTLs are at least
 * 60 seconds (KV's minimum).
 */
export interface ConnectorStore {
  get<T>(name: string, options?: { secret?: boolean }): Promise<T | null>;
  put(name: string, value: unknown, options?: { ttlSeconds?: number; secret?: boolean }): Promise<void>;
  delete(name: string): Promise<void>;
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
  /** The accounts changed records belong to (a deal's change invalidates its account); optional. */
  accountsOf?(changes: readonly RelatedChange[], ctx: ConnectorContext): Promise<string[]>;
  /** Checks the stored credentials against the CRM (admin set-up); throws ConnectorError when they fail. */
  check?(ctx: ConnectorContext): Promise<ConnectorCheck>;
  /** Subscribes (or re-subscribes) to the CRM's change notifications. */
  watch?(options: { notifyUrl: string; token: string }, ctx: ConnectorContext): Promise<WatchChannel>;
  /** Periodic upkeep from the cron trigger: renews notification channels before they expire. */
  maintain?(ctx: ConnectorContext): Promise<{ renewed: boolean; channel?: WatchChannel }>;
  /**
   * For CRMs without change notifications (Fxiaoke): the accounts whose records changed since
   * the previous poll. The connector keeps its own watermark in its store; the cron trigger
   * calls this and invalidates what it returns.
   */
  pollChanges?(ctx: ConnectorContext): Promise<PollResult>;
}

/** What one poll found. */
export interface PollResult {
  /** Accounts with changed records (the account itself, or its orders, deals, follow-ups ...). */
  accountIds: string[];
  /** The poll stopped at its page budget; the next run continues where it stopped. */
  more: boolean;
}
