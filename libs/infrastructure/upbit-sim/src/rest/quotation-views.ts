import { Dec, toJsonNumber } from '../engine/decimal';
import { Market } from '../engine/market';
import { Candle, CandlePeriod } from '../market-data/candle-series';
import { TickerState, TradeRecord } from '../market-data/market-tape';
import { compactDate, compactTime, kstDateTime, utcDate, utcDateTime, utcTime } from '../market-data/time-format';

const n = toJsonNumber;

export function marketView(market: Market, details: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    market: market.code,
    korean_name: market.config.koreanName,
    english_name: market.config.englishName,
  };
  if (!details) return view;
  return {
    ...view,
    market_warning: market.config.warning ? 'CAUTION' : 'NONE',
    market_event: {
      warning: market.config.warning,
      caution: {
        PRICE_FLUCTUATIONS: false,
        TRADING_VOLUME_SOARING: false,
        DEPOSIT_AMOUNT_SOARING: false,
        GLOBAL_PRICE_DIFFERENCES: false,
        CONCENTRATION_OF_SMALL_ACCOUNTS: false,
      },
    },
  };
}

export function changeOf(price: Dec, reference: Dec): { change: 'RISE' | 'EVEN' | 'FALL'; price: Dec; rate: Dec } {
  const diff = price.minus(reference);
  const rate = reference.isZero() ? new Dec(0) : diff.div(reference).toDecimalPlaces(10, Dec.ROUND_HALF_UP);
  return { change: diff.gt(0) ? 'RISE' : diff.lt(0) ? 'FALL' : 'EVEN', price: diff, rate };
}

/** GET /ticker element. */
export function tickerView(t: TickerState, now: number): Record<string, unknown> {
  const change = changeOf(t.tradePrice, t.prevClosingPrice);
  return {
    market: t.market,
    trade_date: compactDate(t.tradeTimestamp),
    trade_time: compactTime(t.tradeTimestamp),
    trade_date_kst: compactDate(t.tradeTimestamp, true),
    trade_time_kst: compactTime(t.tradeTimestamp, true),
    trade_timestamp: t.tradeTimestamp,
    opening_price: n(t.openingPrice),
    high_price: n(t.highPrice),
    low_price: n(t.lowPrice),
    trade_price: n(t.tradePrice),
    prev_closing_price: n(t.prevClosingPrice),
    change: change.change,
    change_price: n(change.price.abs()),
    change_rate: n(change.rate.abs()),
    signed_change_price: n(change.price),
    signed_change_rate: n(change.rate),
    trade_volume: n(t.tradeVolume),
    acc_trade_price: n(t.accTradePrice),
    acc_trade_price_24h: n(t.accTradePrice24h),
    acc_trade_volume: n(t.accTradeVolume),
    acc_trade_volume_24h: n(t.accTradeVolume24h),
    highest_52_week_price: n(t.highest52WeekPrice),
    highest_52_week_date: utcDate(t.highest52WeekDate),
    lowest_52_week_price: n(t.lowest52WeekPrice),
    lowest_52_week_date: utcDate(t.lowest52WeekDate),
    timestamp: now,
  };
}

/** A REST candle; days add the change from the previous close, weeks and later the period's first day. */
export function candleView(market: string, period: CandlePeriod, candle: Candle, previous: Candle | undefined, reference: Dec): Record<string, unknown> {
  const view: Record<string, unknown> = {
    market,
    candle_date_time_utc: utcDateTime(candle.start),
    candle_date_time_kst: kstDateTime(candle.start),
    opening_price: n(candle.open),
    high_price: n(candle.high),
    low_price: n(candle.low),
    trade_price: n(candle.close),
    timestamp: candle.lastTradeAt,
    candle_acc_trade_price: n(candle.accTradePrice),
    candle_acc_trade_volume: n(candle.accTradeVolume),
  };
  if (period.kind === 'minutes') view['unit'] = period.unit;
  if (period.kind === 'days') {
    const prevClose = previous?.close ?? reference;
    const change = changeOf(candle.close, prevClose);
    view['prev_closing_price'] = n(prevClose);
    view['change_price'] = n(change.price);
    view['change_rate'] = n(change.rate);
  }
  if (period.kind === 'weeks' || period.kind === 'months' || period.kind === 'years') {
    view['first_day_of_period'] = utcDate(candle.start);
  }
  return view;
}

/** GET /trades/ticks element. */
export function tradeTickView(trade: TradeRecord): Record<string, unknown> {
  return {
    market: trade.market,
    trade_date_utc: utcDate(trade.timestamp),
    trade_time_utc: utcTime(trade.timestamp),
    timestamp: trade.timestamp,
    trade_price: n(trade.price),
    trade_volume: n(trade.volume),
    prev_closing_price: n(trade.prevClosingPrice),
    change_price: n(trade.price.minus(trade.prevClosingPrice)),
    ask_bid: trade.askBid,
    sequential_id: trade.sequentialId,
  };
}
