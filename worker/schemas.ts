/**
 * Request and response schemas of the HTTP API, for validation and the OpenAPI document.
 * Account and rule schemas come from shared/ (the contracts); these wrap them.
 */
import { z } from '@hono/zod-openapi';
import {
  AccountSnapshotSchema,
  ClassificationSchema,
  IsoDateTime,
  LangSchema,
  PopulationStatsSchema,
  RuleSetSchema,
} from '../shared/index.ts';
import { DEMO_FEATURED } from './connectors/demo/index.ts';

export const MAX_BATCH = 1000;

export const exampleAccount = {
  crm: 'demo',
  id: '4876876000000333001',
  name: '上海金丰易居',
  createdAt: '2021-03-04T08:00:00Z',
  currency: 'CNY',
  attributes: { industry: 'Real estate', country: 'CN', city: 'Shanghai', employees: 1200 },
  flags: { annualAgreement: false, keyAccount: true },
  orders: [{ id: 'd1', amount: 1200000, status: 'won', closedAt: '2026-09-01T00:00:00Z', category: 'licenses' }],
  interactions: [{ kind: 'call', at: '2026-11-02T03:00:00Z' }],
  surveys: [{ kind: 'nps', score: 9, at: '2026-10-01T00:00:00Z' }],
};

export const Account = AccountSnapshotSchema.openapi('AccountSnapshot', { example: exampleAccount });

export const CacheInfoSchema = z.object({
  hit: z.boolean().openapi({ description: 'Served from the cache (no CRM call in this request)' }),
  stale: z.boolean().openapi({ description: 'Older than the soft TTL, or the CRM failed: a refresh is under way or pending' }),
  computedAt: z.string().openapi({ description: 'When the account data was fetched from the CRM' }),
});

export const Classification = ClassificationSchema.extend({ cache: CacheInfoSchema.optional() }).openapi('Classification');

/** Documented as a rule set; checked by validateRuleSet (which reports semantic issues zod cannot). */
export const RuleSetDoc = z
  .custom<unknown>(() => true)
  .openapi('RuleSet', {
    type: 'object',
    description:
      'A rule set (see the Rules contract): `{ schemaVersion: 1, headline, chips?, dimensions: [{ id, label, tiers: [{ id, label, tips, color, icon, cadence?, when }] }] }`',
    example: { schemaVersion: 1, headline: 'value', dimensions: [] },
  });

void RuleSetSchema; // the contract RuleSetDoc describes

const Lang = LangSchema.optional().openapi({ description: 'zh or en; defaults to ?lang=, then Accept-Language, then en' });
const AsOf = IsoDateTime.optional().openapi({ description: 'Evaluation time (ISO 8601 with a zone); defaults to now' });

export const ClassifyBody = z
  .object({ account: Account, asOf: AsOf, lang: Lang })
  .openapi('ClassifyRequest', { example: { account: exampleAccount, lang: 'en' } });

export const BatchBody = z
  .object({ accounts: z.array(Account).min(1).max(MAX_BATCH), asOf: AsOf, lang: Lang })
  .openapi('ClassifyBatchRequest', { example: { accounts: [exampleAccount], lang: 'zh' } });

export const BatchResponse = z.object({ results: z.array(Classification) }).openapi('ClassifyBatchResponse');

export const LookupBody = z
  .object({ ids: z.array(z.string().min(1).max(200)).min(1).max(MAX_BATCH) })
  .openapi('LookupRequest', { example: { ids: [DEMO_FEATURED.strategic, DEMO_FEATURED.vip, 'no-such-id'] } });

export const LookupResponse = z
  .object({
    results: z.record(z.string(), Classification).openapi({ description: 'Classifications by account id' }),
    missing: z.array(z.string()).openapi({ description: 'Ids the CRM does not know' }),
    unavailable: z.array(z.string()).openapi({ description: 'Ids not classified because the CRM failed and nothing was cached' }),
  })
  .openapi('LookupResponse');

export const CrmParams = z.object({
  crm: z
    .string()
    .min(1)
    .max(50)
    .openapi({ param: { name: 'crm', in: 'path' }, example: 'demo' }),
});

export const AccountParams = CrmParams.extend({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: DEMO_FEATURED.vip }),
});

