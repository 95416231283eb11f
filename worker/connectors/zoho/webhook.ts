/**
 * Zoho's change-notification callback (zoho.md §5), POSTed to the channel's notify_url
 * (`/v1/webhooks/zoho?tenant=<tenant>`):
 *
 *   {"server_time":…, "query_params":{"tenant":"acme"}, "module":"Deals", "resource_uri":"…",
 *    "ids":["…"], "operation":"insert|update|delete", "channel_id":"…", "token":"…",
 *    "affected_fields":[…], "affected_values":[{"record_id":"…","values":{…}}]}
 *
 * It carries no signature: the echoed `token` (the tenant's webhook token) is the proof, checked
 * by the route. Accounts ids invalidate directly. Other modules' ids are records whose account
 * must be found: from `affected_values` when the change itself names the account (the channel
 * asks for `return_affected_field_values`), otherwise through the connector's `accountsOf` (a
 * remembered mapping or one COQL call), which the route runs only after the token matched.
 */
import type { WebhookNotice, WebhookParser } from '../registry.ts';
import type { RelatedChange } from '../types.ts';
import { MAX_WEBHOOK_IDS } from '../webhooks.ts';
import { lookupId } from './mapping.ts';

const OPERATIONS = new Set(['insert', 'update', 'delete']);
/** Module -> the field that points at the account. */
const ACCOUNT_LOOKUP: Record<string, string> = {
  Deals: 'Account_Name',
  Cases: 'Account_Name',
  Calls: 'What_Id',
  Events: 'What_Id',
  Tasks: 'What_Id',
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const parseZohoWebhook: WebhookParser = ({ query, body }) => {
  if (!isObject(body)) return { error: 'expected a Zoho notification: a JSON object with module, ids, operation and token' };
  const params = isObject(body.query_params) ? body.query_params : {};
  const tenant = query.get('tenant') ?? (typeof params.tenant === 'string' ? params.tenant : null);
  if (!tenant) return { error: 'tenant is required: subscribe with a notify_url ending in ?tenant=<tenant>' };
  const token = body.token;
  if (typeof token !== 'string' || token === '') return { error: 'token is required (Zoho echoes the channel’s verification token)' };
  const module = body.module;
  if (typeof module !== 'string') return { error: 'module is required' };
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && /^\d{1,19}$/.test(id))) {
    return { error: 'ids must be a non-empty array of Zoho record ids' };
  }
  if (ids.length > MAX_WEBHOOK_IDS) return { error: `at most ${MAX_WEBHOOK_IDS} ids per notification` };
  const operation =
    typeof body.operation === 'string' && OPERATIONS.has(body.operation) ? (body.operation as RelatedChange['operation']) : undefined;
  const unique = [...new Set(ids as string[])];
  if (module === 'Accounts') return { tenant, token, accountIds: unique } satisfies WebhookNotice;
  const lookup = ACCOUNT_LOOKUP[module];
  if (!lookup) return { error: `notifications for module ${module.slice(0, 50)} are not used by TierLens` };
  const accountIds = new Set<string>();
  const named = new Set<string>();
  if (Array.isArray(body.affected_values)) {
    for (const entry of body.affected_values) {
      if (!isObject(entry) || typeof entry.record_id !== 'string' || !isObject(entry.values)) continue;
      const account = lookupId(entry.values[lookup]);
      if (account && /^\d{1,19}$/.test(account)) {
        accountIds.add(account);
        named.add(entry.record_id);
      }
    }
  }
  const rest = unique.filter((id) => !named.has(id));
  const notice: WebhookNotice = { tenant, token, accountIds: [...accountIds] };
  if (rest.length) notice.related = [{ module, ids: rest, ...(operation ? { operation } : {}) }];
  return notice;
};
