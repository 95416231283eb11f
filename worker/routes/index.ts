/** Every route, mounted in one place. One file per route. */
import type { App } from '../app.ts';
import { registerAccountGet } from './account-get.ts';
import { registerAccountLookup } from './account-lookup.ts';
import { registerAccountSnapshot } from './account-snapshot.ts';
import { registerClassify } from './classify.ts';
import { registerClassifyBatch } from './classify-batch.ts';
import { registerConnectorsCheck } from './connectors-check.ts';
import { registerConnectorsGet } from './connectors-get.ts';
import { registerConnectorsPut } from './connectors-put.ts';
import { registerConnectorsWatch } from './connectors-watch.ts';
import { registerDemoPages } from './demo-pages.ts';
import { registerHealth } from './health.ts';
import { registerMe } from './me.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRulesGet } from './rules-get.ts';
import { registerRulesHistory } from './rules-history.ts';
import { registerRulesHistoryVersion } from './rules-history-version.ts';
import { registerRulesPreview } from './rules-preview.ts';
import { registerRulesPut } from './rules-put.ts';
import { registerRulesRollback } from './rules-rollback.ts';
import { registerStatsGet } from './stats-get.ts';
import { registerStatsRecompute } from './stats-recompute.ts';
import { registerWebhook } from './webhook.ts';

export function registerRoutes(app: App, version: string) {
  registerHealth(app);
  registerClassify(app);
  registerClassifyBatch(app);
  // The lookup route before the single-account route: `lookup` is not an account id.
  registerAccountLookup(app);
  registerAccountSnapshot(app);
  registerAccountGet(app);
  registerMe(app);
  registerRulesGet(app);
  registerRulesPut(app);
  registerRulesHistory(app);
  registerRulesHistoryVersion(app);
  registerRulesRollback(app);
  registerRulesPreview(app);
  registerStatsGet(app);
  registerStatsRecompute(app);
  registerWebhook(app);
  registerConnectorsGet(app);
  registerConnectorsPut(app);
  registerConnectorsCheck(app);
  registerConnectorsWatch(app);
  registerDemoPages(app);
  registerOpenApi(app, version);
}
