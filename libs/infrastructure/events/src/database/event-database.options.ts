/** How the event database is opened. */
export interface EventDatabaseOptions {
  /** Path of the SQLite file; `':memory:'` is refused because the store must survive restarts. */
  readonly path: string;
  /** How long a writer waits for another connection's write lock, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
}

export const defaultEventDatabasePath = './data/trader.db';
