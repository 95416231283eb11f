/**
 * The Fxiaoke connector's per-tenant settings (public) and secret names. Secrets: `appSecret`
 * and `permanentCode` (永久授权码), plus the `webhookToken` every CRM has (Fxiaoke sends no change
 * notifications, so it only matters for the generic webhook format).
 *
 * Option values of select fields differ per tenant (fxiaoke.md §3: "always call object/describe
 * per tenant"), so statuses and levels are named here by their labels (进行中, 输单, 重要客户…);
 * the connector reads each tenant's options from `object/describe` and also accepts option values.
 * Custom fields and objects (`__c`) have tenant-generated API names, so they are configured here
 * and never guessed.
 */
import { z } from '@hono/zod-openapi';
import { INTERACTION_KINDS } from '../../../shared/schema.ts';
import { normaliseBaseUrl } from '../common/url.ts';
import { FXIAOKE_CLOUD_IDS } from './hosts.ts';

export const FXIAOKE_SECRET_NAMES = ['appSecret', 'permanentCode'] as const;

const apiName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'expected an API name as object/describe shows it, e.g. field_nps__c')
  .openapi({ example: 'field_nps__c' });

const optionNames = z.array(z.string().min(1).max(100)).max(30);

export const FxiaokeFieldsSchema = z
  .object({
    annualAgreement: apiName
      .optional()
      .openapi({ description: 'AccountObj true_or_false field: the account has an annual supply agreement' }),
    keyAccount: apiName.optional().openapi({ description: 'AccountObj true_or_false field: a key account (besides keyAccountLevels)' }),
    personality: apiName.optional().openapi({ description: 'AccountObj text or select field: personality / communication type' }),
    overdueAmount: apiName.optional().openapi({ description: 'AccountObj currency field: amount overdue' }),
    employees: apiName.optional().openapi({ description: 'AccountObj number field: number of employees' }),
    annualRevenue: apiName.optional().openapi({ description: 'AccountObj currency field: annual revenue' }),
    csat: apiName.optional().openapi({ description: 'AccountObj number field: the latest CSAT score (1-5)' }),
    csatDate: apiName.optional().openapi({ description: 'AccountObj date field: when csat was given (else last_modified_time)' }),
    nps: apiName.optional().openapi({ description: 'AccountObj number field: the latest NPS answer (0-10)' }),
    npsDate: apiName.optional().openapi({ description: 'AccountObj date field: when nps was given (else last_modified_time)' }),
    referrals: apiName.optional().openapi({ description: 'AccountObj number field: referrals made by the account' }),
    referralsDate: apiName
      .optional()
      .openapi({ description: 'AccountObj date field: when the latest referral was made (else last_modified_time)' }),
    extra: z
      .array(apiName)
      .max(20)
      .optional()
      .openapi({ description: 'More AccountObj fields copied into the snapshot (`field.<name>` in rules)' }),
  })
  .strict();

export const SurveyObjectSchema = z
  .object({
    object: apiName.openapi({ description: 'The object holding survey answers, e.g. object_survey__c' }),
    accountField: apiName.openapi({ description: 'Its lookup field to AccountObj' }),
    scoreField: apiName.openapi({ description: 'Its number field with the score' }),
    dateField: apiName.optional().openapi({ description: 'Its date field: when the answer was given (else create_time)' }),
    kindField: apiName.optional().openapi({ description: 'Its field telling CSAT from NPS answers (else every row is `kind`)' }),
    kind: z.enum(['csat', 'nps']).optional().openapi({ description: 'The kind of every row, when there is no kindField' }),
    csatValues: optionNames.default(['csat']).openapi({ description: 'kindField values (or labels) meaning CSAT' }),
    npsValues: optionNames.default(['nps', 'NPS']).openapi({ description: 'kindField values (or labels) meaning NPS' }),
  })
  .strict()
  .refine((s) => s.kindField !== undefined || s.kind !== undefined, 'either kindField or kind is required');

export const ReferralObjectSchema = z
  .object({
    object: apiName.openapi({ description: 'The object recording referrals, e.g. object_referral__c' }),
    accountField: apiName.openapi({ description: 'Its lookup field to the referring AccountObj' }),
    dateField: apiName.optional().openapi({ description: 'Its date field (else create_time)' }),
  })
  .strict();

