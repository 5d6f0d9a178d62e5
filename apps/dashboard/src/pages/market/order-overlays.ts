import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type { components } from '../../api/schema';
import type { OrderLine } from './market-chart-drawing';
import type { Timeframe } from './market-query';

export type Order = components['schemas']['OrderResponse'];

const OPEN: ReadonlySet<Order['status']> = new Set(['submitted', 'unknown', 'accepted', 'partially_filled', 'pending_cancel']);
const TIMEFRAME_SECONDS: Record<Timeframe, number> = { '1m': 60, '3m': 180, '5m': 300, '10m': 600, '15m': 900, '30m': 1_800, '60m': 3_600, '240m': 14_400, '1d': 86_400 };

/**
 * Our buys and sells as markers on the candle of their last fill (the order's `updatedAt`, floored
 * to the timeframe, as candles start on UTC-aligned intervals): a buy below the bar in the rising
 * colour, a sell above it in the falling colour, with the volume and average price filled.
 */
export function fillMarkers(orders: readonly Order[], timeframe: Timeframe, colors: { readonly up: string; readonly down: string }): SeriesMarker<UTCTimestamp>[] {
  const interval = TIMEFRAME_SECONDS[timeframe];
  return orders
    .filter((order) => Number(order.executedVolume) > 0)
    .map((order) => {
      const time = (Math.floor(order.updatedAt / 1000 / interval) * interval) as UTCTimestamp;
      const average = Number(order.executedFunds) / Number(order.executedVolume);
      const buy = order.side === 'buy';
      return {
        id: order.orderId,
        time,
        position: buy ? 'belowBar' : 'aboveBar',
        shape: buy ? 'arrowUp' : 'arrowDown',
        color: buy ? colors.up : colors.down,
        text: `${buy ? 'B' : 'S'} ${order.executedVolume} @ ${Math.round(average * 1e8) / 1e8}`,
      } satisfies SeriesMarker<UTCTimestamp>;
    })
    .sort((a, b) => a.time - b.time);
}

/** Open orders with a limit price, as price lines. */
export function openOrderLines(orders: readonly Order[]): OrderLine[] {
  return orders
    .filter((order) => OPEN.has(order.status) && order.price !== null)
    .map((order) => ({ price: Number(order.price), side: order.side, title: `${order.side} ${order.volume ?? ''}`.trim() }));
}
