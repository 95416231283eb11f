/**
 * Small per-isolate caches in front of KV for what almost every request reads (the tenant's
 * current rules, API key records, population statistics). Entries live a few seconds, so
 * a change made in another isolate shows up within that time (KV itself takes up to ~60 s to
 * propagate between locations); a change made in this isolate updates the entry at once.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, now: number): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, now: number): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

const registry: { clear(): void }[] = [];

export function isolateCache<V>(ttlMs: number, maxEntries?: number): TtlCache<V> {
  const c = new TtlCache<V>(ttlMs, maxEntries);
  registry.push(c);
  return c;
}

/** Forgets everything cached in this isolate (tests: storage is reset between test files). */
export function resetIsolateCaches(): void {
  for (const c of registry) c.clear();
}

/** Runs `work` for one key at a time in this isolate (read-check-write sequences on KV). */
const locks = new Map<string, Promise<unknown>>();
export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}
