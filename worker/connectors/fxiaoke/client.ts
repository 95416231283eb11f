/**
 * Calls to a 纷享销客 cloud's OpenAPI gateway (fxiaoke.md §1-4):
 *
 * - every call is `POST {gateway}{path}?thirdTraceId=<fresh UUID v4>` with a JSON body (S1 auth §8);
 * - new auth (default): `authorization: Bearer <accessToken>`, `x-fs-ea`, `x-fs-userid` headers;
 *   old auth: `corpAccessToken`, `corpId`, `currentOpenUserId` at the top of the body (S1 auth §3);
 * - the token comes from the tenant's TokenCache (one token per tenant in KV, one refresh at a
 *   time); 20016 / 20005 drop it, fetch a new one and retry the call once;
 * - -1 / -2 / 50009 and the call-limit codes 14001 / 30004 are retried with bounded backoff and
 *   jitter; a non-JSON or non-200 answer (a proxy page) counts as unavailable and is retried too;
 * - 30002 (daily quota) stops calls for the tenant until 00:00 China time (kept in the store);
 * - a client-side sliding window keeps each endpoint under `callsPer20s` per 20 s (+ a margin for
 *   network jitter). The window is per isolate: isolates serving one tenant each count their own.
 */
import { type BackoffPolicy, backoffDelay } from '../common/backoff.ts';
import { RateLimitWaitTooLong, SlidingWindowLimiter } from '../common/rate-limiter.ts';
import { type Runtime, readText, sleepFor, timedFetch } from '../common/runtime.ts';
import { fingerprint, type Minted, TokenCache } from '../common/token-cache.ts';
import { ConnectorError, type ConnectorStore } from '../types.ts';
import { CRM, DAILY_QUOTA, RETRY_THROTTLED, RETRY_UNAVAILABLE, refusalError, secondsUntilChinaMidnight, TOKEN_REFUSED } from './errors.ts';

export const PAGE_SIZE = 100;
export const RATE_WINDOW_MS = 20_000;
/**
 * Added to the 20 s window: the gateway counts arrivals, this client counts departures, and
 * requests sent a window apart can arrive closer together when the first was slow on the way.
 */
export const RATE_WINDOW_MARGIN_MS = 1_000;
/** Longest a call waits for the rate window (one window and its margin) before failing as rate_limited. */
export const MAX_RATE_WAIT_MS = 25_000;
/** Token calls this client allows itself per minute (the endpoint allows 10; S1 auth §4). */
export const TOKEN_BUDGET = { max: 6, windowMs: 60_000 };
const REFRESH_MARGIN_S = 600;

export interface RetryPolicy extends BackoffPolicy {
  /** Tries in all for -1 / -2 / 50009, non-200 and network failures. */
  unavailableAttempts: number;
  /** Tries in all for 14001 / 30004. */
  throttledAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { unavailableAttempts: 3, throttledAttempts: 3, baseMs: 300, maxMs: 4_000 };

export interface ClientConfig {
  tenant: string;
  /** The gateway origin, e.g. https://open.fxiaoke.com. */
  baseUrl: string;
  authMode: 'new' | 'old';
  appId: string;
  appSecret: string;
  permanentCode: string;
  /** x-fs-userid (new) or currentOpenUserId (old). */
  operatorUserId: string;
  callsPer20s: number;
  store: ConnectorStore;
}

export interface Credential {
  token: string;
  /** Enterprise account (new auth). */
  ea?: string;
  /** Corp open id (old auth). */
  corpId?: string;
}

export type Row = Record<string, unknown>;

export interface Filter {
  field_name: string;
  operator: string;
  field_values: string[];
}

export interface QueryOptions {
  filters: Filter[];
  fieldProjection?: readonly string[];
  signal?: AbortSignal;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// Per isolate and tenant: the rate windows (shared by every connector built for the tenant).
const limiters = new Map<string, SlidingWindowLimiter>();
// Per isolate and tenant: when the daily quota was last seen spent, and when we last asked the store.
const quotaPauses = new Map<string, { until: number; checkedAt: number }>();

/** Forget per-isolate windows and pauses (tests). */
export function resetClientState(): void {
  limiters.clear();
  quotaPauses.clear();
}

export class FxiaokeClient {
  private readonly cfg: ClientConfig;
  private readonly rt: Runtime;
  private readonly retry: RetryPolicy;
  private readonly limiter: SlidingWindowLimiter;
  private tokenCache: Promise<TokenCache<Credential>> | undefined;
  private readonly maxRateWaitMs: number;
  /** Business calls sent (tests and logs). */
  calls = 0;

