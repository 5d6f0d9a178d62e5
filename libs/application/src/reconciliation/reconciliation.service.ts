import type { Clock, OrderStatus } from '@trader/domain';
import { Dec } from '@trader/domain';
import { NewEvent, StoredEvent } from '../ports/event-envelope';
import { EventStore } from '../ports/event-store.port';
import { ExchangeNotFoundError } from '../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../ports/exchange-gateway.port';
import { ExchangeOrder } from '../ports/exchange-gateway.types';
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
  /** Markets where the exchange holds less than our position even after correcting our orders from it. */
  readonly shortMarkets: readonly string[];
}

/** When an order whose outcome is unknown may be judged lost, and what may be in flight right now. */
export interface ReconciliationOptions {
  /** True while this process may have a create request for the order in flight (the execution saga's workers). */
  readonly sendInFlight: (orderId: string) => boolean;
  /** As the execution saga's: an order sent less than this long ago is never judged lost. */
  readonly unknownOutcomeBoundMs: number;
  /** Pause between the two not-found lookups that may reject an order. */
  readonly lookupIntervalMs: number;
  readonly wait: (ms: number) => Promise<void>;
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
    private readonly options: ReconciliationOptions,
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
      ordersUpdated += await this.findUnknownOrders(started, findings);
      await this.positionsCaughtUp(this.store.lastPosition());
      let mismatches = await this.compareBalances();
      if (mismatches.length > 0) {
        // Our records may have missed what the exchange did (an order we took for rejected that
        // executed): correct our orders from the exchange's, then compare again.
        ordersUpdated += await this.correctFromExchange(mismatches.map((m) => m.market), started);
        await this.positionsCaughtUp(this.store.lastPosition());
        mismatches = await this.compareBalances();
      }
      for (const mismatch of mismatches) findings.push(this.finding('BalanceMismatchFound', mismatch, started));
      if (findings.length > 0) await this.store.append(RECONCILIATION_STREAM, 'any', findings);
      const shortMarkets = mismatches.filter((m) => m.kind === 'short').map((m) => m.market);
      const report: ReconciliationReport = { ordersChecked: openIds.length, ordersUpdated, discrepancies: findings.length, shortMarkets };
      const completed: ReconciliationCompletedData = {
        reason,
        ordersChecked: report.ordersChecked,
        ordersUpdated,
        discrepancies: report.discrepancies,
        completedAt: this.clock.now(),
      };
      await this.appendOne('ReconciliationCompleted', completed, started);
      return report;
    } catch (error) {
      await this.appendOne('ReconciliationFailed', { reason, error: error instanceof Error ? error.message : String(error), failedAt: this.clock.now() }, started);
      throw error;
    }
  }

  /** Returns whether the order changed. */
  private async syncOrder(orderId: string, cause: StoredEvent, findings: NewEvent[]): Promise<boolean> {
    // A create request of this process may be on its way: the execution saga resolves that order.
    if (this.options.sendInFlight(orderId)) return false;
    const before = await this.orders.load(orderId);
    const found = await this.lookUp(orderId);
    if (found) {
      await this.applier.apply(orderId, cause, found, 'reconciliation lookup');
    } else if (AWAITING_OUTCOME.includes(before.state.status)) {
      if (await this.provablyLost(orderId)) {
        await this.applier.record(orderId, cause, 'rejected', {
          type: 'RecordOrderRejected',
          data: { reasonCode: 'not_found_at_reconciliation', message: `the exchange has no order with identifier ${orderId}`, at: this.clock.now() },
        });
      }
    } else {
      const missing: OrderMissingOnExchangeData = { orderId, status: before.state.status, foundAt: this.clock.now() };
      findings.push(this.finding('OrderMissingOnExchange', missing, cause));
    }
    return (await this.orders.load(orderId)).version !== before.version;
  }

  private async lookUp(orderId: string): Promise<ExchangeOrder | null> {
    try {
      return await this.gateway.getOrder({ identifier: orderId });
    } catch (error) {
      if (error instanceof ExchangeNotFoundError) return null;
      throw error;
    }
  }

  /**
   * An order the exchange does not know may only be rejected once its send has provably finished:
   * never sent by us (no send mark: the saga still owns it and will send it or refuse it as stale)
   * means leave it; otherwise the send must have started longer ago than the bound that covers the
   * client's time-outs, no worker may be sending it, and a second lookup, a pause later, must agree.
   */
  private async provablyLost(orderId: string): Promise<boolean> {
    const { state } = await this.orders.load(orderId);
    if (state.status === 'new' || !AWAITING_OUTCOME.includes(state.status)) return false;
    if (state.status === 'submitted' && state.sendStartedAt === null) return false;
    const since = state.sendStartedAt ?? 0;
    if (this.clock.now() - since < this.options.unknownOutcomeBoundMs) return false;
    await this.options.wait(this.options.lookupIntervalMs);
    if (this.options.sendInFlight(orderId)) return false;
    return (await this.lookUp(orderId)) === null;
  }

  /** Reports open orders we did not place; one of ours we had given up as rejected is corrected. Returns how many orders changed. */
  private async findUnknownOrders(cause: StoredEvent, findings: NewEvent[]): Promise<number> {
    let corrected = 0;
    for (const order of await this.gateway.getOpenOrders({})) {
      const status = order.identifier ? (await this.orders.load(order.identifier)).state.status : 'new';
      if (status === 'rejected' && order.identifier) {
        await this.applier.apply(order.identifier, cause, order, 'open orders at reconciliation');
        corrected += 1;
        continue;
      }
      if (status !== 'new') continue;
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
    return corrected;
  }

  /**
   * Brings every recent order of ours on the given markets in line with the exchange (fills we
   * missed, orders we took for rejected). Returns how many orders changed.
   */
  private async correctFromExchange(markets: readonly string[], cause: StoredEvent): Promise<number> {
    let changed = 0;
    for (const market of markets) {
      const orders = [...(await this.gateway.getClosedOrders({ market, limit: 100 })), ...(await this.gateway.getOpenOrders({ market }))];
      for (const order of orders) {
        if (!order.identifier) continue;
        const before = await this.orders.load(order.identifier);
        if (before.state.status === 'new') continue;
        // The list gives no trades: the order itself, with its trades, decides.
        const full = await this.gateway.getOrder({ uuid: order.uuid });
        await this.applier.apply(order.identifier, cause, full, 'balance mismatch at reconciliation');
        if ((await this.orders.load(order.identifier)).version !== before.version) changed += 1;
      }
    }
    return changed;
  }

  private async compareBalances(): Promise<BalanceMismatchFoundData[]> {
    const mismatches: BalanceMismatchFoundData[] = [];
    const accounts = await this.gateway.getAccounts();
    for (const market of this.markets) {
      const currency = market.split('-')[1] as string;
      const account = accounts.find((a) => a.currency === currency);
      const exchangeQuantity = account ? account.balance.plus(account.locked) : new Dec(0);
      const positionQuantity = new Dec((await this.positions.load(market)).state.quantity.toFixed());
      if (exchangeQuantity.eq(positionQuantity)) continue;
      mismatches.push({
        market,
        currency,
        kind: exchangeQuantity.lt(positionQuantity) ? 'short' : 'excess',
        positionQuantity: positionQuantity.toFixed(),
        exchangeQuantity: exchangeQuantity.toFixed(),
        foundAt: this.clock.now(),
      });
    }
    return mismatches;
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
