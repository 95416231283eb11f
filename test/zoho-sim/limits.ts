/**
 * API limits (zoho.md §4).
 *
 * Credits: a per-org budget on a rolling 24-hour window; each credit frees up 24 hours after it
 * was spent (Kaizen #93). Budgets per edition from DOCS v2/v4 `api-limits.html`:
 *   Free 5,000 flat; Standard 50,000 + 250/user (max 100,000); Professional 50,000 + 500/user
 *   (max 3,000,000); Enterprise 50,000 + 1,000/user (max 5,000,000); Ultimate 50,000 + 2,000/user
 *   (no max). `X-API-CREDITS-REMAINING` is sent once usage reaches 50% of the budget.
 * Costs: most calls 1; COQL by LIMIT (1-200: 1, 201-1000: 2, 1001-2000: 3); insert/update/upsert
 *   1 per 10 records (secondary source).
 *
 * Concurrency per org and app: Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25
 * simultaneous calls; a sub-concurrency of 10 on every edition for "complex" calls (COQL, Get
 * Records with sort_by or cvid, search, writes of more than 10 records; the exact membership is
 * unconfirmed). Going over either limit gives 429 TOO_MANY_REQUESTS with no Retry-After.
 */
import { DAY_MS } from '../sim-kit/time.ts';

export const EDITIONS = {
  free: { base: 5_000, perUser: 0, max: 5_000, concurrency: 5 },
  standard: { base: 50_000, perUser: 250, max: 100_000, concurrency: 10 },
  professional: { base: 50_000, perUser: 500, max: 3_000_000, concurrency: 15 },
  enterprise: { base: 50_000, perUser: 1_000, max: 5_000_000, concurrency: 20 },
  ultimate: { base: 50_000, perUser: 2_000, max: Number.POSITIVE_INFINITY, concurrency: 25 },
} as const;
export type Edition = keyof typeof EDITIONS;

export const SUB_CONCURRENCY = 10;

export function creditBudget(edition: Edition, users: number): number {
  const e = EDITIONS[edition];
  return Math.min(e.max, e.base + e.perUser * users);
}

/** COQL credits by LIMIT (Vertical-Solutions COQL docs; a project note citing CRM v8). */
export function coqlCredits(limit: number): number {
  if (limit <= 200) return 1;
  if (limit <= 1000) return 2;
  return 3;
}

/** Writes cost 1 credit per 10 records (secondary source). */
export function writeCredits(records: number): number {
  return Math.max(1, Math.ceil(records / 10));
}

export class CreditLedger {
  budget: number;
  private entries: { at: number; credits: number }[] = [];
  total = 0;
  constructor(budget: number) {
    this.budget = budget;
  }
  used(now: number): number {
    this.entries = this.entries.filter((e) => e.at > now - DAY_MS);
    return this.entries.reduce((s, e) => s + e.credits, 0);
  }
  remaining(now: number): number {
    return Math.max(0, this.budget - this.used(now));
  }
  canSpend(now: number, credits: number): boolean {
    return this.used(now) + credits <= this.budget;
  }
  charge(now: number, credits: number): void {
    this.entries.push({ at: now, credits });
    this.total += credits;
  }
  /** Pretend `credits` were spent at `at` (tests: start near the 50% mark or the end of the budget). */
  preload(at: number, credits: number): void {
    this.entries.push({ at, credits });
  }
  reset(): void {
    this.entries = [];
  }
  /** Zoho sends the header once usage reaches half the budget. */
  header(now: number): string | undefined {
    return this.used(now) >= this.budget / 2 ? String(this.remaining(now)) : undefined;
  }
}

export class Concurrency {
  limit: number;
  active = 0;
  heavyActive = 0;
  peak = 0;
  constructor(limit: number) {
    this.limit = limit;
  }
  /** A release function, or null when the call must be refused with 429. */
  acquire(heavy: boolean): (() => void) | null {
    if (this.active >= this.limit) return null;
    if (heavy && this.heavyActive >= SUB_CONCURRENCY) return null;
    this.active += 1;
    if (heavy) this.heavyActive += 1;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      if (heavy) this.heavyActive -= 1;
    };
  }
}
