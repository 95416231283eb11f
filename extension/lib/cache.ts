/**
 * The background's classification cache: memory first, then `browser.storage.session` (it
 * survives the service worker being stopped, not the browser session), then the worker.
 * Requests for the same account that overlap share one network call; a list page's ids go
 * out as one `lookup`.
 */
import type { Classification, Lang } from '../../shared/schema.ts';
import type { LookupResult } from './protocol.ts';

export type Entry =
  | { kind: 'ok'; value: Classification; at: number }
  | { kind: 'missing'; at: number }
  | { kind: 'unavailable'; at: number };

/** Where entries persist between service-worker lifetimes (storage.session in the extension). */
export interface SessionStore {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  removeAll(prefix: string): Promise<number>;
}

export interface CacheOptions {
  /** How long a classification is served without asking the worker again. */
  freshMs?: number;
  /** Same, for one the worker itself marked stale (it is refreshing it). */
  staleMs?: number;
  /** How long "the CRM does not know this id" is remembered. */
  missingMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/** Fetches ids the cache does not hold; one call per batch. */
export type Fetcher = (ids: string[]) => Promise<LookupResult>;

const PREFIX = 'tl:c:';

export class ClassificationCache {
  private readonly mem = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly freshMs: number;
  private readonly staleMs: number;
  private readonly missingMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** Network calls made (batches), for the popup and tests. */
  fetches = 0;

  constructor(
    private readonly session: SessionStore | null,
    opts: CacheOptions = {},
  ) {
    this.freshMs = opts.freshMs ?? 5 * 60_000;
    this.staleMs = opts.staleMs ?? 30_000;
    this.missingMs = opts.missingMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 2000;
    this.now = opts.now ?? Date.now;
  }

  static key(crm: string, lang: Lang, id: string): string {
    return `${PREFIX}${crm}\u0001${lang}\u0001${id}`;
  }

  private isFresh(e: Entry, now: number): boolean {
    const ttl = e.kind === 'ok' ? (e.value.cache?.stale ? this.staleMs : this.freshMs) : e.kind === 'missing' ? this.missingMs : 0;
    return now - e.at < ttl;
  }

  private remember(key: string, e: Entry): void {
    this.mem.delete(key);
    this.mem.set(key, e);
    if (this.mem.size > this.maxEntries) {
      const oldest = this.mem.keys().next().value;
      if (oldest !== undefined) this.mem.delete(oldest);
    }
  }

  /**
   * Classifications for `ids`: what is cached and fresh at once, what another caller is
   * already fetching from that call, the rest in one `fetcher` call. Rejects (with the
   * fetcher's error) only when ids had to be fetched and the fetch failed.
   */
  async lookup(crm: string, lang: Lang, ids: readonly string[], fetcher: Fetcher): Promise<LookupResult> {
    const now = this.now();
    const unique = [...new Set(ids)];
    const pending = new Map<string, Promise<Entry>>();
    const todo: string[] = [];
    for (const id of unique) {
      const key = ClassificationCache.key(crm, lang, id);
      const hit = this.mem.get(key);
      if (hit && this.isFresh(hit, now)) pending.set(id, Promise.resolve(hit));
      else {
        const running = this.inflight.get(key);
        if (running) pending.set(id, running);
        else todo.push(id);
      }
    }
    if (todo.length > 0) {
      const batch = this.load(crm, lang, todo, fetcher);
      for (const id of todo) {
        const key = ClassificationCache.key(crm, lang, id);
        const p = batch.then((m) => m.get(id) ?? { kind: 'missing' as const, at: this.now() });
        const done = () => {
          if (this.inflight.get(key) === p) this.inflight.delete(key);
        };
        p.then(done, done);
        this.inflight.set(key, p);
        pending.set(id, p);
      }
    }
    const out: LookupResult = { results: {}, missing: [], unavailable: [] };
    const entries = await Promise.all(unique.map((id) => pending.get(id) as Promise<Entry>));
    unique.forEach((id, i) => {
      const e = entries[i] as Entry;
      if (e.kind === 'ok') out.results[id] = e.value;
      else if (e.kind === 'missing') out.missing.push(id);
      else out.unavailable?.push(id);
    });
    return out;
  }

  private async load(crm: string, lang: Lang, ids: string[], fetcher: Fetcher): Promise<Map<string, Entry>> {
    const got = new Map<string, Entry>();
    const keys = ids.map((id) => ClassificationCache.key(crm, lang, id));
    if (this.session) {
      const stored = await this.session.get(keys).catch(() => ({}) as Record<string, unknown>);
      const now = this.now();
      ids.forEach((id, i) => {
        const e = stored[keys[i] as string] as Entry | undefined;
        if (e && e.kind === 'ok' && this.isFresh(e, now)) {
          got.set(id, e);
          this.remember(keys[i] as string, e);
        }
      });
    }
    const rest = ids.filter((id) => !got.has(id));
    if (rest.length === 0) return got;
    this.fetches++;
    const res = await fetcher(rest);
    const at = this.now();
    const persist: Record<string, unknown> = {};
    for (const id of rest) {
      const key = ClassificationCache.key(crm, lang, id);
      const value = res.results[id];
      const e: Entry = value
        ? { kind: 'ok', value, at }
        : res.unavailable?.includes(id)
          ? { kind: 'unavailable', at }
          : { kind: 'missing', at };
      got.set(id, e);
      if (e.kind !== 'unavailable') this.remember(key, e);
      if (e.kind === 'ok') persist[key] = e;
    }
    if (this.session && Object.keys(persist).length > 0) await this.session.set(persist).catch(() => undefined);
    return got;
  }

  /** Forgets everything; returns how many entries were held in memory or session. */
  async clear(): Promise<number> {
    const inMemory = this.mem.size;
    this.mem.clear();
    const inSession = this.session ? await this.session.removeAll(PREFIX).catch(() => 0) : 0;
    return Math.max(inMemory, inSession);
  }
}
