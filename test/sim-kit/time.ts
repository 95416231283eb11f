/** The simulators' clock, and the day arithmetic their seeds and limits share. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * A simulator's clock. It starts at `start` and runs with real time unless frozen; tests move
 * it with `advance` (token expiry, rate and credit windows, channel and page_token expiry all
 * read this clock).
 */
export class SimClock {
  private base: number;
  private realAtBase: number;
  private frozen: boolean;
  constructor(start: number, frozen: boolean) {
    this.base = start;
    this.realAtBase = Date.now();
    this.frozen = frozen;
  }
  now(): number {
    return this.frozen ? this.base : this.base + (Date.now() - this.realAtBase);
  }
  advance(ms: number): void {
    this.set(this.now() + ms);
  }
  set(ms: number): void {
    this.base = ms;
    this.realAtBase = Date.now();
  }
  freeze(frozen: boolean): void {
    this.set(this.now());
    this.frozen = frozen;
  }
  isFrozen(): boolean {
    return this.frozen;
  }
}
