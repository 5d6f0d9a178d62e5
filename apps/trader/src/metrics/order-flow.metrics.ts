import type { EventStore, StoredEvent } from '@trader/application';
import type { OrderDenied, OrderFilled, OrderRejected, OrderSubmitted } from '@trader/domain';
import { Counter, Registry } from 'prom-client';
import { bounded, denialReasons, discrepancyKinds, otherLabel, rejectReasons } from './metric-labels';

/** How many orders' side and market are kept in memory; older ones are read back from their stream. */
const rememberedOrders = 10_000;

/** What each order event counts as in `trader_orders_total`. */
const outcomeOf: Readonly<Record<string, string>> = {
  OrderSubmitted: 'submitted',
  OrderAccepted: 'accepted',
  OrderRejected: 'rejected',
  OrderCancelled: 'cancelled',
  OrderOutcomeUnknown: 'outcome_unknown',
};

interface OrderLabels {
  readonly side: string;
  readonly market: string;
}

/**
 * The order flow counted from committed events (fed after each commit, never from domain code):
 * orders by side, market and outcome, fills, Upbit's rejections and our own denials by reason, and
 * reconciliation findings. Counters start at zero with the process, as Prometheus expects.
 */
export class OrderFlowMetrics {
  private readonly orders: Counter<'side' | 'market' | 'outcome'>;
  private readonly fills: Counter<'side' | 'market'>;
  private readonly rejects: Counter<'market' | 'reason'>;
  private readonly denials: Counter<'by' | 'reason'>;
  private readonly discrepancies: Counter<'kind'>;
  private readonly known = new Map<string, OrderLabels>();

  constructor(
    registry: Registry,
    private readonly markets: readonly string[],
    private readonly store: EventStore,
  ) {
    const registers = [registry];
    this.orders = new Counter({ name: 'trader_orders_total', help: 'Order events by side, market and outcome (submitted, accepted, rejected by Upbit, cancelled, outcome unknown).', labelNames: ['side', 'market', 'outcome'], registers });
    this.fills = new Counter({ name: 'trader_fills_total', help: 'Trades against our orders (OrderFilled), by side and market.', labelNames: ['side', 'market'], registers });
    this.rejects = new Counter({ name: 'trader_order_rejects_total', help: 'Orders Upbit refused (OrderRejected), by market and reason code.', labelNames: ['market', 'reason'], registers });
    this.denials = new Counter({ name: 'trader_order_denials_total', help: 'Orders our risk policy or trading session refused before they left (OrderDenied), by who refused and reason code.', labelNames: ['by', 'reason'], registers });
    this.discrepancies = new Counter({ name: 'trader_reconciliation_discrepancies_total', help: 'Differences reconciliation found between our records and the exchange, by kind.', labelNames: ['kind'], registers });
  }

  observe(event: StoredEvent): void {
    const kind = discrepancyKinds[event.type];
    if (kind !== undefined) {
      this.discrepancies.inc({ kind });
      return;
    }
    if (event.type === 'OrderDenied') {
      const { deniedBy, reasonCode } = (event as StoredEvent<'OrderDenied', OrderDenied['data']>).data;
      this.denials.inc({ by: deniedBy, reason: bounded(reasonCode, denialReasons) });
      return;
    }
    if (event.type === 'OrderSubmitted') {
      const { orderId, side, market } = (event as StoredEvent<'OrderSubmitted', OrderSubmitted['data']>).data;
      this.remember(orderId, { side, market: bounded(market, this.markets) });
    }
    if (event.type === 'OrderFilled') {
      const { side, market } = (event as StoredEvent<'OrderFilled', OrderFilled['data']>).data;
      this.fills.inc({ side, market: bounded(market, this.markets) });
      return;
    }
    const outcome = outcomeOf[event.type];
    if (outcome === undefined) return;
    const orderId = (event.data as { orderId: string }).orderId;
    const labels = this.labelsOf(orderId, event.streamId);
    this.orders.inc({ ...labels, outcome });
    if (event.type === 'OrderRejected') {
      const { reasonCode } = (event as StoredEvent<'OrderRejected', OrderRejected['data']>).data;
      this.rejects.inc({ market: labels.market, reason: bounded(reasonCode, rejectReasons) });
    }
  }

  private remember(orderId: string, labels: OrderLabels): void {
    this.known.set(orderId, labels);
    if (this.known.size > rememberedOrders) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }

  /** From memory, else from the order's first event (an order submitted before this process started). */
  private labelsOf(orderId: string, streamId: string): OrderLabels {
    const remembered = this.known.get(orderId);
    if (remembered) return remembered;
    const [first] = this.store.readStream(streamId, 1, 1);
    if (first?.type !== 'OrderSubmitted') return { side: otherLabel, market: otherLabel };
    const { side, market } = (first as StoredEvent<'OrderSubmitted', OrderSubmitted['data']>).data;
    const labels = { side, market: bounded(market, this.markets) };
    this.remember(orderId, labels);
    return labels;
  }
}
