/**
 * The content script's side of classification: a page-lifetime cache (so going back to an
 * account is instant) and batching, so the ids a list page reveals within one short window go
 * to the background as one `lookup` message (one request to the worker).
 */
import type { Classification, Lang } from '../../shared/schema.ts';
import type { Message, Reply, Requests, RequestType, UiError } from '../lib/protocol.ts';

export type Outcome = { ok: true; value: Classification } | { ok: false; error: UiError };

export type Send = <K extends RequestType>(message: Message<K>) => Promise<Reply<Requests[K]['res']>>;

interface Cached {
  promise: Promise<Outcome>;
  /** When a settled failure may be asked again. */
  retryAfter?: number;
}

/**
 * Ids wait this long for others before going out together; each new id restarts the wait (a
 * CRM rendering its list rows over several frames), up to BATCH_MAX_MS after the first.
 */
const BATCH_WINDOW_MS = 16;
const BATCH_MAX_MS = 100;
const ERROR_RETRY_MS = 20_000;

export class Classifier {
  private readonly cache = new Map<string, Cached>();
  private queue = new Map<string, { crm: string; lang: Lang; id: string; resolve: (o: Outcome) => void }[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private batchStarted = 0;
  /** Messages sent to the background, for tests and the popup. */
  messages = 0;

  constructor(private readonly send: Send) {}

  /** The outcome for one account; cached for the page's life (failures for a short while). */
  get(crm: string, lang: Lang, id: string): Promise<Outcome> {
    const key = `${crm}\u0001${lang}\u0001${id}`;
    const hit = this.cache.get(key);
    if (hit && (hit.retryAfter === undefined || hit.retryAfter > Date.now())) return hit.promise;
    const promise = new Promise<Outcome>((resolve) => {
      const group = `${crm}\u0001${lang}`;
      let list = this.queue.get(group);
      if (!list) this.queue.set(group, (list = []));
      list.push({ crm, lang, id, resolve });
    });
    const entry: Cached = { promise };
    this.cache.set(key, entry);
    promise.then((o) => {
      if (!o.ok) entry.retryAfter = Date.now() + ERROR_RETRY_MS;
    });
    const now = performance.now();
    if (this.timer === undefined) this.batchStarted = now;
    if (now - this.batchStarted < BATCH_MAX_MS) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), Math.min(BATCH_WINDOW_MS, BATCH_MAX_MS - (now - this.batchStarted)));
    }
    return promise;
  }

  /** Whether an outcome is already settled in the cache (no message needed). */
  peek(crm: string, lang: Lang, id: string): Promise<Outcome> | undefined {
    const hit = this.cache.get(`${crm}\u0001${lang}\u0001${id}`);
    return hit && hit.retryAfter === undefined ? hit.promise : undefined;
  }

  clear(): void {
    this.cache.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const groups = this.queue;
    this.queue = new Map();
    for (const waiting of groups.values()) void this.request(waiting);
  }

  private async request(waiting: { crm: string; lang: Lang; id: string; resolve: (o: Outcome) => void }[]): Promise<void> {
    const first = waiting[0];
    if (!first) return;
    const { crm, lang } = first;
    const ids = [...new Set(waiting.map((w) => w.id))];
    this.messages++;
    if (ids.length === 1) {
      const reply = await this.send({ type: 'account', crm, id: ids[0] as string, lang });
      const outcome: Outcome = reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error };
      for (const w of waiting) w.resolve(outcome);
      return;
    }
    const reply = await this.send({ type: 'lookup', crm, ids, lang });
    for (const w of waiting) {
      if (!reply.ok) w.resolve({ ok: false, error: reply.error });
      else {
        const value = reply.value.results[w.id];
        if (value) w.resolve({ ok: true, value });
        else if (reply.value.unavailable?.includes(w.id))
          w.resolve({ ok: false, error: { kind: 'crm', message: 'The CRM did not answer' } });
        else w.resolve({ ok: false, error: { kind: 'not_found', status: 404, message: `Unknown account ${w.id}` } });
      }
    }
  }
}
