/**
 * The Zoho CRM connector: Accounts and what hangs off them, as AccountSnapshots, in as few API
 * calls as the v8 API allows.
 *
 * One account: 4 calls, in parallel (one round trip): the record (`GET /Accounts/{id}`), and the
 * related lists Deals, Activities_History (closed calls, events and tasks in one list) and Cases.
 * Nothing merges two of these, so 4 is the floor (3 without Cases, 2 without activities).
 *
 * Many accounts (list views): `GET /Accounts?ids=` (100 ids a call) and one COQL query per
 * related module (Deals, Calls, Events, Tasks, Cases), each covering up to 500 accounts and 2,000
 * rows a call: 6 calls for a list of up to 100 accounts, whatever its size up to 100, again in
 * one round trip. COQL has no Activities module and no way to select two modules at once, so
 * each module costs one call; the admin can drop modules (`interactionModules`) to save one each.
 * Aggregates (COUNT/SUM ... GROUP BY) would not save calls: the engine needs each order's and
 * each interaction's date for its 30- to 730-day windows, and an aggregate per window would cost
 * a call each. Raw rows it is; LIMIT 2000 keeps them to one call per module for typical lists.
 *
 * All accounts (population statistics): `GET /Accounts` 200 a page (`page` to 2,000 records,
 * then `page_token`), plus the COQL queries above for each page's accounts.
 */
import type { AccountSnapshot, Interaction } from '../../../shared/schema.ts';
import { type RuntimeOptions, runtime } from '../common/runtime.ts';
import type { ConnectorInput } from '../registry.ts';
import {
  type AccountPage,
  type Connector,
  type ConnectorCheck,
  type ConnectorContext,
  ConnectorError,
  type ConnectorStore,
  type RelatedChange,
  type WatchChannel,
} from '../types.ts';
import { DEFAULT_RETRY, type RetryPolicy, ZohoApi, type ZohoBody } from './client.ts';
import { ZOHO_DCS } from './hosts.ts';
import {
  ACTIVITY_MODULES,
  accountFields,
  dealFields,
  INTERACTION_SOURCES,
  interactionOf,
  lookupId,
  type Related,
  type StageSets,
  snapshotOf,
  stageSets,
} from './mapping.ts';
import { CRM, devHostsRefused, TokenManager } from './oauth.ts';
import { ACCOUNTS_PER_QUERY, chunk, coqlAll, IDS_PER_GET, inCriteria, isZohoId, type ListPage, listAll, listPage } from './queries.ts';
import { type InteractionModule, ZOHO_SECRET_NAMES, type ZohoSettings, ZohoSettingsSchema } from './settings.ts';

export interface ZohoConnectorOptions extends RuntimeOptions {
  retry?: RetryPolicy;
}

/** Channels are asked for six days (Zoho's maximum is seven; more falls back to one hour). */
export const CHANNEL_DAYS = 6;
/** The cron renews a channel with less than this left. */
export const RENEW_WITHIN_MS = 3 * 86_400_000;
export const MAX_WATCH_TOKEN = 50;

interface WatchDoc extends WatchChannel {}

/**
 * Deal / activity / case id -> account id, learnt while fetching, per isolate: resolves most
 * webhooks without a call. Bounded; the oldest entries go first.
 */
const OWNERS_MAX = 50_000;
const OWNERS_TTL_MS = 6 * 60 * 60_000;
const owners = new Map<string, { accountId: string; expires: number }>();
const ownerKey = (tenant: string, module: string, id: string) => `${tenant}\u0000${module}\u0000${id}`;

/** Forget what this isolate learnt about records (tests). */
export function resetRecordOwners(): void {
  owners.clear();
}

/** Zoho's datetime format with an explicit offset, e.g. `2026-11-29T09:00:00+00:00`. */
export function zohoDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

export function watchEvents(settings: ZohoSettings): string[] {
  return ['Accounts.all', 'Deals.all', ...settings.interactionModules.map((m) => `${m}.all`)];
}

