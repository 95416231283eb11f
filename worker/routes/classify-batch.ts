import { createRoute } from '@hono/zod-openapi';
import { classify } from '../../shared/index.ts';
import type { App } from '../app.ts';
import { errorResponses } from '../errors.ts';
import { requestLang } from '../lang.ts';
import { BatchBody, BatchResponse } from '../schemas.ts';
import { rulesStore, statsFor } from '../tenant.ts';

export const classifyBatchRoute = createRoute({
  method: 'post',
  path: '/v1/classify/batch',
  tags: ['classify'],
  summary: 'Classify up to 1,000 account snapshots',
  description:
    'Results come back in the order of `accounts`. A validation error names the account: `accounts[12].orders[0].closedAt`. More than 1,000 accounts: 413.',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: BatchBody } } } },
  responses: {
    200: { description: 'One classification per account', content: { 'application/json': { schema: BatchResponse } } },
    ...errorResponses('bad_request', 'unauthorized', 'payload_too_large', 'rate_limited'),
  },
});

export function registerClassifyBatch(app: App) {
  app.openapi(classifyBatchRoute, async (c) => {
    const body = c.req.valid('json');
    const live = await rulesStore(c).current();
    const stats = await statsFor(c, live);
    const opts = { asOf: body.asOf ?? c.var.deps.now(), lang: requestLang(c, body.lang), stats, rulesVersion: live.record.version };
    const results = body.accounts.map((account) => classify(live.compiled, account, opts));
    return c.json({ results }, 200);
  });
}
