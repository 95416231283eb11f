/**
 * The generic webhook format, for CRMs (or middleware such as Zapier) that can send JSON:
 *
 *   POST /v1/webhooks/:crm
 *   { "tenant": "acme", "token": "<webhook token>", "accountIds": ["123", "456"] }
 *
 * or with the tenant and token in headers (`X-TierLens-Tenant`, `X-TierLens-Webhook-Token`)
 * and `{ "accountIds": [...] }` as the body. CRM-specific formats plug in through
 * CrmDefinition.parseWebhook.
 */
import type { WebhookNotice, WebhookParser } from './registry.ts';

export const MAX_WEBHOOK_IDS = 1000;

export const genericWebhook: WebhookParser = ({ headers, body }) => {
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const tenant = typeof b.tenant === 'string' ? b.tenant : headers.get('x-tierlens-tenant');
  const token = typeof b.token === 'string' ? b.token : headers.get('x-tierlens-webhook-token');
  if (!tenant) return { error: 'tenant is required (body field "tenant" or header X-TierLens-Tenant)' };
  if (!token) return { error: 'token is required (body field "token" or header X-TierLens-Webhook-Token)' };
  const ids = b.accountIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 200)) {
    return { error: 'accountIds must be a non-empty array of account id strings' };
  }
  if (ids.length > MAX_WEBHOOK_IDS) return { error: `at most ${MAX_WEBHOOK_IDS} accountIds per notification` };
  const notice: WebhookNotice = { tenant, token, accountIds: [...new Set(ids as string[])] };
  return notice;
};
