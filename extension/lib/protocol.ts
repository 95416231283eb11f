/**
 * Typed messages between the extension's pages (content scripts, options, popup) and the
 * background service worker, which owns every network call to the TierLens worker.
 * A page sends a `Request`; the background answers with `Reply<T>` and never throws across
 * the boundary: failures come back as a `UiError` whose `kind` decides what the UI says.
 */
import type { AccountSnapshot, Classification, Lang, PopulationStats, RuleSet } from '../../shared/schema.ts';

export type UiErrorKind =
  | 'not_configured' // no worker URL or key saved yet
  | 'unreachable' // network error, DNS, refused, timeout
  | 'unauthorized' // 401: the key is wrong or revoked
  | 'forbidden' // 403: e.g. a reader key used for an admin action
  | 'not_found' // 404: unknown account or CRM
  | 'conflict' // 409: rules changed since they were loaded
  | 'invalid' // 400: bad input; `details` holds [{path, message}]
  | 'rate_limited' // 429
  | 'crm' // 502/504: the CRM failed and nothing cached was available
  | 'permission' // the browser has no host permission for the worker URL
  | 'internal'; // anything else

export interface UiError {
  kind: UiErrorKind;
  message: string;
  status?: number;
  details?: unknown;
  requestId?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UiError };

export interface RulesDocument {
  version: number;
  rules: RuleSet;
  updatedAt?: string;
  updatedBy?: string;
}

export interface RulesHistoryEntry {
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface ConnectionInfo {
  workerVersion?: string;
  /** The key's role when the worker reports it. */
  role?: 'reader' | 'admin';
  tenant?: string;
}

export interface LookupResult {
  results: Record<string, Classification>;
  missing: string[];
}

/** Every request a page can send, keyed by `type`, with the value its reply carries. */
export interface Requests {
  account: { req: { crm: string; id: string; lang?: Lang }; res: Classification };
  lookup: { req: { crm: string; ids: string[]; lang?: Lang }; res: LookupResult };
  /** The account's data as the engine sees it (admin): GET /v1/accounts/:crm/:id/snapshot, for the rule preview. */
  snapshot: { req: { crm: string; id: string }; res: AccountSnapshot };
  testConnection: { req: { workerUrl?: string; apiKey?: string }; res: ConnectionInfo };
  getRules: { req: Record<string, never>; res: RulesDocument };
  putRules: { req: { rules: RuleSet; ifMatch: number }; res: RulesDocument };
  rulesHistory: { req: Record<string, never>; res: RulesHistoryEntry[] };
  rulesVersion: { req: { version: number }; res: RulesDocument };
  rollback: { req: { version: number; ifMatch: number }; res: RulesDocument };
  stats: { req: Record<string, never>; res: PopulationStats | null };
  /** Forgets cached classifications (after a rules save, or from the popup). */
  clearCache: { req: Record<string, never>; res: { cleared: number } };
}

export type RequestType = keyof Requests;
export type Message<K extends RequestType = RequestType> = { type: K } & Requests[K]['req'];
