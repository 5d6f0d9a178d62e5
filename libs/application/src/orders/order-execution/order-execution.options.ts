export interface OrderExecutionOptions {
  /** How often an order of unknown outcome is looked up by identifier before the job gives up. */
  readonly lookupAttempts: number;
  /** Pause between two lookups. */
  readonly lookupIntervalMs: number;
  /**
   * The last event position written before this process started. An OrderSubmitted at or before it
   * belongs to a process that is gone: it is looked up, never sent.
   */
  readonly startedAfterPosition: number;
  /**
   * An order that has not left this long after it was submitted is refused as stale (`stale_order`)
   * and never sent: a decision taken on old prices must not reach the market late.
   */
  readonly staleAfterMs: number;
  /**
   * How long after its send started an order whose outcome is unknown must stay unknown before a
   * "not found" lookup may reject it (with a second not-found lookup at least `lookupIntervalMs`
   * later). It covers the client's request time-out and the rate-limit wait with a margin, so a
   * request still travelling to the exchange is never taken for a lost one.
   */
  readonly unknownOutcomeBoundMs: number;
  /** Orders sent or looked up at the same time; the client's rate limiter paces them further. */
  readonly concurrency: number;
}

export const defaultOrderExecutionOptions: Omit<OrderExecutionOptions, 'startedAfterPosition'> = {
  lookupAttempts: 5,
  lookupIntervalMs: 1_000,
  staleAfterMs: 5_000,
  unknownOutcomeBoundMs: 30_000,
  concurrency: 8,
};
