import { createRoute } from '@hono/zod-openapi';
import { zodIssues } from '../../shared/index.ts';
import type { App } from '../app.ts';
import { actorName, requireAdmin } from '../auth.ts';
import { allowedSecretNames, crmDefinition, isBuiltIn, redactConnectorDoc, writeConnectorDoc } from '../connectors/index.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { ConnectorView, CrmParams, PutConnectorBody } from '../schemas.ts';

export const connectorsPutRoute = createRoute({
  method: 'put',
  path: '/v1/connectors/{crm}',
  tags: ['connectors'],
  summary: 'Configure a CRM for the tenant (admin)',
  description:
    'Settings are checked against the CRM’s schema. Secrets are encrypted (AES-GCM) before they are stored and are never returned.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { params: CrmParams, body: { required: true, content: { 'application/json': { schema: PutConnectorBody } } } },
  responses: {
    200: { description: 'The stored settings, secrets redacted', content: { 'application/json': { schema: ConnectorView } } },
    ...errorResponses('bad_request', 'unauthorized', 'forbidden', 'not_found', 'payload_too_large', 'rate_limited'),
  },
});

export function registerConnectorsPut(app: App) {
  app.openapi(connectorsPutRoute, async (c) => {
    const principal = requireAdmin(c);
    const def = crmDefinition(c.req.valid('param').crm);
    const body = c.req.valid('json');
    const parsed = def.settingsSchema.safeParse(body.settings);
    if (!parsed.success)
      throw new ApiError('bad_request', `Invalid ${def.id} settings`, { details: { issues: zodIssues(parsed.error, ['settings']) } });
    const problems = def.settingsProblems?.(parsed.data, { allowDevHosts: c.var.settings.allowDevCrmHosts }) ?? [];
    if (problems.length)
      throw new ApiError('bad_request', `Invalid ${def.id} settings for this deployment`, { details: { issues: problems } });
    const allowed = allowedSecretNames(def);
    const unknown = Object.keys(body.secrets).filter((name) => !allowed.includes(name));
    if (unknown.length) {
      throw new ApiError('bad_request', `Unknown secret field(s) for ${def.id}; expected ${allowed.join(', ')}`, {
        details: { issues: unknown.map((name) => ({ path: `secrets.${name}`, message: 'unknown secret field' })) },
      });
    }
    const tenant = principal.tenant;
    const doc = await writeConnectorDoc(
      c.env.TL_KV,
      c.env.SECRETS_KEY,
      tenant,
      def,
      { settings: parsed.data, secrets: body.secrets },
      actorName(principal),
      c.var.deps.now(),
    );
    return c.json(redactConnectorDoc(doc, def.id, isBuiltIn(tenant, def.id, c.var.settings.demoMode)), 200);
  });
}
