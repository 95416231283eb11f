/**
 * Change notifications: `POST|GET|PUT|PATCH|DELETE /crm/v8/actions/watch` (zoho.md §5; OAS
 * `notifications/mds/examples/*.md`) and the callbacks they produce.
 *
 * - A subscription is stored per (channel_id, module): one channel may watch several modules, and
 *   GET and DELETE answer with one entry per module, as in the OAS examples (channel "10000" on
 *   Contacts and Deals).
 * - Events are `{Module}.{create|edit|delete|all}`. `channel_expiry` may be at most one week ahead;
 *   missing or longer, it defaults to one hour (v7 `notifications/enable.html`), so channels must be
 *   renewed. `watch[]` takes at most 50 entries; `token` at most 50 characters (the v7 limit; the v8
 *   OAS says 256, the stricter one is enforced).
 * - Callback body (v7 doc example; the same shape in amp-labs/connectors tests):
 *   `{server_time, query_params, module, resource_uri, ids, operation, channel_id, token,
 *   affected_fields?, affected_values?}` with `operation` = insert | update | delete. Several ids can
 *   arrive in one callback; `affected_values` only with `return_affected_field_values`; no signature,
 *   only the echoed token. `query_params` carries the notify_url's query string (a guess from the name).
 * - `notification_condition` with `field_selection`: updates that touch none of the selected
 *   fields are not sent (creates and deletes always are).
 * Guesses: the status and body for an unknown channel in PATCH/DELETE; 204 for an empty GET; no
 * retries when the notify_url fails.
 */

import { DAY_MS, HOUR_MS, type SimClock } from '../sim-kit/time.ts';
import { MODULES } from './schema.ts';
import type { ChangeEvent } from './store.ts';
import { zohoDateTime } from './time.ts';

const MAX_WATCH = 50;
const MAX_TOKEN = 50;
const MAX_EXPIRY_MS = 7 * DAY_MS;
const DEFAULT_EXPIRY_MS = HOUR_MS;
const VERBS = ['create', 'edit', 'delete', 'all'] as const;
const OPERATION_VERB = { insert: 'create', update: 'edit', delete: 'delete' } as const;

export interface Subscription {
  channelId: string;
  module: string;
  /** Full event names, e.g. `Accounts.edit`. */
  events: string[];
  notifyUrl: string;
  token: string | null;
  expiry: number;
  returnAffectedFieldValues: boolean;
  notifyOnRelatedAction: boolean;
  notificationCondition: unknown[] | null;
}

export interface Delivery {
  channelId: string;
  url: string;
  body: CallbackBody;
  /** HTTP status of the receiver, or null when it could not be reached. */
  status: number | null;
  error?: string;
  at: number;
}

export interface CallbackBody {
  server_time: number;
  query_params: Record<string, string>;
  module: string;
  resource_uri: string;
  ids: string[];
  operation: 'insert' | 'update' | 'delete';
  channel_id: string;
  token: string | null;
  affected_fields?: Record<string, string[]>[];
  affected_values?: { record_id: string; values: Record<string, unknown> }[];
}

type Entry = Record<string, unknown>;
const errorEntry = (code: string, message: string, details: Record<string, unknown>): Entry => ({
  code,
  details,
  message,
  status: 'error',
});

export class Notifier {
  private readonly subs = new Map<string, Subscription>();
  readonly deliveries: Delivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly clock: SimClock;
  private readonly apiDomain: () => string;
  /** Callback POSTs give up after this long. */
  timeoutMs = 5_000;

  constructor(opts: { clock: SimClock; apiDomain: () => string }) {
    this.clock = opts.clock;
    this.apiDomain = opts.apiDomain;
  }

  active(): Subscription[] {
    const now = this.clock.now();
    for (const [k, s] of this.subs) if (s.expiry <= now) this.subs.delete(k);
    return [...this.subs.values()];
  }

  clear(): void {
    this.subs.clear();
    this.deliveries.length = 0;
  }

