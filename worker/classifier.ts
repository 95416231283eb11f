/**
 * Classifications of CRM accounts through the KV cache.
 *
 * Keys: `t:{tenant}:cls:{crm}:{rulesVersion}:{lang}:{accountId}` holds the classification JSON
 * (metadata `{c}`: when its data was fetched from the CRM); `t:{tenant}:snap:{crm}:{accountId}`
 * holds the last snapshot fetched (metadata `{f}`: fetched at, `{inv: 1}` once a webhook said it
 * changed). Both expire after the hard TTL. Classifications are stored per language because
 * their texts (labels, tips, explanations) are rendered by the engine; a second language is
 * computed from the cached snapshot without calling the CRM.
 *
 * Freshness, for one account:
 * - classification younger than the soft TTL: served as is (`hit`);
 * - older: served at once marked `stale`, and refreshed through `waitUntil`;
 * - none for this rules version and language, but a snapshot: classified from it (fresh, or
 *   stale-while-revalidate when old); an invalidated snapshot is refetched first;
 * - nothing usable: fetched from the CRM. When the CRM fails, the last snapshot (however old)
 *   is classified with the current rules and served marked `stale`; with none, 502/504.
 *
 * Concurrent requests for the same account in one isolate share one connector call.
 *
 * In front of KV, each isolate keeps fresh classifications it served in memory for a few
 * seconds (HOT_MS): the hot path of a list view or a badge refresh then needs no KV read. A
 * webhook in this isolate clears its entries at once; other isolates serve theirs for at most
 * HOT_MS more, well inside KV's own propagation delay.
 */
import { type AccountSnapshot, type CompiledRules, classify, LANGS, type Lang, type PopulationStats } from '../shared/index.ts';
import { type Connector, ConnectorError } from './connectors/types.ts';
import type { Logger } from './context.ts';
import { describeError } from './context.ts';
import { ApiError, CODE_OF_CONNECTOR_ERROR } from './errors.ts';
import { isolateCache } from './memo.ts';
import { kvKeys } from './store/kv-keys.ts';

export interface CacheInfo {
  hit: boolean;
  stale: boolean;
  computedAt: string;
}

export interface Served {
  /** The classification JSON, without its `cache` member. */
  json: string;
  cache: CacheInfo;
}

export interface Scope {
  kv: KVNamespace;
  tenant: string;
  crm: string;
  lang: Lang;
  now: number;
  softTtlMs: number;
  hardTtlSeconds: number;
  rulesVersion: number;
  compiled: CompiledRules;
  stats: PopulationStats | null;
  connector: Connector;
  background: (work: Promise<unknown>) => void;
  log: Logger;
}

interface ClsMeta {
  c: number;
}
interface SnapMeta {
  f: number;
  inv?: 1;
}

/** How long a CRM call may take before it counts as a timeout. */
export const CRM_TIMEOUT_MS = 10_000;
const KV_BULK = 100;
const HOT_MS = 5_000;
const hot = isolateCache<{ json: string; computedAt: number }>(HOT_MS, 2000);

function remember(key: string, json: string, computedAt: number, s: Scope) {
  if (s.now - computedAt < s.softTtlMs) hot.set(key, { json, computedAt }, s.now);
}

/** Adds the `cache` member to a stored classification without parsing it. */
export function withCache(json: string, cache: CacheInfo): string {
  return `${json.slice(0, -1)},"cache":${JSON.stringify(cache)}}`;
}

// ---------------------------------------------------------------- connector calls, shared in flight

const inflight = new Map<string, Promise<AccountSnapshot | null>>();
const flightKey = (s: Scope, id: string) => `${s.tenant}\u0000${s.crm}\u0000${id}`;

