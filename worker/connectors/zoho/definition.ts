/**
 * Zoho CRM in the registry. Set-up, as an admin:
 *
 *   PUT  /v1/connectors/zoho         {"settings": {"dc": "eu", "fields": {...}},
 *                                     "secrets": {"clientId": "…", "clientSecret": "…", "refreshToken": "…"}}
 *   POST /v1/connectors/zoho/check   mints a token, reads GET /crm/v8/org, checks the field names
 *   POST /v1/connectors/zoho/watch   subscribes to change notifications (renewed by the cron)
 *
 * The refresh token comes from a Zoho "self client" (api-console.zoho.<dc>) with the scopes in
 * ZOHO_SCOPES, generated in the data centre the org lives in.
 */
import type { CrmDefinition } from '../registry.ts';
import { createZohoConnector } from './connector.ts';
import { ZOHO_SECRET_NAMES, ZohoSettingsSchema } from './settings.ts';
import { parseZohoWebhook } from './webhook.ts';

export const zohoDefinition: CrmDefinition = {
  id: 'zoho',
  label: 'Zoho CRM',
  settingsSchema: ZohoSettingsSchema,
  secretNames: ZOHO_SECRET_NAMES,
  create: (input) => createZohoConnector(input),
  parseWebhook: parseZohoWebhook,
  settingsProblems: (settings, { allowDevHosts }) =>
    allowDevHosts
      ? []
      : (['accountsUrl', 'apiDomain'] as const)
          .filter((name) => settings[name] !== undefined)
          .map((name) => ({
            path: `settings.${name}`,
            message: 'only allowed in local development (ALLOW_DEV_CRM_HOSTS); set settings.dc to the org’s data centre instead',
          })),
};
