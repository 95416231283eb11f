import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { actorName, requireAdmin } from '../auth.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { etagOf, expectedVersion, saveRules } from '../rules-http.ts';
import { IfMatchHeader, RollbackBody, RulesRecordSchema } from '../schemas.ts';
import { rulesStore } from '../tenant.ts';

export const rulesRollbackRoute = createRoute({
  method: 'post',
  path: '/v1/rules/rollback',
  tags: ['rules'],
  summary: 'Restore an earlier version (admin)',
  description: 'Creates a new version equal to the old one (history only grows). Needs `If-Match` like PUT.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { headers: IfMatchHeader, body: { required: true, content: { 'application/json': { schema: RollbackBody } } } },
  responses: {
    200: { description: 'The new live version', content: { 'application/json': { schema: RulesRecordSchema } } },
    ...errorResponses('bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'precondition_required', 'rate_limited'),
  },
});

export function registerRulesRollback(app: App) {
  app.openapi(rulesRollbackRoute, async (c) => {
    const principal = requireAdmin(c);
    const store = rulesStore(c);
    const expected = await expectedVersion(c, store);
    const { version } = c.req.valid('json');
    const old = await store.version(version);
    if (!old) throw new ApiError('not_found', `No rules version ${version}`);
    const record = await saveRules(store, old.rules, expected, actorName(principal), version);
    return c.json(record, 200, { ETag: etagOf(record.version) });
  });
}
