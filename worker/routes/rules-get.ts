import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { errorResponses } from '../errors.ts';
import { etagOf } from '../rules-http.ts';
import { RulesRecordSchema } from '../schemas.ts';
import { rulesStore } from '../tenant.ts';

export const rulesGetRoute = createRoute({
  method: 'get',
  path: '/v1/rules',
  tags: ['rules'],
  summary: 'The tenant’s live rule set',
  description: 'A new tenant starts on the default playbook as version 1. The ETag header is the version, for If-Match on PUT.',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'The live version',
      headers: { ETag: { schema: { type: 'string' }, description: 'e.g. "3"' } },
      content: { 'application/json': { schema: RulesRecordSchema } },
    },
    ...errorResponses('unauthorized', 'rate_limited'),
  },
});

export function registerRulesGet(app: App) {
  app.openapi(rulesGetRoute, async (c) => {
    const { record } = await rulesStore(c).current();
    return c.json(record, 200, { ETag: etagOf(record.version) });
  });
}
