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
  /** Rows fetched per page by the lazy readers. Default 500. */
  readonly pageSize?: number;
}
