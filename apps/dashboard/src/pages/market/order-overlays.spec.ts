import { describe, expect, it } from 'vitest';
import { fillMarkers, openOrderLines, type Order } from './order-overlays';

const colors = { up: 'red', down: 'blue' };
const at = Date.UTC(2026, 10, 30, 15, 7, 42);
function order(fields: Partial<Order>): Order {
  return {
    orderId: '00000000-0000-4000-8000-000000000001',
    market: 'KRW-BTC',
    side: 'buy',
    orderType: 'limit',
    timeInForce: 'gtc',
    status: 'accepted',
    price: '95000000',
    volume: '0.002',
    funds: null,
    executedVolume: '0',
    executedFunds: '0',
    paidFee: '0',
    exchangeOrderId: null,
    reason: null,
    correlationId: null,
    submittedAt: at,
    updatedAt: at,
    ...fields,
  } as Order;
}

describe('orders on the chart', () => {
  it('marks a fill on the candle it happened in, oldest first: buys below in the rising colour, sells above in the falling one', () => {
    const markers = fillMarkers(
      [
        order({ orderId: 'sell', side: 'sell', status: 'filled', executedVolume: '0.001', executedFunds: '95100', updatedAt: at + 60_000 }),
        order({ orderId: 'buy', status: 'filled', executedVolume: '0.002', executedFunds: '190000' }),
        order({ orderId: 'open' }),
      ],
      '1m',
      colors,
    );
    expect(markers).toEqual([
      { id: 'buy', time: Date.UTC(2026, 10, 30, 15, 7) / 1000, position: 'belowBar', shape: 'arrowUp', color: 'red', text: 'B 0.002 @ 95000000' },
      { id: 'sell', time: Date.UTC(2026, 10, 30, 15, 8) / 1000, position: 'aboveBar', shape: 'arrowDown', color: 'blue', text: 'S 0.001 @ 95100000' },
    ]);
  });

  it('marks the filled part of a cancelled order too', () => {
    expect(fillMarkers([order({ status: 'cancelled', executedVolume: '0.001', executedFunds: '95000' })], '1m', colors)).toHaveLength(1);
  });

  it('draws open limit orders as price lines, not closed or price-less ones', () => {
    const lines = openOrderLines([
      order({}),
      order({ side: 'sell', status: 'partially_filled', price: '97000000', volume: '0.5' }),
      order({ status: 'filled' }),
      order({ orderType: 'market', price: null, funds: '10000' }),
    ]);
    expect(lines).toEqual([
      { price: 95_000_000, side: 'buy', title: 'buy 0.002' },
      { price: 97_000_000, side: 'sell', title: 'sell 0.5' },
    ]);
  });
});