function fetchOne(s: Scope, id: string): Promise<AccountSnapshot | null> {
  const key = flightKey(s, id);
  let p = inflight.get(key);
  if (!p) {
    p = s.connector.getAccount(id, { now: s.now, signal: AbortSignal.timeout(CRM_TIMEOUT_MS) }).finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p;
}

/** One getAccounts call for the ids not already in flight. */
async function fetchMany(s: Scope, ids: readonly string[]): Promise<Map<string, AccountSnapshot | null>> {
  const pending = new Map<string, Promise<AccountSnapshot | null>>();
  const toFetch: string[] = [];
  for (const id of ids) {
    const p = inflight.get(flightKey(s, id));
    if (p) pending.set(id, p);
    else toFetch.push(id);
  }
  if (toFetch.length) {
    const batch = s.connector.getAccounts(toFetch, { now: s.now, signal: AbortSignal.timeout(CRM_TIMEOUT_MS) });
    for (const id of toFetch) {
      const key = flightKey(s, id);
      const p = batch.then((m) => m.get(id) ?? null).finally(() => inflight.delete(key));
      p.catch(() => undefined); // observed below; keeps an unobserved copy from being reported
      inflight.set(key, p);
      pending.set(id, p);
    }
  }
  const out = new Map<string, AccountSnapshot | null>();
  for (const [id, p] of pending) out.set(id, await p);
  return out;
}

// ---------------------------------------------------------------- compute and store

function compute(s: Scope, snapshot: AccountSnapshot): string {
  return JSON.stringify(classify(s.compiled, snapshot, { asOf: s.now, lang: s.lang, stats: s.stats, rulesVersion: s.rulesVersion }));
}

async function store(s: Scope, id: string, json: string, computedAt: number, snapshot?: AccountSnapshot): Promise<void> {
  const ttl = { expirationTtl: s.hardTtlSeconds };
  const key = kvKeys.classification(s.tenant, s.crm, s.rulesVersion, s.lang, id);
  remember(key, json, computedAt, s);
  const writes = [s.kv.put(key, json, { ...ttl, metadata: { c: computedAt } satisfies ClsMeta })];
  if (snapshot)
    writes.push(
      s.kv.put(kvKeys.snapshot(s.tenant, s.crm, id), JSON.stringify(snapshot), { ...ttl, metadata: { f: computedAt } satisfies SnapMeta }),
    );
  await Promise.all(writes);
}

async function forget(s: Scope, id: string): Promise<void> {
  for (const l of LANGS) hot.delete(kvKeys.classification(s.tenant, s.crm, s.rulesVersion, l, id));
  await Promise.all([
    s.kv.delete(kvKeys.snapshot(s.tenant, s.crm, id)),
    ...LANGS.map((l) => s.kv.delete(kvKeys.classification(s.tenant, s.crm, s.rulesVersion, l, id))),
  ]);
}

const iso = (ms: number) => new Date(ms).toISOString();

function crmFailure(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof ConnectorError) {
    const headers: Record<string, string> = e.retryAfter ? { 'Retry-After': String(e.retryAfter) } : {};
    return new ApiError(CODE_OF_CONNECTOR_ERROR[e.kind], `The ${e.crm} CRM failed (${e.kind}) and no cached classification exists`, {
      headers,
      cause: e,
    });
  }
  return new ApiError('internal', 'The connector failed unexpectedly', { cause: e });
}

/** Refreshes accounts in the background: one CRM call, then the cache. Failures only log. */
async function refresh(s: Scope, ids: readonly string[]): Promise<void> {
  try {
    const found = ids.length === 1 ? new Map([[ids[0] as string, await fetchOne(s, ids[0] as string)]]) : await fetchMany(s, ids);
    await Promise.all([...found].map(([id, snapshot]) => (snapshot ? store(s, id, compute(s, snapshot), s.now, snapshot) : forget(s, id))));
  } catch (e) {
    s.log('warn', 'background refresh failed; stale classifications stay', {
      tenant: s.tenant,
      crm: s.crm,
      accounts: ids.length,
      error: describeError(e),
    });
  }
}

// ---------------------------------------------------------------- one account

