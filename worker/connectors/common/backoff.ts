/**
 * Bounded exponential backoff with jitter, so clients that failed together do not retry
 * together. The ceiling for retry number `attempt` is min(maxMs, baseMs * 2^attempt); the delay is
 * drawn below it (the AWS Architecture Blog's "full jitter", the default) or in its upper half
 * ("equal jitter": half fixed, half random, so concurrent retries spread out but still wait).
 * CRM-independent.
 */
export interface BackoffPolicy {
  /** Delay cap for the first retry (attempt 0). */
  baseMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
  /** 'full' (default): uniform in [0, ceiling); 'equal': in [ceiling / 2, ceiling], rounded. */
  jitter?: 'full' | 'equal';
}

/** The delay before retry number `attempt` (0 for the first retry). `random` is uniform in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  if (policy.jitter === 'equal') return Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.floor(random() * ceiling);
}
