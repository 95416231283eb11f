/**
 * The 纷享销客 (Fxiaoke) connector: AccountSnapshots from a tenant's CRM through the OpenAPI
 * gateway, with few calls (fxiaoke.md §4 budget advice: batch list queries, fieldProjection,
 * never a `get` per record).
 *
 * Calls, with the option labels already known (object/describe, cached a day per tenant):
 *
 * | request | calls |
 * |---|---|
 * | one account | 1 AccountObj query + 1 per related object (SalesOrderObj, opportunities, ActiveRecordObj, each configured survey / referral object) = 4 with no custom objects, 6 with both; more only when an account has over 100 rows of one kind |
 * | a list view of up to 100 accounts | the same: 1 + 1 per related object per 100 related rows (`_id IN` / `account_id IN` filters with up to 100 ids) |
 * | population statistics | the same per page of 100 accounts (`listAccounts`) |
 * | describe (first call of the day per tenant and isolate) | 3, plus 1 per survey object with a kind field |
 *
 * There is no change webhook (fxiaoke.md §2 "Incremental sync"), so `pollChanges` (run by the
 * cron trigger) queries every mapped object for `last_modified_time` after the tenant's
 * watermark (kept in the connector store, i.e. KV) and returns the accounts those records
 * belong to; the worker invalidates their cached classifications.
 */
import type { AccountSnapshot } from '../../../shared/schema.ts';
import { type RuntimeOptions, runtime } from '../common/runtime.ts';
import { normaliseBaseUrl } from '../common/url.ts';
import type { ConnectorInput } from '../registry.ts';
import { type AccountPage, type Connector, type ConnectorCheck, type ConnectorContext, ConnectorError, type PollResult } from '../types.ts';
import { DEFAULT_RETRY, type Filter, FxiaokeClient, PAGE_SIZE, type RetryPolicy, type Row } from './client.ts';
import { CRM } from './errors.ts';
import { FXIAOKE_CLOUDS } from './hosts.ts';
import { accountProjection, emptyRelated, type Labels, type OptionLabels, type Related, toSnapshot, valuesNamed } from './mapping.ts';
import { type FxiaokeSettings, FxiaokeSettingsSchema } from './settings.ts';

const DAY_MS = 86_400_000;
/** Option labels are re-read from object/describe this often. */
export const LABELS_TTL_MS = DAY_MS;
/** The poll stops this far behind "now", for records written late and clocks that disagree. */
export const POLL_LAG_MS = 2 * 60_000;
/** Pages one poll may read before it stops and resumes at the next run. */
export const POLL_MAX_PAGES = 200;
/** Account ids look like the gateway's `_id`s; anything else cannot exist and costs no call. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface FxiaokeConnectorOptions extends RuntimeOptions {
  retry?: RetryPolicy;
  /** Pages one poll may read (default POLL_MAX_PAGES). */
  pollMaxPages?: number;
  /** The rate window and its margin (default 20 s + 1 s); tests shorten it to run in real time. */
  rateWindow?: { ms: number; marginMs: number };
  /** Internal: the stored settings did not parse; every call throws this. */
  broken?: ConnectorError;
}

export interface FxiaokeConnector extends Connector {
  readonly client: FxiaokeClient;
  readonly settings: FxiaokeSettings;
  pollChanges(ctx: ConnectorContext): Promise<PollResult>;
  check(ctx: ConnectorContext): Promise<ConnectorCheck>;
}

/** The poll watermark in the connector store. */
interface PollState {
  /** Records modified after this time (epoch ms, the CRM's clock) are still to be seen. */
  since: number;
  /** A scan cut short by POLL_MAX_PAGES: where to resume. */
  run?: { until: number; object: number; after?: string };
}

interface Relation {
  object: string;
  accountField: string;
}

const labelMemo = new Map<string, { labels: Labels; expires: number }>();

/** Forget per-isolate option labels (tests). */
export function resetLabelMemo(): void {
  labelMemo.clear();
}

const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Option value -> label for every select field of a describe answer. */
function optionLabels(fields: Record<string, Row>): OptionLabels {
  const out: OptionLabels = {};
  for (const [name, field] of Object.entries(fields)) {
    const options = field.options;
    if (!Array.isArray(options)) continue;
    const m = new Map<string, string>();
    for (const o of options) {
      if (o && typeof o === 'object' && typeof (o as Row).value === 'string' && typeof (o as Row).label === 'string') {
        m.set((o as Row).value as string, (o as Row).label as string);
      }
    }
    out[name] = m;
  }
  return out;
}

