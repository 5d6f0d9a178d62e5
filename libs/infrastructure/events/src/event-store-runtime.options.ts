import type { Clock } from '@trader/domain';
import type { RuntimeLogger, TaskManager } from '@trader/runtime';
import type { EntitySchema } from 'typeorm';
import { RetryOptions } from './bus/retry-policy';
import type { PgAccountLease } from './pg/pg-account-lease';
import { EventSchema } from './schema/event-schema';

/** A TypeORM entity class or schema of a read model. */
export type ReadModelEntity = (new (...args: never[]) => unknown) | EntitySchema;

/** How a SQLite file's write-ahead log is checkpointed off the event loop (see `WalCheckpointer`). */
export interface WalCheckpointSettings {
  /** How often the thread runs a passive checkpoint (with nothing new to copy it syncs nothing). Default 1,000 ms. */
  readonly intervalMs?: number;
  /** The log file's size, in pages, at which the thread is first started. Default 1,000 (SQLite's automatic checkpoint). */
  readonly startPages?: number;
  /**
   * The main connection's own automatic checkpoint while the thread does the work: only reached when
   * the thread is down or falls behind, so the log stays bounded (about 40 MB at the default 10,000).
   */
  readonly backstopPages?: number;
}

/** Everything the event store needs, as a typed object (only the app reads the environment). */
export interface EventStoreRuntimeOptions {
  /** SQLite file, or a `postgres://` / `postgresql://` URL; default `./data/trader.db`. */
  readonly path?: string;
  /**
   * PostgreSQL only: the account this trader trades. Its events, checkpoints, dead letters, snapshots
   * and read models live in their own schema (`accountSchema`), so several accounts share a database.
   * Default `default`.
   */
  readonly account?: string;
  /**
   * PostgreSQL only: the account's lease (at most one active instance per account). Appends are
   * refused unless this process holds it, so a standby built on this runtime cannot write events.
   */
  readonly lease?: PgAccountLease;
  readonly clock: Clock;
  readonly tasks: TaskManager;
  readonly logger?: RuntimeLogger;
  readonly schemas?: readonly EventSchema[];
  /** Reading an event type that has no schema fails (only when `schemas` is not empty). Default true. */
  readonly rejectUnknownTypes?: boolean;
  /** Event types always appended with `synchronous=FULL` (orders, fills). */
  readonly fullDurabilityTypes?: readonly string[];
  readonly queueCapacity?: number;
  readonly retry?: RetryOptions;
  /**
   * SQLite file in WAL mode: while the runtime runs, the log is checkpointed on a thread of its own and
   * the commits on the event loop no longer do it; `false` leaves it to SQLite's automatic checkpoint,
   * inside the commit that crosses 1,000 pages. Default on.
   */
  readonly walCheckpoints?: WalCheckpointSettings | false;
  /** TypeORM entities of the projections' read models. */
  readonly readModelEntities?: readonly ReadModelEntity[];
}
