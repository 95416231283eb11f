/**
 * What a route needs about the caller's tenant: the live rules, the population statistics, a
 * connector and the cache scope. Everything is keyed by `c.var.principal.tenant`; no route takes
 * a tenant from the request.
 */
import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Lang, PopulationStats } from '../shared/index.ts';
import type { Scope } from './classifier.ts';
import { type Resolved, resolveConnector, tenantCrms } from './connectors/index.ts';
import { type AppContext, describeError, waitUntil } from './context.ts';
import { type LiveRules, RulesStore } from './store/rules.ts';
import { readStats, recomputeStats } from './store/stats.ts';

export function rulesStore(c: AppContext): RulesStore {
  return new RulesStore(c.env.TL_KV, c.var.principal.tenant, c.var.deps.now);
}

export function connectorFor(c: AppContext, crm: string): Promise<Resolved> {
  return resolveConnector({
    kv: c.env.TL_KV,
    tenant: c.var.principal.tenant,
    crm,
    demoMode: c.var.settings.demoMode,
    allowDevHosts: c.var.settings.allowDevCrmHosts,
    secretsKey: c.env.SECRETS_KEY,
    now: c.var.deps.now(),
    overrides: c.var.deps.connectors,
  });
}

/** Every connector the tenant has (for statistics). */
export async function tenantConnectors(c: AppContext): Promise<Resolved[]> {
  const crms = new Set(await tenantCrms(c.env.TL_KV, c.var.principal.tenant, c.var.settings.demoMode));
  for (const crm of Object.keys(c.var.deps.connectors ?? {})) crms.add(crm);
  return Promise.all([...crms].map((crm) => connectorFor(c, crm)));
}

/**
 * The statistics for the live rules. When none are stored yet: small populations (the demo) are
 * computed now; others in the background, and this request classifies with the rules' fallbacks.
 */
export async function statsFor(c: AppContext, live: LiveRules): Promise<PopulationStats | null> {
  if (live.compiled.percentiles.length === 0) return null;
  const now = c.var.deps.now();
  const stored = await readStats(c.env.TL_KV, c.var.principal.tenant, live.record.version, now);
  if (stored) return stored.stats;
  try {
    const connectors = await tenantConnectors(c);
    if (connectors.length === 0) return null;
    const job = recomputeStats(
      c.env.TL_KV,
      c.var.principal.tenant,
      { version: live.record.version, compiled: live.compiled },
      connectors.map((r) => r.connector),
      now,
    );
    if (connectors.every((r) => r.def.statsOnFirstNeed)) return (await job).stats;
    waitUntil(c, job);
  } catch (e) {
    c.var.deps.log('warn', 'population statistics unavailable; classifying with fallbacks', {
      tenant: c.var.principal.tenant,
      error: describeError(e),
    });
  }
  return null;
}

export async function accountScope(c: AppContext, crm: string, lang: Lang): Promise<Scope> {
  const { connector } = await connectorFor(c, crm);
  const live = await rulesStore(c).current();
  const stats = await statsFor(c, live);
  const { settings, deps } = c.var;
  return {
    kv: c.env.TL_KV,
    tenant: c.var.principal.tenant,
    crm,
    lang,
    now: deps.now(),
    softTtlMs: settings.softTtlMs,
    hardTtlSeconds: settings.hardTtlSeconds,
    rulesVersion: live.record.version,
    compiled: live.compiled,
    stats,
    connector,
    background: (work) => waitUntil(c, work),
    log: deps.log,
  };
}

/** A JSON body that is already serialised (cached classifications are never parsed). */
export function rawJson<T>(c: AppContext, json: string, headers: Record<string, string> = {}): TypedResponse<JSONParsed<T>, 200, 'json'> {
  return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8', ...headers }) as unknown as TypedResponse<
    JSONParsed<T>,
    200,
    'json'
  >;
}
