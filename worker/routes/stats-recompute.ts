import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireAdmin } from '../auth.ts';
import { ConnectorError } from '../connectors/types.ts';
import { ApiError, CODE_OF_CONNECTOR_ERROR, errorResponses } from '../errors.ts';
import { StatsResponse } from '../schemas.ts';
import { recomputeStats } from '../store/stats.ts';
import { rulesStore, tenantConnectors } from '../tenant.ts';

export const statsRecomputeRoute = createRoute({
  method: 'post',
  path: '/v1/stats/recompute',
  tags: ['stats'],
  summary: 'Recompute the population statistics now (admin)',
  description: 'Lists every account of every connector of the tenant, a page at a time. The cron trigger does the same daily.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  responses: {
    200: { description: 'The new statistics', content: { 'application/json': { schema: StatsResponse } } },
    ...errorResponses('unauthorized', 'forbidden', 'not_found', 'rate_limited', 'crm_unavailable', 'crm_timeout'),
  },
});

export function registerStatsRecompute(app: App) {
  app.openapi(statsRecomputeRoute, async (c) => {
    requireAdmin(c);
    const live = await rulesStore(c).current();
    const connectors = await tenantConnectors(c);
    if (connectors.length === 0)
      throw new ApiError('not_found', 'No connector is configured for this tenant: nothing to compute statistics over');
    try {
      const stored = await recomputeStats(
        c.env.TL_KV,
        c.var.principal.tenant,
        { version: live.record.version, compiled: live.compiled },
        connectors.map((r) => r.connector),
        c.var.deps.now(),
      );
      return c.json(stored, 200);
    } catch (e) {
      if (e instanceof ConnectorError)
        throw new ApiError(CODE_OF_CONNECTOR_ERROR[e.kind], `The ${e.crm} CRM failed (${e.kind}) while listing accounts`, { cause: e });
      throw e;
    }
  });
}
