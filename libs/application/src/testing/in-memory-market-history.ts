import type { Timeframe } from '@trader/domain';
import { HistoryCoverage, MarketHistory, RecordedTrade, StoredCandle } from '../ports/market-history.port';

/** Test support: a market history in memory, for application specs (the app's tests use the SQLite one). */
export class InMemoryMarketHistory implements MarketHistory {
  private readonly candleRows = new Map<string, StoredCandle>();
  private readonly tradeRows = new Map<string, RecordedTrade>();

  candles(market: string, timeframe: Timeframe, from: number, to: number): Iterable<StoredCandle> {
    return [...this.candleRows.values()].filter((c) => c.market === market && c.timeframe === timeframe && c.start >= from && c.start < to).sort((a, b) => a.start - b.start);
  }

  trades(market: string, from: number, to: number): Iterable<RecordedTrade> {
    return [...this.tradeRows.values()]
      .filter((t) => t.market === market && t.timestamp >= from && t.timestamp < to)
      .sort((a, b) => a.timestamp - b.timestamp || a.sequentialId - b.sequentialId);
  }

  saveCandles(candles: readonly StoredCandle[]): void {
    for (const c of candles) this.candleRows.set(`${c.market}|${c.timeframe}|${c.start}`, c);
  }

  recordTrades(trades: readonly RecordedTrade[]): void {
    for (const t of trades) if (!this.tradeRows.has(`${t.market}|${t.sequentialId}`)) this.tradeRows.set(`${t.market}|${t.sequentialId}`, t);
  }

  coverage(): HistoryCoverage[] {
    return [];
  }

  close(): void {
    this.candleRows.clear();
    this.tradeRows.clear();
  }
}
