import type { StoredEvent } from '@trader/application';
import type { SqlDatabase } from '../database/sql-database';
import { Lane } from '../bus/lane';

/**
 * A read model built from the store. Its tables are TypeORM entities (created by TypeORM's schema
 * sync, read through TypeORM), but it writes them with its own prepared statements on the shared
 * connection, synchronously: a batch and its checkpoint are one better-sqlite3 transaction that
 * nothing can interleave with, and a rebuild costs no ORM round trip per event.
 */
export interface Projection {
  readonly name: string;
  /** Default 'medium-config'. */
  readonly lane?: Lane;
  readonly eventTypes?: readonly string[];
  /**
   * The tables it writes. A rebuild from position 0 drops their secondary indexes while it refills
   * them and creates them again at the end: one CREATE INDEX over the full table costs a fraction of
   * keeping each index up to date row by row.
   */
  readonly tables?: readonly string[];
  /**
   * The event types whose metadata it reads besides `recordedAt` (default: every type it takes). A
   * rebuild leaves the metadata of the other types unparsed: a third of an event's JSON, on average.
   */
  readonly metadataOf?: readonly string[];
  /** Prepares the projection's statements; called once its tables exist. */
  open(db: SqlDatabase): ProjectionTables;
}

/** A projection's writes, prepared on the shared connection. Both run inside the caller's transaction. */
export interface ProjectionTables {
  /**
   * Applies `events` in order. Synchronous: it must not await, and may keep rows in memory across the
   * batch (several events of one order become one write) as long as it writes them before returning.
   */
  applyBatch(events: readonly StoredEvent[]): void;
  /** Empties the read model, for a rebuild from position 0. */
  reset(): void;
}

/** Progress of a rebuild, reported after each batch. */
export interface RebuildProgress {
  readonly projection: string;
  readonly processed: number;
  readonly position: number;
  readonly target: number;
}