  /** `window` scales the 20 s rate window and its margin (tests run it in real time, shortened). */
  constructor(
    cfg: ClientConfig,
    rt: Runtime,
    retry: RetryPolicy = DEFAULT_RETRY,
    window = { ms: RATE_WINDOW_MS, marginMs: RATE_WINDOW_MARGIN_MS },
  ) {
    this.cfg = cfg;
    this.rt = rt;
    this.retry = retry;
    const windowMs = window.ms + window.marginMs;
    this.maxRateWaitMs = Math.round((MAX_RATE_WAIT_MS * windowMs) / (RATE_WINDOW_MS + RATE_WINDOW_MARGIN_MS));
    const key = `${cfg.tenant}\u0000${cfg.callsPer20s}\u0000${windowMs}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = new SlidingWindowLimiter({ limit: cfg.callsPer20s, windowMs, clock: rt.clock, sleep: rt.sleep });
      limiters.set(key, limiter);
    }
    this.limiter = limiter;
  }

  /** The tenant's token cache (built once: the fingerprint needs a digest). */
  tokens(): Promise<TokenCache<Credential>> {
    this.tokenCache ??= (async () => {
      const c = this.cfg;
      const fp = await fingerprint([c.baseUrl, c.authMode, c.appId, c.appSecret, c.permanentCode]);
      return new TokenCache<Credential>({
        crm: CRM,
        store: c.store,
        name: `token-${c.authMode}`,
        memoKey: `${c.tenant}\u0000${fp}`,
        fingerprint: fp,
        identity: (t) => t.token,
        mint: (signal) => this.mint(signal),
        clock: this.rt.clock,
        sleep: this.rt.sleep,
        budget: TOKEN_BUDGET,
      });
    })();
    return this.tokenCache;
  }

  private url(path: string): string {
    return `${this.cfg.baseUrl}${path}?thirdTraceId=${this.rt.uuid()}`;
  }

  /** One token call (new or old endpoint), retried briefly when the gateway is busy or refuses a concurrent call. */
  private async mint(signal: AbortSignal | undefined): Promise<Minted<Credential>> {
    const c = this.cfg;
    const path = c.authMode === 'new' ? '/oauth2.0/token' : '/cgi/corpAccessToken/get/V2';
    const payload = {
      appId: c.appId,
      appSecret: c.appSecret,
      permanentCode: c.permanentCode,
      ...(c.authMode === 'new' ? { grantType: 'app_secret' } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const body = await this.send(path, { 'content-type': 'application/json' }, payload, signal, 'the Fxiaoke token endpoint');
      const now = this.rt.clock();
      if (body.errorCode === 0) {
        const token = c.authMode === 'new' ? body.accessToken : body.corpAccessToken;
        const id = c.authMode === 'new' ? body.ea : body.corpId;
        if (typeof token !== 'string' || token === '' || typeof id !== 'string' || id === '') {
          throw new ConnectorError(
            CRM,
            'bad_response',
            `The Fxiaoke token endpoint answered success without ${c.authMode === 'new' ? 'accessToken / ea' : 'corpAccessToken / corpId'}`,
          );
        }
        const raw = Number(body.expiresIn);
        const expiresIn = Number.isFinite(raw) && raw > 0 ? Math.min(raw, 7_200) : 7_200;
        const expiresAt = now + expiresIn * 1000;
        const refreshAt = Math.min(expiresAt - 30_000, now + Math.max(60, expiresIn - REFRESH_MARGIN_S) * 1000);
        return { value: c.authMode === 'new' ? { token, ea: id } : { token, corpId: id }, expiresAt, refreshAt };
      }
      const code = Number(body.errorCode);
      const retryable = RETRY_UNAVAILABLE.has(code) || RETRY_THROTTLED.has(code);
      if (!retryable || attempt >= 1) throw refusalError({ ...body, errorCode: code }, 'the token request', now);
      await sleepFor(
        this.rt,
        CRM,
        500 + backoffDelay(attempt, this.retry, this.rt.random),
        signal,
        'waiting to retry the Fxiaoke token endpoint',
      );
    }
  }

  /** POST once; returns the parsed envelope (errorCode included). Non-200, non-JSON: unavailable / bad_response. */
  private async send(
    path: string,
    headers: Record<string, string>,
    payload: unknown,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<Row> {
    const res = await timedFetch(
      this.rt,
      CRM,
      this.url(path),
      { method: 'POST', headers: { accept: 'application/json', ...headers }, body: JSON.stringify(payload) },
      signal,
      what,
    );
    const text = await readText(res, CRM, what);
    if (res.status !== 200) throw new ConnectorError(CRM, 'unavailable', `${what} answered HTTP ${res.status}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ConnectorError(CRM, 'bad_response', `${what} answered a body that is not JSON (${text.length} bytes)`);
    }
    if (!isObj(body) || typeof body.errorCode !== 'number')
      throw new ConnectorError(CRM, 'bad_response', `${what} answered JSON without an errorCode`);
    return body;
  }

