import { createRoute, type z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { classifyAccount, withCache } from '../classifier.ts';
import { errorResponses } from '../errors.ts';
import { requestLang } from '../lang.ts';
import { AccountParams, Classification, LangQuery } from '../schemas.ts';
import { accountScope, rawJson } from '../tenant.ts';

export const accountGetRoute = createRoute({
  method: 'get',
  path: '/v1/accounts/{crm}/{id}',
  tags: ['accounts'],
  summary: 'Fetch an account through the CRM connector, classify it, cache it',
  description:
    'Cached per tenant, CRM, account, rules version and language. Past the soft TTL the cached value is served at once (`cache.stale: true`) and refreshed in the background; when the CRM fails, the last good data is served marked stale. Headers: `X-Cache: hit|miss|stale`, `X-Cache-Computed-At`.',
  security: [{ bearer: [] }],
  request: { params: AccountParams, query: LangQuery },
  responses: {
    200: { description: 'The classification with its cache status', content: { 'application/json': { schema: Classification } } },
    ...errorResponses('bad_request', 'unauthorized', 'not_found', 'rate_limited', 'crm_unavailable', 'crm_timeout'),
  },
});

export function registerAccountGet(app: App) {
  app.openapi(accountGetRoute, async (c) => {
    const { crm, id } = c.req.valid('param');
    const scope = await accountScope(c, crm, requestLang(c));
    const served = await classifyAccount(scope, id);
    const xCache = served.cache.stale ? 'stale' : served.cache.hit ? 'hit' : 'miss';
    return rawJson<z.infer<typeof Classification>>(c, withCache(served.json, served.cache), {
      'X-Cache': xCache,
      'X-Cache-Computed-At': served.cache.computedAt,
    });
  });
}
