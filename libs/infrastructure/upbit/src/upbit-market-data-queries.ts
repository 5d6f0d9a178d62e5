import type {
  Candle,
  CandleQuery,
  CandleUnit,
  HistoricalTrade,
  MarketDataQueries,
  MarketInfo,
  MarketInstrument,
  OrderBookQuery,
  OrderBookSnapshot,
  TickerSnapshot,
  TradesQuery,
} from '@trader/application';
import { definedParams } from './auth/query-string';
import { decodeCandles, decodeInstruments, decodeMarkets, decodeOrderBooks, decodeTickers, decodeTrades } from './decode/quotation-decoders';
import { candlesEndpoint, upbitEndpoints as api } from './rest/upbit-endpoints';
import { UpbitRestClient } from './rest/upbit-rest-client';

/** The market data queries port over Upbit's REST Quotation API. */
export class UpbitMarketDataQueries implements MarketDataQueries {
  constructor(private readonly rest: UpbitRestClient) {}

  listMarkets(): Promise<MarketInfo[]> {
    return this.rest.call(api.markets, [['is_details', 'true']], decodeMarkets);
  }

  getCandles(query: CandleQuery): Promise<Candle[]> {
    const params = definedParams([
      ['market', query.market],
      // Upbit reads `to` as an exclusive end time; ISO-8601 with a zone is unambiguous.
      ['to', query.to === undefined ? undefined : new Date(query.to).toISOString().replace(/\.\d{3}Z$/, 'Z')],
      ['count', query.count?.toString()],
    ]);
    return this.rest.call(candlesEndpoint(candlePath(query.candle)), params, decodeCandles);
  }

  getTrades(query: TradesQuery): Promise<HistoricalTrade[]> {
    const params = definedParams([
      ['market', query.market],
      ['to', query.to],
      ['count', query.count?.toString()],
      ['cursor', query.cursor?.toString()],
      ['days_ago', query.daysAgo?.toString()],
    ]);
    return this.rest.call(api.trades, params, decodeTrades);
  }

  getTickers(markets: readonly string[]): Promise<TickerSnapshot[]> {
    return this.rest.call(api.ticker, [['markets', markets.join(',')]], decodeTickers);
  }

  getTickersByQuote(quoteCurrencies: readonly string[]): Promise<TickerSnapshot[]> {
    return this.rest.call(api.tickerAll, [['quote_currencies', quoteCurrencies.join(',')]], decodeTickers);
  }

  getOrderBooks(query: OrderBookQuery): Promise<OrderBookSnapshot[]> {
    const params = definedParams([
      ['markets', query.markets.join(',')],
      ['level', query.level],
      ['count', query.count?.toString()],
    ]);
    return this.rest.call(api.orderbook, params, decodeOrderBooks);
  }

  getInstruments(markets: readonly string[]): Promise<MarketInstrument[]> {
    return this.rest.call(api.instruments, [['markets', markets.join(',')]], decodeInstruments);
  }
}

function candlePath(candle: CandleUnit): string {
  switch (candle.unit) {
    case 'minutes':
      return `/candles/minutes/${candle.minutes}`;
    case 'seconds':
    case 'days':
    case 'weeks':
    case 'months':
    case 'years':
      return `/candles/${candle.unit}`;
  }
}
