/**
 * The TierLens worker: the HTTP API (app.ts) and the cron triggers: daily, population statistics
 * for every tenant with a connector and connector upkeep (Zoho renews its change-notification
 * channels, which expire after at most a week); every 10 minutes, change polling for CRMs that
 * send no notifications (Fxiaoke, poll.ts).
 */
// First: zod-openapi extends zod, and zod gives schemas their methods when they are created,
// so this must run before shared/ builds its schemas.
import '@hono/zod-openapi';
import { consoleLog, createApp } from './app.ts';
import { DEMO_TENANT, resolveScheduled, tenantsWithConnectors } from './connectors/index.ts';
import { describeError } from './context.ts';
import { type Env, readSettings } from './env.ts';
import { POLL_CRON, pollConnectors } from './poll.ts';
import { RulesStore } from './store/rules.ts';
import { recomputeStats } from './store/stats.ts';

const app = createApp();

/** Recomputes statistics for the live rules of every tenant that has a connector (and the demo tenant in local development). */
export async function recomputeAllStats(env: Env, now: number, log = consoleLog): Promise<{ tenant: string; ok: boolean }[]> {
  const settings = readSettings(env);
  const byTenant = new Map<string, Set<string>>();
  for (const { tenant, crm } of await tenantsWithConnectors(env.TL_KV)) {
    if (!byTenant.has(tenant)) byTenant.set(tenant, new Set());
    byTenant.get(tenant)?.add(crm);
  }
  if (settings.demoMode) {
    if (!byTenant.has(DEMO_TENANT)) byTenant.set(DEMO_TENANT, new Set());
    byTenant.get(DEMO_TENANT)?.add('demo');
  }
  const out: { tenant: string; ok: boolean }[] = [];
  for (const [tenant, crms] of byTenant) {
    try {
      const live = await new RulesStore(env.TL_KV, tenant, () => now).current();
      const connectors = [];
      for (const crm of crms) {
        connectors.push((await resolveScheduled(env, settings, tenant, crm, now)).connector);
      }
      await recomputeStats(env.TL_KV, tenant, { version: live.record.version, compiled: live.compiled }, connectors, now);
      out.push({ tenant, ok: true });
    } catch (e) {
      log('error', 'scheduled statistics failed', { tenant, error: describeError(e) });
      out.push({ tenant, ok: false });
    }
  }
  return out;
}

/** Connector upkeep for every configured connector that has some (Zoho: renew notification channels). */
export async function maintainConnectors(
  env: Env,
  now: number,
  log = consoleLog,
): Promise<{ tenant: string; crm: string; ok: boolean; renewed: boolean }[]> {
  const settings = readSettings(env);
  const out: { tenant: string; crm: string; ok: boolean; renewed: boolean }[] = [];
  for (const { tenant, crm } of await tenantsWithConnectors(env.TL_KV)) {
    try {
      const { connector } = await resolveScheduled(env, settings, tenant, crm, now);
      if (!connector.maintain) continue;
      const { renewed } = await connector.maintain({ now, signal: AbortSignal.timeout(30_000) });
      if (renewed) log('info', 'connector upkeep renewed a notification channel', { tenant, crm });
      out.push({ tenant, crm, ok: true, renewed });
    } catch (e) {
      log('error', 'connector upkeep failed', { tenant, crm, error: describeError(e) });
      out.push({ tenant, crm, ok: false, renewed: false });
    }
  }
  return out;
}

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    // The frequent trigger only polls CRMs without change notifications (Fxiaoke); every other
    // trigger (the daily one) also does connector upkeep and recomputes statistics.
    ctx.waitUntil(pollConnectors(env, controller.scheduledTime, consoleLog));
    if (controller.cron === POLL_CRON) return;
    ctx.waitUntil(maintainConnectors(env, controller.scheduledTime));
    ctx.waitUntil(recomputeAllStats(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
