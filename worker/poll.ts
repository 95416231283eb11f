/**
 * Change polling for CRMs that send no change notifications (Fxiaoke): on the frequent cron
 * trigger, every configured connector with `pollChanges` reports the accounts whose records
 * changed since its watermark, and their cached classifications are invalidated exactly as a
 * webhook would (classifier.ts `invalidateAccounts`): the next request refetches them.
 */
import { invalidateAccounts } from './classifier.ts';
import { resolveScheduled, tenantsWithConnectors } from './connectors/index.ts';
import type { Connector } from './connectors/types.ts';
import { describeError, type Logger } from './context.ts';
import { type Env, readSettings } from './env.ts';
import { RulesStore } from './store/rules.ts';

/**
 * The frequent cron trigger of wrangler.toml: change polling only (the daily one also does
 * statistics and connector upkeep). Not exported from worker/index.ts: a Worker module's named
 * exports must be handlers.
 */
export const POLL_CRON = '*/10 * * * *';

/** How long one connector's poll may take. */
export const POLL_TIMEOUT_MS = 60_000;

export interface PollOutcome {
  tenant: string;
  crm: string;
  ok: boolean;
  invalidated: number;
  /** The connector stopped at its page budget and continues at the next run. */
  more: boolean;
}

/** One connector: poll, then invalidate what changed under the tenant's live rules. */
export async function pollAndInvalidate(input: {
  kv: KVNamespace;
  tenant: string;
  crm: string;
  connector: Connector;
  now: number;
  hardTtlSeconds: number;
  signal?: AbortSignal;
}): Promise<{ invalidated: number; more: boolean; accountIds: string[] }> {
  const { connector } = input;
  if (!connector.pollChanges) return { invalidated: 0, more: false, accountIds: [] };
  const found = await connector.pollChanges({ now: input.now, ...(input.signal ? { signal: input.signal } : {}) });
  if (found.accountIds.length === 0) return { invalidated: 0, more: found.more, accountIds: [] };
  const { record } = await new RulesStore(input.kv, input.tenant, () => input.now).current();
  const invalidated = await invalidateAccounts(input.kv, input.tenant, input.crm, record.version, found.accountIds, input.hardTtlSeconds);
  return { invalidated, more: found.more, accountIds: found.accountIds };
}

/** Every tenant's connectors that poll. Failures are logged per connector and do not stop the others. */
export async function pollConnectors(env: Env, now: number, log: Logger): Promise<PollOutcome[]> {
  const settings = readSettings(env);
  const out: PollOutcome[] = [];
  for (const { tenant, crm } of await tenantsWithConnectors(env.TL_KV)) {
    try {
      const { connector } = await resolveScheduled(env, settings, tenant, crm, now);
      if (!connector.pollChanges) continue;
      const r = await pollAndInvalidate({
        kv: env.TL_KV,
        tenant,
        crm,
        connector,
        now,
        hardTtlSeconds: settings.hardTtlSeconds,
        signal: AbortSignal.timeout(POLL_TIMEOUT_MS),
      });
      if (r.invalidated) log('info', 'change poll invalidated accounts', { tenant, crm, invalidated: r.invalidated, more: r.more });
      out.push({ tenant, crm, ok: true, invalidated: r.invalidated, more: r.more });
    } catch (e) {
      log('error', 'change poll failed', { tenant, crm, error: describeError(e) });
      out.push({ tenant, crm, ok: false, invalidated: 0, more: false });
    }
  }
  return out;
}