  private async quotaPausedUntil(now: number): Promise<number> {
    const p = quotaPauses.get(this.cfg.tenant);
    if (p && now - p.checkedAt < 60_000) return p.until;
    const stored = await this.cfg.store.get<{ until: number }>('quota-paused');
    const until = stored?.until ?? 0;
    quotaPauses.set(this.cfg.tenant, { until, checkedAt: now });
    return until;
  }

  private async pauseForQuota(now: number): Promise<void> {
    const until = now + secondsUntilChinaMidnight(now) * 1000;
    quotaPauses.set(this.cfg.tenant, { until, checkedAt: now });
    await this.cfg.store.put('quota-paused', { until }, { ttlSeconds: Math.ceil((until - now) / 1000) });
  }

  /**
   * A business call: `payload` is the body without credentials. Returns the success envelope.
   * `where` names the call for messages; `paging` tells 10013 apart (offset out of range vs no token).
   */
  async call(path: string, payload: Record<string, unknown>, signal: AbortSignal | undefined, where: string, paging = false): Promise<Row> {
    const now = this.rt.clock();
    const paused = await this.quotaPausedUntil(now);
    if (paused > now) {
      throw new ConnectorError(
        CRM,
        'rate_limited',
        'The tenant’s daily Fxiaoke OpenAPI quota is used up; calls resume at 00:00 China time',
        {
          retryAfter: Math.ceil((paused - now) / 1000),
        },
      );
    }
    const tokens = await this.tokens();
    let rejected: string | undefined;
    let unavailable = 0;
    let throttled = 0;
    for (;;) {
      const cred = await tokens.get(signal, rejected);
      try {
        await this.limiter.acquire(`${this.cfg.tenant}\u0000${path}`, { ...(signal ? { signal } : {}), maxWaitMs: this.maxRateWaitMs });
      } catch (e) {
        if (e instanceof RateLimitWaitTooLong) {
          throw new ConnectorError(
            CRM,
            'rate_limited',
            `TierLens keeps Fxiaoke calls under ${this.cfg.callsPer20s} per 20 s per endpoint; this one would wait ${Math.ceil(e.waitMs / 1000)} s`,
            {
              retryAfter: Math.ceil(e.waitMs / 1000),
            },
          );
        }
        if (signal?.aborted)
          throw new ConnectorError(CRM, 'timeout', 'The request was cancelled while waiting for the Fxiaoke rate limit', { cause: e });
        throw e;
      }
      let body: Row;
      try {
        this.calls++;
        body = await this.send(path, this.headers(cred), this.body(cred, payload), signal, `Fxiaoke (${where})`);
      } catch (e) {
        if (e instanceof ConnectorError && e.kind === 'unavailable' && ++unavailable < this.retry.unavailableAttempts) {
          await this.backoff(unavailable - 1, signal);
          continue;
        }
        throw e;
      }
      const code = body.errorCode as number;
      if (code === 0) return body;
      if (TOKEN_REFUSED.has(code)) {
        if (rejected !== undefined) {
          throw new ConnectorError(
            CRM,
            'auth',
            `Fxiaoke refused a freshly issued token (errorCode ${code}); check settings.authMode, the appId and that the app is enabled`,
          );
        }
        rejected = cred.token;
        continue;
      }
      if (RETRY_UNAVAILABLE.has(code) && ++unavailable < this.retry.unavailableAttempts) {
        await this.backoff(unavailable - 1, signal);
        continue;
      }
      if (RETRY_THROTTLED.has(code) && ++throttled < this.retry.throttledAttempts) {
        await this.backoff(throttled, signal);
        continue;
      }
      if (code === DAILY_QUOTA) await this.pauseForQuota(this.rt.clock());
      throw refusalError(body as { errorCode: number }, where, this.rt.clock(), paging);
    }
  }

