/** The engine's public surface: what the worker, the extension and the scripts import. */

export { contrastRatio, readableTextOn } from './color.ts';
export { describeLeaf, formatNumber, metricLabel } from './describe.ts';
export { type ClassifyOptions, type CompiledRules, classify, compileRules, decideTiers } from './engine.ts';
export { computeMetrics, METRIC_BY_NAME, METRICS, type MetricInfo, type MetricValue, WINDOWS } from './metrics.ts';
export { matchPersonality, PERSONALITY_TYPES, type PersonalityType } from './personality.ts';
export { DEFAULT_PLAYBOOK } from './playbook.ts';
export * from './schema.ts';
export { computePopulationStats, cutPoints, PopulationStatsBuilder, percentileMetrics } from './stats.ts';
export { formatPath, type Issue, type Validated, validateRuleSet, validateSnapshot, zodIssues } from './validate.ts';
