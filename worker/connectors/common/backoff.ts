/**
 * Bounded exponential backoff with full jitter (the AWS Architecture Blog's "full jitter": a
 * uniform delay in [0, min(cap, base * 2^attempt)]), so clients that failed together do not
 * retry together. CRM-independent; `worker/connectors/zoho/client.ts` computes the same inline.
 */
export interface BackoffPolicy {
  /** Delay cap for the first retry (attempt 0). */
  baseMs: number;
  /** No delay is ever longer than this. */
  maxMs: number;
}

/** The delay before retry number `attempt` (0 for the first retry). `random` is uniform in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}
