import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { errorResponses } from '../errors.ts';
import { RulesHistoryResponse } from '../schemas.ts';
import { rulesStore } from '../tenant.ts';

export const rulesHistoryRoute = createRoute({
  method: 'get',
  path: '/v1/rules/history',
  tags: ['rules'],
  summary: 'Every saved version of the rules, newest first',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The versions', content: { 'application/json': { schema: RulesHistoryResponse } } },
    ...errorResponses('unauthorized', 'rate_limited'),
  },
});

export function registerRulesHistory(app: App) {
  app.openapi(rulesHistoryRoute, async (c) => {
    const store = rulesStore(c);
    const versions = await store.history();
    const { record } = await store.current();
    return c.json({ current: record.version, versions }, 200);
  });
}
