/** The background's classification cache: merged requests, one fetch per batch, memory then session. */
import { describe, expect, it, vi } from 'vitest';
import { ClassificationCache, type SessionStore } from '../../extension/lib/cache.ts';
import type { LookupResult } from '../../extension/lib/protocol.ts';
import type { Classification } from '../../shared/schema.ts';

const cls = (id: string, stale = false): Classification => ({
  crm: 'demo',
  accountId: id,
  name: `Account ${id}`,
  asOf: '2026-11-23T00:00:00Z',
  rulesVersion: 1,
  lang: 'en',
  headline: 'relationship',
  chips: [],
  dimensions: [],
  metrics: {},
  cache: { hit: false, stale, computedAt: '2026-11-23T00:00:00Z' },
});

/** A fetcher that knows ids starting with "a" and resolves when told to. */
function fetcher(opts: { unavailable?: string[] } = {}) {
  const calls: string[][] = [];
  const fn = vi.fn(async (ids: string[]): Promise<LookupResult> => {
    calls.push(ids);
    await new Promise((r) => setTimeout(r, 5));
    const results: Record<string, Classification> = {};
    const missing: string[] = [];
    const unavailable: string[] = [];
    for (const id of ids) {
      if (opts.unavailable?.includes(id)) unavailable.push(id);
      else if (id.startsWith('a')) results[id] = cls(id);
      else missing.push(id);
    }
    return { results, missing, unavailable };
  });
  return { fn, calls };
}

function memorySession(): SessionStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    async removeAll(prefix) {
      const keys = [...data.keys()].filter((k) => k.startsWith(prefix));
      for (const k of keys) data.delete(k);
      return keys.length;
    },
  };
}

describe('ClassificationCache', () => {
  it('fetches a list once, then serves it from memory', async () => {
    const cache = new ClassificationCache(null);
    const f = fetcher();
    const ids = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const first = await cache.lookup('demo', 'en', ids, f.fn);
    expect(Object.keys(first.results)).toHaveLength(50);
    expect(f.calls).toHaveLength(1);
    await cache.lookup('demo', 'en', ids, f.fn);
    expect(f.calls).toHaveLength(1);
    expect(cache.fetches).toBe(1);
  });

  it('merges overlapping requests: an id in flight is not fetched again', async () => {
    const cache = new ClassificationCache(null);
    const f = fetcher();
    const [x, y] = await Promise.all([
      cache.lookup('demo', 'en', ['a1', 'a2'], f.fn),
      cache.lookup('demo', 'en', ['a2', 'a3', 'a1'], f.fn),
    ]);
    expect(f.calls).toEqual([['a1', 'a2'], ['a3']]);
    expect(Object.keys(x.results).sort()).toEqual(['a1', 'a2']);
    expect(Object.keys(y.results).sort()).toEqual(['a1', 'a2', 'a3']);
  });

  it('keeps languages and CRMs apart', async () => {
    const cache = new ClassificationCache(null);
    const f = fetcher();
    await cache.lookup('demo', 'en', ['a1'], f.fn);
    await cache.lookup('demo', 'zh', ['a1'], f.fn);
    await cache.lookup('zoho', 'en', ['a1'], f.fn);
    expect(f.calls).toHaveLength(3);
  });

  it('reports missing and unavailable ids, and remembers only what the CRM said', async () => {
    const cache = new ClassificationCache(null);
    const f = fetcher({ unavailable: ['a9'] });
    const r = await cache.lookup('demo', 'en', ['a1', 'b1', 'a9'], f.fn);
    expect(Object.keys(r.results)).toEqual(['a1']);
    expect(r.missing).toEqual(['b1']);
    expect(r.unavailable).toEqual(['a9']);
    await cache.lookup('demo', 'en', ['a1', 'b1', 'a9'], f.fn);
    expect(f.calls).toEqual([['a1', 'b1', 'a9'], ['a9']]);
  });

  it('expires entries, sooner when the worker marked them stale', async () => {
    let now = 1_000_000;
    const cache = new ClassificationCache(null, { freshMs: 1000, staleMs: 100, now: () => now });
    let stale = false;
    const fn = vi.fn(async (ids: string[]) => ({ results: Object.fromEntries(ids.map((id) => [id, cls(id, stale)])), missing: [] }));
    stale = true;
    await cache.lookup('demo', 'en', ['a1'], fn);
    now += 150;
    await cache.lookup('demo', 'en', ['a1'], fn);
    expect(fn).toHaveBeenCalledTimes(2);
    stale = false;
    now += 150;
    await cache.lookup('demo', 'en', ['a1'], fn);
    now += 900;
    await cache.lookup('demo', 'en', ['a1'], fn);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('survives the service worker restarting through the session store', async () => {
    const session = memorySession();
    const f = fetcher();
    await new ClassificationCache(session).lookup('demo', 'en', ['a1', 'a2'], f.fn);
    const restarted = new ClassificationCache(session);
    const r = await restarted.lookup('demo', 'en', ['a1', 'a2', 'a3'], f.fn);
    expect(Object.keys(r.results).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(f.calls).toEqual([['a1', 'a2'], ['a3']]);
    expect(await restarted.clear()).toBe(3);
    expect(session.data.size).toBe(0);
  });

  it('passes a failed fetch on to every caller waiting for it, and tries again next time', async () => {
    const cache = new ClassificationCache(null);
    const boom = vi.fn(async () => {
      throw new Error('unreachable');
    });
    await expect(Promise.all([cache.lookup('demo', 'en', ['a1'], boom), cache.lookup('demo', 'en', ['a1'], boom)])).rejects.toThrow(
      'unreachable',
    );
    expect(boom).toHaveBeenCalledTimes(1);
    const f = fetcher();
    expect(Object.keys((await cache.lookup('demo', 'en', ['a1'], f.fn)).results)).toEqual(['a1']);
  });
});
