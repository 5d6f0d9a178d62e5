import { useEffect, useState } from 'react';
import { api, ApiError, ok } from '../../api/client';
import { toApiError } from '../../api/problem';
import { type Candle, type CandleChart, joinOlder } from './candle-bars';
import type { Timeframe } from './market-query';

/** The route's largest page (GET /api/v1/markets/:market/candles caps `count` at 165). */
export const CANDLE_PAGE = 165;

export function fetchCandles(market: string, timeframe: Timeframe, count: number, to?: string): Promise<CandleChart> {
  return ok(api.GET('/api/v1/markets/{market}/candles', { params: { path: { market }, query: { timeframe, count: String(count), ...(to ? { to } : {}) } } }));
}

export interface CandleHistory {
  /** Oldest first; the first page as soon as it arrives, then all `bars` once paged back. */
  readonly candles: readonly Candle[] | undefined;
  readonly chart: CandleChart | undefined;
  readonly complete: boolean;
  readonly error: ApiError | undefined;
}

/**
 * The newest `bars` candles of a market: the newest page first (drawn at once), then older pages
 * (`to` = the oldest time held) until `bars` are held or the history ends.
 */
export function useCandleHistory(market: string, timeframe: Timeframe, bars: number): CandleHistory {
  const [history, setHistory] = useState<CandleHistory>({ candles: undefined, chart: undefined, complete: false, error: undefined });
  useEffect(() => {
    let current = true;
    setHistory({ candles: undefined, chart: undefined, complete: false, error: undefined });
    (async () => {
      const newest = await fetchCandles(market, timeframe, Math.min(bars, CANDLE_PAGE));
      if (!current) return;
      let candles: Candle[] = newest.candles;
      setHistory({ candles, chart: newest, complete: candles.length >= bars, error: undefined });
      while (current && candles.length < bars && candles[0]) {
        const page = await fetchCandles(market, timeframe, Math.min(bars - candles.length, CANDLE_PAGE), candles[0].time);
        if (page.candles.length === 0) break;
        candles = joinOlder(page.candles, candles);
      }
      if (!current || (candles === newest.candles && candles.length >= bars)) return;
      setHistory({ candles: candles.slice(-bars), chart: newest, complete: true, error: undefined });
    })().catch((error: unknown) => {
      if (current) setHistory((before) => ({ ...before, error: toApiError(error) }));
    });
    return () => {
      current = false;
    };
  }, [market, timeframe, bars]);
  return history;
}
