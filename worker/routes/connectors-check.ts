import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireAdmin } from '../auth.ts';
import { ConnectorError } from '../connectors/types.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { ConnectorCheckResponse, CrmParams } from '../schemas.ts';
import { connectorFor } from '../tenant.ts';

export const connectorsCheckRoute = createRoute({
  method: 'post',
  path: '/v1/connectors/{crm}/check',
  tags: ['connectors'],
  summary: 'Check the stored CRM credentials and settings against the CRM (admin)',
  description:
    'Calls the CRM with the stored settings (Zoho: mints an access token, reads `GET /crm/v8/org` and selects the configured fields). Answers 200 either way: `ok` says whether the CRM accepted them, `problem` says what to fix.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { params: CrmParams },
  responses: {
    200: { description: 'The outcome of the check', content: { 'application/json': { schema: ConnectorCheckResponse } } },
    ...errorResponses('unauthorized', 'forbidden', 'not_found', 'rate_limited'),
  },
});

export function registerConnectorsCheck(app: App) {
  app.openapi(connectorsCheckRoute, async (c) => {
    requireAdmin(c);
    const { crm } = c.req.valid('param');
    const { def, connector } = await connectorFor(c, crm);
    if (!connector.check) throw new ApiError('not_found', `The ${def.id} connector has no credentials to check`);
    const now = c.var.deps.now();
    const checkedAt = new Date(now).toISOString();
    try {
      const { details } = await connector.check({ now, signal: AbortSignal.timeout(20_000) });
      return c.json({ crm: def.id, ok: true, checkedAt, details }, 200);
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      return c.json({ crm: def.id, ok: false, checkedAt, problem: { kind: e.kind, message: e.message } }, 200);
    }
  });
}
