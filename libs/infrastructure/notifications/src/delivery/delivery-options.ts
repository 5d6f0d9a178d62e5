/** How each channel's delivery loop retries. */
export interface DeliveryOptions {
  /** Failed sends before a message is parked (default 8; a permanent refusal parks it at once). */
  readonly maxAttempts?: number;
  /** First retry pause (default 1 s), doubled after each failure up to `maxBackoffMs` (default 5 min). */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A send that takes longer is abandoned and counted as a failure (default 10 s). */
  readonly sendTimeoutMs?: number;
  /** An idle loop looks at the outbox at least this often (default 1 s): rows another process or a retry route re-queued. */
  readonly idlePollMs?: number;
  /**
   * On stop, a send in flight gets this long to finish and be marked sent (default 2 s): a service
   * that took the request before the stop must not get it again after the restart. A send still
   * unanswered then is abandoned, and its row stays pending (sent again after the restart).
   */
  readonly stopGraceMs?: number;
}

export const defaultDeliveryOptions: Required<DeliveryOptions> = {
  maxAttempts: 8,
  baseBackoffMs: 1_000,
  maxBackoffMs: 300_000,
  sendTimeoutMs: 10_000,
  idlePollMs: 1_000,
  stopGraceMs: 2_000,
};

/** The pause after the `attempts`-th failure: exponential, at least what the service asked for. */
export function retryDelayMs(attempts: number, retryAfterMs: number | null, options: Required<DeliveryOptions>): number {
  const exponential = Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}
