import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { etagOf } from '../rules-http.ts';
import { RulesRecordSchema, VersionParams } from '../schemas.ts';
import { rulesStore } from '../tenant.ts';

export const rulesHistoryVersionRoute = createRoute({
  method: 'get',
  path: '/v1/rules/history/{version}',
  tags: ['rules'],
  summary: 'One saved version of the rules',
  security: [{ bearer: [] }],
  request: { params: VersionParams },
  responses: {
    200: { description: 'That version', content: { 'application/json': { schema: RulesRecordSchema } } },
    ...errorResponses('bad_request', 'unauthorized', 'not_found', 'rate_limited'),
  },
});

export function registerRulesHistoryVersion(app: App) {
  app.openapi(rulesHistoryVersionRoute, async (c) => {
    const version = Number(c.req.valid('param').version);
    const store = rulesStore(c);
    await store.current(); // seeds version 1 for a new tenant
    const record = await store.version(version);
    if (!record) throw new ApiError('not_found', `No rules version ${version}`);
    return c.json(record, 200, { ETag: etagOf(record.version) });
  });
}
