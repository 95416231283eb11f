import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { actorName, requireAdmin } from '../auth.ts';
import { errorResponses } from '../errors.ts';
import { etagOf, expectedVersion, saveRules, validRules } from '../rules-http.ts';
import { IfMatchHeader, PutRulesBody, RulesRecordSchema } from '../schemas.ts';
import { rulesStore } from '../tenant.ts';

export const rulesPutRoute = createRoute({
  method: 'put',
  path: '/v1/rules',
  tags: ['rules'],
  summary: 'Replace the rule set (admin)',
  description:
    'Needs `If-Match` with the version being replaced (428 without it; 409 with `details.currentVersion` when someone saved in between — nothing is overwritten). The rule set is validated (400 with issues such as `rules.dimensions[0].tiers[1].when`). Every version is kept in the history.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { headers: IfMatchHeader, body: { required: true, content: { 'application/json': { schema: PutRulesBody } } } },
  responses: {
    200: { description: 'The new live version', content: { 'application/json': { schema: RulesRecordSchema } } },
    ...errorResponses('bad_request', 'unauthorized', 'forbidden', 'conflict', 'precondition_required', 'payload_too_large', 'rate_limited'),
  },
});

export function registerRulesPut(app: App) {
  app.openapi(rulesPutRoute, async (c) => {
    const principal = requireAdmin(c);
    const store = rulesStore(c);
    const expected = await expectedVersion(c, store);
    const rules = validRules(c.req.valid('json').rules);
    const record = await saveRules(store, rules, expected, actorName(principal));
    return c.json(record, 200, { ETag: etagOf(record.version) });
  });
}
