/** The engine's public surface: what the worker, the extension and the scripts import. */
export * from './schema.ts';
export { METRICS, METRIC_BY_NAME, WINDOWS, computeMetrics, type MetricInfo, type MetricValue } from './metrics.ts';
export { compileRules, classify, decideTiers, type CompiledRules, type ClassifyOptions } from './engine.ts';
export { validateRuleSet, validateSnapshot, formatPath, zodIssues, type Issue, type Validated } from './validate.ts';
export { computePopulationStats, PopulationStatsBuilder, cutPoints, percentileMetrics } from './stats.ts';
export { DEFAULT_PLAYBOOK } from './playbook.ts';
export { PERSONALITY_TYPES, matchPersonality, type PersonalityType } from './personality.ts';
export { contrastRatio, readableTextOn } from './color.ts';
export { describeLeaf, formatNumber, metricLabel } from './describe.ts';
