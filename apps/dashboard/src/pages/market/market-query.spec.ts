import { describe, expect, it } from 'vitest';
import { marketViewQuery, readMarketView } from './market-query';

describe('market view in the URL', () => {
  it('round-trips through the query string', () => {
    const view = { market: 'KRW-ETH', timeframe: '5m', bars: 10_000, sma: 50, ema: 12, bollinger: false } as const;
    expect(readMarketView(new URLSearchParams(marketViewQuery(view)), 'KRW-BTC')).toEqual(view);
  });

  it('falls back to defaults for a missing or unknown value', () => {
    expect(readMarketView(new URLSearchParams('timeframe=2m&bars=7&sma=x'), 'KRW-BTC')).toEqual({ market: 'KRW-BTC', timeframe: '1m', bars: 165, sma: 20, ema: 0, bollinger: true });
  });
});
