/** A cheap summary of the store, for health checks and the admin API. */
export interface EventStoreStats {
  readonly events: number;
  readonly streams: number;
  /** Position of the last committed event, 0 when the store is empty. */
  readonly lastPosition: number;
  readonly databaseBytes: number;
}
