import { createRoute, z } from '@hono/zod-openapi';
import type { App } from '../app.ts';
import { invalidateAccounts } from '../classifier.ts';
import { crmDefinition, resolveConnector, webhookParser, webhookToken } from '../connectors/index.ts';
import { describeError } from '../context.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { CrmParams, WebhookResponse } from '../schemas.ts';
import { TENANT_PATTERN } from '../store/kv-keys.ts';
import { RulesStore } from '../store/rules.ts';
import { timingSafeEqual } from '../store/secrets.ts';

export const webhookRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/{crm}',
  tags: ['webhooks'],
  summary: 'A CRM change notification: invalidates those accounts’ cached classifications',
  description:
    'No API key: verified by the tenant’s webhook token (connector secret `webhookToken`). Generic format: `{ "tenant", "token", "accountIds": [...] }`, or tenant and token in the headers `X-TierLens-Tenant` and `X-TierLens-Webhook-Token`. CRM-specific formats are parsed per CRM (Zoho: the `actions/watch` callback, with `?tenant=` in the URL; a changed deal, activity or case invalidates its account, looked up after the token matched). The next request for an invalidated account fetches it again (falling back to the old data, marked stale, if the CRM fails).',
  request: {
    params: CrmParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ tenant: z.string().optional(), token: z.string().optional(), accountIds: z.array(z.string()).optional() })
            .passthrough()
            .openapi('WebhookNotice', {
              example: { tenant: 'demo', token: 'demo-webhook', accountIds: ['4876876000000333003'] },
            }),
        },
      },
    },
  },
  responses: {
    200: { description: 'How many accounts were invalidated', content: { 'application/json': { schema: WebhookResponse } } },
    ...errorResponses('bad_request', 'unauthorized', 'not_found', 'payload_too_large'),
  },
});

export function registerWebhook(app: App) {
  app.openapi(webhookRoute, async (c) => {
    const def = crmDefinition(c.req.valid('param').crm);
    const notice = webhookParser(def)({ headers: c.req.raw.headers, query: new URL(c.req.url).searchParams, body: c.req.valid('json') });
    if ('error' in notice) throw new ApiError('bad_request', notice.error);
    const denied = new ApiError('unauthorized', 'The webhook token does not match');
    if (!TENANT_PATTERN.test(notice.tenant)) throw denied;
    const { demoMode, hardTtlSeconds } = c.var.settings;
    const expected = await webhookToken(c.env.TL_KV, c.env.SECRETS_KEY, notice.tenant, def.id, demoMode);
    if (expected === null || !timingSafeEqual(expected, notice.token)) throw denied;
    const ids = new Set(notice.accountIds);
    if (notice.related?.length) {
      // Records that are not accounts: ask the connector which accounts they belong to. A CRM
      // failure here loses only those ids (their accounts catch up at the next refresh).
      try {
        const now = c.var.deps.now();
        const { connector } = await resolveConnector({
          kv: c.env.TL_KV,
          tenant: notice.tenant,
          crm: def.id,
          demoMode,
          allowDevHosts: c.var.settings.allowDevCrmHosts,
          secretsKey: c.env.SECRETS_KEY,
          now,
          overrides: c.var.deps.connectors,
        });
        for (const id of (await connector.accountsOf?.(notice.related, { now, signal: AbortSignal.timeout(10_000) })) ?? []) ids.add(id);
      } catch (e) {
        c.var.deps.log('warn', 'webhook: could not find the accounts of changed records', {
          tenant: notice.tenant,
          crm: def.id,
          records: notice.related.reduce((n, r) => n + r.ids.length, 0),
          error: describeError(e),
        });
      }
    }
    const { record } = await new RulesStore(c.env.TL_KV, notice.tenant, c.var.deps.now).current();
    const invalidated = await invalidateAccounts(c.env.TL_KV, notice.tenant, def.id, record.version, [...ids], hardTtlSeconds);
    return c.json({ invalidated }, 200);
  });
}
