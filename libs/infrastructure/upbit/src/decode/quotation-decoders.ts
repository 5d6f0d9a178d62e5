import type {
  Candle,
  HistoricalTrade,
  MarketInfo,
  MarketInstrument,
  OrderBookSnapshot,
  PriceChange,
  TickerSnapshot,
} from '@trader/application';
import { Fields } from './fields';

const CHANGES: readonly PriceChange[] = ['RISE', 'EVEN', 'FALL'];

export function decodeMarkets(value: unknown): MarketInfo[] {
  return Fields.list(value, 'markets').map((item, i) => {
    const f = Fields.element(item, 'markets', i);
    const event = f.has('market_event') ? f.object('market_event') : undefined;
    const warning = event?.optionalBool('warning') ?? (f.has('market_warning') ? f.text('market_warning') === 'CAUTION' : undefined);
    return {
      market: f.text('market'),
      koreanName: f.text('korean_name'),
      englishName: f.text('english_name'),
      ...(warning !== undefined ? { warning } : {}),
    };
  });
}

export function decodeCandles(value: unknown): Candle[] {
  return Fields.list(value, 'candles').map((item, i) => {
    const f = Fields.element(item, 'candles', i);
    return {
      market: f.text('market'),
      candleDateTimeUtc: f.text('candle_date_time_utc'),
      candleDateTimeKst: f.text('candle_date_time_kst'),
      openingPrice: f.amount('opening_price'),
      highPrice: f.amount('high_price'),
      lowPrice: f.amount('low_price'),
      tradePrice: f.amount('trade_price'),
      timestamp: f.integer('timestamp'),
      accTradePrice: f.amount('candle_acc_trade_price'),
      accTradeVolume: f.amount('candle_acc_trade_volume'),
    };
  });
}

export function decodeTrades(value: unknown): HistoricalTrade[] {
  return Fields.list(value, 'trades').map((item, i) => {
    const f = Fields.element(item, 'trades', i);
    return {
      market: f.text('market'),
      tradeDateUtc: f.text('trade_date_utc'),
      tradeTimeUtc: f.text('trade_time_utc'),
      timestamp: f.integer('timestamp'),
      price: f.amount('trade_price'),
      volume: f.amount('trade_volume'),
      prevClosingPrice: f.amount('prev_closing_price'),
      changePrice: f.decimal('change_price'),
      askBid: f.oneOf('ask_bid', ['ASK', 'BID'] as const),
      sequentialId: f.integer('sequential_id'),
    };
  });
}

export function decodeTickers(value: unknown): TickerSnapshot[] {
  return Fields.list(value, 'tickers').map((item, i) => {
    const f = Fields.element(item, 'tickers', i);
    return {
      market: f.text('market'),
      openingPrice: f.amount('opening_price'),
      highPrice: f.amount('high_price'),
      lowPrice: f.amount('low_price'),
      tradePrice: f.amount('trade_price'),
      prevClosingPrice: f.amount('prev_closing_price'),
      change: f.oneOf('change', CHANGES),
      changePrice: f.amount('change_price'),
      changeRate: f.amount('change_rate'),
      signedChangePrice: f.decimal('signed_change_price'),
      signedChangeRate: f.decimal('signed_change_rate'),
      tradeVolume: f.amount('trade_volume'),
      accTradePrice: f.amount('acc_trade_price'),
      accTradePrice24h: f.amount('acc_trade_price_24h'),
      accTradeVolume: f.amount('acc_trade_volume'),
      accTradeVolume24h: f.amount('acc_trade_volume_24h'),
      tradeTimestamp: f.integer('trade_timestamp'),
      timestamp: f.integer('timestamp'),
    };
  });
}

export function decodeOrderBooks(value: unknown): OrderBookSnapshot[] {
  return Fields.list(value, 'orderbooks').map((item, i) => {
    const path = `orderbooks[${i}]`;
    const f = Fields.of(item, path);
    const level = f.optionalAmount('level');
    return {
      kind: 'orderbook',
      market: f.text('market'),
      totalAskSize: f.amount('total_ask_size'),
      totalBidSize: f.amount('total_bid_size'),
      units: f.list('orderbook_units').map((unit, j) => {
        const u = Fields.element(unit, `${path}.orderbook_units`, j);
        return { askPrice: u.amount('ask_price'), askSize: u.amount('ask_size'), bidPrice: u.amount('bid_price'), bidSize: u.amount('bid_size') };
      }),
      ...(level !== undefined ? { level } : {}),
      timestamp: f.integer('timestamp'),
      streamType: 'SNAPSHOT',
    };
  });
}

export function decodeInstruments(value: unknown): MarketInstrument[] {
  return Fields.list(value, 'instruments').map((item, i) => {
    const path = `instruments[${i}]`;
    const f = Fields.of(item, path);
    return {
      market: f.text('market'),
      quoteCurrency: f.text('quote_currency'),
      tickSize: f.amount('tick_size'),
      supportedLevels: f.list('supported_levels').map((level, j) => Fields.amount(level, `${path}.supported_levels[${j}]`)),
    };
  });
}
