/**
 * The contracts every part of TierLens shares: the account snapshot a connector produces,
 * the rule set an admin edits, and the classification the engine returns.
 * Validation happens here, at the edges; the engine trusts what passed.
 */
import { z } from 'zod';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LangSchema = z.enum(LANGS);

/** ISO 8601 date-time with an explicit zone (Z or ±hh:mm), so results never depend on the machine's zone. */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  message: 'expected an ISO 8601 date-time with a zone, e.g. 2026-11-02T03:00:00Z',
});

// ---------------------------------------------------------------- AccountSnapshot (contract)

export const INTERACTION_KINDS = ['call', 'email', 'meeting', 'visit', 'ticket', 'chat', 'web', 'other'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const ORDER_STATUSES = ['won', 'lost', 'open'] as const;

const finiteNumber = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finiteNumber.refine((n) => n >= 0, 'expected a number >= 0');

export const OrderSchema = z.object({
  id: z.string().min(1).max(200),
  amount: nonNegative,
  status: z.enum(ORDER_STATUSES),
  /** When the order was won or lost; for open orders, the expected close date if known. */
  closedAt: IsoDateTime.optional(),
  category: z.string().max(200).optional(),
});

export const InteractionSchema = z.object({
  kind: z.enum(INTERACTION_KINDS),
  at: IsoDateTime,
});

export const SurveySchema = z
  .object({
    kind: z.enum(['csat', 'nps']),
    score: finiteNumber,
    at: IsoDateTime,
  })
  .superRefine((s, ctx) => {
    const [lo, hi] = s.kind === 'csat' ? [1, 5] : [0, 10];
    if (s.score < lo || s.score > hi) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: `${s.kind} score must be between ${lo} and ${hi}` });
    }
  });

const scalar = z.union([z.string().max(10_000), finiteNumber, z.boolean(), z.null()]);

export const AttributesSchema = z
  .object({
    industry: z.string().max(500).optional(),
    country: z.string().max(200).optional(),
    region: z.string().max(200).optional(),
    city: z.string().max(200).optional(),
    employees: nonNegative.optional(),
    annualRevenue: nonNegative.optional(),
    owner: z.string().max(500).optional(),
    type: z.string().max(200).optional(),
  })
  .catchall(scalar);

export const AccountSnapshotSchema = z.object({
  crm: z.string().min(1).max(50),
  id: z.string().min(1).max(200),
  name: z.string().max(1000),
  createdAt: IsoDateTime.optional(),
  currency: z.string().max(10).optional(),
  attributes: AttributesSchema.optional(),
  flags: z.record(z.string().max(200), z.boolean()).optional(),
  orders: z.array(OrderSchema).max(100_000).optional(),
  interactions: z.array(InteractionSchema).max(100_000).optional(),
  surveys: z.array(SurveySchema).max(10_000).optional(),
  referrals: z
    .array(z.object({ at: IsoDateTime }))
    .max(10_000)
    .optional(),
  overdueAmount: nonNegative.optional(),
  personality: z.string().max(500).optional(),
  fields: z.record(z.string().max(200), scalar).optional(),
});

export type AccountSnapshot = z.infer<typeof AccountSnapshotSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type Interaction = z.infer<typeof InteractionSchema>;
export type Survey = z.infer<typeof SurveySchema>;

// ---------------------------------------------------------------- Rules (contract)

export const COMPARISON_OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

const idPattern = /^[a-z][a-z0-9_]{0,39}$/;
export const IdSchema = z.string().regex(idPattern, 'expected a lowercase id: a letter, then letters, digits or _ (at most 40)');

/**
 * The left side of a comparison: a catalogue metric name, or `field.<name>`, `attr.<name>`,
 * `flag.<name>` or `dim.<dimension id>`. Whether a metric name exists is checked against the
 * catalogue in validate.ts, where the error can list what is available.
 */
export const AccessorSchema = z
  .string()
  .min(1)
  .max(240)
  .regex(
    /^((field|attr|flag|dim)\.[A-Za-z0-9_$ -]{1,200}|[a-z][a-z0-9_]*)$/,
    'expected a metric name (e.g. won_amount_365d) or field.<name>, attr.<name>, flag.<name>, dim.<dimension>',
  );

export const PercentileValueSchema = z
  .object({
    percentile: z.number().min(0).max(100),
    /** Used when no population statistics are available; without it the comparison is unknown (false). */
    fallback: finiteNumber.optional(),
  })
  .strict();

const scalarValue = z.union([finiteNumber, z.string().max(1000), z.boolean()]);

/** Compare against another metric of the same account, e.g. open_pipeline >= won_amount_365d. */
export const MetricValueSchema = z.object({ metric: AccessorSchema }).strict();

export const ComparisonSchema = z
  .object({
    metric: AccessorSchema,
    op: z.enum(COMPARISON_OPS),
    value: z.union([scalarValue, PercentileValueSchema, MetricValueSchema]),
  })
  .strict();

export const BetweenSchema = z
  .object({
    metric: AccessorSchema,
    op: z.literal('between'),
    /** Inclusive on both ends. */
    value: z.tuple([finiteNumber, finiteNumber]).refine(([lo, hi]) => lo <= hi, 'expected [low, high] with low <= high'),
  })
  .strict();

