import type { Clock, Dec, Timeframe } from '@trader/domain';
import type { MarketDataQueries } from '../ports/market-data-feed.port';
import type { Candle, TradeTick } from '../ports/market-data-feed.types';
import { withTrade } from '../market-data/candle-merge';
import { candleUnitOf, TIMEFRAME_MS } from '../strategies/timeframes';
import { StreamHealth } from './stream-health';

/** One candle of a chart; the newest may still be forming. */
export interface LiveCandle {
  /** Epoch ms of the start of its interval (UTC-aligned). */
  readonly start: number;
  readonly open: Dec;
  readonly high: Dec;
  readonly low: Dec;
  readonly close: Dec;
  readonly volume: Dec;
  /** Epoch ms of the last trade in it. */
  readonly lastTradeAt: number;
}

/**
 * Where a chart came from: warmed up from REST once and kept by the trade stream, a short-lived REST
 * cache, or a REST read of older history (a page before a given time).
 */
export type ChartSource = 'trade-stream' | 'rest-cache' | 'rest-history';

export interface LiveChart {
  /** Oldest first, at most {@link CHART_CANDLES}. */
  readonly candles: readonly LiveCandle[];
  readonly source: ChartSource;
  /** Epoch ms the chart is true at: the last trade in it (stream), or the REST read (cache). */
  readonly asOf: number;
  /** The trade stream is down: the chart may be missing trades. */
  readonly stale: boolean;
}

/** Upbit serves at most 200 candles a request: the warm-up reads that many, and a chart keeps that many. */
export const CHART_CANDLES = 200;
/** How long a REST chart of a market the trader does not watch is served again. */
export const DEFAULT_CHART_CACHE_MS = 5_000;

interface Series {
  readonly intervalMs: number;
  /** Settles when the REST warm-up has been read; trades that arrive meanwhile wait in `pending`. */
  ready: Promise<void>;
  warmed: boolean;
  candles: LiveCandle[];
  pending: TradeTick[];
  /** The last trade the REST warm-up holds: a streamed trade at or before it is already counted. */
  through: number;
  /** The `sequentialId` of the last streamed trade counted: one at or before it is a repeat. */
  lastSequentialId: number;
}

interface CachedChart {
  readonly fetchedAt: number;
  readonly candles: Promise<LiveCandle[]>;
}

/**
 * Candles of the watched markets, per timeframe, for the admin charts: each (market, timeframe) is
 * warmed up from REST the first time it is asked for, then kept by the public trade stream, so later
 * reads cost no exchange request. After a gap in the trade stream the charts are dropped and warmed up
 * again on their next read (the trades missed are not replayed). A market the trader does not watch
 * is read from REST and that answer is served again for `cacheMs`.
 */
export class ChartCandleBook {
  private readonly series = new Map<string, Series>();
  private readonly cache = new Map<string, CachedChart>();
  readonly stream: StreamHealth;

  constructor(
    private readonly marketData: MarketDataQueries,
    private readonly clock: Clock,
    private readonly watched: ReadonlySet<string>,
    private readonly cacheMs = DEFAULT_CHART_CACHE_MS,
  ) {
    this.stream = new StreamHealth(clock.now());
  }

  onTrade(trade: TradeTick): void {
    for (const [key, series] of this.series) {
      if (!key.startsWith(`${trade.market}|`)) continue;
      if (series.warmed) add(series, trade);
      else series.pending.push(trade);
    }
  }

  /** The trade stream came back after a gap: every chart is warmed up again when next read. */
  recovered(): void {
    this.series.clear();
    this.stream.up();
  }

