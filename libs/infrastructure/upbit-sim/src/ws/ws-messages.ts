import { Holding } from '../engine/accounts';
import { Dec, ZERO, toJsonNumber } from '../engine/decimal';
import { MyOrderEvent } from '../engine/exchange-listener';
import { Market } from '../engine/market';
import { Candle } from '../market-data/candle-series';
import { TickerState, TradeRecord } from '../market-data/market-tape';
import { orderbookSnapshot } from '../market-data/orderbook-snapshot';
import { compactDate, compactTime, kstDateTime, utcDate, utcDateTime, utcTime } from '../market-data/time-format';
import { changeOf } from '../rest/quotation-views';

const n = toJsonNumber;
const nullable = (value: Dec | undefined): number | null => (value === undefined ? null : n(value));

export type WsMessage = Record<string, unknown>;

/** DEFAULT-format ticker (WebSocket field set, which differs from REST). */
export function tickerMessage(t: TickerState, market: Market, now: number): WsMessage {
  const change = changeOf(t.tradePrice, t.prevClosingPrice);
  return {
    type: 'ticker',
    code: t.market,
    opening_price: n(t.openingPrice),
    high_price: n(t.highPrice),
    low_price: n(t.lowPrice),
    trade_price: n(t.tradePrice),
    prev_closing_price: n(t.prevClosingPrice),
    change: change.change,
    change_price: n(change.price.abs()),
    signed_change_price: n(change.price),
    change_rate: n(change.rate.abs()),
    signed_change_rate: n(change.rate),
    trade_volume: n(t.tradeVolume),
    acc_trade_volume: n(t.accTradeVolume),
    acc_trade_volume_24h: n(t.accTradeVolume24h),
    acc_trade_price: n(t.accTradePrice),
    acc_trade_price_24h: n(t.accTradePrice24h),
    trade_date: compactDate(t.tradeTimestamp),
    trade_time: compactTime(t.tradeTimestamp),
    trade_timestamp: t.tradeTimestamp,
    ask_bid: t.askBid,
    acc_ask_volume: n(t.accAskVolume),
    acc_bid_volume: n(t.accBidVolume),
    highest_52_week_price: n(t.highest52WeekPrice),
    highest_52_week_date: utcDate(t.highest52WeekDate),
    lowest_52_week_price: n(t.lowest52WeekPrice),
    lowest_52_week_date: utcDate(t.lowest52WeekDate),
    market_state: 'ACTIVE',
    is_trading_suspended: false,
    delisting_date: null,
    market_warning: market.config.warning ? 'CAUTION' : 'NONE',
    timestamp: now,
  };
}

export function tradeMessage(trade: TradeRecord, market: Market, now: number): WsMessage {
  const [ask] = market.book.top('ask', 1);
  const [bid] = market.book.top('bid', 1);
  const change = changeOf(trade.price, trade.prevClosingPrice);
  return {
    type: 'trade',
    code: trade.market,
    timestamp: now,
    trade_date: utcDate(trade.timestamp),
    trade_time: utcTime(trade.timestamp),
    trade_timestamp: trade.timestamp,
    trade_price: n(trade.price),
    trade_volume: n(trade.volume),
    ask_bid: trade.askBid,
    prev_closing_price: n(trade.prevClosingPrice),
    change: change.change,
    change_price: n(change.price.abs()),
    sequential_id: trade.sequentialId,
    best_ask_price: n(ask?.price ?? ZERO),
    best_ask_size: n(ask?.size ?? ZERO),
    best_bid_price: n(bid?.price ?? ZERO),
    best_bid_size: n(bid?.size ?? ZERO),
  };
}

export function orderbookMessage(market: Market, units: number, level: Dec, now: number): WsMessage {
  const snapshot = orderbookSnapshot(market, units, level);
  return {
    type: 'orderbook',
    code: market.code,
    timestamp: now,
    total_ask_size: snapshot.total_ask_size,
    total_bid_size: snapshot.total_bid_size,
    orderbook_units: snapshot.orderbook_units,
    level: snapshot.level,
  };
}

export function candleMessage(type: string, code: string, candle: Candle, now: number): WsMessage {
  return {
    type,
    code,
    candle_date_time_utc: utcDateTime(candle.start),
    candle_date_time_kst: kstDateTime(candle.start),
    opening_price: n(candle.open),
    high_price: n(candle.high),
    low_price: n(candle.low),
    trade_price: n(candle.close),
    candle_acc_trade_volume: n(candle.accTradeVolume),
    candle_acc_trade_price: n(candle.accTradePrice),
    timestamp: now,
  };
}

export function myOrderMessage(event: MyOrderEvent): WsMessage {
  const { order, trade } = event;
  const avg = order.executedVolume.isZero() ? ZERO : order.executedFunds.div(order.executedVolume);
  return {
    type: 'myOrder',
    code: order.market,
    uuid: order.uuid,
    ask_bid: order.side === 'bid' ? 'BID' : 'ASK',
    order_type: order.ordType,
    state: event.state,
    trade_uuid: trade?.uuid ?? null,
    price: nullable(trade?.price ?? order.price),
    avg_price: n(avg),
    volume: trade !== undefined ? n(trade.volume) : nullable(order.volume),
    remaining_volume: nullable(order.remainingVolume),
    executed_volume: n(order.executedVolume),
    trades_count: order.trades.length,
    reserved_fee: n(order.reservedFee),
    remaining_fee: n(order.remainingFee),
    paid_fee: n(order.paidFee),
    locked: n(order.locked),
    executed_funds: n(order.executedFunds),
    time_in_force: order.timeInForce ?? null,
    trade_fee: trade === undefined ? null : n(trade.fee),
    is_maker: trade === undefined ? null : trade.isMaker,
    identifier: order.identifier ?? null,
    smp_type: order.smpType ?? null,
    prevented_volume: n(order.preventedVolume),
    prevented_locked: n(order.preventedLocked),
    trade_timestamp: trade?.createdAt ?? null,
    order_timestamp: order.createdAt,
    timestamp: event.at,
  };
}

export function myAssetMessage(assetUuid: string, holdings: readonly Holding[], at: number): WsMessage {
  return {
    type: 'myAsset',
    asset_uuid: assetUuid,
    assets: holdings.map((h) => ({ currency: h.currency, balance: n(h.balance), locked: n(h.locked) })),
    asset_timestamp: at,
    timestamp: at,
  };
}
