import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireAdmin } from '../auth.ts';
import { snapshotOf } from '../classifier.ts';
import { errorResponses } from '../errors.ts';
import { Account, AccountParams } from '../schemas.ts';
import { accountScope } from '../tenant.ts';

export const accountSnapshotRoute = createRoute({
  method: 'get',
  path: '/v1/accounts/{crm}/{id}/snapshot',
  tags: ['accounts'],
  summary: 'The account’s data as the engine sees it (admin), for previewing unsaved rules',
  description:
    'The AccountSnapshot the connector produced: cached while fresh, else fetched from the CRM; when the CRM fails, the last snapshot with `cache.stale: true`. The options page classifies it locally with the rules being edited.',
  security: [{ bearer: [] }],
  request: { params: AccountParams },
  responses: {
    200: {
      description: 'The snapshot and where it came from',
      content: {
        'application/json': {
          schema: z.object({
            account: Account,
            cache: z.object({ hit: z.boolean(), stale: z.boolean(), computedAt: z.string() }),
          }),
        },
      },
    },
    ...errorResponses('unauthorized', 'forbidden', 'not_found', 'rate_limited', 'crm_unavailable', 'crm_timeout'),
  },
});

export function registerAccountSnapshot(app: App) {
  app.openapi(accountSnapshotRoute, async (c) => {
    requireAdmin(c);
    const { crm, id } = c.req.valid('param');
    const scope = await accountScope(c, crm, 'en');
    const { snapshot, cache } = await snapshotOf(scope, id);
    return c.json({ account: snapshot, cache }, 200);
  });
}
