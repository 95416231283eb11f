/**
 * A client-side sliding-window rate limiter: at most `limit` calls in any `windowMs`, per key.
 *
 * Callers reserve a slot: the earliest moment at which one more call keeps every window within
 * the limit. Slots are handed out in order, so waiting callers go first-come first-served and
 * never wake up together to find the window full again. A caller that would have to wait longer
 * than `maxWaitMs` is refused at once (it can report "rate limited, retry after N s" instead of
 * hanging); a caller whose signal aborts gives its slot back.
 *
 * State lives in memory, so the limit holds per isolate (per Worker instance): several isolates
 * serving one tenant each keep their own window. A strict cross-isolate limit needs one place
 * that sees every call (a Durable Object); see the Fxiaoke connector's README note.
 */

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  /** Epoch ms. */
  clock: () => number;
  /** Resolves after `ms`, rejects with the signal's reason when it aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class RateLimitWaitTooLong extends Error {
  /** How long the caller would have had to wait. */
  readonly waitMs: number;
  constructor(waitMs: number) {
    super(`the rate limit would delay this call by ${waitMs} ms`);
    this.name = 'RateLimitWaitTooLong';
    this.waitMs = waitMs;
  }
}

export class SlidingWindowLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Per key: the reserved call times, ascending (some may lie in the future). */
  private readonly slots = new Map<string, number[]>();

  constructor(options: RateLimiterOptions) {
    if (!(options.limit >= 1) || !(options.windowMs > 0)) throw new RangeError('limit must be >= 1 and windowMs > 0');
    this.limit = Math.floor(options.limit);
    this.windowMs = options.windowMs;
    this.clock = options.clock;
    this.sleep = options.sleep;
  }

  /** The delay a call made now would get, without reserving it. */
  delayFor(key: string): number {
    const now = this.clock();
    return Math.max(0, this.nextSlot(this.pruned(key, now), now) - now);
  }

  /**
   * Waits for a slot and takes it. Throws RateLimitWaitTooLong when the wait would exceed
   * `maxWaitMs` (nothing reserved), or the signal's reason when it aborts while waiting.
   */
  async acquire(key: string, options: { signal?: AbortSignal; maxWaitMs?: number } = {}): Promise<void> {
    const now = this.clock();
    const list = this.pruned(key, now);
    const slot = this.nextSlot(list, now);
    const wait = slot - now;
    if (options.maxWaitMs !== undefined && wait > options.maxWaitMs) throw new RateLimitWaitTooLong(wait);
    list.push(slot);
    if (wait <= 0) return;
    try {
      await this.sleep(wait, options.signal);
    } catch (e) {
      const i = list.lastIndexOf(slot);
      if (i >= 0) list.splice(i, 1);
      throw e;
    }
  }

  /** Forget every reservation (tests). */
  reset(): void {
    this.slots.clear();
  }

  private pruned(key: string, now: number): number[] {
    let list = this.slots.get(key);
    if (!list) {
      list = [];
      this.slots.set(key, list);
    }
    let drop = 0;
    while (drop < list.length && (list[drop] as number) <= now - this.windowMs) drop++;
    if (drop) list.splice(0, drop);
    return list;
  }

  /** Slots ascend, so only the `limit`-th latest one bounds the next: it must be a full window older. */
  private nextSlot(list: readonly number[], now: number): number {
    const last = list.at(-1) ?? now;
    if (list.length < this.limit) return Math.max(now, last);
    const bound = (list[list.length - this.limit] as number) + this.windowMs;
    return Math.max(now, last, bound);
  }
}
