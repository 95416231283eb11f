/**
 * Fault injection: latency, error codes (HTTP 200 with `errorCode` -1 / -2 / 50009 or any other
 * code, as the gateway reports failures; fxiaoke.md §2, §4), hangs (no answer until the client
 * gives up), malformed JSON (a truncated body with HTTP 200), and a front-end failure (HTTP 502
 * with an HTML page, **guess**: what a proxy in front of the gateway would send).
 *
 * A queued fault without `match` hits the next business call (`/cgi/crm/...`); with `match` it
 * hits the next call whose endpoint key (e.g. `POST /cgi/crm/v2/data/query`,
 * `POST /oauth2.0/token`) equals the string or matches the RegExp. Rates use a seeded PRNG.
 */
import { FaultQueue, type FaultRates, type QueuedFault as KitQueuedFault } from '../sim-kit/faults.ts';
import type { Rng } from '../sim-kit/rng.ts';

export type FaultKind = 'error' | 'hang' | 'malformed' | 'gateway';

export interface QueuedFault extends KitQueuedFault<FaultKind> {
  /** For `error`: the errorCode to answer. */
  code?: number;
}

export interface FaultConfig extends FaultRates {
  /** Extra delay for the token endpoints (to make concurrent token calls overlap in tests). */
  tokenLatencyMs: number;
  /** Probability per business call of each errorCode, e.g. {"-1": 0.05, "50009": 0.01}. */
  errorRates: Record<string, number>;
}

const none = (): FaultConfig => ({ latencyMs: 0, tokenLatencyMs: 0, errorRates: {}, hangRate: 0, malformedRate: 0 });

export class Faults extends FaultQueue<QueuedFault, FaultConfig> {
  constructor(rng: Rng) {
    super(rng, none);
  }

  randomCode(): number | undefined {
    for (const [code, p] of Object.entries(this.config.errorRates)) if (p > 0 && this.rng.chance(p)) return Number(code);
    return undefined;
  }
}

export const GATEWAY_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
