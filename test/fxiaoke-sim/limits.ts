/**
 * Call limits (fxiaoke.md §4, S1 errors-and-limits §4, S2):
 * - per endpoint, a sliding window: 60 calls / 20 s by default (S2; S1's newer docs say 100 / 20 s,
 *   so the limit is configurable). Over it -> 14001 (which of 14001 / 30004 is which limit is
 *   undocumented: **guess**). Refused calls do not count (**guess**).
 * - per day, the purchased quota ("Open API [100000次]" packs, stackable): default 100,000 calls,
 *   counted from 00:00 China time (doc: "0 点重新统计"). Over it -> 30002. A tenant that bought no
 *   quota gets 30003 for every business call. Token calls do not count (**guess**).
 */

export const DEFAULT_WINDOW_LIMIT = 60;
export const DEFAULT_WINDOW_MS = 20_000;
export const DEFAULT_DAILY_QUOTA = 100_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Start of the China (UTC+8) calendar day containing `ms`, as epoch ms. */
export function startOfChinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

export class EndpointWindows {
  limit = DEFAULT_WINDOW_LIMIT;
  windowMs = DEFAULT_WINDOW_MS;
  private readonly hits = new Map<string, number[]>();
  /** The most calls any endpoint had inside one window, per endpoint (since the last reset). */
  readonly peak = new Map<string, number>();

  /** Records a call to `endpoint` at `now`; false (not recorded) when the window is full. */
  take(endpoint: string, now: number): boolean {
    const list = (this.hits.get(endpoint) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length >= this.limit) {
      this.hits.set(endpoint, list);
      return false;
    }
    list.push(now);
    this.hits.set(endpoint, list);
    this.peak.set(endpoint, Math.max(this.peak.get(endpoint) ?? 0, list.length));
    return true;
  }

  reset(): void {
    this.hits.clear();
    this.peak.clear();
  }

  resetPeaks(): void {
    this.peak.clear();
  }
}

export class DailyQuota {
  budget = DEFAULT_DAILY_QUOTA;
  /** False: the tenant bought no OpenAPI quota (30003). */
  purchased = true;
  private day = Number.NaN;
  private used = 0;

  /** Spends one call; false when today's budget is gone. */
  take(now: number): boolean {
    this.roll(now);
    if (this.used >= this.budget) return false;
    this.used += 1;
    return true;
  }

  remaining(now: number): number {
    this.roll(now);
    return Math.max(0, this.budget - this.used);
  }

  /** Pretend `used` calls were already made today. */
  setUsed(now: number, used: number): void {
    this.roll(now);
    this.used = used;
  }

  private roll(now: number): void {
    const day = startOfChinaDay(now);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
  }
}
