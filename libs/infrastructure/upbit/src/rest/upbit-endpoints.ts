import type { Endpoint } from './upbit-rest-client';

/**
 * Every REST endpoint the client calls, with its rate-limit group (docs rate-limits; upbit-api.md §1,
 * §3). Order lookups and cancels share the `default` group with balance and list reads, so they are
 * `urgent`: they go first when the group is busy. Order creation has its own `order` group.
 */
export const upbitEndpoints = {
  markets: { method: 'GET', path: '/market/all', group: 'market', auth: false, kind: 'read' },
  candles: { method: 'GET', path: '/candles', group: 'candle', auth: false, kind: 'read' },
  trades: { method: 'GET', path: '/trades/ticks', group: 'trade', auth: false, kind: 'read' },
  ticker: { method: 'GET', path: '/ticker', group: 'ticker', auth: false, kind: 'read' },
  tickerAll: { method: 'GET', path: '/ticker/all', group: 'ticker', auth: false, kind: 'read' },
  orderbook: { method: 'GET', path: '/orderbook', group: 'orderbook', auth: false, kind: 'read' },
  instruments: { method: 'GET', path: '/orderbook/instruments', group: 'orderbook', auth: false, kind: 'read' },
  accounts: { method: 'GET', path: '/accounts', group: 'default', auth: true, kind: 'read' },
  chance: { method: 'GET', path: '/orders/chance', group: 'default', auth: true, kind: 'read' },
  order: { method: 'GET', path: '/order', group: 'default', auth: true, kind: 'read', priority: 'urgent' },
  openOrders: { method: 'GET', path: '/orders/open', group: 'default', auth: true, kind: 'read' },
  closedOrders: { method: 'GET', path: '/orders/closed', group: 'default', auth: true, kind: 'read' },
  ordersByIds: { method: 'GET', path: '/orders/uuids', group: 'default', auth: true, kind: 'read' },
  placeOrder: { method: 'POST', path: '/orders', group: 'order', auth: true, kind: 'create' },
  testOrder: { method: 'POST', path: '/orders/test', group: 'order-test', auth: true, kind: 'write' },
  cancelOrder: { method: 'DELETE', path: '/order', group: 'default', auth: true, kind: 'write', priority: 'urgent' },
  cancelOrders: { method: 'DELETE', path: '/orders/uuids', group: 'default', auth: true, kind: 'write', priority: 'urgent' },
  cancelAll: { method: 'DELETE', path: '/orders/open', group: 'order-cancel-all', auth: true, kind: 'write', priority: 'urgent' },
  replaceOrder: { method: 'POST', path: '/orders/cancel_and_new', group: 'order', auth: true, kind: 'create' },
} as const satisfies Record<string, Endpoint>;

/** The candle endpoint for one unit: `/candles/minutes/5`, `/candles/days`... */
export function candlesEndpoint(path: string): Endpoint {
  return { ...upbitEndpoints.candles, path };
}
