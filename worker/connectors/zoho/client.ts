/**
 * Calls to the Zoho CRM v8 API: `Authorization: Zoho-oauthtoken <token>` against the token's
 * `api_domain`, with the failures Zoho produces turned into ConnectorErrors (zoho.md §4):
 *
 * - 401 INVALID_TOKEN: the token is dropped, a new one minted, and the call tried once more;
 * - 429 TOO_MANY_REQUESTS (credits or concurrency; Zoho sends no Retry-After): bounded
 *   exponential backoff with jitter, `throttledAttempts` tries in all, then 'rate_limited';
 * - 5xx (JSON or a gateway page): one more try after a short backoff, then 'unavailable';
 * - no answer within the per-attempt timeout, or the caller's signal: 'timeout';
 * - a body that is not JSON, or a 2xx whose per-record results hold errors: 'bad_response';
 * - 401/403 scope and permission errors: 'auth', naming what the admin must change.
 *
 * Calls per tenant are capped per isolate (`maxConcurrency`) below Zoho's concurrency limits
 * (10 to 25 per org, 10 for COQL), so a burst of list views queues here rather than earning 429s.
 */
import { type BackoffPolicy, backoffDelay } from '../common/backoff.ts';
import { type Runtime, readText, sleepFor, timedFetch } from '../common/runtime.ts';
import { ConnectorError } from '../types.ts';
import { CRM, RETRY_WAIT, type TokenManager, ZOHO_SCOPES } from './oauth.ts';

export interface RetryPolicy extends BackoffPolicy {
  /** Tries in all when Zoho answers 429. */
  throttledAttempts: number;
  /** Tries in all when Zoho answers 5xx. */
  serverAttempts: number;
}

/** "Equal jitter": half fixed, half random, so concurrent retries spread out but still wait. */
export const DEFAULT_RETRY: RetryPolicy = { throttledAttempts: 3, serverAttempts: 2, baseMs: 400, maxMs: 3_000, jitter: 'equal' };

export type ZohoBody = Record<string, unknown>;

export interface ApiResult {
  status: number;
  /** null for 204 (no content: "no records"). */
  body: ZohoBody | null;
}

export interface RequestInit_ {
  query?: Record<string, string>;
  body?: unknown;
}

class Semaphore {
  active = 0;
  private readonly waiting: (() => void)[] = [];
  limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }

  async acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.waiting.indexOf(go);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new ConnectorError(CRM, 'timeout', 'Timed out waiting for a free Zoho API slot'));
        };
        const go = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(go);
      });
    }
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}

const semaphores = new Map<string, Semaphore>();

function semaphoreFor(tenant: string, limit: number): Semaphore {
  let s = semaphores.get(tenant);
  if (!s) {
    s = new Semaphore(limit);
    semaphores.set(tenant, s);
  }
  s.limit = limit;
  return s;
}

const isObject = (v: unknown): v is ZohoBody => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Short, log-safe text for a Zoho error body. */
function summarise(body: ZohoBody | null): string {
  if (!body) return '';
  const code = typeof body.code === 'string' ? body.code : '';
  const message = typeof body.message === 'string' ? body.message : '';
  const details = isObject(body.details) && Object.keys(body.details).length ? ` ${JSON.stringify(body.details).slice(0, 200)}` : '';
  return `${code}${message ? `: ${message}` : ''}${details}`;
}

/** The first error among per-record results (`data[]` of reads and writes, `watch[]` of subscriptions). */
export function recordError(body: ZohoBody): { index: number; entry: ZohoBody } | null {
  for (const key of ['data', 'watch']) {
    const list = body[key];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (isObject(e) && e.status === 'error' && typeof e.code === 'string') return { index: i, entry: e };
    }
  }
  return null;
}

export class ZohoApi {
  /** API calls sent, retries included (tests and the benchmark read it). */
  calls = 0;
  private readonly semaphore: Semaphore;
  private readonly tokens: TokenManager;
  private readonly rt: Runtime;
  private readonly options: { tenant: string; maxConcurrency: number; retry?: RetryPolicy };

  constructor(tokens: TokenManager, rt: Runtime, options: { tenant: string; maxConcurrency: number; retry?: RetryPolicy }) {
    this.tokens = tokens;
    this.rt = rt;
    this.options = options;
    this.semaphore = semaphoreFor(options.tenant, options.maxConcurrency);
  }

  /** The delay before the retry that follows failure number `failures` (1 for the first). */
  private backoff(failures: number): number {
    return backoffDelay(failures - 1, this.options.retry ?? DEFAULT_RETRY, this.rt.random);
  }

