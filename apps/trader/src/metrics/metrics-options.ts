export interface MetricsOptions {
  /**
   * `TRADER_METRICS_PORT`: also serve /metrics on this port of 127.0.0.1, without the token (0 picks a
   * free port); null: only on the main port, behind the admin token.
   */
  readonly port: number | null;
}
