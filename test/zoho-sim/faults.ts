/**
 * Fault injection for connector tests: latency, 5xx by rate or for the next N calls, hangs (the
 * response never comes; the client must time out and abort), malformed JSON bodies, forced 429s.
 *
 * A queued fault without `match` hits the next API call (`/crm/v8/...`); with `match` it hits the
 * next call whose endpoint key (e.g. `POST /crm/v8/coql`, `POST /oauth/v2/token`) equals the string
 * or matches the RegExp. Rates are drawn from a seeded PRNG, so a run is reproducible.
 */
import type { Rng } from './rng.ts';

export type FaultStatus = 500 | 502 | 503;
export type FaultKind = 'error' | 'hang' | 'malformed' | 'throttle';

export interface QueuedFault {
  kind: FaultKind;
  remaining: number;
  status?: FaultStatus;
  match?: string | RegExp;
}

export interface FaultConfig {
  /** Added before every answer (API and token endpoint): a fixed delay or a [min, max] range. */
  latencyMs: number | [number, number];
  /** Probability per API call of each 5xx status. */
  errorRates: Partial<Record<FaultStatus, number>>;
  /** Probability per API call of hanging. */
  hangRate: number;
  /** Probability per API call of a truncated JSON body. */
  malformedRate: number;
}

export const NO_FAULTS: FaultConfig = { latencyMs: 0, errorRates: {}, hangRate: 0, malformedRate: 0 };

export class Faults {
  config: FaultConfig = { ...NO_FAULTS, errorRates: {} };
  readonly queue: QueuedFault[] = [];
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }

  reset(): void {
    this.config = { ...NO_FAULTS, errorRates: {} };
    this.queue.length = 0;
  }

  enqueue(f: QueuedFault): void {
    if (f.remaining > 0) this.queue.push(f);
  }

  /** Take one queued fault of `kind` for this endpoint, if any. */
  take(kind: FaultKind, endpoint: string, isApi: boolean): QueuedFault | undefined {
    const i = this.queue.findIndex((f) => f.kind === kind && matches(f.match, endpoint, isApi));
    if (i < 0) return undefined;
    const f = this.queue[i] as QueuedFault;
    f.remaining -= 1;
    if (f.remaining <= 0) this.queue.splice(i, 1);
    return f;
  }

  latency(): number {
    const l = this.config.latencyMs;
    if (typeof l === 'number') return l;
    return this.rng.int(l[0], l[1]);
  }

  randomStatus(): FaultStatus | undefined {
    for (const [status, p] of Object.entries(this.config.errorRates)) {
      if (p && this.rng.chance(p)) return Number(status) as FaultStatus;
    }
    return undefined;
  }

  randomHang(): boolean {
    return this.config.hangRate > 0 && this.rng.chance(this.config.hangRate);
  }

  randomMalformed(): boolean {
    return this.config.malformedRate > 0 && this.rng.chance(this.config.malformedRate);
  }
}

function matches(match: string | RegExp | undefined, endpoint: string, isApi: boolean): boolean {
  if (match === undefined) return isApi;
  return typeof match === 'string' ? match === endpoint : match.test(endpoint);
}

/** A 502/503 from Zoho's front end is not the JSON envelope (a guess: a gateway page). */
export function gatewayBody(status: FaultStatus): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>ZGS</center></body></html>`;
}
