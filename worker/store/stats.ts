/**
 * Population statistics per tenant and rules version (`t:{tenant}:stats:{rulesVersion}`): the
 * percentile cut points that `{ "percentile": p }` thresholds compare against, computed over all
 * of the tenant's accounts, a page at a time, by PopulationStatsBuilder.
 */
import { type CompiledRules, type PopulationStats, PopulationStatsBuilder } from '../../shared/index.ts';
import type { Connector } from '../connectors/types.ts';
import { isolateCache } from '../memo.ts';
import { kvKeys } from './kv-keys.ts';

export interface StoredStats {
  rulesVersion: number;
  computedAt: string;
  /** The CRMs whose accounts were counted. */
  crms: string[];
  stats: PopulationStats;
}

const memo = isolateCache<StoredStats>(60_000, 500);
const inflight = new Map<string, Promise<StoredStats>>();

/** Pages per recompute; a safety bound (100 accounts a page in the demo, 200 in Zoho: 1,000,000+ accounts). */
const MAX_PAGES = 10_000;

export async function readStats(kv: KVNamespace, tenant: string, rulesVersion: number, now: number): Promise<StoredStats | null> {
  const key = kvKeys.stats(tenant, rulesVersion);
  const cached = memo.get(key, now);
  if (cached) return cached;
  const stored = await kv.get<StoredStats>(key, 'json');
  if (stored) memo.set(key, stored, now);
  return stored;
}

/** Lists every account of every connector and stores the statistics; one run per tenant and version at a time. */
export function recomputeStats(
  kv: KVNamespace,
  tenant: string,
  rules: { version: number; compiled: CompiledRules },
  connectors: Connector[],
  now: number,
): Promise<StoredStats> {
  const key = kvKeys.stats(tenant, rules.version);
  let run = inflight.get(key);
  if (run) return run;
  run = (async () => {
    const builder = new PopulationStatsBuilder(rules.compiled, now);
    for (const connector of connectors) {
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await connector.listAccounts({ now }, cursor);
        for (const account of page.accounts) builder.add(account);
        cursor = page.cursor;
      } while (cursor !== undefined && ++pages < MAX_PAGES);
    }
    const stored: StoredStats = {
      rulesVersion: rules.version,
      computedAt: new Date(now).toISOString(),
      crms: connectors.map((c) => c.id),
      stats: builder.finish(),
    };
    await kv.put(key, JSON.stringify(stored));
    memo.set(key, stored, now);
    return stored;
  })().finally(() => inflight.delete(key));
  inflight.set(key, run);
  return run;
}
