export interface OrderExecutionOptions {
  /** How often an order of unknown outcome is looked up by identifier before giving up. */
  readonly lookupAttempts: number;
  /** Pause between two lookups. */
  readonly lookupIntervalMs: number;
  /**
   * The last event position written before this process started. An OrderSubmitted at or before it may
   * already have been sent by the previous process (which died before recording the answer), so it is
   * looked up, never sent.
   */
  readonly startedAfterPosition: number;
}

export const defaultOrderExecutionOptions: Omit<OrderExecutionOptions, 'startedAfterPosition'> = {
  lookupAttempts: 5,
  lookupIntervalMs: 1_000,
};
