/**
 * The Zoho connector's per-tenant settings (public; secrets are `clientId`, `clientSecret`,
 * `refreshToken`, plus the `webhookToken` every CRM has). Field API names are the admin's own:
 * Zoho custom fields have admin-chosen API names (zoho.md §2), so nothing here is guessed.
 */
import { z } from '@hono/zod-openapi';
import { ZOHO_DC_IDS } from './hosts.ts';

export const ZOHO_SECRET_NAMES = ['clientId', 'clientSecret', 'refreshToken'] as const;

/** Modules whose records count as interactions: Calls, Events (meetings), Tasks (closed) and Cases (tickets). */
export const INTERACTION_MODULES = ['Calls', 'Events', 'Tasks', 'Cases'] as const;
export type InteractionModule = (typeof INTERACTION_MODULES)[number];

const apiName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'expected a Zoho field API name, e.g. Customer_Satisfaction')
  .openapi({ example: 'Customer_Satisfaction' });

const baseUrl = z
  .string()
  .max(500)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, 'expected an absolute http(s) URL without credentials, query or fragment');

export const ZohoFieldsSchema = z
  .object({
    csat: apiName.optional().openapi({ description: 'Number field holding the latest CSAT score (1-5)' }),
    csatDate: apiName.optional().openapi({ description: 'Date field: when the CSAT score was given (else the account’s Modified_Time)' }),
    nps: apiName.optional().openapi({ description: 'Number field holding the latest NPS answer (0-10)' }),
    npsDate: apiName.optional().openapi({ description: 'Date field: when the NPS answer was given (else Modified_Time)' }),
    referrals: apiName.optional().openapi({ description: 'Number field: referrals made by the account' }),
    referralsDate: apiName.optional().openapi({ description: 'Date field: when the latest referral was made (else Modified_Time)' }),
    annualAgreement: apiName.optional().openapi({ description: 'Boolean field: the account has an annual agreement' }),
    keyAccount: apiName.optional().openapi({ description: 'Boolean field: the account is a key account' }),
    personality: apiName.optional().openapi({ description: 'Text or picklist field: personality / communication type' }),
    overdueAmount: apiName.optional().openapi({ description: 'Currency field: amount overdue' }),
    dealCategory: apiName.optional().openapi({ description: 'Deals field used as the order category (e.g. Type)' }),
    extra: z
      .array(apiName)
      .max(20)
      .optional()
      .openapi({ description: 'More Accounts fields to copy into the snapshot (`field.<name>` in rules)' }),
  })
  .strict();

export const ZohoSettingsSchema = z
  .object({
    dc: z.enum(ZOHO_DC_IDS).default('com').openapi({ description: 'The data centre the Zoho org lives in' }),
    accountsUrl: baseUrl
      .optional()
      .openapi({ description: 'Development only (ALLOW_DEV_CRM_HOSTS): the accounts server instead of the DC’s, e.g. the simulator' }),
    apiDomain: baseUrl.optional().openapi({ description: 'Development only: the API base instead of the token response’s api_domain' }),
    fields: ZohoFieldsSchema.default({}),
    stages: z
      .object({
        won: z.array(z.string().min(1).max(120)).min(1).max(50).optional(),
        lost: z.array(z.string().min(1).max(120)).max(50).optional(),
      })
      .strict()
      .default({})
      .openapi({
        description:
          'Deal stages that mean won and lost (pipelines are custom); every other stage is open. Default: won = Closed Won; lost = Closed Lost, Closed-Lost to Competition',
      }),
    interactionModules: z
      .array(z.enum(INTERACTION_MODULES))
      .max(4)
      .refine((list) => new Set(list).size === list.length, 'name each module once')
      .default([...INTERACTION_MODULES])
      .openapi({ description: 'Modules counted as interactions; each costs one API call per batch of accounts' }),
    maxConcurrency: z.number().int().min(1).max(20).default(6).openapi({ description: 'Parallel Zoho API calls per tenant and isolate' }),
  })
  .strict();

export type ZohoSettings = z.infer<typeof ZohoSettingsSchema>;
export type ZohoFields = z.infer<typeof ZohoFieldsSchema>;

export const DEFAULT_WON_STAGES = ['Closed Won'];
/** Zoho's display value is "Closed-Lost to Competition", its actual value "Closed Lost to Competition" (zoho.md §2). */
export const DEFAULT_LOST_STAGES = ['Closed Lost', 'Closed-Lost to Competition', 'Closed Lost to Competition'];
