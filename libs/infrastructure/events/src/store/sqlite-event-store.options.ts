import type { Clock } from '@trader/domain';
import { EventSchemaRegistry } from '../schema/event-schema-registry';

export interface SqliteEventStoreOptions {
  readonly clock: Clock;
  /** Event types, their current schema versions and upcasters. Default: an empty registry (accept all). */
  readonly schemas?: EventSchemaRegistry;
  /** Event types whose appends always use `synchronous=FULL` (orders and fills). */
  readonly fullDurabilityTypes?: readonly string[];
  /**
   * Every commit at `synchronous=OFF`, full-durability appends included (no fsync at all): only for a
   * store that can be rebuilt from its inputs, a backtest's. Default false.
   */
  readonly synchronousOff?: boolean;
  /**
   * The caller holds one transaction around all the appends (a backtest run, whose file nothing else
   * uses): each append nests in it as a savepoint instead of being refused with
   * `TransactionInProgressError`; an append of one event, which writes one row or nothing, needs no
   * savepoint and runs without one. Never on the live trader's shared connection. Default false.
   */
  readonly withinCallerTransaction?: boolean;
  /** Rows fetched per page by the lazy readers. Default 500. */
  readonly pageSize?: number;
}
