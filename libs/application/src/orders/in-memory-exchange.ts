import { ExchangeNotFoundError } from '../ports/exchange-gateway.errors';
import { ExchangeGateway } from '../ports/exchange-gateway.port';
import {
  AccountBalance,
  BatchCancelResult,
  CancelAllOrdersRequest,
  ClosedOrdersQuery,
  ExchangeOrder,
  OpenOrdersQuery,
  OrderChance,
  OrderReference,
  OrderRequest,
  OrderSubmission,
  OrdersByIdsQuery,
  OrdersToCancel,
  OrderUpdate,
  ReplaceOrderRequest,
  ReplaceSubmission,
} from '../ports/exchange-gateway.types';
import { InMemoryOrders, replaceByCancelAndPlace } from './in-memory-orders';
import { BookOrder, UpbitAccountBook } from './upbit-account-book';

/**
 * What every in-memory Upbit answers the same way: the order queries, cancels, cancel-and-new, the
 * accounts and the private-stream listeners, over an `UpbitAccountBook`. A subclass decides how an order
 * is placed and where its prices come from (an order book snapshot, a backtest's next price).
 */
export abstract class InMemoryExchange<O extends BookOrder> implements ExchangeGateway {
  protected readonly orders = new InMemoryOrders<O>();
  private readonly listeners: Array<(update: OrderUpdate) => void> = [];

  protected constructor(protected readonly book: UpbitAccountBook) {}

  abstract placeOrder(request: OrderRequest): Promise<OrderSubmission>;
  abstract testOrder(request: OrderRequest): Promise<ExchangeOrder>;
  abstract getOrderChance(market: string): Promise<OrderChance>;

  /** Called for every order a cancel closed (after its funds are released). */
  protected abstract cancelled(order: O): void;

  /** Calls `listener` with each change to an order after its submission (its trades, its close), like Upbit's myOrder stream. */
  onUpdate(listener: (update: OrderUpdate) => void): void {
    this.listeners.push(listener);
  }

  async getOrder(reference: OrderReference): Promise<ExchangeOrder> {
    return this.book.view(this.orders.find(reference), true);
  }

  async cancelOrder(reference: OrderReference): Promise<ExchangeOrder> {
    const order = this.orders.find(reference);
    if (order.state !== 'wait') throw new ExchangeNotFoundError('order_not_found', `order ${order.uuid} is already ${order.state}`);
    const before = this.book.view(order, false);
    this.cancel(order);
    return before;
  }

  async getOpenOrders(query: OpenOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return this.orders.open(query).map((o) => this.book.view(o, false));
  }

  async getClosedOrders(query: ClosedOrdersQuery = {}): Promise<ExchangeOrder[]> {
    return this.orders.closed(query).map((o) => this.book.view(o, false));
  }

  async getOrdersByIds(query: OrdersByIdsQuery): Promise<ExchangeOrder[]> {
    return this.orders.byIds(query).map((o) => this.book.view(o, false));
  }

  async cancelOrders(targets: OrdersToCancel): Promise<BatchCancelResult> {
    const references: OrderReference[] = 'uuids' in targets ? targets.uuids.map((uuid) => ({ uuid })) : targets.identifiers.map((identifier) => ({ identifier }));
    return this.cancelEach(references);
  }

  async cancelAllOrders(request: CancelAllOrdersRequest = {}): Promise<BatchCancelResult> {
    return this.cancelEach(this.orders.cancelAllTargets(request).map((o) => ({ uuid: o.uuid })));
  }

  async replaceOrder(request: ReplaceOrderRequest): Promise<ReplaceSubmission> {
    return replaceByCancelAndPlace(this, this.orders.find(request.previous), request);
  }

  async getAccounts(): Promise<AccountBalance[]> {
    return this.book.accounts();
  }

  protected emit(update: OrderUpdate): void {
    for (const listener of this.listeners) listener(update);
  }

  private cancel(order: O): void {
    this.book.close(order, 'cancel');
    this.cancelled(order);
  }

  private async cancelEach(references: readonly OrderReference[]): Promise<BatchCancelResult> {
    const succeeded = [];
    const failed = [];
    for (const reference of references) {
      const order = this.orders.find(reference);
      const ref = { uuid: order.uuid, market: order.request.market, identifier: order.request.identifier };
      if (order.state === 'wait') {
        this.cancel(order);
        succeeded.push(ref);
      } else {
        failed.push(ref);
      }
    }
    return { succeeded, failed };
  }
}
