/** The 纷享销客 (Fxiaoke) open API simulator: what connector tests and `npm run fxiaoke:sim` import. */
export {
  type AppCredentials,
  type AuthGeneration,
  TOKEN_CALLS_PER_MINUTE,
  TOKEN_LIFETIME_MS,
  TOKEN_REUSE_MS,
  TOKEN_WINDOW_MS,
} from './auth.ts';
export { SIM_FIELDS, SIM_REFERRALS, SIM_SURVEYS, simConnectorSecrets, simConnectorSettings } from './connector-settings.ts';
export { type Envelope, envelopeFor, fxErrors } from './errors.ts';
export { DEFAULT_DAILY_QUOTA, DEFAULT_WINDOW_LIMIT, DEFAULT_WINDOW_MS, startOfChinaDay } from './limits.ts';
export { MAX_FILTER_VALUES, MAX_LIMIT, MAX_OFFSET, OPERATORS } from './query.ts';
export {
  ACCOUNT_LEVELS,
  DEAL_STATUSES,
  INTERACTIVE_TYPES,
  OBJECTS,
  SALES_STATUSES,
  SURVEY_TYPES,
} from './schema.ts';
export {
  ARCHETYPES,
  type Archetype,
  DEFAULT_ACCOUNT_COUNT,
  DEFAULT_SEED,
  type Employee,
  FXIAOKE_SIM_FEATURED,
  FXIAOKE_SIM_SPECIAL,
  PERSONALITIES,
  POOL_ID,
  seedTenant,
} from './seed.ts';
export {
  type FaultOptions,
  type FxiaokeSim,
  type FxiaokeSimCredentials,
  type FxiaokeSimOptions,
  type MutateOp,
  type RequestLogEntry,
  type SimControl,
  type SimCounters,
  startFxiaokeSim,
  TOKEN_NEW,
  TOKEN_OLD,
} from './server.ts';
export type { FxRecord } from './store.ts';
