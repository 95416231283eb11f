import { createRoute, type z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { lookupAccounts, withCache } from '../classifier.ts';
import { errorResponses } from '../errors.ts';
import { requestLang } from '../lang.ts';
import { CrmParams, LangQuery, LookupBody, LookupResponse } from '../schemas.ts';
import { accountScope, rawJson } from '../tenant.ts';

export const accountLookupRoute = createRoute({
  method: 'post',
  path: '/v1/accounts/{crm}/lookup',
  tags: ['accounts'],
  summary: 'Classify many accounts by id (list views)',
  description:
    'Up to 1,000 ids. Cached classifications are served from KV; only the misses are fetched, in one batched connector call. Ids the CRM does not know are listed in `missing`; when the CRM fails, ids with nothing cached are listed in `unavailable` (all of them: 502/504).',
  security: [{ bearer: [] }],
  request: { params: CrmParams, query: LangQuery, body: { required: true, content: { 'application/json': { schema: LookupBody } } } },
  responses: {
    200: { description: 'Classifications by id', content: { 'application/json': { schema: LookupResponse } } },
    ...errorResponses('bad_request', 'unauthorized', 'not_found', 'payload_too_large', 'rate_limited', 'crm_unavailable', 'crm_timeout'),
  },
});

export function registerAccountLookup(app: App) {
  app.openapi(accountLookupRoute, async (c) => {
    const { crm } = c.req.valid('param');
    const { ids } = c.req.valid('json');
    const scope = await accountScope(c, crm, requestLang(c));
    const { results, missing, unavailable } = await lookupAccounts(scope, ids);
    const parts: string[] = [];
    for (const [id, served] of results) parts.push(`${JSON.stringify(id)}:${withCache(served.json, served.cache)}`);
    return rawJson<z.infer<typeof LookupResponse>>(
      c,
      `{"results":{${parts.join(',')}},"missing":${JSON.stringify(missing)},"unavailable":${JSON.stringify(unavailable)}}`,
    );
  });
}
