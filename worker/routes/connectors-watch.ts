import { createRoute } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { actorName, requireAdmin } from '../auth.ts';
import { readConnectorDoc, WEBHOOK_TOKEN, webhookToken, writeConnectorDoc } from '../connectors/index.ts';
import { ConnectorError } from '../connectors/types.ts';
import { ApiError, CODE_OF_CONNECTOR_ERROR, errorResponses } from '../errors.ts';
import { CrmParams, WatchBody, WatchResponse } from '../schemas.ts';
import { connectorFor } from '../tenant.ts';

export const connectorsWatchRoute = createRoute({
  method: 'post',
  path: '/v1/connectors/{crm}/watch',
  tags: ['connectors'],
  summary: 'Subscribe to the CRM’s change notifications (admin)',
  description:
    'The CRM will call `/v1/webhooks/{crm}?tenant=<tenant>` (or `notifyUrl`) with the tenant’s webhook token, which is generated and stored when none is set. Zoho channels expire after at most a week; the daily cron renews them.',
  security: [{ bearer: [] }],
  'x-role': 'admin',
  request: { params: CrmParams, body: { required: false, content: { 'application/json': { schema: WatchBody } } } },
  responses: {
    200: { description: 'The channel', content: { 'application/json': { schema: WatchResponse } } },
    ...errorResponses('bad_request', 'unauthorized', 'forbidden', 'not_found', 'rate_limited', 'crm_unavailable', 'crm_timeout'),
  },
});

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(30));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function registerConnectorsWatch(app: App) {
  app.openapi(connectorsWatchRoute, async (c) => {
    const principal = requireAdmin(c);
    const { crm } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const { def, connector } = await connectorFor(c, crm);
    if (!connector.watch) throw new ApiError('not_found', `The ${def.id} connector has no change notifications`);
    const tenant = principal.tenant;
    const now = c.var.deps.now();
    const { demoMode } = c.var.settings;
    let token = await webhookToken(c.env.TL_KV, c.env.SECRETS_KEY, tenant, def.id, demoMode);
    if (token === null) {
      // No token yet: make one (40 characters, inside Zoho's limit of 50) and store it with the other secrets.
      token = randomToken();
      const doc = await readConnectorDoc(c.env.TL_KV, tenant, def.id);
      await writeConnectorDoc(
        c.env.TL_KV,
        c.env.SECRETS_KEY,
        tenant,
        def,
        { settings: doc?.settings ?? {}, secrets: { [WEBHOOK_TOKEN]: token } },
        actorName(principal),
        now,
      );
    }
    const notifyUrl = body.notifyUrl ?? `${new URL(c.req.url).origin}/v1/webhooks/${def.id}?tenant=${encodeURIComponent(tenant)}`;
    try {
      const channel = await connector.watch({ notifyUrl, token }, { now, signal: AbortSignal.timeout(20_000) });
      return c.json({ crm: def.id, ...channel }, 200);
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      throw new ApiError(CODE_OF_CONNECTOR_ERROR[e.kind], `The ${def.id} CRM refused the subscription (${e.kind}): ${e.message}`, {
        cause: e,
      });
    }
  });
}
