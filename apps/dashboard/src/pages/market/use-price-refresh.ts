import { useEffect, useState } from 'react';
import { api, type ApiError, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import type { MarketChartDrawing } from './market-chart-drawing';
import type { Timeframe } from './market-query';
import { fetchCandles } from './use-candle-history';

export type Ticker = components['schemas']['TickerResponse'];

/**
 * No committed event carries prices (the live stream sends our domain events: orders, fills,
 * positions), so the newest candles and the ticker are read again every 5 s, the floor for
 * polling, and the chart is updated incrementally with them.
 */
export const PRICE_REFRESH_MS = 5_000;

export interface PriceRefresh {
  readonly ticker: Ticker | undefined;
  /** The last refresh failed (the next one tries again; the chart keeps what it holds). */
  readonly error: ApiError | undefined;
}

export function usePriceRefresh(market: string, timeframe: Timeframe, drawing: MarketChartDrawing | undefined, ready: boolean): PriceRefresh {
  const [ticker, setTicker] = useState<Ticker>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    setTicker(undefined);
    let current = true;
    const failed = (failure: unknown) => current && setError(toApiError(failure));
    const refresh = () => {
      ok(api.GET('/api/v1/tickers', { params: { query: { markets: market } } })).then((tickers) => {
        if (!current) return;
        setTicker(tickers[0]);
        setError(undefined);
      }, failed);
      if (!drawing || !ready) return;
      fetchCandles(market, timeframe, 2).then((chart) => {
        if (current) for (const candle of chart.candles) drawing.update(candle);
      }, failed);
    };
    refresh();
    const timer = setInterval(refresh, PRICE_REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [market, timeframe, drawing, ready]);
  return { ticker, error };
}