  /** One API call (with its retries). `path` is below `/crm/v8`. */
  async request(method: string, path: string, init: RequestInit_, signal?: AbortSignal): Promise<ApiResult> {
    const retry = this.options.retry ?? DEFAULT_RETRY;
    const what = `Zoho (${method} /crm/v8${path.replace(/\/\d{5,}/g, '/{id}')})`;
    const release = await this.semaphore.acquire(signal);
    try {
      let rejected: string | undefined;
      let throttled = 0;
      let serverErrors = 0;
      for (;;) {
        const token = await this.tokens.get(signal, rejected);
        const qs = init.query ? `?${new URLSearchParams(init.query).toString()}` : '';
        const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${token.token}`, accept: 'application/json' };
        if (init.body !== undefined) headers['content-type'] = 'application/json';
        this.calls++;
        const res = await timedFetch(
          this.rt,
          CRM,
          `${token.apiDomain}/crm/v8${path}${qs}`,
          { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) },
          signal,
          what,
        );
        if (res.status === 204 || res.status === 304) {
          await res.body?.cancel();
          return { status: res.status, body: null };
        }
        const text = await readText(res, CRM, what);
        let body: ZohoBody | null = null;
        let parsed = false;
        try {
          const v: unknown = JSON.parse(text);
          parsed = true;
          body = isObject(v) ? v : null;
        } catch {
          parsed = false;
        }
        if (res.status >= 200 && res.status < 300) {
          if (!parsed || !body)
            throw new ConnectorError(CRM, 'bad_response', `${what} answered HTTP ${res.status} with a body that is not a JSON object`);
          const failed = recordError(body);
          if (failed) {
            throw new ConnectorError(
              CRM,
              'bad_response',
              `${what} answered HTTP ${res.status}, but result ${failed.index + 1} failed: ${summarise(failed.entry)}`,
            );
          }
          return { status: res.status, body };
        }
        const code = typeof body?.code === 'string' ? body.code : undefined;
        if (res.status === 401 && code === 'INVALID_TOKEN' && rejected === undefined) {
          rejected = token.token;
          continue;
        }
        if (res.status === 429) {
          throttled++;
          if (throttled < retry.throttledAttempts) {
            await sleepFor(this.rt, CRM, this.backoff(throttled), signal, RETRY_WAIT);
            continue;
          }
          throw new ConnectorError(
            CRM,
            'rate_limited',
            `${what} answered 429 TOO_MANY_REQUESTS ${throttled} times: the org's daily API credits or its concurrency limit are spent`,
            { retryAfter: 60 },
          );
        }
        if (res.status >= 500) {
          serverErrors++;
          if (serverErrors < retry.serverAttempts) {
            await sleepFor(this.rt, CRM, this.backoff(serverErrors), signal, RETRY_WAIT);
            continue;
          }
          throw new ConnectorError(CRM, 'unavailable', `${what} answered HTTP ${res.status}${code ? ` (${summarise(body)})` : ''}`);
        }
        throw this.clientError(res.status, body, what);
      }
    } finally {
      release();
    }
  }

  private clientError(status: number, body: ZohoBody | null, what: string): ConnectorError {
    const code = typeof body?.code === 'string' ? body.code : undefined;
    switch (code) {
      case 'INVALID_TOKEN':
        return new ConnectorError(CRM, 'auth', `${what}: Zoho refused a freshly minted access token (INVALID_TOKEN)`);
      case 'AUTHENTICATION_FAILURE':
        return new ConnectorError(CRM, 'auth', `${what}: Zoho could not authenticate the call (AUTHENTICATION_FAILURE)`);
      case 'OAUTH_SCOPE_MISMATCH':
        return new ConnectorError(
          CRM,
          'auth',
          `${what}: the refresh token lacks a scope this call needs (OAUTH_SCOPE_MISMATCH); generate one with the scopes ${ZOHO_SCOPES}`,
        );
      case 'NO_PERMISSION':
        return new ConnectorError(
          CRM,
          'auth',
          `${what}: the Zoho user behind the refresh token lacks the permission (NO_PERMISSION) ${summarise(body)}`,
        );
    }
    if (status === 401 || status === 403) return new ConnectorError(CRM, 'auth', `${what} answered HTTP ${status} ${summarise(body)}`);
    return new ConnectorError(
      CRM,
      'bad_response',
      `${what} answered HTTP ${status}${body ? ` ${summarise(body)}` : ' with a body that is not JSON'}`,
    );
  }
}