export class ZohoConnector implements Connector {
  readonly id = CRM;
  readonly settings: ZohoSettings;
  readonly api: ZohoApi;
  readonly tokens: TokenManager;
  private readonly tenant: string;
  private readonly store: ConnectorStore;
  private readonly stages: StageSets;
  private readonly webhookToken: string | undefined;
  private readonly problem: ConnectorError | undefined;
  private readonly clock: () => number;

  constructor(input: ConnectorInput, options: ZohoConnectorOptions = {}) {
    this.tenant = input.tenant;
    this.store = input.store;
    this.settings = ZohoSettingsSchema.parse(input.settings);
    this.stages = stageSets(this.settings);
    this.webhookToken = input.secrets.webhookToken;
    const missing = ZOHO_SECRET_NAMES.filter((name) => !input.secrets[name]);
    if (missing.length) {
      this.problem = new ConnectorError(
        CRM,
        'auth',
        `The Zoho connector is missing ${missing.map((m) => `secrets.${m}`).join(', ')}: set them with PUT /v1/connectors/zoho`,
      );
    } else if (!input.allowDevHosts && this.settings.accountsUrl) this.problem = devHostsRefused('accountsUrl');
    else if (!input.allowDevHosts && this.settings.apiDomain) this.problem = devHostsRefused('apiDomain');
    const rt = runtime(options);
    this.clock = rt.clock;
    this.tokens = new TokenManager(
      {
        tenant: input.tenant,
        dc: this.settings.dc,
        clientId: input.secrets.clientId ?? '',
        clientSecret: input.secrets.clientSecret ?? '',
        refreshToken: input.secrets.refreshToken ?? '',
        ...(this.settings.accountsUrl ? { accountsUrl: this.settings.accountsUrl.replace(/\/+$/, '') } : {}),
        ...(this.settings.apiDomain ? { apiDomain: this.settings.apiDomain.replace(/\/+$/, '') } : {}),
        allowDevHosts: input.allowDevHosts,
        store: input.store,
      },
      rt,
    );
    this.api = new ZohoApi(this.tokens, rt, {
      tenant: input.tenant,
      maxConcurrency: this.settings.maxConcurrency,
      retry: options.retry ?? DEFAULT_RETRY,
    });
  }

  private ready(): void {
    if (this.problem) throw this.problem;
  }

  private remember(module: string, rowId: unknown, accountId: string, now: number): void {
    if (typeof rowId !== 'string') return;
    const key = ownerKey(this.tenant, module, rowId);
    owners.delete(key);
    if (owners.size >= OWNERS_MAX) {
      const oldest = owners.keys().next().value;
      if (oldest !== undefined) owners.delete(oldest);
    }
    owners.set(key, { accountId, expires: now + OWNERS_TTL_MS });
  }

  private ownerOf(module: string, id: string, now: number): string | undefined {
    const e = owners.get(ownerKey(this.tenant, module, id));
    return e && e.expires > now ? e.accountId : undefined;
  }

  // ---------------------------------------------------------------- one account

  async getAccount(id: string, ctx: ConnectorContext): Promise<AccountSnapshot | null> {
    this.ready();
    if (!isZohoId(id)) return null;
    const { signal } = ctx;
    const modules = this.settings.interactionModules;
    const activityModules = ACTIVITY_MODULES.filter((m) => modules.includes(m));
    const path = `/Accounts/${id}`;
    // All four calls at once: one round trip. The related lists of an unknown account answer 404,
    // which only matters when the account exists.
    const accountCall = this.api.request('GET', path, { query: { fields: accountFields(this.settings).join(',') } }, signal);
    const dealsCall = listAll(this.api, `${path}/Deals`, dealFields(this.settings), signal);
    const activityFields = [...new Set(activityModules.flatMap((m) => INTERACTION_SOURCES[m].fields))];
    const activitiesCall = activityModules.length
      ? listAll(this.api, `${path}/Activities_History`, activityFields, signal)
      : Promise.resolve([]);
    const casesCall = modules.includes('Cases')
      ? listAll(this.api, `${path}/Cases`, INTERACTION_SOURCES.Cases.fields, signal)
      : Promise.resolve([]);
    for (const p of [dealsCall, activitiesCall, casesCall]) p.catch(() => undefined);
    const { body } = await accountCall;
    const record = Array.isArray(body?.data) ? (body.data[0] as ZohoBody | undefined) : undefined;
    if (!record) return null;
    const [deals, activities, cases] = await Promise.all([dealsCall, activitiesCall, casesCall]);
    const related: Related = { deals, interactions: [] };
    for (const d of deals) this.remember('Deals', d.id, id, ctx.now);
    for (const row of activities) {
      const module = activityModules.find((m) => m === row.Activity_Type);
      if (!module) continue;
      this.remember(module, row.id, id, ctx.now);
      const i = interactionOf(module, row, ctx.now);
      if (i) related.interactions.push(i);
    }
    for (const row of cases) {
      this.remember('Cases', row.id, id, ctx.now);
      const i = interactionOf('Cases', row, ctx.now);
      if (i) related.interactions.push(i);
    }
    return snapshotOf({ ...record, id: String(record.id ?? id) }, related, this.settings, this.stages);
  }

