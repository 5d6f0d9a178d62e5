export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Exponential back-off with jitter: attempt 0 waits about `baseMs`, each next attempt up to twice as
 * long, capped at `maxMs`. The wait is drawn from [50%, 100%] of that ceiling, so clients that lost
 * the connection together do not come back together.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
