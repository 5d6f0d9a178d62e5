/** How a failing handler is retried. */
export interface RetryOptions {
  /** Total attempts, the first one included. Default 3. */
  readonly attempts?: number;
  /** Delay cap before the second attempt, in ms. Default 100. */
  readonly baseDelayMs?: number;
  /** Upper bound of any delay, in ms. Default 10 000. */
  readonly maxDelayMs?: number;
  /** Source of jitter in [0, 1); default Math.random. */
  readonly random?: () => number;
}

/**
 * Exponential back-off with full jitter: the delay after attempt `n` is uniform in
 * [0, min(maxDelay, baseDelay * 2^(n-1))), which spreads retries of many handlers apart.
 */
export class RetryPolicy {
  readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(options: RetryOptions = {}) {
    this.attempts = options.attempts ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.random = options.random ?? Math.random;
    if (!Number.isInteger(this.attempts) || this.attempts < 1) throw new RangeError(`Retry attempts must be an integer >= 1, got ${this.attempts}`);
    if (!(this.baseDelayMs >= 0) || !(this.maxDelayMs >= 0)) throw new RangeError('Retry delays must be >= 0');
  }

  /** Delay in ms to wait after failed attempt number `attempt` (1-based). */
  delayAfter(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }
}