  // ---------------------------------------------------------------- many accounts

  /** Deals and interactions for these accounts: one COQL call per module per 500 accounts (more past 2,000 rows). */
  private async relatedFor(accountIds: readonly string[], ctx: ConnectorContext): Promise<Map<string, Related>> {
    const out = new Map<string, Related>(accountIds.map((id) => [id, { deals: [], interactions: [] }]));
    const jobs: Promise<void>[] = [];
    for (const ids of chunk(accountIds, ACCOUNTS_PER_QUERY)) {
      jobs.push(
        coqlAll(this.api, ['id', ...dealFields(this.settings)], 'Deals', inCriteria('Account_Name', ids), ctx.signal).then((rows) => {
          for (const row of rows) {
            const account = lookupId(row.Account_Name);
            const r = account ? out.get(account) : undefined;
            if (!r || !account) continue;
            r.deals.push(row);
            this.remember('Deals', row.id, account, ctx.now);
          }
        }),
      );
      for (const module of this.settings.interactionModules) {
        const source = INTERACTION_SOURCES[module];
        jobs.push(
          coqlAll(this.api, ['id', source.lookup, ...source.fields], module, inCriteria(source.lookup, ids), ctx.signal).then((rows) => {
            for (const row of rows) {
              const account = lookupId(row[source.lookup]);
              const r = account ? out.get(account) : undefined;
              if (!r || !account) continue;
              this.remember(module, row.id, account, ctx.now);
              const i: Interaction | null = interactionOf(module, row, ctx.now);
              if (i) r.interactions.push(i);
            }
          }),
        );
      }
    }
    // Settle every job before failing, so no rejection goes unobserved.
    const results = await Promise.allSettled(jobs);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return out;
  }