const baseUrl = z
  .string()
  .max(500)
  .refine((s) => normaliseBaseUrl(s) !== null, 'expected an absolute http(s) URL without credentials, query or fragment');

export const FxiaokeSettingsSchema = z
  .object({
    cloud: z.enum(FXIAOKE_CLOUD_IDS).default('fxiaoke').openapi({ description: 'The tenant’s cloud: its OpenAPI gateway (fxiaoke.md §1)' }),
    baseUrl: baseUrl
      .optional()
      .openapi({ description: 'Development only (ALLOW_DEV_CRM_HOSTS): the gateway instead of the cloud’s, e.g. the simulator' }),
    authMode: z
      .enum(['new', 'old'])
      .default('new')
      .openapi({ description: 'new: /oauth2.0/token and x-fs-* headers (default); old: corpAccessToken in the body (fxiaoke.md §7)' }),
    appId: z.string().regex(/^FSAID_[A-Za-z0-9]{1,64}$/, 'expected the self-built app’s appId, FSAID_…'),
    operatorUserId: z.string().min(1).max(100).openapi({
      description:
        'Whose data permissions the calls use (use the CRM administrator): new auth, the CRM employee id (e.g. 1000); old auth, the openUserId (FSUID_…)',
    }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('CNY'),
    opportunityObject: z
      .enum(['NewOpportunityObj', 'OpportunityObj'])
      .default('NewOpportunityObj')
      .openapi({ description: '商机2.0 or the legacy 商机' }),
    keyAccountLevels: optionNames
      .default(['重要客户'])
      .openapi({ description: 'account_level labels (or values) that make a key account' }),
    opportunityStatus: z
      .object({ open: optionNames.default(['进行中']), lost: optionNames.default(['输单']) })
      .strict()
      .prefault({})
      .openapi({ description: 'sales_status labels (or values) for open pipeline and lost deals; others (赢单, 无效) are skipped' }),
    orderLifeStatus: z
      .object({ won: optionNames.default(['normal']), open: optionNames.default(['under_review', 'in_change']) })
      .strict()
      .prefault({})
      .openapi({ description: 'SalesOrderObj life_status values counted as won and as open; others (ineffective, invalid) are skipped' }),
    interactionKinds: z
      .record(z.string().min(1).max(100), z.enum(INTERACTION_KINDS))
      .default({})
      .openapi({ description: 'interactive_types label (or value) -> interaction kind, on top of the built-in Chinese labels' }),
    interactionTimeField: apiName.default('create_time').openapi({ description: 'ActiveRecordObj field with the time of the follow-up' }),
    interactionAccountField: apiName.default('account_id').openapi({
      description: 'ActiveRecordObj lookup field to the customer (check object/describe: tenants relate follow-ups differently)',
    }),
    interactionLookbackDays: z
      .number()
      .int()
      .min(30)
      .max(3650)
      .default(365)
      .openapi({ description: 'Follow-up records older than this are not read' }),
    fields: FxiaokeFieldsSchema.default({}),
    surveys: z.array(SurveyObjectSchema).max(4).default([]).openapi({ description: 'Custom objects holding CSAT / NPS answers' }),
    referrals: ReferralObjectSchema.optional(),
    callsPer20s: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(60)
      .openapi({ description: 'Calls per endpoint per 20 s this worker allows itself (the gateway allows 60, newer docs say 100)' }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const fsuid = s.operatorUserId.startsWith('FSUID_');
    if (s.authMode === 'old' && !fsuid)
      ctx.addIssue({ code: 'custom', path: ['operatorUserId'], message: 'old auth needs the operator’s openUserId (FSUID_…)' });
    if (s.authMode === 'new' && fsuid)
      ctx.addIssue({
        code: 'custom',
        path: ['operatorUserId'],
        message: 'new auth needs the operator’s CRM employee id (e.g. 1000), not an FSUID_',
      });
  });

export type FxiaokeSettings = z.infer<typeof FxiaokeSettingsSchema>;
export type SurveyObject = z.infer<typeof SurveyObjectSchema>;