  async chart(market: string, timeframe: Timeframe): Promise<LiveChart> {
    if (!this.watched.has(market)) {
      const { fetchedAt, candles } = this.cached(market, timeframe);
      return { candles: await candles, source: 'rest-cache', asOf: fetchedAt, stale: false };
    }
    const key = `${market}|${timeframe}`;
    let series = this.series.get(key);
    if (!series) {
      const created: Series = { intervalMs: TIMEFRAME_MS[timeframe], ready: Promise.resolve(), warmed: false, candles: [], pending: [], through: -Infinity, lastSequentialId: -1 };
      created.ready = this.warmUp(market, timeframe, created);
      this.series.set(key, created);
      series = created;
    }
    try {
      await series.ready;
    } catch (error) {
      // A failed warm-up is not kept: the next read tries again.
      if (this.series.get(key) === series) this.series.delete(key);
      throw error;
    }
    const newest = series.candles.at(-1);
    return { candles: [...series.candles], source: 'trade-stream', asOf: newest?.lastTradeAt ?? 0, stale: this.stream.isDown };
  }

  /**
   * Up to `count` candles (at most {@link CHART_CANDLES}, Upbit's page) that started before `to`
   * (epoch ms, exclusive), read from REST each time: history older than what a chart keeps, for a
   * client paging back.
   */
  async before(market: string, timeframe: Timeframe, to: number, count: number): Promise<LiveChart> {
    const candles = await this.marketData.getCandles({ market, candle: candleUnitOf(timeframe), to, count: Math.min(count, CHART_CANDLES) });
    return { candles: candles.map(chartCandle).sort((a, b) => a.start - b.start), source: 'rest-history', asOf: this.clock.now(), stale: false };
  }

  private async warmUp(market: string, timeframe: Timeframe, series: Series): Promise<void> {
    series.candles = (await this.marketData.getCandles({ market, candle: candleUnitOf(timeframe), count: CHART_CANDLES })).map(chartCandle).sort((a, b) => a.start - b.start);
    series.warmed = true;
    series.through = series.candles.at(-1)?.lastTradeAt ?? -Infinity;
    for (const trade of series.pending.splice(0)) add(series, trade);
  }

  private cached(market: string, timeframe: Timeframe): CachedChart {
    const now = this.clock.now();
    for (const [key, entry] of this.cache) if (now - entry.fetchedAt >= this.cacheMs) this.cache.delete(key);
    const key = `${market}|${timeframe}`;
    const known = this.cache.get(key);
    if (known) return known;
    const entry: CachedChart = {
      fetchedAt: now,
      candles: this.marketData.getCandles({ market, candle: candleUnitOf(timeframe), count: CHART_CANDLES }).then(
        (list) => list.map(chartCandle).sort((a, b) => a.start - b.start),
        (error: unknown) => {
          // A failed request is not cached: the next read asks again.
          if (this.cache.get(key) === entry) this.cache.delete(key);
          throw error;
        },
      ),
    };
    this.cache.set(key, entry);
    return entry;
  }
}

/**
 * Adds a trade to the newest candle, or opens the next one. Left out: a trade the REST warm-up already
 * holds; one already counted (its `sequentialId` not past the last one counted: a subscription sent
 * again may start with a snapshot of the market's last trade, as `CandleBuilder` also guards against);
 * one older than the newest candle (late).
 */
function add(series: Series, trade: TradeTick): void {
  if (trade.tradeTimestamp <= series.through || trade.sequentialId <= series.lastSequentialId) return;
  const start = trade.tradeTimestamp - (trade.tradeTimestamp % series.intervalMs);
  const current = series.candles.at(-1);
  if (current && start < current.start) return;
  if (current && start === current.start) {
    series.candles[series.candles.length - 1] = withTrade(current, trade);
    series.lastSequentialId = trade.sequentialId;
    return;
  }
  series.candles.push({ start, open: trade.price, high: trade.price, low: trade.price, close: trade.price, volume: trade.volume, lastTradeAt: trade.tradeTimestamp });
  series.lastSequentialId = trade.sequentialId;
  if (series.candles.length > CHART_CANDLES) series.candles.shift();
}

function chartCandle(candle: Candle): LiveCandle {
  return {
    start: Date.parse(`${candle.candleDateTimeUtc}Z`),
    open: candle.openingPrice,
    high: candle.highPrice,
    low: candle.lowPrice,
    close: candle.tradePrice,
    volume: candle.accTradeVolume,
    lastTradeAt: candle.timestamp,
  };
}
