import { BollingerBands, Ema, Macd, Rsi, Sma } from '@trader/domain';
import type { BollingerValue, MacdValue, Timeframe } from '@trader/domain';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CHART_CANDLES, ChartCandleBook, ChartSource } from '../../live-state/chart-candle-book';
import { GetCandles } from './get-candles.query';

export interface CandleWithIndicators {
  /** `YYYY-MM-DDTHH:mm:ss` in UTC, the start of the candle. */
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

/** A chart: its candles, oldest first (the newest may be forming), and how fresh they are. */
export interface CandleChart {
  readonly market: string;
  readonly timeframe: Timeframe;
  readonly source: ChartSource;
  /** Epoch ms the chart is true at (its last trade, or the REST read). */
  readonly asOf: number;
  /** The trade stream is down: the chart may be missing trades. */
  readonly stale: boolean;
  readonly candles: CandleWithIndicators[];
}

/** The indicators need some candles before the first one shown. */
const WARM_UP = 35;

/**
 * Candles the trader keeps (warmed up from the exchange once, then built from the trade stream), with
 * SMA(20), EMA(20), RSI(14), MACD(12/26/9) and Bollinger(20, 2) computed by the same incremental
 * indicators the strategies use.
 */
@QueryHandler(GetCandles)
export class GetCandlesHandler implements IQueryHandler<GetCandles, CandleChart> {
  constructor(private readonly book: ChartCandleBook) {}

  async execute(query: GetCandles): Promise<CandleChart> {
    const shown = Math.max(1, Math.min(query.count, CHART_CANDLES - WARM_UP));
    const chart = query.to === undefined ? await this.book.chart(query.market, query.timeframe) : await this.book.before(query.market, query.timeframe, query.to, shown + WARM_UP);
    const sma = new Sma(20);
    const ema = new Ema(20);
    const rsi = new Rsi(14);
    const macd = new Macd(12, 26, 9);
    const bollinger = new BollingerBands(20, 2);
    const rows = chart.candles.slice(-(shown + WARM_UP)).map((candle): CandleWithIndicators => {
      const close = candle.close.toNumber();
      return {
        time: new Date(candle.start).toISOString().slice(0, 19),
        open: candle.open.toFixed(),
        high: candle.high.toFixed(),
        low: candle.low.toFixed(),
        close: candle.close.toFixed(),
        volume: candle.volume.toFixed(),
        sma20: sma.update(close),
        ema20: ema.update(close),
        rsi14: rsi.update(close),
        macd: macd.update(close),
        bollinger: bollinger.update(close),
      };
    });
    return { market: query.market, timeframe: query.timeframe, source: chart.source, asOf: chart.asOf, stale: chart.stale, candles: rows.slice(-shown) };
  }
}