  private backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
    return sleepFor(this.rt, CRM, backoffDelay(attempt, this.retry, this.rt.random), signal, 'waiting to retry Fxiaoke');
  }

  private headers(cred: Credential): Record<string, string> {
    const h: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cfg.authMode === 'new') {
      h.authorization = `Bearer ${cred.token}`;
      h['x-fs-ea'] = cred.ea ?? '';
      h['x-fs-userid'] = this.cfg.operatorUserId;
    }
    return h;
  }

  private body(cred: Credential, payload: Record<string, unknown>): Record<string, unknown> {
    if (this.cfg.authMode === 'new') return payload;
    return { corpAccessToken: cred.token, corpId: cred.corpId, currentOpenUserId: this.cfg.operatorUserId, ...payload };
  }

  // ---------------------------------------------------------------- object data

  /** One page of `data/query` (preset objects) or `custom/v2/data/query` (`__c` objects). */
  async queryPage(
    object: string,
    opts: QueryOptions & { limit?: number; offset?: number; orders?: { fieldName: string; isAsc: boolean }[] },
  ): Promise<Row[]> {
    const path = object.endsWith('__c') ? '/cgi/crm/custom/v2/data/query' : '/cgi/crm/v2/data/query';
    const limit = Math.min(PAGE_SIZE, opts.limit ?? PAGE_SIZE);
    const payload = {
      // No totals: faster, and paging never relies on them (S1 query-and-paging §6).
      returnTotalNum: 3,
      data: {
        dataObjectApiName: object,
        find_explicit_total_num: false,
        search_query_info: {
          limit,
          offset: opts.offset ?? 0,
          filters: opts.filters,
          orders: opts.orders ?? [{ fieldName: '_id', isAsc: true }],
          ...(opts.fieldProjection ? { fieldProjection: [...new Set(['_id', ...opts.fieldProjection])] } : {}),
        },
      },
    };
    const body = await this.call(path, payload, opts.signal, `a query of ${object}`, true);
    return rowsOf(body.data, object);
  }

  /**
   * Every row matching the filters, 100 at a time, in `_id` order: the first page at offset 0,
   * each next page with `_id GT <last id>` added (the documented deep-paging method, S1
   * query-and-paging §5). Offsets are never used, so the 10,000 offset cap never bites and rows
   * changed between pages cannot shift a page boundary. `maxPages` bounds one scan.
   */
  async *scan(object: string, opts: QueryOptions & { maxPages?: number; after?: string }): AsyncGenerator<Row[]> {
    let last = opts.after;
    for (let page = 0; page < (opts.maxPages ?? Number.POSITIVE_INFINITY); page++) {
      const filters = last === undefined ? opts.filters : [...opts.filters, { field_name: '_id', operator: 'GT', field_values: [last] }];
      const rows = await this.queryPage(object, { ...opts, filters });
      yield rows;
      if (rows.length < PAGE_SIZE) return;
      const id = rows.at(-1)?._id;
      if (typeof id !== 'string' || id === last) return;
      last = id;
    }
  }

  /** `object/describe`: the fields of an object (S1 objects-and-fields §3). */
  async describe(object: string, signal: AbortSignal | undefined): Promise<Record<string, Row>> {
    const body = await this.call(
      '/cgi/crm/v2/object/describe',
      { includeDetail: false, data: { apiName: object } },
      signal,
      `the description of ${object}`,
    );
    const describe = isObj(body.data) && isObj(body.data.describe) ? body.data.describe : undefined;
    const fields = describe && isObj(describe.fields) ? describe.fields : undefined;
    if (!fields) throw new ConnectorError(CRM, 'bad_response', `Fxiaoke's description of ${object} has no fields`);
    return fields as Record<string, Row>;
  }
}

/** A query's rows: `data.dataList`, or (as some doc pages draw it) `data` as one record (S1 query-and-paging §7). */
export function rowsOf(data: unknown, object: string): Row[] {
  if (isObj(data) && Array.isArray(data.dataList)) return data.dataList.filter(isObj);
  if (isObj(data) && typeof data._id === 'string') return [data];
  if (data === undefined || data === null) return [];
  throw new ConnectorError(CRM, 'bad_response', `Fxiaoke answered a query of ${object} without data.dataList`);
}
