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
import type { Rng } from '../zoho-sim/rng.ts';

export type FaultKind = 'error' | 'hang' | 'malformed' | 'gateway';

export interface QueuedFault {
  kind: FaultKind;
  remaining: number;
  /** For `error`: the errorCode to answer. */
  code?: number;
  match?: string | RegExp;
}

export interface FaultConfig {
  /** Added before every answer: a fixed delay or a [min, max] range. */
  latencyMs: number | [number, number];
  /** Extra delay for the token endpoints (to make concurrent token calls overlap in tests). */
  tokenLatencyMs: number;
  /** Probability per business call of each errorCode, e.g. {"-1": 0.05, "50009": 0.01}. */
  errorRates: Record<string, number>;
  hangRate: number;
  malformedRate: number;
}

const none = (): FaultConfig => ({ latencyMs: 0, tokenLatencyMs: 0, errorRates: {}, hangRate: 0, malformedRate: 0 });

export class Faults {
  config: FaultConfig = none();
  readonly queue: QueuedFault[] = [];
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }

  reset(): void {
    this.config = none();
    this.queue.length = 0;
  }

  enqueue(f: QueuedFault): void {
    if (f.remaining > 0) this.queue.push(f);
  }

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
    return typeof l === 'number' ? l : this.rng.int(l[0], l[1]);
  }

  randomCode(): number | undefined {
    for (const [code, p] of Object.entries(this.config.errorRates)) if (p > 0 && this.rng.chance(p)) return Number(code);
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

export const GATEWAY_502 =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
