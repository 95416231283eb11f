/** The Zoho CRM v8 simulator: what connector tests and `npm run zoho:sim` import. */

export { startOfUtcDay } from '../sim-kit/time.ts';
export { type CoqlResult, parseCoql, runCoql } from './coql.ts';
export { DATA_CENTRES, type DataCentre, DC_IDS, simAccountsServer, simApiDomain } from './dc.ts';
export type { FaultStatus } from './faults.ts';
export { coqlCredits, creditBudget, EDITIONS, type Edition, SUB_CONCURRENCY } from './limits.ts';
export type { CallbackBody, Delivery } from './notifications.ts';
export { ACCESS_DENIED_BODY, ALL_SCOPES, MINT_WINDOW_MS, MINTS_PER_WINDOW, TOKEN_LIFETIME_MS, type TokenErrorKind } from './oauth.ts';
export { DEAL_STAGES, MODULES } from './schema.ts';
export { ARCHETYPES, type Archetype, DEFAULT_ACCOUNT_COUNT, DEFAULT_SEED, SIM_USERS, ZOHO_SIM_FEATURED, ZOHO_SIM_SPECIAL } from './seed.ts';
export {
  type FaultOptions,
  type MutateOp,
  type SimControl,
  type SimCounters,
  type SimCredentials,
  type SimState,
  startZohoSim,
  type ZohoSim,
  type ZohoSimOptions,
} from './server.ts';
export type { ZohoRecord } from './store.ts';
export { zohoDate, zohoDateTime } from './time.ts';
