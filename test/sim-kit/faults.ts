/**
 * The fault machinery both simulators share: a queue of faults for the next N calls, seeded
 * draws for latency, hangs and truncated bodies, and the config those draws read. Each simulator
 * adds its own fault kinds and how it draws an error (an HTTP status, an errorCode).
 *
 * A queued fault without `match` hits the next business call (`isApi`); with `match` it hits the
 * next call whose endpoint key (e.g. `POST /crm/v8/coql`) equals the string or matches the RegExp.
 */
import type { Rng } from './rng.ts';

export interface QueuedFault<Kind extends string = string> {
  kind: Kind;
  remaining: number;
  match?: string | RegExp;
}

export interface FaultRates {
  /** Added before every answer: a fixed delay or a [min, max] range. */
  latencyMs: number | [number, number];
  /** Probability per business call of hanging. */
  hangRate: number;
  /** Probability per business call of a truncated JSON body. */
  malformedRate: number;
}

export class FaultQueue<Fault extends QueuedFault, Config extends FaultRates> {
  config: Config;
  readonly queue: Fault[] = [];
  protected readonly rng: Rng;
  private readonly none: () => Config;
  /** `none` makes the config without faults (at the start and on `reset`). */
  constructor(rng: Rng, none: () => Config) {
    this.rng = rng;
    this.none = none;
    this.config = none();
  }

  reset(): void {
    this.config = this.none();
    this.queue.length = 0;
  }

  enqueue(f: Fault): void {
    if (f.remaining > 0) this.queue.push(f);
  }

  /** Take one queued fault of `kind` for this endpoint, if any. */
  take(kind: Fault['kind'], endpoint: string, isApi: boolean): Fault | undefined {
    const i = this.queue.findIndex((f) => f.kind === kind && matches(f.match, endpoint, isApi));
    if (i < 0) return undefined;
    const f = this.queue[i] as Fault;
    f.remaining -= 1;
    if (f.remaining <= 0) this.queue.splice(i, 1);
    return f;
  }

  latency(): number {
    const l = this.config.latencyMs;
    return typeof l === 'number' ? l : this.rng.int(l[0], l[1]);
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