export const InSchema = z
  .object({
    metric: AccessorSchema,
    op: z.enum(['in', 'not_in']),
    value: z.array(scalarValue).min(1).max(1000),
  })
  .strict();

export const ExistsSchema = z
  .object({
    metric: AccessorSchema,
    op: z.literal('exists'),
    /** true: the value is known; false: it is missing. */
    value: z.boolean(),
  })
  .strict();

export type Comparison = z.infer<typeof ComparisonSchema>;
export type Leaf =
  | z.infer<typeof ComparisonSchema>
  | z.infer<typeof BetweenSchema>
  | z.infer<typeof InSchema>
  | z.infer<typeof ExistsSchema>;
export type Condition = true | { all: Condition[] } | { any: Condition[] } | { not: Condition } | Leaf;

const MAX_DEPTH = 12;
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.literal(true),
    z.object({ all: z.array(ConditionSchema).min(1).max(100) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1).max(100) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.discriminatedUnion('op', [ComparisonSchema, BetweenSchema, InSchema, ExistsSchema]),
  ]),
);
export { MAX_DEPTH as MAX_CONDITION_DEPTH };

export const LocalizedTextSchema = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict();
export const LocalizedTipsSchema = z
  .object({
    zh: z.array(z.string().min(1).max(500)).max(8),
    en: z.array(z.string().min(1).max(500)).max(8),
  })
  .strict();

/** ISO 8601 duration in days or weeks (P7D, P2W); what the cadence and "next contact due" use. */
export const CadenceSchema = z.string().regex(/^P(\d{1,3}W|\d{1,4}D)$/, 'expected an ISO 8601 duration in days or weeks, e.g. P7D or P2W');

export const HexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb');

export const TierSchema = z
  .object({
    id: IdSchema,
    label: LocalizedTextSchema,
    tips: LocalizedTipsSchema,
    color: HexColorSchema,
    icon: z.string().min(1).max(8),
    cadence: CadenceSchema.nullable().optional(),
    /**
     * The better tier a rep should aim for from this one, explained as "what is missing".
     * Absent: the tier listed just before this one. null: none (a top tier, or "unknown").
     */
    next: IdSchema.nullable().optional(),
    when: ConditionSchema,
  })
  .strict();

export const DimensionSchema = z
  .object({
    id: IdSchema,
    label: LocalizedTextSchema,
    description: LocalizedTextSchema.optional(),
    tiers: z.array(TierSchema).min(1).max(50),
  })
  .strict();

export const RuleSetSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().max(200).optional(),
    /** The dimension whose tier is the badge's headline. */
    headline: IdSchema,
    /** Dimensions shown as chips next to the badge by default (the extension can override). */
    chips: z.array(IdSchema).max(5).optional(),
    dimensions: z.array(DimensionSchema).min(1).max(40),
  })
  .strict();

export type Tier = z.infer<typeof TierSchema>;
export type Dimension = z.infer<typeof DimensionSchema>;
export type RuleSet = z.infer<typeof RuleSetSchema>;
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

// ---------------------------------------------------------------- Classification (contract)

export const ExplainedLeafSchema = z.object({
  metric: z.string(),
  op: z.string(),
  threshold: z.unknown(),
  actual: z.unknown(),
  /** When the threshold came from population statistics. */
  percentile: z.number().optional(),
  /** When the threshold is another metric of the account. */
  thresholdMetric: z.string().optional(),
  text: z.string().optional(),
});
export type ExplainedLeaf = {
  metric: string;
  op: string;
  threshold: unknown;
  actual: unknown;
  percentile?: number;
  thresholdMetric?: string;
  /** The leaf in a sentence, in the classification's language. */
  text?: string;
};

export const DimensionResultSchema = z.object({
  id: z.string(),
  label: z.string(),
  tier: z.string(),
  tierLabel: z.string(),
  color: z.string(),
  textColor: z.string(),
  icon: z.string(),
  cadence: z.string().nullable(),
  nextContactDue: z.string().nullable(),
  tips: z.array(z.string()),
  because: z.array(ExplainedLeafSchema),
  next: z.object({ tier: z.string(), label: z.string(), missing: z.array(ExplainedLeafSchema) }).nullable(),
});

export const ClassificationSchema = z.object({
  crm: z.string(),
  accountId: z.string(),
  name: z.string(),
  asOf: z.string(),
  rulesVersion: z.number().int(),
  lang: LangSchema,
  headline: z.string(),
  chips: z.array(z.string()),
  dimensions: z.array(DimensionResultSchema),
  metrics: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  cache: z.object({ hit: z.boolean(), stale: z.boolean(), computedAt: z.string() }).optional(),
});

export type DimensionResult = z.infer<typeof DimensionResultSchema>;
export type Classification = z.infer<typeof ClassificationSchema>;

// ---------------------------------------------------------------- Population statistics

export const PopulationStatsSchema = z.object({
  asOf: z.string(),
  count: z.number().int().nonnegative(),
  /** Per metric: 101 cut points, cuts[p] = the p-th percentile (p = 0..100). */
  metrics: z.record(z.string(), z.object({ count: z.number().int().nonnegative(), cuts: z.array(z.number()).length(101) })),
});
export type PopulationStats = z.infer<typeof PopulationStatsSchema>;
