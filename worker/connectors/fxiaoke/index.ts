/** The Fxiaoke connector: what the registry, tests and scripts import. */
export {
  DEFAULT_RETRY,
  FxiaokeClient,
  PAGE_SIZE,
  RATE_WINDOW_MARGIN_MS,
  RATE_WINDOW_MS,
  type RetryPolicy,
  resetClientState,
  TOKEN_BUDGET,
} from './client.ts';
export {
  createFxiaokeConnector,
  type FxiaokeConnector,
  type FxiaokeConnectorOptions,
  POLL_LAG_MS,
  POLL_MAX_PAGES,
  resetLabelMemo,
} from './connector.ts';
export { fxiaokeDefinition } from './definition.ts';
export { CRM, refusalError, secondsUntilChinaMidnight } from './errors.ts';
export { FXIAOKE_CLOUD_IDS, FXIAOKE_CLOUDS, type FxiaokeCloud } from './hosts.ts';
export { interactionKind, toSnapshot } from './mapping.ts';
export { FXIAOKE_SECRET_NAMES, type FxiaokeSettings, FxiaokeSettingsSchema } from './settings.ts';
