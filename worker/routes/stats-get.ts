import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { errorResponses } from '../errors.ts';
import { StatsResponse } from '../schemas.ts';
import { readStats } from '../store/stats.ts';
import { rulesStore } from '../tenant.ts';

export const statsGetRoute = createRoute({
  method: 'get',
  path: '/v1/stats',
  tags: ['stats'],
  summary: 'The stored population statistics for the live rules version',
  description: '`stats` is null until they are computed (on first need for the demo, by cron or POST /v1/stats/recompute otherwise).',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The statistics', content: { 'application/json': { schema: StatsResponse } } },
    ...errorResponses('unauthorized', 'rate_limited'),
  },
});

export function registerStatsGet(app: App) {
  app.openapi(statsGetRoute, async (c) => {
    const { record } = await rulesStore(c).current();
    const stored = await readStats(c.env.TL_KV, c.var.principal.tenant, record.version, c.var.deps.now());
    return c.json(
      { rulesVersion: record.version, computedAt: stored?.computedAt ?? null, crms: stored?.crms ?? [], stats: stored?.stats ?? null },
      200,
    );
  });
}
