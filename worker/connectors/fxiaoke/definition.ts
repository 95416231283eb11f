/**
 * 纷享销客 (Fxiaoke / ShareCRM) in the registry. Set-up, as an admin:
 *
 *   PUT  /v1/connectors/fxiaoke   {"settings": {"cloud": "fxiaoke", "appId": "FSAID_…", "operatorUserId": "1000", ...},
 *                                  "secrets": {"appSecret": "…", "permanentCode": "…"}}
 *   POST /v1/connectors/fxiaoke/check   fetches a token, reads object/describe and one customer
 *
 * The app is a self-built app (企业自建应用) in development mode, with the worker's egress allowed
 * by its IP whitelist (fxiaoke.md §1: Workers have no fixed egress IPs, a deployment risk), and
 * the enterprise must have OpenAPI quota. `operatorUserId` decides what the calls may see: use
 * the CRM administrator. Changes are polled by the cron trigger (no webhook exists).
 */
import type { CrmDefinition } from '../registry.ts';
import { createFxiaokeConnector } from './connector.ts';
import { FXIAOKE_SECRET_NAMES, FxiaokeSettingsSchema } from './settings.ts';

export const fxiaokeDefinition: CrmDefinition = {
  id: 'fxiaoke',
  label: '纷享销客 (Fxiaoke)',
  settingsSchema: FxiaokeSettingsSchema,
  secretNames: FXIAOKE_SECRET_NAMES,
  create: (input) => createFxiaokeConnector(input),
  settingsProblems: (settings, { allowDevHosts }) =>
    !allowDevHosts && settings.baseUrl !== undefined
      ? [
          {
            path: 'settings.baseUrl',
            message: 'only allowed in local development (ALLOW_DEV_CRM_HOSTS); set settings.cloud to the tenant’s cloud instead',
          },
        ]
      : [],
};