  /** Wait until every callback started so far has been delivered (or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private resourceUri(module: string): string {
    return `${this.apiDomain()}/crm/v8/${module}`;
  }

  private eventDetail(s: Subscription): Entry {
    return {
      channel_expiry: zohoDateTime(s.expiry),
      resource_uri: this.resourceUri(s.module),
      resource_id: MODULES[s.module]?.id ?? '',
      resource_name: s.module,
      channel_id: s.channelId,
    };
  }

  /** Parse `events` into module -> full event names; an error entry when one is unknown. */
  private parseEvents(events: unknown, path: string): Map<string, string[]> | Entry {
    if (!Array.isArray(events) || events.length === 0) {
      return errorEntry('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'events', json_path: `${path}.events` });
    }
    const byModule = new Map<string, string[]>();
    for (const [j, e] of events.entries()) {
      const m = typeof e === 'string' ? /^([A-Za-z0-9_]+)\.([a-z]+)$/.exec(e) : null;
      const module = m?.[1];
      const verb = m?.[2];
      if (!module || !verb || !MODULES[module] || !(VERBS as readonly string[]).includes(verb)) {
        // OAS ModuleNotSupported: INVALID_DATA on `events`
        return errorEntry('INVALID_DATA', 'invalid data', { api_name: 'events', json_path: `${path}.events[${j}]` });
      }
      const list = byModule.get(module) ?? [];
      if (!list.includes(`${module}.${verb}`)) list.push(`${module}.${verb}`);
      byModule.set(module, list);
    }
    return byModule;
  }

  private expiryOf(raw: unknown, path: string): number | Entry {
    const now = this.clock.now();
    if (raw === undefined || raw === null) return now + DEFAULT_EXPIRY_MS;
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(ms) || ms <= now) {
      return errorEntry('INVALID_DATA', 'invalid data', { api_name: 'channel_expiry', json_path: `${path}.channel_expiry` });
    }
    return ms - now > MAX_EXPIRY_MS ? now + DEFAULT_EXPIRY_MS : ms;
  }

  private watchList(body: unknown): unknown[] | null {
    if (body && typeof body === 'object' && Array.isArray((body as { watch?: unknown }).watch)) return (body as { watch: unknown[] }).watch;
    return null;
  }

