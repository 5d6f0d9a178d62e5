import type { StoredEvent } from '@trader/application';
import type { OrderEvent } from '@trader/domain';
import { Dec } from '@trader/domain';
import type { SqlDatabase } from '../database/sql-database';
import { Projection, ProjectionTables } from '../projections/projection';
import { MultiRowUpsert } from './multi-row-upsert';
import { OrderViewRow } from './order-view.row';

const STATUS: Readonly<Record<string, string>> = {
  OrderOutcomeUnknown: 'unknown',
  OrderAccepted: 'accepted',
  OrderRejected: 'rejected',
  OrderCancelRequested: 'pending_cancel',
  OrderCancelled: 'cancelled',
};

const columns = [
  'orderId',
  'market',
  'side',
  'orderType',
  'timeInForce',
  'status',
  'price',
  'volume',
  'funds',
  'executedVolume',
  'executedFunds',
  'paidFee',
  'exchangeOrderId',
  'reason',
  'correlationId',
  'submittedAt',
  'updatedAt',
] as const satisfies readonly (keyof OrderViewRow)[];

const selectSql = `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM rm_orders WHERE "orderId" = ?`;

/**
 * A row's values in the order of `columns`. Spelled out: a loop reading `row[column]` with 17 different
 * names is a megamorphic keyed load per value, a hash lookup each time, about a third of the
 * projection's own time in a rebuild.
 */
function pushRow(values: unknown[], row: OrderViewRow): void {
  values.push(
    row.orderId,
    row.market,
    row.side,
    row.orderType,
    row.timeInForce,
    row.status,
    row.price,
    row.volume,
    row.funds,
    row.executedVolume,
    row.executedFunds,
    row.paidFee,
    row.exchangeOrderId,
    row.reason,
    row.correlationId,
    row.submittedAt,
    row.updatedAt,
  );
}

/** A decimal as `Dec.toFixed()` writes it: no exponent, no leading zeros, no trailing fractional zeros. */
const CANONICAL_DECIMAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** The order read model's projection (and checkpoint) name. */
export const ORDER_VIEWS_PROJECTION = 'rm-orders';

/** The row after one event of its order (the row as it was, changed in place). */
function evolve(row: OrderViewRow, event: Exclude<OrderEvent, { type: 'OrderSubmitted' }>, at: number): void {
  row.updatedAt = at;
  switch (event.type) {
    case 'OrderFilled': {
      const { executedVolume, executedFunds, fee } = event.data;
      row.executedVolume = executedVolume;
      row.executedFunds = executedFunds;
      // An order's first fill (most orders have one): its fee, when already in the form toFixed writes, is the sum.
      row.paidFee = row.paidFee === '0' && CANONICAL_DECIMAL.test(fee) ? fee : new Dec(row.paidFee).plus(fee).toFixed();
      // Equal text is an equal amount; only different spellings need the decimal comparison.
      const complete =
        row.volume !== null
          ? executedVolume === row.volume || new Dec(executedVolume).eq(row.volume)
          : row.funds !== null && (executedFunds === row.funds || new Dec(executedFunds).eq(row.funds));
      row.status = complete ? 'filled' : row.status === 'pending_cancel' ? 'pending_cancel' : 'partially_filled';
      break;
    }
    case 'OrderCancelRejected':
      row.status = new Dec(row.executedVolume).isZero() ? 'accepted' : 'partially_filled';
      row.reason = event.data.reason;
      break;
    case 'OrderAccepted':
      row.exchangeOrderId = event.data.exchangeOrderId;
      row.status = STATUS[event.type] as string;
      break;
    case 'OrderRejected':
      row.reason = `${event.data.reasonCode}: ${event.data.message}`;
      row.status = 'rejected';
      break;
    case 'OrderOutcomeUnknown':
      row.reason = event.data.reason;
      row.status = 'unknown';
      break;
    case 'OrderStateCorrected':
      // The exchange showed an order we had taken for rejected: it is working again under its uuid.
      row.exchangeOrderId = event.data.exchangeOrderId;
      row.reason = `corrected from ${event.data.from} (${event.data.evidence}: ${event.data.exchangeState})`;
      row.status = 'accepted';
      break;
    default:
      row.status = STATUS[event.type] ?? row.status;
  }
}

/**
 * The `rm_orders` read model: one row per order, updated by each of its events. Within a batch the
 * rows stay in memory and each is written once at the end (an order's submit, accept and fills in one
 * batch are one upsert), 32 rows per statement (`MultiRowUpsert`).
 */
export function orderViewsProjection(): Projection {
  return {
    name: ORDER_VIEWS_PROJECTION,
    lane: 'critical-trading',
    tables: ['rm_orders'],
    // The correlation id of the submit; the other events' rows need only `recordedAt`.
    metadataOf: ['OrderSubmitted'],
    eventTypes: [
      'OrderSubmitted',
      'OrderOutcomeUnknown',
      'OrderAccepted',
      'OrderRejected',
      'OrderFilled',
      'OrderCancelRequested',
      'OrderCancelRejected',
      'OrderCancelled',
      'OrderStateCorrected',
    ],
    open(db: SqlDatabase): ProjectionTables {
      const select = db.prepare(selectSql);
      const upsert = new MultiRowUpsert(db, 'rm_orders', columns);
      const clear = db.prepare('DELETE FROM rm_orders');
      return {
        applyBatch(events: readonly StoredEvent[]) {
          const rows = new Map<string, OrderViewRow>();
          for (const stored of events) {
            const event = { type: stored.type, data: stored.data } as OrderEvent;
            if (event.type === 'OrderSubmitted') {
              const d = event.data;
              rows.set(d.orderId, {
                orderId: d.orderId,
                market: d.market,
                side: d.side,
                orderType: d.orderType,
                timeInForce: d.timeInForce,
                status: 'submitted',
                // Stored JSON may lack a null field; SQLite needs the NULL spelled out.
                price: d.price ?? null,
                volume: d.volume ?? null,
                funds: d.funds ?? null,
                executedVolume: '0',
                executedFunds: '0',
                paidFee: '0',
                exchangeOrderId: null,
                reason: null,
                correlationId: stored.metadata.correlationId ?? null,
                submittedAt: d.submittedAt,
                updatedAt: stored.metadata.recordedAt,
              });
              continue;
            }
            const { orderId } = event.data;
            let row = rows.get(orderId);
            if (!row) {
              row = select.get(orderId) as OrderViewRow | undefined;
              if (!row) continue;
              rows.set(orderId, row);
            }
            evolve(row, event, stored.metadata.recordedAt);
          }
          for (const row of rows.values()) {
            pushRow(upsert.values, row);
            upsert.pushed();
          }
          upsert.flush();
        },
        reset() {
          clear.run();
        },
      };
    },
  };
}
