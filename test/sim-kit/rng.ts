/** A small seeded PRNG (mulberry32), so seeded data and probabilistic faults are reproducible. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.float() * list.length)] as T;
  }
  /** Amount in [lo, hi], rounded to `step`. */
  amount(lo: number, hi: number, step = 100): number {
    return Math.round((lo + this.float() * (hi - lo)) / step) * step;
  }
  /** `n` lowercase hex characters. */
  hex(n: number): string {
    let s = '';
    while (s.length < n)
      s += Math.floor(this.float() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return s.slice(0, n);
  }
}