  async getAccounts(ids: readonly string[], ctx: ConnectorContext): Promise<Map<string, AccountSnapshot>> {
    this.ready();
    const wanted = [...new Set(ids)].filter(isZohoId);
    const out = new Map<string, AccountSnapshot>();
    if (wanted.length === 0) return out;
    if (wanted.length === 1) {
      // Related lists beat COQL for a single account: 4 calls instead of 6.
      const one = await this.getAccount(wanted[0] as string, ctx);
      if (one) out.set(one.id, one);
      return out;
    }
    const fields = accountFields(this.settings).join(',');
    const accountCalls = chunk(wanted, IDS_PER_GET).map((group) =>
      this.api.request('GET', '/Accounts', { query: { fields, ids: group.join(','), per_page: String(IDS_PER_GET) } }, ctx.signal),
    );
    const relatedCall = this.relatedFor(wanted, ctx);
    const settled = await Promise.allSettled([relatedCall, ...accountCalls]);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const related = await relatedCall;
    for (const r of settled.slice(1)) {
      if (r.status !== 'fulfilled') continue;
      const page = r.value as { body: ZohoBody | null };
      const rows = Array.isArray(page.body?.data) ? (page.body.data as ZohoBody[]) : [];
      for (const record of rows) {
        const id = String(record.id);
        const rel = related.get(id);
        if (rel) out.set(id, snapshotOf(record, rel, this.settings, this.stages));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- all accounts

  async listAccounts(ctx: ConnectorContext, cursor?: string): Promise<AccountPage> {
    this.ready();
    const at = parseCursor(cursor);
    const page: ListPage = await listPage(this.api, '/Accounts', accountFields(this.settings), at, ctx.signal);
    const ids = page.rows.map((r) => String(r.id)).filter(isZohoId);
    const related = ids.length ? await this.relatedFor(ids, ctx) : new Map<string, Related>();
    const accounts: AccountSnapshot[] = [];
    for (const record of page.rows) {
      const rel = related.get(String(record.id));
      if (rel) accounts.push(snapshotOf(record, rel, this.settings, this.stages));
    }
    const next = page.next ? formatCursor(page.next) : undefined;
    return next === undefined ? { accounts } : { accounts, cursor: next };
  }

  // ---------------------------------------------------------------- change notifications

  async accountsOf(changes: readonly RelatedChange[], ctx: ConnectorContext): Promise<string[]> {
    this.ready();
    const found = new Set<string>();
    const lookups: Promise<void>[] = [];
    for (const change of changes) {
      const module = change.module === 'Deals' ? 'Deals' : (change.module as InteractionModule);
      const lookup = module === 'Deals' ? 'Account_Name' : INTERACTION_SOURCES[module]?.lookup;
      if (!lookup) continue;
      const unknown: string[] = [];
      for (const id of new Set(change.ids.filter(isZohoId))) {
        const known = this.ownerOf(module, id, ctx.now);
        if (known) found.add(known);
        else unknown.push(id);
      }
      // A deleted record can no longer be read: only what this isolate learnt helps (its account
      // catches up at the next refresh otherwise).
      if (!unknown.length || change.operation === 'delete') continue;
      for (const ids of chunk(unknown, ACCOUNTS_PER_QUERY)) {
        lookups.push(
          coqlAll(this.api, ['id', lookup], module, inCriteria('id', ids), ctx.signal).then((rows) => {
            for (const row of rows) {
              const account = lookupId(row[lookup]);
              if (!account) continue;
              found.add(account);
              this.remember(module, row.id, account, ctx.now);
            }
          }),
        );
      }
    }
    const results = await Promise.allSettled(lookups);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return [...found];
  }

  async watch(options: { notifyUrl: string; token: string }, ctx: ConnectorContext): Promise<WatchChannel> {
    this.ready();
    if (options.token.length > MAX_WATCH_TOKEN) {
      throw new ConnectorError(
        CRM,
        'auth',
        `Zoho takes a verification token of at most ${MAX_WATCH_TOKEN} characters; set a shorter secrets.webhookToken`,
      );
    }
    const existing = await this.store.get<WatchDoc>('watch');
    const channelId = existing?.channelId ?? newChannelId();
    const events = watchEvents(this.settings);
    const { body } = await this.api.request(
      'POST',
      '/actions/watch',
      {
        body: {
          watch: [
            {
              channel_id: channelId,
              events,
              notify_url: options.notifyUrl,
              token: options.token,
              channel_expiry: zohoDateTime(this.clock() + CHANNEL_DAYS * 86_400_000),
              return_affected_field_values: true,
              notify_on_related_action: false,
            },
          ],
        },
      },
      ctx.signal,
    );
    const doc: WatchDoc = { channelId, events, notifyUrl: options.notifyUrl, expiresAt: expiryOf(body) };
    await this.store.put('watch', doc);
    return doc;
  }

  /** Renews the notification channel when it has less than three days left (the cron runs daily). */
  async maintain(ctx: ConnectorContext): Promise<{ renewed: boolean; channel?: WatchChannel }> {
    this.ready();
    const doc = await this.store.get<WatchDoc>('watch');
    if (!doc) return { renewed: false };
    if (Date.parse(doc.expiresAt) - this.clock() > RENEW_WITHIN_MS) return { renewed: false, channel: doc };
    try {
      const { body } = await this.api.request(
        'PATCH',
        '/actions/watch',
        {
          body: {
            watch: [
              { channel_id: doc.channelId, events: doc.events, channel_expiry: zohoDateTime(this.clock() + CHANNEL_DAYS * 86_400_000) },
            ],
          },
        },
        ctx.signal,
      );
      const renewed: WatchDoc = { ...doc, expiresAt: expiryOf(body) };
      await this.store.put('watch', renewed);
      return { renewed: true, channel: renewed };
    } catch (e) {
      // The channel is gone (expired, or deleted in Zoho): subscribe again with the same id.
      if (!(e instanceof ConnectorError) || e.kind !== 'bad_response' || !this.webhookToken) throw e;
      return { renewed: true, channel: await this.watch({ notifyUrl: doc.notifyUrl, token: this.webhookToken }, ctx) };
    }
  }

  // ---------------------------------------------------------------- set-up

  async check(ctx: ConnectorContext): Promise<ConnectorCheck> {
    this.ready();
    const token = await this.tokens.get(ctx.signal);
    const { body } = await this.api.request('GET', '/org', {}, ctx.signal);
    const org = Array.isArray(body?.org) ? ((body.org[0] ?? {}) as ZohoBody) : {};
    // The admin's field API names, checked by selecting them (one record).
    const probe = (module: string, fields: string[]) =>
      this.api.request(
        'POST',
        '/coql',
        { body: { select_query: `select ${fields.join(', ')} from ${module} where id is not null limit 1` } },
        ctx.signal,
      );
    await probe('Accounts', accountFields(this.settings));
    if (this.settings.fields.dealCategory) await probe('Deals', dealFields(this.settings));
    const license = (org.license_details ?? {}) as ZohoBody;
    return {
      details: {
        dc: this.settings.dc,
        dataCentre: ZOHO_DCS[this.settings.dc].label,
        apiDomain: token.apiDomain,
        org: {
          id: org.id ?? null,
          name: org.company_name ?? null,
          domainName: org.domain_name ?? null,
          edition: license.paid_type ?? null,
          timeZone: org.time_zone ?? null,
          currency: org.iso_code ?? null,
        },
        fields: 'every configured field API name exists',
        interactionModules: this.settings.interactionModules,
        watch: await this.store.get<WatchDoc>('watch'),
      },
    };
  }
}

function expiryOf(body: ZohoBody | null): string {
  const entry = Array.isArray(body?.watch) ? (body.watch[0] as ZohoBody | undefined) : undefined;
  const events = (entry?.details as { events?: { channel_expiry?: unknown }[] } | undefined)?.events ?? [];
  const times = events
    .map((e) => (typeof e.channel_expiry === 'string' ? Date.parse(e.channel_expiry) : Number.NaN))
    .filter(Number.isFinite);
  if (!times.length) throw new ConnectorError(CRM, 'bad_response', 'Zoho confirmed the subscription without a channel_expiry');
  return new Date(Math.min(...times)).toISOString();
}

function newChannelId(): string {
  const digits = crypto.getRandomValues(new Uint8Array(12));
  return `1${[...digits].map((d) => String(d % 10)).join('')}`;
}

/** `listAccounts` cursors: `p<page>` or `t<page_token>`. */
function parseCursor(cursor: string | undefined): { page: number } | { pageToken: string } {
  if (cursor === undefined) return { page: 1 };
  const page = /^p(\d{1,3})$/.exec(cursor);
  if (page) return { page: Number(page[1]) };
  if (/^t\S{1,200}$/.test(cursor)) return { pageToken: cursor.slice(1) };
  throw new RangeError('zoho connector: malformed listAccounts cursor');
}

function formatCursor(next: { page: number } | { pageToken: string }): string {
  return 'page' in next ? `p${next.page}` : `t${next.pageToken}`;
}

export function createZohoConnector(input: ConnectorInput, options?: ZohoConnectorOptions): ZohoConnector {
  return new ZohoConnector(input, options);
}
