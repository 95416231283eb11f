/** Counting helpers for the simulators' `counters()`. */

/** Adds `by` to `counts[key]` (a missing key counts from 0). */
export function tally(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** A deep copy of a counters record (plain numbers and objects), so callers cannot change the live one. */
export function snapshot<T>(counters: T): T {
  return structuredClone(counters);
}