  /** POST (create) and PUT (replace) share validation; both upsert per (channel, module). */
  subscribe(body: unknown, replace: boolean): { status: number; body: unknown } {
    const list = this.watchList(body);
    if (!list) return { status: 400, body: errorEntry('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'watch' }) };
    if (list.length > MAX_WATCH)
      return { status: 400, body: errorEntry('LIMIT_EXCEEDED', 'limit exceeded', { api_name: 'watch', limit: MAX_WATCH }) };
    const results: Entry[] = list.map((raw, i) => {
      const path = `$.watch[${i}]`;
      const w = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      if (typeof w.channel_id !== 'string' && typeof w.channel_id !== 'number') {
        return errorEntry('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'channel_id', json_path: `${path}.channel_id` });
      }
      if (typeof w.notify_url !== 'string' || !/^https?:\/\//.test(w.notify_url)) {
        return typeof w.notify_url === 'string'
          ? errorEntry('INVALID_DATA', 'invalid data', { api_name: 'notify_url', json_path: `${path}.notify_url` })
          : errorEntry('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'notify_url', json_path: `${path}.notify_url` });
      }
      const events = this.parseEvents(w.events, path);
      if (!(events instanceof Map)) return events;
      if (w.token !== undefined && w.token !== null && (typeof w.token !== 'string' || w.token.length > MAX_TOKEN)) {
        return errorEntry('INVALID_DATA', 'invalid data', { api_name: 'token', json_path: `${path}.token`, maximum_length: MAX_TOKEN });
      }
      const expiry = this.expiryOf(w.channel_expiry, path);
      if (typeof expiry !== 'number') return expiry;
      const channelId = String(w.channel_id);
      const created: Subscription[] = [];
      for (const [module, evs] of events) {
        const s: Subscription = {
          channelId,
          module,
          events: evs,
          notifyUrl: w.notify_url,
          token: typeof w.token === 'string' ? w.token : null,
          expiry,
          returnAffectedFieldValues: w.return_affected_field_values === true,
          notifyOnRelatedAction: w.notify_on_related_action === true,
          notificationCondition: Array.isArray(w.notification_condition) ? w.notification_condition : null,
        };
        this.subs.set(`${channelId}|${module}`, s);
        created.push(s);
      }
      return {
        code: 'SUCCESS',
        details: { events: created.map((s) => this.eventDetail(s)) },
        message: 'Successfully subscribed for actions-watch of the given module',
        status: 'success',
      };
    });
    return { status: statusOf(results, replace ? 200 : 201), body: { watch: results } };
  }

  /** PATCH: change some details of existing channels; `_delete: true` removes the listed events. */
  patch(body: unknown): { status: number; body: unknown } {
    const list = this.watchList(body) ?? (body && typeof body === 'object' && 'channel_id' in body ? [body] : null);
    if (!list) return { status: 400, body: errorEntry('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'watch' }) };
    const results: Entry[] = list.map((raw, i) => {
      const path = `$.watch[${i}]`;
      const w = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      if (typeof w.channel_id !== 'string' && typeof w.channel_id !== 'number') {
        return errorEntry('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'channel_id', json_path: `${path}.channel_id` });
      }
      const channelId = String(w.channel_id);
      const existing = this.active().filter((s) => s.channelId === channelId);
      if (existing.length === 0)
        return errorEntry('INVALID_DATA', 'invalid data', { api_name: 'channel_id', json_path: `${path}.channel_id` });
      if (w._delete !== undefined && typeof w._delete !== 'boolean') {
        // OAS InvalidDataTypeForUnderscoreDelete
        return errorEntry('INVALID_DATA', 'invalid data', {
          api_name: '_delete',
          expected_data_type: 'boolean',
          json_path: `${path}._delete`,
        });
      }
      const touched: Subscription[] = [];
      if (w.events !== undefined) {
        const events = this.parseEvents(w.events, path);
        if (!(events instanceof Map)) return events;
        for (const [module, evs] of events) {
          const key = `${channelId}|${module}`;
          const s = this.subs.get(key) ?? (w._delete ? undefined : { ...(existing[0] as Subscription), module, events: [] });
          if (!s) continue;
          s.events = w._delete ? s.events.filter((e) => !evs.includes(e)) : [...new Set([...s.events, ...evs])];
          if (s.events.length === 0) this.subs.delete(key);
          else this.subs.set(key, s);
          touched.push(s);
        }
      }
      const expiry = w.channel_expiry === undefined ? undefined : this.expiryOf(w.channel_expiry, path);
      if (expiry !== undefined && typeof expiry !== 'number') return expiry;
      for (const s of this.active().filter((x) => x.channelId === channelId)) {
        if (typeof w.notify_url === 'string') s.notifyUrl = w.notify_url;
        if (typeof w.token === 'string') s.token = w.token;
        if (typeof w.return_affected_field_values === 'boolean') s.returnAffectedFieldValues = w.return_affected_field_values;
        if (typeof w.notify_on_related_action === 'boolean') s.notifyOnRelatedAction = w.notify_on_related_action;
        if (Array.isArray(w.notification_condition)) s.notificationCondition = w.notification_condition;
        if (expiry !== undefined) s.expiry = expiry;
        if (!touched.includes(s)) touched.push(s);
      }
      return {
        code: 'SUCCESS',
        details: { events: touched.map((s) => this.eventDetail(s)) },
        message: 'Successfully updated the subscribe details',
        status: 'success',
      };
    });
    return { status: statusOf(results, 200), body: { watch: results } };
  }

  list(query: URLSearchParams): { status: number; body: unknown } {
    const module = query.get('module');
    const channelId = query.get('channel_id');
    const subs = this.active().filter((s) => (!module || s.module === module) && (!channelId || s.channelId === channelId));
    if (subs.length === 0) return { status: 204, body: undefined };
    return {
      status: 200,
      body: {
        watch: subs.map((s) => ({
          notify_on_related_action: s.notifyOnRelatedAction,
          channel_expiry: zohoDateTime(s.expiry),
          return_affected_field_values: s.returnAffectedFieldValues,
          resource_uri: this.resourceUri(s.module),
          resource_id: MODULES[s.module]?.id ?? '',
          notify_url: s.notifyUrl,
          resource_name: s.module,
          fields: null,
          notification_condition: s.notificationCondition,
          channel_id: s.channelId,
          events: s.events,
          token: s.token,
        })),
        info: { per_page: 200, count: subs.length, page: 1, more_records: false },
      },
    };
  }

  unsubscribe(query: URLSearchParams): { status: number; body: unknown } {
    const raw = query.get('channel_ids');
    if (!raw) {
      return { status: 400, body: errorEntry('REQUIRED_PARAM_MISSING', 'required param is missing', { param_name: 'channel_ids' }) };
    }
    const results: Entry[] = [];
    for (const id of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const subs = this.active().filter((s) => s.channelId === id);
      if (subs.length === 0) {
        results.push(errorEntry('INVALID_DATA', 'invalid data', { api_name: 'channel_ids', value: id }));
        continue;
      }
      for (const s of subs) {
        this.subs.delete(`${s.channelId}|${s.module}`);
        results.push({
          code: 'SUCCESS',
          details: { resource_uri: this.resourceUri(s.module), resource_id: MODULES[s.module]?.id ?? '', channel_id: s.channelId },
          message: 'Successfully un-subscribed from actions-watch',
          status: 'success',
        });
      }
    }
    return { status: statusOf(results, 200), body: { watch: results } };
  }

  /** A record change: POST a callback to every live subscription that watches it. */
  onChange(e: ChangeEvent): void {
    const verb = OPERATION_VERB[e.op];
    for (const s of this.active()) {
      if (s.module !== e.module) continue;
      if (!s.events.includes(`${e.module}.${verb}`) && !s.events.includes(`${e.module}.all`)) continue;
      let ids = e.ids;
      if (e.op === 'update' && s.notificationCondition) {
        const watched = selectedFields(s.notificationCondition);
        if (watched.size > 0) ids = ids.filter((id) => (e.affectedFields[id] ?? []).some((f) => watched.has(f)));
      }
      if (ids.length === 0) continue;
      let queryParams: Record<string, string> = {};
      try {
        queryParams = Object.fromEntries(new URL(s.notifyUrl).searchParams);
      } catch {
        queryParams = {};
      }
      const body: CallbackBody = {
        server_time: e.at,
        query_params: queryParams,
        module: e.module,
        resource_uri: this.resourceUri(e.module),
        ids,
        operation: e.op,
        channel_id: s.channelId,
        token: s.token,
      };
      if (e.op === 'update') {
        body.affected_fields = ids.map((id) => ({ [id]: e.affectedFields[id] ?? [] }));
        if (s.returnAffectedFieldValues) body.affected_values = ids.map((id) => ({ record_id: id, values: e.affectedValues[id] ?? {} }));
      }
      this.deliver(s, body);
    }
  }

  private deliver(s: Subscription, body: CallbackBody): void {
    const delivery: Delivery = { channelId: s.channelId, url: s.notifyUrl, body, status: null, at: this.clock.now() };
    this.deliveries.push(delivery);
    const p = (async () => {
      try {
        const res = await fetch(s.notifyUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        delivery.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        delivery.error = err instanceof Error ? err.message : String(err);
      }
    })();
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}

function statusOf(results: Entry[], allOk: number): number {
  const ok = results.filter((r) => r.status === 'success').length;
  if (ok === results.length) return allOk;
  return ok === 0 ? 400 : 207;
}

/** Field api names named anywhere in `notification_condition[].field_selection`. */
function selectedFields(conditions: unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const field = n.field as { api_name?: unknown } | undefined;
    if (field && typeof field.api_name === 'string') out.add(field.api_name);
    if (typeof n.api_name === 'string' && !('module' in n)) out.add(n.api_name);
    if (Array.isArray(n.group)) n.group.forEach(walk);
    if (n.field_selection) walk(n.field_selection);
  };
  conditions.forEach(walk);
  return out;
}
