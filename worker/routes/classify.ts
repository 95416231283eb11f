import { createRoute } from '@hono/zod-openapi';
import { classify } from '../../shared/index.ts';
import type { App } from '../app.ts';
import { errorResponses } from '../errors.ts';
import { requestLang } from '../lang.ts';
import { Classification, ClassifyBody } from '../schemas.ts';
import { rulesStore, statsFor } from '../tenant.ts';

export const classifyRoute = createRoute({
  method: 'post',
  path: '/v1/classify',
  tags: ['classify'],
  summary: 'Classify one account snapshot given in the body',
  description: 'Uses the tenant’s live rules and population statistics. Nothing is cached or fetched from a CRM.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ClassifyBody } } } },
  responses: {
    200: { description: 'The classification', content: { 'application/json': { schema: Classification } } },
    ...errorResponses('bad_request', 'unauthorized', 'payload_too_large', 'rate_limited'),
  },
});

export function registerClassify(app: App) {
  app.openapi(classifyRoute, async (c) => {
    const body = c.req.valid('json');
    const live = await rulesStore(c).current();
    const stats = await statsFor(c, live);
    const result = classify(live.compiled, body.account, {
      asOf: body.asOf ?? c.var.deps.now(),
      lang: requestLang(c, body.lang),
      stats,
      rulesVersion: live.record.version,
    });
    return c.json(result, 200);
  });
}
