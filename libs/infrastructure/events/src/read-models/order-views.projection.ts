import type { StoredEvent } from '@trader/application';
import type { OrderEvent } from '@trader/domain';
import { Dec } from '@trader/domain';
import type { EntityManager } from 'typeorm';
import { Projection } from '../projections/projection';
import { OrderViewRow } from './order-view.row';

const STATUS: Readonly<Record<string, string>> = {
  OrderOutcomeUnknown: 'unknown',
  OrderAccepted: 'accepted',
  OrderRejected: 'rejected',
  OrderCancelRequested: 'pending_cancel',
  OrderCancelled: 'cancelled',
};

/** The order read model's projection (and checkpoint) name. */
export const ORDER_VIEWS_PROJECTION = 'rm-orders';

/** The `rm_orders` read model: one row per order, updated by each of its events. */
export function orderViewsProjection(): Projection {
  return {
    name: ORDER_VIEWS_PROJECTION,
    lane: 'critical-trading',
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
    async apply(stored: StoredEvent, manager: EntityManager) {
      const rows = manager.getRepository(OrderViewRow);
      const event = { type: stored.type, data: stored.data } as OrderEvent;
      const at = stored.metadata.recordedAt;
      if (event.type === 'OrderSubmitted') {
        const d = event.data;
        await rows.save({
          orderId: d.orderId,
          market: d.market,
          side: d.side,
          orderType: d.orderType,
          timeInForce: d.timeInForce,
          status: 'submitted',
          price: d.price,
          volume: d.volume,
          funds: d.funds,
          executedVolume: '0',
          executedFunds: '0',
          paidFee: '0',
          exchangeOrderId: null,
          reason: null,
          correlationId: stored.metadata.correlationId ?? null,
          submittedAt: d.submittedAt,
          updatedAt: at,
        });
        return;
      }
      const row = await rows.findOneBy({ orderId: event.data.orderId });
      if (!row) return;
      row.updatedAt = at;
      switch (event.type) {
        case 'OrderFilled': {
          const { executedVolume, executedFunds, fee } = event.data;
          row.executedVolume = executedVolume;
          row.executedFunds = executedFunds;
          row.paidFee = new Dec(row.paidFee).plus(fee).toFixed();
          const complete = row.volume !== null ? new Dec(executedVolume).eq(row.volume) : row.funds !== null && new Dec(executedFunds).eq(row.funds);
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
      await rows.save(row);
    },
    async reset(manager: EntityManager) {
      await manager.getRepository(OrderViewRow).clear();
    },
  };
}
