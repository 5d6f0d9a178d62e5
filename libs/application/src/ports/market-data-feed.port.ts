import type {
  Candle,
  CandleQuery,
  HistoricalTrade,
  MarketDataUpdate,
  MarketInfo,
  MarketInstrument,
  MarketSubscriptionRequest,
  OrderBookQuery,
  OrderBookSnapshot,
  StreamSubscription,
  TickerSnapshot,
  TradesQuery,
} from './market-data-feed.types';

/**
 * Live public market data. Many consumers may subscribe to overlapping (kind, markets); the adapter
 * keeps one connection and one merged subscription for all of them.
 */
export interface MarketDataFeed {
  subscribe(request: MarketSubscriptionRequest): StreamSubscription<MarketDataUpdate>;
}

/** Public market data by request: reference data, history and back-fill. */
export interface MarketDataQueries {
  listMarkets(): Promise<MarketInfo[]>;
  getCandles(query: CandleQuery): Promise<Candle[]>;
  /** Newest first; page backwards with `cursor` = the last `sequentialId` seen. */
  getTrades(query: TradesQuery): Promise<HistoricalTrade[]>;
  getTickers(markets: readonly string[]): Promise<TickerSnapshot[]>;
  getTickersByQuote(quoteCurrencies: readonly string[]): Promise<TickerSnapshot[]>;
  getOrderBooks(query: OrderBookQuery): Promise<OrderBookSnapshot[]>;
  getInstruments(markets: readonly string[]): Promise<MarketInstrument[]>;
}

/** DI tokens under which the infrastructure provides the two ports. */
export const MARKET_DATA_FEED = Symbol('MARKET_DATA_FEED');
export const MARKET_DATA_QUERIES = Symbol('MARKET_DATA_QUERIES');