export const LangQuery = z.object({
  lang: z
    .enum(['zh', 'en'])
    .optional()
    .openapi({ param: { name: 'lang', in: 'query' }, description: 'Response language (else Accept-Language)' }),
});

export const RulesRecordSchema = z
  .object({
    version: z.number().int(),
    rules: RuleSetDoc,
    updatedAt: z.string(),
    updatedBy: z.string(),
    restoredFrom: z.number().int().optional(),
  })
  .openapi('RulesVersion');

export const PutRulesBody = z.object({ rules: RuleSetDoc }).openapi('PutRulesRequest');

export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({
      param: { name: 'if-match', in: 'header' },
      description: 'The version being replaced, as GET /v1/rules returned it in ETag (e.g. "3"). Required.',
      example: '"1"',
    }),
});

export const RulesHistoryResponse = z
  .object({
    current: z.number().int(),
    versions: z.array(
      z.object({ version: z.number().int(), updatedAt: z.string(), updatedBy: z.string(), restoredFrom: z.number().int().optional() }),
    ),
  })
  .openapi('RulesHistory');

export const VersionParams = z.object({
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'expected a version number')
    .openapi({ param: { name: 'version', in: 'path' }, example: '1' }),
});

export const RollbackBody = z.object({ version: z.number().int().min(1) }).openapi('RollbackRequest', { example: { version: 1 } });

export const PreviewBody = z
  .object({
    rules: RuleSetDoc,
    account: Account.optional(),
    accountId: z.string().min(1).max(200).optional(),
    crm: z.string().min(1).max(50).optional(),
    asOf: AsOf,
    lang: Lang,
  })
  .openapi('PreviewRequest', { description: 'Either `account`, or `accountId` and `crm` (fetched through the connector)' });

export const StatsResponse = z
  .object({
    rulesVersion: z.number().int(),
    computedAt: z.string().nullable(),
    crms: z.array(z.string()),
    stats: PopulationStatsSchema.nullable(),
  })
  .openapi('PopulationStats');

export const WebhookResponse = z.object({ invalidated: z.number().int() }).openapi('WebhookResponse');

export const ConnectorCheckResponse = z
  .object({
    crm: z.string(),
    ok: z.boolean().openapi({ description: 'True when the CRM accepted the stored credentials and settings' }),
    checkedAt: z.string(),
    details: z.record(z.string(), z.unknown()).optional().openapi({ description: 'What the CRM reported (org, data centre, API host)' }),
    problem: z
      .object({ kind: z.enum(['unavailable', 'timeout', 'auth', 'rate_limited', 'bad_response']), message: z.string() })
      .optional()
      .openapi({ description: 'Why the check failed, in words an admin can act on' }),
  })
  .openapi('ConnectorCheck');

export const WatchBody = z
  .object({
    notifyUrl: z
      .url({ protocol: /^https?$/ })
      .max(1000)
      .optional()
      .openapi({ description: 'Where the CRM sends notifications; default: this worker’s /v1/webhooks/{crm}?tenant=<tenant>' }),
  })
  .openapi('WatchRequest');

export const WatchResponse = z
  .object({
    crm: z.string(),
    channelId: z.string(),
    expiresAt: z.string(),
    events: z.array(z.string()),
    notifyUrl: z.string(),
  })
  .openapi('WatchChannel');

export const ConnectorView = z
  .object({
    crm: z.string(),
    configured: z.boolean(),
    builtIn: z.boolean().openapi({ description: 'The demo tenant’s built-in demo connector (no stored settings)' }),
    settings: z.record(z.string(), z.unknown()),
    secrets: z
      .record(z.string(), z.object({ hasSecret: z.literal(true) }))
      .openapi({ description: 'Secret fields that are set; their values are never returned' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('ConnectorSettings');

export const PutConnectorBody = z
  .object({
    settings: z.record(z.string(), z.unknown()).default({}).openapi({ description: 'Public settings, checked against the CRM’s schema' }),
    secrets: z
      .record(z.string(), z.string().min(1).max(4000).nullable())
      .default({})
      .openapi({ description: 'Secret fields (e.g. webhookToken): a string sets one, null removes it, absent keeps it' }),
  })
  .openapi('PutConnectorRequest', { example: { settings: {}, secrets: { webhookToken: 'a-long-random-string' } } });

export const HealthResponse = z.object({ ok: z.literal(true), version: z.string(), time: z.string() }).openapi('Health');
