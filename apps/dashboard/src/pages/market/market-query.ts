import type { components } from '../../api/schema';

export type Timeframe = components['schemas']['CandleChartResponse']['timeframe'];

export const TIMEFRAMES: readonly Timeframe[] = ['1m', '3m', '5m', '10m', '15m', '30m', '60m', '240m', '1d'];
export const HISTORY_SIZES = [165, 1_000, 10_000] as const;
export const SMA_PERIODS = [0, 5, 10, 20, 50, 100, 200] as const;
export const EMA_PERIODS = [0, 9, 12, 20, 26, 50, 200] as const;

/** What the market page shows, kept in the URL's query so a link reopens the same chart. */
export interface MarketView {
  readonly market: string;
  readonly timeframe: Timeframe;
  /** How many candles the chart holds (paged back through history). */
  readonly bars: number;
  /** 0 hides the line. */
  readonly sma: number;
  readonly ema: number;
  readonly bollinger: boolean;
}

const oneOf = <T extends number | string>(allowed: readonly T[], value: T, fallback: T): T => (allowed.includes(value) ? value : fallback);

export function readMarketView(query: URLSearchParams, defaultMarket: string): MarketView {
  return {
    market: query.get('market') ?? defaultMarket,
    timeframe: oneOf(TIMEFRAMES, (query.get('timeframe') ?? '1m') as Timeframe, '1m'),
    bars: oneOf<number>(HISTORY_SIZES, Number(query.get('bars') ?? 165), 165),
    sma: oneOf<number>(SMA_PERIODS, Number(query.get('sma') ?? 20), 20),
    ema: oneOf<number>(EMA_PERIODS, Number(query.get('ema') ?? 0), 0),
    bollinger: query.get('bb') !== '0',
  };
}

export function marketViewQuery(view: MarketView): string {
  const query = new URLSearchParams({ market: view.market, timeframe: view.timeframe, bars: String(view.bars), sma: String(view.sma), ema: String(view.ema), bb: view.bollinger ? '1' : '0' });
  return `?${query.toString()}`;
}
