import type { EventStore, TrackedOrders } from '@trader/application';
import type { DataSource } from 'typeorm';
import { LaneDispatcher } from '../bus/lane-dispatcher';
import { ORDER_VIEWS_PROJECTION } from './order-views.projection';

/** Every status of `rm_orders` but filled, cancelled and rejected. */
const OPEN_STATUSES = ['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel'] as const;

/**
 * An `IN` list, not `NOT IN (closed)`: SQLite answers it with one lookup per status in the status index,
 * so the cost follows the open orders, not every order ever placed. Sorting is left to the caller for
 * the same reason (an ORDER BY could make the planner prefer the submittedAt index and scan it all).
 */
export const openOrdersSql = `SELECT orderId, submittedAt FROM rm_orders WHERE status IN (${OPEN_STATUSES.map(() => '?').join(', ')})`;
/**
 * The same on PostgreSQL, which takes `$n` placeholders and folds unquoted names to lower case (the
 * entity's camel-case columns are created quoted).
 */
const openOrdersPgSql = `SELECT "orderId", "submittedAt" FROM rm_orders WHERE status IN (${OPEN_STATUSES.map((_, i) => `$${i + 1}`).join(', ')})`;

export interface ReadModelTrackedOrdersOptions {
  /** How long to wait for the order read model to catch up before failing. Default 5 s. */
  readonly catchUpTimeoutMs?: number;
}

/**
 * Open orders from the order read model (`rm_orders`), once its projection has caught up to the position
 * asked for: O(open orders) instead of a scan of the log. Used by the kill switch, cancel-all and
 * reconciliation.
 */
export class ReadModelTrackedOrders implements TrackedOrders {
  private readonly catchUpTimeoutMs: number;

  constructor(
    private readonly readModels: DataSource,
    private readonly store: Pick<EventStore, 'lastPosition'>,
    private readonly dispatcher: LaneDispatcher,
    options: ReadModelTrackedOrdersOptions = {},
  ) {
    this.catchUpTimeoutMs = options.catchUpTimeoutMs ?? 5_000;
  }

  async openOrderIds(caughtUpTo: number = this.store.lastPosition()): Promise<readonly string[]> {
    await this.dispatcher.whenCaughtUp(ORDER_VIEWS_PROJECTION, caughtUpTo, this.catchUpTimeoutMs);
    const sql = this.readModels.options.type === 'postgres' ? openOrdersPgSql : openOrdersSql;
    const rows = (await this.readModels.query(sql, [...OPEN_STATUSES])) as { orderId: string; submittedAt: number }[];
    rows.sort((a, b) => a.submittedAt - b.submittedAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    return rows.map((row) => row.orderId);
  }
}
