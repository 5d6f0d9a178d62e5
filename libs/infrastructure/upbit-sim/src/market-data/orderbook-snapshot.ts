import { Dec, ZERO, toJsonNumber } from '../engine/decimal';
import { Market } from '../engine/market';
import { AggregatedLevel, Side } from '../engine/order-book';
import { tickSize } from '../engine/tick-size';

export interface OrderbookUnit {
  readonly ask_price: number;
  readonly bid_price: number;
  readonly ask_size: number;
  readonly bid_size: number;
}

export interface OrderbookSnapshot {
  readonly market: string;
  readonly total_ask_size: number;
  readonly total_bid_size: number;
  readonly orderbook_units: OrderbookUnit[];
  readonly level: number;
}

/**
 * Price-grouping units a market accepts as `level` (orderbook/instruments `supported_levels`): 0 for
 * every market, and for KRW markets 10, 100, 1,000 and 10,000 times the tick at the last price.
 */
export function supportedLevels(market: Market): Dec[] {
  if (market.quoteCurrency !== 'KRW') return [ZERO];
  const reference = market.tape.lastTrade()?.price ?? market.config.initialPrice;
  const tick = tickSize('KRW', reference);
  return [ZERO, tick.times(10), tick.times(100), tick.times(1000), tick.times(10000)];
}

function grouped(levels: AggregatedLevel[], side: Side, unit: Dec): AggregatedLevel[] {
  const out: AggregatedLevel[] = [];
  for (const level of levels) {
    const bucket = level.price.div(unit)[side === 'bid' ? 'floor' : 'ceil']().times(unit);
    const last = out[out.length - 1];
    if (last !== undefined && last.price.eq(bucket)) out[out.length - 1] = { price: bucket, size: last.size.plus(level.size) };
    else out.push({ price: bucket, size: level.size });
  }
  return out;
}

/**
 * The top `count` units of a market's book, optionally grouped by `level`. An unsupported level gives
 * no units, as Upbit does.
 */
export function orderbookSnapshot(market: Market, count: number, level: Dec): OrderbookSnapshot {
  const supported = supportedLevels(market).some((l) => l.eq(level));
  let asks: AggregatedLevel[] = [];
  let bids: AggregatedLevel[] = [];
  if (supported) {
    const depth = level.isZero() ? count : market.book.asks.length + market.book.bids.length;
    asks = market.book.top('ask', depth);
    bids = market.book.top('bid', depth);
    if (!level.isZero()) {
      asks = grouped(asks, 'ask', level);
      bids = grouped(bids, 'bid', level);
    }
    asks = asks.slice(0, count);
    bids = bids.slice(0, count);
  }
  const units: OrderbookUnit[] = [];
  for (let i = 0; i < Math.max(asks.length, bids.length); i++) {
    units.push({
      ask_price: toJsonNumber(asks[i]?.price ?? ZERO),
      bid_price: toJsonNumber(bids[i]?.price ?? ZERO),
      ask_size: toJsonNumber(asks[i]?.size ?? ZERO),
      bid_size: toJsonNumber(bids[i]?.size ?? ZERO),
    });
  }
  return {
    market: market.code,
    total_ask_size: toJsonNumber(asks.reduce((s, l) => s.plus(l.size), ZERO)),
    total_bid_size: toJsonNumber(bids.reduce((s, l) => s.plus(l.size), ZERO)),
    orderbook_units: units,
    level: toJsonNumber(level),
  };
}
