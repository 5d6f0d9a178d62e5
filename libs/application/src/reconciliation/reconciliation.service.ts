import type { Clock, OrderStatus } from '@trader/domain';
import { Decimal } from 'decimal.js';
import { NewEvent, StoredEvent } from '../ports/event-envelope';
import { EventStore } from '../ports/event-store.port';
import { ExchangeNotFoundError } from '../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../ports/exchange-gateway.port';
import { IdGenerator } from '../ports/id-generator.port';
import { ExchangeOrderApplier } from '../orders/exchange-order-applier';
import { OrderRepository } from '../orders/order-repository';
import { TrackedOrders } from '../orders/tracked-orders';
import { PositionRepository } from '../positions/position-repository';
import {
  BalanceMismatchFoundData,
  OrderMissingOnExchangeData,
  RECONCILIATION_STREAM,
  ReconciliationCompletedData,
  ReconciliationReason,
  UnknownExchangeOrderFoundData,
} from './reconciliation.events';

export interface ReconciliationReport {
  readonly ordersChecked: number;
  readonly ordersUpdated: number;
  readonly discrepancies: number;
}

const AWAITING_OUTCOME: readonly OrderStatus[] = ['submitted', 'unknown'];

/**
 * Compares our records with the exchange and turns every difference into an event: at start-up and
 * after a gap in the private stream, before strategies may trade. Each of our open orders is looked up
 * and brought up to date (trades, cancels, or rejected when the exchange never got it); open orders we
 * did not place and balances that disagree with our positions are reported, not changed.
 */
export class ReconciliationService {
  private readonly applier: ExchangeOrderApplier;

  constructor(
    private readonly store: EventStore,
    private readonly orders: OrderRepository,
    private readonly positions: PositionRepository,
    private readonly tracked: TrackedOrders,
    private readonly gateway: ExchangeGateway,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly markets: readonly string[],
    /** Resolves once positions include every event up to the given position (positions are built from fills asynchronously). */
    private readonly positionsCaughtUp: (position: number) => Promise<void>,
  ) {
    this.applier = new ExchangeOrderApplier(orders, clock);
  }

  async reconcile(reason: ReconciliationReason): Promise<ReconciliationReport> {
    const started = await this.appendOne('ReconciliationStarted', { reason, startedAt: this.clock.now() });
    try {
      const findings: NewEvent[] = [];
      const openIds = await this.tracked.openOrderIds();
      let ordersUpdated = 0;
      for (const orderId of openIds) {
        if (await this.syncOrder(orderId, started, findings)) ordersUpdated += 1;
      }
      await this.findUnknownOrders(started, findings);
      await this.positionsCaughtUp(this.store.lastPosition());
      await this.compareBalances(started, findings);
      if (findings.length > 0) await this.store.append(RECONCILIATION_STREAM, 'any', findings);
      const report = { ordersChecked: openIds.length, ordersUpdated, discrepancies: findings.length };
      const completed: ReconciliationCompletedData = { reason, ...report, completedAt: this.clock.now() };
      await this.appendOne('ReconciliationCompleted', completed, started);
      return report;
    } catch (error) {
      await this.appendOne('ReconciliationFailed', { reason, error: error instanceof Error ? error.message : String(error), failedAt: this.clock.now() }, started);
      throw error;
    }
  }

  /** Returns whether the order changed. */
  private async syncOrder(orderId: string, cause: StoredEvent, findings: NewEvent[]): Promise<boolean> {
    const before = await this.orders.load(orderId);
    try {
      await this.applier.apply(orderId, cause, await this.gateway.getOrder({ identifier: orderId }));
    } catch (error) {
      if (!(error instanceof ExchangeNotFoundError)) throw error;
      if (AWAITING_OUTCOME.includes(before.state.status)) {
        await this.applier.record(orderId, cause, 'rejected', {
          type: 'RecordOrderRejected',
          data: { reasonCode: 'not_found_at_reconciliation', message: `the exchange has no order with identifier ${orderId}`, at: this.clock.now() },
        });
      } else {
        const missing: OrderMissingOnExchangeData = { orderId, status: before.state.status, foundAt: this.clock.now() };
        findings.push(this.finding('OrderMissingOnExchange', missing, cause));
      }
    }
    return (await this.orders.load(orderId)).version !== before.version;
  }

  private async findUnknownOrders(cause: StoredEvent, findings: NewEvent[]): Promise<void> {
    for (const order of await this.gateway.getOpenOrders({})) {
      const ours = order.identifier ? (await this.orders.load(order.identifier)).state.status !== 'new' : false;
      if (ours) continue;
      const found: UnknownExchangeOrderFoundData = {
        uuid: order.uuid,
        market: order.market,
        identifier: order.identifier ?? null,
        side: order.side,
        state: order.state,
        foundAt: this.clock.now(),
      };
      findings.push(this.finding('UnknownExchangeOrderFound', found, cause));
    }
  }

  private async compareBalances(cause: StoredEvent, findings: NewEvent[]): Promise<void> {
    const accounts = await this.gateway.getAccounts();
    for (const market of this.markets) {
      const currency = market.split('-')[1] as string;
      const account = accounts.find((a) => a.currency === currency);
      const exchangeQuantity = account ? account.balance.plus(account.locked) : new Decimal(0);
      const positionQuantity = new Decimal((await this.positions.load(market)).state.quantity.toFixed());
      if (exchangeQuantity.eq(positionQuantity)) continue;
      const mismatch: BalanceMismatchFoundData = {
        market,
        currency,
        kind: exchangeQuantity.lt(positionQuantity) ? 'short' : 'excess',
        positionQuantity: positionQuantity.toFixed(),
        exchangeQuantity: exchangeQuantity.toFixed(),
        foundAt: this.clock.now(),
      };
      findings.push(this.finding('BalanceMismatchFound', mismatch, cause));
    }
  }

  private finding(type: string, data: object, cause: StoredEvent): NewEvent {
    return { eventId: this.ids.next(), type, data, metadata: { correlationId: cause.metadata.correlationId ?? cause.eventId, causationId: cause.eventId } };
  }

  private async appendOne(type: string, data: object, cause?: StoredEvent): Promise<StoredEvent> {
    const eventId = this.ids.next();
    const metadata = cause ? { correlationId: cause.metadata.correlationId ?? cause.eventId, causationId: cause.eventId } : { correlationId: eventId };
    await this.store.append(RECONCILIATION_STREAM, 'any', [{ eventId, type, data, metadata }]);
    const last = [...this.store.readStream(RECONCILIATION_STREAM, this.store.streamVersion(RECONCILIATION_STREAM))][0];
    return last as StoredEvent;
  }
}
