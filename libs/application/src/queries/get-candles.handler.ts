import { BollingerBands, Ema, Macd, Rsi, Sma } from '@trader/domain';
import type { BollingerValue, MacdValue } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { MARKET_DATA_QUERIES, MarketDataQueries } from '../ports/market-data-feed.port';
import { CandleUnit } from '../ports/market-data-feed.types';
import { GetCandles } from './get-candles.query';

export interface CandleWithIndicators {
  readonly time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
  /** Indicators with their default parameters; null until enough candles are seen. */
  readonly sma20: number | null;
  readonly ema20: number | null;
  readonly rsi14: number | null;
  readonly macd: MacdValue | null;
  readonly bollinger: BollingerValue | null;
}

/** Upbit serves at most 200 candles a request; the indicators need some before the first shown one. */
const MAX_CANDLES = 200;
const WARM_UP = 35;

/**
 * Candles from the exchange (oldest first) with SMA(20), EMA(20), RSI(14), MACD(12/26/9) and
 * Bollinger(20, 2) computed by the same incremental indicators the strategies use.
 */
@QueryHandler(GetCandles)
export class GetCandlesHandler implements IQueryHandler<GetCandles, CandleWithIndicators[]> {
  constructor(@Inject(MARKET_DATA_QUERIES) private readonly marketData: MarketDataQueries) {}

  async execute(query: GetCandles): Promise<CandleWithIndicators[]> {
    const shown = Math.max(1, Math.min(query.count, MAX_CANDLES - WARM_UP));
    const candles = await this.marketData.getCandles({ market: query.market, candle: unitOf(query.timeframe), count: shown + WARM_UP });
    const oldestFirst = [...candles].sort((a, b) => a.candleDateTimeUtc.localeCompare(b.candleDateTimeUtc));
    const sma = new Sma(20);
    const ema = new Ema(20);
    const rsi = new Rsi(14);
    const macd = new Macd(12, 26, 9);
    const bollinger = new BollingerBands(20, 2);
    const rows = oldestFirst.map((candle): CandleWithIndicators => {
      const close = candle.tradePrice.toNumber();
      return {
        time: candle.candleDateTimeUtc,
        open: candle.openingPrice.toFixed(),
        high: candle.highPrice.toFixed(),
        low: candle.lowPrice.toFixed(),
        close: candle.tradePrice.toFixed(),
        volume: candle.accTradeVolume.toFixed(),
        sma20: sma.update(close),
        ema20: ema.update(close),
        rsi14: rsi.update(close),
        macd: macd.update(close),
        bollinger: bollinger.update(close),
      };
    });
    return rows.slice(-shown);
  }
}

function unitOf(timeframe: GetCandles['timeframe']): CandleUnit {
  if (timeframe === '1d') return { unit: 'days' };
  const minutes = Number(timeframe.slice(0, -1)) as 1 | 3 | 5 | 10 | 15 | 30 | 60 | 240;
  return { unit: 'minutes', minutes };
}
