import { CandleBuilder, TIMEFRAME_MS } from '@trader/application';
import type { BuiltCandle, MarketHistory, RecordedTrade, StoredCandle, TradeTick } from '@trader/application';
import { decimalText } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import type { WarmUpCandle } from './warm-up-candles';

export interface MarketRecordingStats {
  readonly tradesWritten: number;
  readonly candlesWritten: number;
  /** Rows of batches whose write failed: counted, never retried, never in trading's way. */
  readonly rowsDropped: number;
  readonly buffered: number;
}

/** Trades waiting in memory before a batch is written at once (the periodic flush usually comes first). */
const MAX_BUFFERED_TRADES = 1_000;

/**
 * Records the market data trading receives, for replays and live-parity checks: every public trade,
 * and the candles of each enabled strategy's timeframe built from them by the application's
 * CandleBuilder (the same candles the strategy runner builds: a candle opened before the recording or
 * the strategy started holds only the trades seen since). `onTrade` only buffers in memory; rows are
 * written in batches, one transaction each, by `flush` (the trading component's periodic task) or at
 * once when 1,000 trades wait. A failed write is reported and its rows dropped and counted: recording
 * never holds up or breaks trading.
 */
export class MarketRecording {
  private trades: RecordedTrade[] = [];
  private candles: StoredCandle[] = [];
  private readonly builders = new Map<Timeframe, CandleBuilder>();
  private counters = { tradesWritten: 0, candlesWritten: 0, rowsDropped: 0 };

  constructor(
    private readonly store: MarketHistory,
    /** The timeframe of the strategy trading `market` now, if any (the runner's). */
    private readonly timeframeOf: (market: string) => Timeframe | undefined,
    private readonly onWriteError: (error: unknown) => void,
  ) {}

  onTrade(tick: TradeTick): void {
    this.trades.push({
      market: tick.market,
      sequentialId: tick.sequentialId,
      timestamp: tick.tradeTimestamp,
      price: decimalText(tick.price),
      volume: decimalText(tick.volume),
      side: tick.askBid === 'ASK' ? 'ask' : 'bid',
    });
    const timeframe = this.timeframeOf(tick.market);
    if (timeframe) {
      const closed = this.builder(timeframe).add({ market: tick.market, price: tick.price, volume: tick.volume, tradeTimestamp: tick.tradeTimestamp, sequentialId: tick.sequentialId });
      if (closed) this.candles.push(storedCandle(closed, timeframe));
    }
    if (this.trades.length >= MAX_BUFFERED_TRADES) this.writeTrades();
  }

  /** The exchange candles a strategy was warmed up on: with the trades, what a replay of the session needs. */
  onWarmUp(market: string, timeframe: Timeframe, candles: readonly WarmUpCandle[]): void {
    for (const c of candles) {
      this.candles.push({
        market,
        timeframe,
        start: c.start,
        open: decimalText(c.open),
        high: decimalText(c.high),
        low: decimalText(c.low),
        close: decimalText(c.close),
        volume: decimalText(c.volume),
        value: decimalText(c.value),
      });
    }
  }

  /** Closes the candles whose interval ended by `now` and writes everything buffered. */
  flush(now: number): void {
    for (const [timeframe, builder] of this.builders) for (const candle of builder.flush(now)) this.candles.push(storedCandle(candle, timeframe));
    this.writeTrades();
    this.writeCandles();
  }

  /** The last flush (candles still open at `now` are not closed yet, so not recorded), then the file closes. */
  close(now: number): void {
    this.flush(now);
    this.store.close();
  }

  stats(): MarketRecordingStats {
    return { ...this.counters, buffered: this.trades.length + this.candles.length };
  }

  private writeTrades(): void {
    const batch = this.trades;
    if (batch.length === 0) return;
    this.trades = [];
    try {
      this.store.recordTrades(batch);
      this.counters.tradesWritten += batch.length;
    } catch (error) {
      this.counters.rowsDropped += batch.length;
      this.onWriteError(error);
    }
  }

  private writeCandles(): void {
    const batch = this.candles;
    if (batch.length === 0) return;
    this.candles = [];
    try {
      this.store.saveCandles(batch);
      this.counters.candlesWritten += batch.length;
    } catch (error) {
      this.counters.rowsDropped += batch.length;
      this.onWriteError(error);
    }
  }

  private builder(timeframe: Timeframe): CandleBuilder {
    let builder = this.builders.get(timeframe);
    if (!builder) {
      builder = new CandleBuilder(TIMEFRAME_MS[timeframe]);
      this.builders.set(timeframe, builder);
    }
    return builder;
  }
}

function storedCandle(candle: BuiltCandle, timeframe: Timeframe): StoredCandle {
  return {
    market: candle.market,
    timeframe,
    start: candle.openTime,
    open: decimalText(candle.open),
    high: decimalText(candle.high),
    low: decimalText(candle.low),
    close: decimalText(candle.close),
    volume: decimalText(candle.volume),
    value: decimalText(candle.value),
  };
}
