/**
 * The subset of KVNamespace the worker's cache, rules and connector-state code use, in memory,
 * for Node-side tests: get (text / json), getWithMetadata (one key or a list), put (with
 * expirationTtl and metadata), delete, list (prefix, cursor). Expiry follows the given clock.
 */
interface Entry {
  value: string;
  metadata: unknown;
  expires: number | null;
}

export interface MemoryKv {
  kv: KVNamespace;
  entries: Map<string, Entry>;
  keys(prefix?: string): string[];
}

export function memoryKv(clock: () => number = Date.now): MemoryKv {
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.expires !== null && e.expires <= clock()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const decode = (e: Entry | undefined, type: unknown): unknown => {
    if (!e) return null;
    return type === 'json' ? JSON.parse(e.value) : e.value;
  };
  const typeOf = (options: unknown): unknown => (typeof options === 'string' ? options : (options as { type?: string } | undefined)?.type);
  const api = {
    async get(key: string | string[], options?: unknown) {
      const type = typeOf(options);
      if (Array.isArray(key)) return new Map(key.map((k) => [k, decode(live(k), type)]));
      return decode(live(key), type);
    },
    async getWithMetadata(key: string | string[], options?: unknown) {
      const type = typeOf(options);
      const one = (k: string) => {
        const e = live(k);
        return { value: decode(e, type), metadata: e ? (e.metadata ?? null) : null, cacheStatus: null };
      };
      if (Array.isArray(key)) return new Map(key.map((k) => [k, one(k)]));
      return one(key);
    },
    async put(key: string, value: string, options: { expirationTtl?: number; metadata?: unknown } = {}) {
      if (options.expirationTtl !== undefined && options.expirationTtl < 60)
        throw new Error(`KV expirationTtl must be >= 60, got ${options.expirationTtl}`);
      entries.set(key, {
        value: String(value),
        metadata: options.metadata ?? null,
        expires: options.expirationTtl === undefined ? null : clock() + options.expirationTtl * 1000,
      });
    },
    async delete(key: string) {
      entries.delete(key);
    },
    async list(options: { prefix?: string; cursor?: string; limit?: number } = {}) {
      const names = [...entries.keys()].filter((k) => live(k) && k.startsWith(options.prefix ?? '')).sort();
      const start = options.cursor ? Number(options.cursor) : 0;
      const limit = options.limit ?? 1000;
      const page = names.slice(start, start + limit);
      const done = start + limit >= names.length;
      return {
        keys: page.map((name) => ({ name, metadata: entries.get(name)?.metadata })),
        list_complete: done,
        ...(done ? {} : { cursor: String(start + limit) }),
        cacheStatus: null,
      };
    },
  };
  return {
    kv: api as unknown as KVNamespace,
    entries,
    keys: (prefix = '') => [...entries.keys()].filter((k) => k.startsWith(prefix)).sort(),
  };
}
