import type { StoredCandle } from '@trader/application';
import type { RiskLimits } from '@trader/domain';
import { SqliteMarketHistory } from '@trader/market-history';

export const MINUTE = 60_000;

/** Loose limits, so a test strategy's orders are never denied by risk. */
export const testRiskLimits: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '10000000',
  maxPositionPerMarket: '50000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 8, perMs: 1_000 },
  maxDailyLoss: '5000000',
  maxDrawdownPercent: '50',
};

/**
 * A candle store of 1-minute KRW-BTC candles from `from` for `minutes`: a 4-hour swing of ±3% plus
 * deterministic noise (a fixed linear congruential sequence), so RSI dips below 30 and recovers many
 * times a day and a strategy's parameters change its trades.
 */
export async function writeSyntheticCandleStore(path: string, from: number, minutes: number): Promise<void> {
  const store = await SqliteMarketHistory.open(path);
  try {
    let seed = 12345;
    const noise = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648 - 0.5;
    };
    const candles: StoredCandle[] = [];
    let previous = 50_000_000;
    for (let minute = 0; minute < minutes; minute += 1) {
      const close = Math.round(50_000_000 * (1 + 0.03 * Math.sin((2 * Math.PI * minute) / 240) + 0.004 * noise()) / 1000) * 1000;
      const high = Math.max(previous, close) + 1000;
      const low = Math.min(previous, close) - 1000;
      candles.push({ market: 'KRW-BTC', timeframe: '1m', start: from + minute * MINUTE, open: String(previous), high: String(high), low: String(low), close: String(close), volume: '1', value: String(close) });
      previous = close;
    }
    store.saveCandles(candles);
  } finally {
    store.close();
  }
}