export function createFxiaokeConnector(input: ConnectorInput, options: FxiaokeConnectorOptions = {}): FxiaokeConnector {
  const parsed = FxiaokeSettingsSchema.safeParse(input.settings);
  if (!parsed.success) {
    // Stored before a schema change, say: every call reports it, so the admin sees what to fix.
    const issue = parsed.error.issues[0];
    const problem = new ConnectorError(
      CRM,
      'auth',
      `The stored Fxiaoke settings are not valid (${issue ? `${issue.path.join('.') || 'settings'}: ${issue.message}` : 'unknown problem'}); save them again with PUT /v1/connectors/fxiaoke`,
    );
    return createFxiaokeConnector({ ...input, settings: { appId: 'FSAID_invalid', operatorUserId: '0' } }, { ...options, broken: problem });
  }
  const settings = parsed.data;
  const rt = runtime(options);
  const base = settings.baseUrl ? normaliseBaseUrl(settings.baseUrl) : FXIAOKE_CLOUDS[settings.cloud].host;
  const appSecret = input.secrets.appSecret ?? '';
  const permanentCode = input.secrets.permanentCode ?? '';
  const client = new FxiaokeClient(
    {
      tenant: input.tenant,
      baseUrl: base ?? '',
      authMode: settings.authMode,
      appId: settings.appId,
      appSecret,
      permanentCode,
      operatorUserId: settings.operatorUserId,
      callsPer20s: settings.callsPer20s,
      store: input.store,
    },
    rt,
    options.retry ?? DEFAULT_RETRY,
    options.rateWindow,
  );

  /** Settings problems that make every call pointless: reported as 'auth' (an admin must fix them). */
  const ready = () => {
    if (options.broken) throw options.broken;
    if (settings.baseUrl && !input.allowDevHosts) {
      throw new ConnectorError(
        CRM,
        'auth',
        'settings.baseUrl points the Fxiaoke connector at a non-production host, which this deployment does not allow (ALLOW_DEV_CRM_HOSTS is off); remove it and set settings.cloud instead',
      );
    }
    if (!appSecret || !permanentCode) {
      throw new ConnectorError(
        CRM,
        'auth',
        'The Fxiaoke connector needs secrets.appSecret and secrets.permanentCode (PUT /v1/connectors/fxiaoke)',
      );
    }
  };

  const relations = (): { orders: Relation; opportunities: Relation; interactions: Relation } => ({
    orders: { object: 'SalesOrderObj', accountField: 'account_id' },
    opportunities: { object: settings.opportunityObject, accountField: 'account_id' },
    interactions: { object: 'ActiveRecordObj', accountField: settings.interactionAccountField },
  });

  async function labels(signal: AbortSignal | undefined): Promise<Labels> {
    const key = `${input.tenant}\u0000${settings.opportunityObject}\u0000${settings.surveys.map((s) => s.object).join(',')}`;
    const now = rt.clock();
    const hit = labelMemo.get(key);
    if (hit && hit.expires > now) return hit.labels;
    type Stored = Record<string, Record<string, [string, string][]>>;
    const objects = [
      'AccountObj',
      settings.opportunityObject,
      'ActiveRecordObj',
      ...settings.surveys.filter((s) => s.kindField).map((s) => s.object),
    ];
    const unique = [...new Set(objects)];
    let stored = await input.store.get<Stored>('labels');
    if (!stored || unique.some((o) => !stored?.[o])) {
      const described = await Promise.all(
        unique.map(async (o) => {
          try {
            return [o, optionLabels(await client.describe(o, signal))] as const;
          } catch (e) {
            // A describe the app may not read, or an odd answer: work from option values alone.
            if (e instanceof ConnectorError && e.kind === 'bad_response') return [o, {}] as const;
            throw e;
          }
        }),
      );
      stored = Object.fromEntries(described.map(([o, l]) => [o, Object.fromEntries(Object.entries(l).map(([f, m]) => [f, [...m]]))]));
      await input.store.put('labels', stored, { ttlSeconds: LABELS_TTL_MS / 1000 });
    }
    const read = (o: string): OptionLabels =>
      Object.fromEntries(Object.entries(stored?.[o] ?? {}).map(([f, pairs]) => [f, new Map(pairs)]));
    const result: Labels = {
      account: read('AccountObj'),
      opportunity: read(settings.opportunityObject),
      interaction: read('ActiveRecordObj'),
      surveys: Object.fromEntries(settings.surveys.map((s) => [s.object, read(s.object)])),
    };
    labelMemo.set(key, { labels: result, expires: now + LABELS_TTL_MS });
    return result;
  }

  /** All rows of `object` whose `accountField` is one of `ids` (100 ids per filter). */
  async function rowsFor(
    object: string,
    accountField: string,
    ids: readonly string[],
    extra: Filter[],
    projection: string[],
    signal: AbortSignal | undefined,
  ) {
    const out: Row[] = [];
    for (const part of chunks(ids, PAGE_SIZE)) {
      const filters = [{ field_name: accountField, operator: 'IN', field_values: part }, ...extra];
      for await (const page of client.scan(object, {
        filters,
        fieldProjection: [accountField, ...projection],
        ...(signal ? { signal } : {}),
      }))
        out.push(...page);
    }
    return out;
  }

  async function related(ids: readonly string[], l: Labels, now: number, outer: AbortSignal | undefined): Promise<Map<string, Related>> {
    const out = new Map<string, Related>(ids.map((id) => [id, emptyRelated()]));
    if (ids.length === 0) return out;
    // The queries run side by side; the first failure stops the others (their answers are moot).
    const stop = new AbortController();
    const signal = outer ? AbortSignal.any([outer, stop.signal]) : stop.signal;
    const r = relations();
    const statuses = [...settings.opportunityStatus.open, ...settings.opportunityStatus.lost];
    const since = now - settings.interactionLookbackDays * DAY_MS;
    const owner = (row: Row, field: string) => out.get(String(row[field]));
    const jobs: Promise<void>[] = [
      rowsFor(r.orders.object, r.orders.accountField, ids, [], ['order_amount', 'order_time', 'life_status', 'create_time'], signal).then(
        (rows) => {
          for (const row of rows) owner(row, r.orders.accountField)?.orders.push(row);
        },
      ),
      rowsFor(
        r.opportunities.object,
        r.opportunities.accountField,
        ids,
        [{ field_name: 'sales_status', operator: 'IN', field_values: valuesNamed(statuses, l.opportunity, 'sales_status') }],
        ['amount', 'close_date', 'sales_status', 'last_modified_time'],
        signal,
      ).then((rows) => {
        for (const row of rows) owner(row, r.opportunities.accountField)?.opportunities.push(row);
      }),
      rowsFor(
        r.interactions.object,
        r.interactions.accountField,
        ids,
        [{ field_name: settings.interactionTimeField, operator: 'GTE', field_values: [String(since)] }],
        ['interactive_types', settings.interactionTimeField, 'create_time'],
        signal,
      ).then((rows) => {
        for (const row of rows) owner(row, r.interactions.accountField)?.interactions.push(row);
      }),
      ...settings.surveys.map((def) =>
        rowsFor(
          def.object,
          def.accountField,
          ids,
          [],
          [def.scoreField, ...(def.dateField ? [def.dateField] : []), ...(def.kindField ? [def.kindField] : []), 'create_time'],
          signal,
        ).then((rows) => {
          for (const row of rows) owner(row, def.accountField)?.surveys.push({ def, row });
        }),
      ),
    ];
    const ref = settings.referrals;
    if (ref) {
      jobs.push(
        rowsFor(ref.object, ref.accountField, ids, [], [...(ref.dateField ? [ref.dateField] : []), 'create_time'], signal).then((rows) => {
          for (const row of rows) owner(row, ref.accountField)?.referrals.push(row);
        }),
      );
    }
    try {
      await Promise.all(jobs);
    } catch (e) {
      stop.abort(e);
      await Promise.allSettled(jobs);
      throw e;
    }
    return out;
  }

  async function snapshots(accounts: readonly Row[], ctx: ConnectorContext, l: Labels): Promise<AccountSnapshot[]> {
    const ids = accounts.map((a) => String(a._id));
    const rel = await related(ids, l, ctx.now, ctx.signal);
    return accounts.map((a) => toSnapshot(a, rel.get(String(a._id)) ?? emptyRelated(), settings, l));
  }

  async function getAccounts(requested: readonly string[], ctx: ConnectorContext): Promise<Map<string, AccountSnapshot>> {
    ready();
    const ids = [...new Set(requested)].filter((id) => ID_PATTERN.test(id));
    const out = new Map<string, AccountSnapshot>();
    if (ids.length === 0) return out;
    const l = await labels(ctx.signal);
    const accounts: Row[] = [];
    for (const part of chunks(ids, PAGE_SIZE)) {
      accounts.push(
        ...(await client.queryPage('AccountObj', {
          filters: [{ field_name: '_id', operator: 'IN', field_values: part }],
          fieldProjection: accountProjection(settings),
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        })),
      );
    }
    for (const s of await snapshots(accounts, ctx, l)) if (ids.includes(s.id)) out.set(s.id, s);
    return out;
  }

  async function pollChanges(ctx: ConnectorContext): Promise<PollResult> {
    ready();
    const state = await input.store.get<PollState>('poll');
    const now = ctx.now;
    if (!state) {
      // First run: start watching from now (nothing cached can predate the connector).
      await input.store.put('poll', { since: now - POLL_LAG_MS } satisfies PollState);
      return { accountIds: [], more: false };
    }
    const run = state.run ?? { until: now - POLL_LAG_MS, object: 0 };
    if (run.until <= state.since) return { accountIds: [], more: false };
    const r = relations();
    const watched: Relation[] = [
      { object: 'AccountObj', accountField: '_id' },
      r.orders,
      r.opportunities,
      r.interactions,
      ...settings.surveys.map((s) => ({ object: s.object, accountField: s.accountField })),
      ...(settings.referrals ? [{ object: settings.referrals.object, accountField: settings.referrals.accountField }] : []),
    ];
    const changed = new Set<string>();
    let pages = 0;
    for (let i = run.object; i < watched.length; i++) {
      const w = watched[i] as Relation;
      const filters: Filter[] = [
        { field_name: 'last_modified_time', operator: 'GT', field_values: [String(state.since)] },
        { field_name: 'last_modified_time', operator: 'LTE', field_values: [String(run.until)] },
      ];
      let after = i === run.object ? run.after : undefined;
      for await (const page of client.scan(w.object, {
        filters,
        fieldProjection: [w.accountField],
        ...(after !== undefined ? { after } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      })) {
        pages++;
        for (const row of page) {
          const id = row[w.accountField];
          if (typeof id === 'string' && id) changed.add(id);
        }
        after = typeof page.at(-1)?._id === 'string' ? (page.at(-1)?._id as string) : after;
        if (pages >= (options.pollMaxPages ?? POLL_MAX_PAGES) && page.length === PAGE_SIZE) {
          await input.store.put('poll', {
            since: state.since,
            run: { until: run.until, object: i, ...(after ? { after } : {}) },
          } satisfies PollState);
          return { accountIds: [...changed], more: true };
        }
      }
    }
    await input.store.put('poll', { since: run.until } satisfies PollState);
    return { accountIds: [...changed], more: false };
  }

  return {
    id: CRM,
    client,
    settings,

    async getAccount(id, ctx) {
      return (await getAccounts([id], ctx)).get(id) ?? null;
    },

    getAccounts,

    async listAccounts(ctx, cursor): Promise<AccountPage> {
      if (cursor !== undefined && !ID_PATTERN.test(cursor))
        throw new RangeError(`fxiaoke connector: bad cursor ${JSON.stringify(cursor.slice(0, 40))}`);
      ready();
      const l = await labels(ctx.signal);
      const rows = await client.queryPage('AccountObj', {
        filters: cursor === undefined ? [] : [{ field_name: '_id', operator: 'GT', field_values: [cursor] }],
        fieldProjection: accountProjection(settings),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const page: AccountPage = { accounts: await snapshots(rows, ctx, l) };
      const last = rows.at(-1)?._id;
      if (rows.length === PAGE_SIZE && typeof last === 'string') page.cursor = last;
      return page;
    },

    pollChanges,

    async check(ctx) {
      ready();
      const tokens = await client.tokens();
      const cred = await tokens.get(ctx.signal);
      const l = await labels(ctx.signal);
      const sample = await client.queryPage('AccountObj', {
        filters: [],
        limit: 1,
        fieldProjection: ['name'],
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return {
        details: {
          gateway: base,
          authMode: settings.authMode,
          ...(cred.ea ? { ea: cred.ea } : {}),
          ...(cred.corpId ? { corpId: cred.corpId } : {}),
          operatorUserId: settings.operatorUserId,
          accountLevels: [...(l.account.account_level?.values() ?? [])],
          opportunityStatuses: [...(l.opportunity.sales_status?.values() ?? [])],
          followUpTypes: [...(l.interaction.interactive_types?.values() ?? [])],
          sampleAccount: sample[0] ? { id: sample[0]._id, name: sample[0].name } : null,
        },
      };
    },
  };
}
