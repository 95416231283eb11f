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
  /** Ids not classified because the CRM failed and nothing was cached (added; the worker reports it). */
  unavailable?: string[];
}

/**
 * A request without parameters. (`Record<string, never>` would forbid the `type` field itself:
 * `{ type: 'getRules' } & Record<string, never>` has no values.)
 */
export type NoParams = Record<never, never>;

/** Every request a page can send, keyed by `type`, with the value its reply carries. */
export interface Requests {
  account: { req: { crm: string; id: string; lang?: Lang }; res: Classification };
  lookup: { req: { crm: string; ids: string[]; lang?: Lang }; res: LookupResult };
  /** The account's data as the engine sees it (admin): GET /v1/accounts/:crm/:id/snapshot, for the rule preview. */
  snapshot: { req: { crm: string; id: string }; res: AccountSnapshot };
  testConnection: { req: { workerUrl?: string; apiKey?: string }; res: ConnectionInfo };
  getRules: { req: NoParams; res: RulesDocument };
  putRules: { req: { rules: RuleSet; ifMatch: number }; res: RulesDocument };
  rulesHistory: { req: NoParams; res: RulesHistoryEntry[] };
  rulesVersion: { req: { version: number }; res: RulesDocument };
  rollback: { req: { version: number; ifMatch: number }; res: RulesDocument };
  stats: { req: NoParams; res: PopulationStats | null };
  /** Forgets cached classifications (after a rules save, or from the popup). */
  clearCache: { req: NoParams; res: { cleared: number } };
  /** Opens the options page (content scripts cannot link to it). Added. */
  openOptions: { req: NoParams; res: null };
}

/** Requests that only the content script's own UI may send (the rest need an extension page). Added. */
export const CONTENT_SCRIPT_REQUESTS: readonly RequestType[] = ['account', 'lookup', 'openOptions'];

/** What a tab's content script tells the popup about the page it is on. Added. */
export interface PageSummary {
  /** The site adapter running on the page (`zoho`, `demo`), null when the page is not one it knows. */
  site: string | null;
  /** `account`, `list`, `deal`, or null. */
  kind: string | null;
  url: string;
  /** The accounts badged on the page, at most 20, headline first. */
  accounts: PageAccount[];
  /** How many accounts are badged in all. */
  total: number;
}

export interface PageAccount {
  id: string;
  name?: string;
  /** The headline tier, when classified. */
  tierLabel?: string;
  icon?: string;
  color?: string;
  textColor?: string;
  /** Why there is no tier, when there is none. */
  error?: UiErrorKind;
}

/** Messages the popup sends to a tab's content script (browser.tabs.sendMessage). Added. */
export interface TabRequests {
  pageSummary: { req: NoParams; res: PageSummary };
}
export type TabMessage<K extends keyof TabRequests = keyof TabRequests> = { type: K } & TabRequests[K]['req'];

export type RequestType = keyof Requests;
export type Message<K extends RequestType = RequestType> = { type: K } & Requests[K]['req'];
