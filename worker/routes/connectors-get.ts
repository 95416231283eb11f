import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { requireAdmin } from '../auth.ts';
import { crmDefinition, isBuiltIn, readConnectorDoc, redactConnectorDoc } from '../connectors/index.ts';
import { errorResponses } from '../errors.ts';
import { ConnectorView, CrmParams } from '../schemas.ts';

export const connectorsGetRoute = createRoute({
  method: 'get',
  path: '/v1/connectors/{crm}',
  tags: ['connectors'],
  summary: 'The tenant’s settings for a CRM (admin); secrets redacted',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { params: CrmParams },
  responses: {
    200: {
      description: 'The settings; secrets appear only as `{ "hasSecret": true }`',
      content: { 'application/json': { schema: ConnectorView } },
    },
    ...errorResponses('unauthorized', 'forbidden', 'not_found', 'rate_limited'),
  },
});

export function registerConnectorsGet(app: App) {
  app.openapi(connectorsGetRoute, async (c) => {
    requireAdmin(c);
    const def = crmDefinition(c.req.valid('param').crm);
    const tenant = c.var.principal.tenant;
    const doc = await readConnectorDoc(c.env.TL_KV, tenant, def.id);
    return c.json(redactConnectorDoc(doc, def.id, isBuiltIn(tenant, def.id, c.var.settings.demoMode)), 200);
  });
}