export async function classifyAccount(s: Scope, id: string): Promise<Served> {
  const clsKey = kvKeys.classification(s.tenant, s.crm, s.rulesVersion, s.lang, id);
  const warm = hot.get(clsKey, s.now);
  if (warm && s.now - warm.computedAt < s.softTtlMs)
    return { json: warm.json, cache: { hit: true, stale: false, computedAt: iso(warm.computedAt) } };
  const hit = await s.kv.getWithMetadata<ClsMeta>(clsKey, 'text');
  if (hit.value !== null && hit.metadata) {
    const computedAt = hit.metadata.c;
    const stale = s.now - computedAt >= s.softTtlMs;
    if (stale) s.background(refresh(s, [id]));
    else remember(clsKey, hit.value, computedAt, s);
    return { json: hit.value, cache: { hit: true, stale, computedAt: iso(computedAt) } };
  }
  const snap = await s.kv.getWithMetadata<SnapMeta>(kvKeys.snapshot(s.tenant, s.crm, id), 'text');
  const cachedSnapshot =
    snap.value !== null && snap.metadata ? { snapshot: JSON.parse(snap.value) as AccountSnapshot, meta: snap.metadata } : null;
  if (cachedSnapshot && !cachedSnapshot.meta.inv) {
    const { snapshot, meta } = cachedSnapshot;
    const json = compute(s, snapshot);
    const stale = s.now - meta.f >= s.softTtlMs;
    s.background(stale ? refresh(s, [id]) : store(s, id, json, meta.f));
    return { json, cache: { hit: true, stale, computedAt: iso(meta.f) } };
  }
  let snapshot: AccountSnapshot | null;
  try {
    snapshot = await fetchOne(s, id);
  } catch (e) {
    if (cachedSnapshot) {
      s.log('warn', 'CRM failed; serving the last snapshot, marked stale', { tenant: s.tenant, crm: s.crm, error: describeError(e) });
      return { json: compute(s, cachedSnapshot.snapshot), cache: { hit: true, stale: true, computedAt: iso(cachedSnapshot.meta.f) } };
    }
    throw crmFailure(e);
  }
  if (!snapshot) {
    if (cachedSnapshot) s.background(forget(s, id));
    throw new ApiError('not_found', `No account "${id.slice(0, 200)}" in the ${s.crm} CRM`);
  }
  const json = compute(s, snapshot);
  s.background(store(s, id, json, s.now, snapshot));
  return { json, cache: { hit: false, stale: false, computedAt: iso(s.now) } };
}

// ---------------------------------------------------------------- many accounts (list views)

export interface LookupResult {
  results: Map<string, Served>;
  /** Ids the CRM does not know. */
  missing: string[];
  /** Ids that could not be classified because the CRM failed and nothing was cached. */
  unavailable: string[];
}

async function bulkGet<M>(kv: KVNamespace, keys: string[]): Promise<Map<string, { value: string | null; metadata: M | null }>> {
  const out = new Map<string, { value: string | null; metadata: M | null }>();
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += KV_BULK) chunks.push(keys.slice(i, i + KV_BULK));
  const maps = await Promise.all(chunks.map((chunk) => kv.getWithMetadata<M>(chunk, 'text')));
  for (const m of maps) for (const [k, v] of m) out.set(k, v);
  return out;
}

export async function lookupAccounts(s: Scope, requested: readonly string[]): Promise<LookupResult> {
  const ids = [...new Set(requested)];
  const results = new Map<string, Served>();
  const clsKeys = ids.map((id) => kvKeys.classification(s.tenant, s.crm, s.rulesVersion, s.lang, id));
  const hits = await bulkGet<ClsMeta>(s.kv, clsKeys);
  const toRefresh: string[] = [];
  const misses: string[] = [];
  ids.forEach((id, i) => {
    const hit = hits.get(clsKeys[i] as string);
    if (hit?.value != null && hit.metadata) {
      const stale = s.now - hit.metadata.c >= s.softTtlMs;
      if (stale) toRefresh.push(id);
      else remember(clsKeys[i] as string, hit.value, hit.metadata.c, s);
      results.set(id, { json: hit.value, cache: { hit: true, stale, computedAt: iso(hit.metadata.c) } });
    } else misses.push(id);
  });

  const snapKeys = misses.map((id) => kvKeys.snapshot(s.tenant, s.crm, id));
  const snaps = misses.length ? await bulkGet<SnapMeta>(s.kv, snapKeys) : new Map();
  const fallbacks = new Map<string, { snapshot: AccountSnapshot; f: number }>();
  const toFetch: string[] = [];
  const writes: Promise<void>[] = [];
  misses.forEach((id, i) => {
    const snap = snaps.get(snapKeys[i] as string);
    if (snap?.value == null || !snap.metadata) {
      toFetch.push(id);
      return;
    }
    const snapshot = JSON.parse(snap.value) as AccountSnapshot;
    if (snap.metadata.inv) {
      fallbacks.set(id, { snapshot, f: snap.metadata.f });
      toFetch.push(id);
      return;
    }
    const stale = s.now - snap.metadata.f >= s.softTtlMs;
    const json = compute(s, snapshot);
    if (stale) toRefresh.push(id);
    else writes.push(store(s, id, json, snap.metadata.f));
    results.set(id, { json, cache: { hit: true, stale, computedAt: iso(snap.metadata.f) } });
  });

  const missing: string[] = [];
  const unavailable: string[] = [];
  if (toFetch.length) {
    try {
      const found = await fetchMany(s, toFetch);
      for (const id of toFetch) {
        const snapshot = found.get(id);
        if (!snapshot) {
          missing.push(id);
          continue;
        }
        const json = compute(s, snapshot);
        writes.push(store(s, id, json, s.now, snapshot));
        results.set(id, { json, cache: { hit: false, stale: false, computedAt: iso(s.now) } });
      }
    } catch (e) {
      for (const id of toFetch) {
        const fb = fallbacks.get(id);
        if (fb) results.set(id, { json: compute(s, fb.snapshot), cache: { hit: true, stale: true, computedAt: iso(fb.f) } });
        else unavailable.push(id);
      }
      // Nothing to show at all: report the CRM failure itself.
      if (results.size === 0) throw crmFailure(e);
      s.log('warn', 'CRM failed during a lookup; serving what the cache has', {
        tenant: s.tenant,
        crm: s.crm,
        unavailable: unavailable.length,
        error: describeError(e),
      });
    }
  }
  if (writes.length) s.background(Promise.all(writes));
  if (toRefresh.length) s.background(refresh(s, toRefresh));
  return { results, missing, unavailable };
}

