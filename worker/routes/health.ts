import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { HealthResponse } from '../schemas.ts';

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['service'],
  summary: 'Liveness and version',
  description: 'No authentication. Answers without touching KV or any CRM.',
  responses: { 200: { description: 'The worker is up', content: { 'application/json': { schema: HealthResponse } } } },
});

export function registerHealth(app: App) {
  app.openapi(healthRoute, (c) =>
    c.json({ ok: true as const, version: c.var.deps.version, time: new Date(c.var.deps.now()).toISOString() }, 200),
  );
}
