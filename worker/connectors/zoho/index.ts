/** The Zoho CRM connector: what the worker, tests and the benchmark use. */
export { DEFAULT_RETRY, type RetryPolicy, ZohoApi } from './client.ts';
export {
  CHANNEL_DAYS,
  createZohoConnector,
  RENEW_WITHIN_MS,
  resetRecordOwners,
  ZohoConnector,
  type ZohoConnectorOptions,
  zohoDateTime,
} from './connector.ts';
export { zohoDefinition } from './definition.ts';
export { isRealApiDomain, ZOHO_DC_IDS, ZOHO_DCS, type ZohoDc } from './hosts.ts';
export { MINT_BUDGET, resetTokenMemo, TokenManager, ZOHO_SCOPES } from './oauth.ts';
export { ACCOUNTS_PER_QUERY, inCriteria } from './queries.ts';
export { INTERACTION_MODULES, ZOHO_SECRET_NAMES, type ZohoSettings, ZohoSettingsSchema } from './settings.ts';
export { parseZohoWebhook } from './webhook.ts';