// ---------------------------------------------------------------- webhooks

/** Marks accounts changed: their classifications for the live rules go, their snapshots are kept only as a fallback. */
export async function invalidateAccounts(
  kv: KVNamespace,
  tenant: string,
  crm: string,
  rulesVersion: number,
  ids: readonly string[],
  hardTtlSeconds: number,
): Promise<number> {
  let invalidated = 0;
  await Promise.all(
    ids.map(async (id) => {
      for (const l of LANGS) hot.delete(kvKeys.classification(tenant, crm, rulesVersion, l, id));
      const snapKey = kvKeys.snapshot(tenant, crm, id);
      const [snap, ...deleted] = await Promise.all([
        kv.getWithMetadata<SnapMeta>(snapKey, 'text'),
        ...LANGS.map((l) => kv.delete(kvKeys.classification(tenant, crm, rulesVersion, l, id))),
      ]);
      void deleted;
      if (snap.value !== null && snap.metadata) {
        await kv.put(snapKey, snap.value, { expirationTtl: hardTtlSeconds, metadata: { f: snap.metadata.f, inv: 1 } satisfies SnapMeta });
      }
      invalidated++;
    }),
  );
  return invalidated;
}

// ---------------------------------------------------------------- raw data (rule preview)

/**
 * The account's snapshot as the engine sees it, for previewing unsaved rules: the cached
 * snapshot while it is fresh, else one CRM call (stored for the classifications that follow);
 * when the CRM fails, the last snapshot, marked stale.
 */
export async function snapshotOf(s: Scope, id: string): Promise<{ snapshot: AccountSnapshot; cache: CacheInfo }> {
  const snap = await s.kv.getWithMetadata<SnapMeta>(kvKeys.snapshot(s.tenant, s.crm, id), 'text');
  const cached = snap.value !== null && snap.metadata ? { snapshot: JSON.parse(snap.value) as AccountSnapshot, meta: snap.metadata } : null;
  if (cached && !cached.meta.inv && s.now - cached.meta.f < s.softTtlMs) {
    return { snapshot: cached.snapshot, cache: { hit: true, stale: false, computedAt: iso(cached.meta.f) } };
  }
  let snapshot: AccountSnapshot | null;
  try {
    snapshot = await fetchOne(s, id);
  } catch (e) {
    if (cached) return { snapshot: cached.snapshot, cache: { hit: true, stale: true, computedAt: iso(cached.meta.f) } };
    throw crmFailure(e);
  }
  if (!snapshot) throw new ApiError('not_found', `No account "${id.slice(0, 200)}" in the ${s.crm} CRM`);
  s.background(store(s, id, compute(s, snapshot), s.now, snapshot));
  return { snapshot, cache: { hit: false, stale: false, computedAt: iso(s.now) } };
}
