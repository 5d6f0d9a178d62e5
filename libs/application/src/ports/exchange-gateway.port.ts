import type {
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
  AssetUpdate,
  OrderUpdate,
  ReplaceOrderRequest,
  ReplaceSubmission,
} from './exchange-gateway.types';
import type { StreamSubscription } from './market-data-feed.types';

/**
 * Our account on the exchange. Every method rejects with an `ExchangeError` subclass; reads are
 * retried by the adapter, order creation never is: an unanswered order comes back as
 * `{ outcome: 'unknown', identifier }` and is resolved with `getOrder({ identifier })`.
 */
export interface ExchangeGateway {
  getAccounts(): Promise<AccountBalance[]>;
  getOrderChance(market: string): Promise<OrderChance>;
  placeOrder(request: OrderRequest): Promise<OrderSubmission>;
  /** Validates an order without placing it (Upbit POST /orders/test). */
  testOrder(request: OrderRequest): Promise<ExchangeOrder>;
  getOrder(reference: OrderReference): Promise<ExchangeOrder>;
  cancelOrder(reference: OrderReference): Promise<ExchangeOrder>;
  getOpenOrders(query?: OpenOrdersQuery): Promise<ExchangeOrder[]>;
  getClosedOrders(query?: ClosedOrdersQuery): Promise<ExchangeOrder[]>;
  getOrdersByIds(query: OrdersByIdsQuery): Promise<ExchangeOrder[]>;
  cancelOrders(orders: OrdersToCancel): Promise<BatchCancelResult>;
  cancelAllOrders(request?: CancelAllOrdersRequest): Promise<BatchCancelResult>;
  replaceOrder(request: ReplaceOrderRequest): Promise<ReplaceSubmission>;
}

/** Pushed changes to our orders and balances (one private connection, merged like the public one). */
export interface ExchangeEventStream {
  /** Order changes on `markets`, or on every market when `markets` is empty. */
  subscribeOrders(markets: readonly string[]): StreamSubscription<OrderUpdate>;
  subscribeAssets(): StreamSubscription<AssetUpdate>;
}

export const EXCHANGE_GATEWAY = Symbol('EXCHANGE_GATEWAY');
export const EXCHANGE_EVENT_STREAM = Symbol('EXCHANGE_EVENT_STREAM');
