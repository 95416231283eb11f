/**
 * Fault injection for connector tests: latency, 5xx by rate or for the next N calls, hangs (the
 * response never comes; the client must time out and abort), malformed JSON bodies, forced 429s.
 *
 * A queued fault without `match` hits the next API call (`/crm/v8/...`); with `match` it hits the
 * next call whose endpoint key (e.g. `POST /crm/v8/coql`, `POST /oauth/v2/token`) equals the string
 * or matches the RegExp. Rates are drawn from a seeded PRNG, so a run is reproducible.
 */
import { FaultQueue, type FaultRates, type QueuedFault as KitQueuedFault } from '../sim-kit/faults.ts';
import type { Rng } from '../sim-kit/rng.ts';

export type FaultStatus = 500 | 502 | 503;
export type FaultKind = 'error' | 'hang' | 'malformed' | 'throttle';

export interface QueuedFault extends KitQueuedFault<FaultKind> {
  status?: FaultStatus;
}

export interface FaultConfig extends FaultRates {
  /** Probability per API call of each 5xx status. */
  errorRates: Partial<Record<FaultStatus, number>>;
}

export const NO_FAULTS: FaultConfig = { latencyMs: 0, errorRates: {}, hangRate: 0, malformedRate: 0 };

/** Latency applies to the API and the token endpoint; rates to API calls. */
export class Faults extends FaultQueue<QueuedFault, FaultConfig> {
  constructor(rng: Rng) {
    super(rng, () => ({ ...NO_FAULTS, errorRates: {} }));
  }

  randomStatus(): FaultStatus | undefined {
    for (const [status, p] of Object.entries(this.config.errorRates)) {
      if (p && this.rng.chance(p)) return Number(status) as FaultStatus;
    }
    return undefined;
  }
}

/** A 502/503 from Zoho's front end is not the JSON envelope (a guess: a gateway page). */
export function gatewayBody(status: FaultStatus): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>ZGS</center></body></html>`;
}
