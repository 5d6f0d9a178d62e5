import type { Clock } from '@trader/domain';
import type { MarketDataQueries } from '../ports/market-data-feed.port';
import type { TickerSnapshot, TickerUpdate } from '../ports/market-data-feed.types';
import { StreamHealth } from './stream-health';

/** Where a ticker came from: the `ticker` stream of a watched market, or a short-lived REST cache. */
export type TickerSource = 'ticker-stream' | 'rest-cache';

export interface TickerView extends TickerSnapshot {
  readonly source: TickerSource;
  /** Epoch ms the figures are true at: the exchange's ticker time. */
  readonly asOf: number;
  /** The ticker stream is down: the last ticker it sent may be out of date. */
  readonly stale: boolean;
}

interface CachedTickers {
  readonly fetchedAt: number;
  readonly tickers: Promise<ReadonlyMap<string, TickerSnapshot>>;
}

/** How long a REST answer for a market the trader does not watch is served again. */
export const DEFAULT_TICKER_CACHE_MS = 5_000;

/**
 * The latest ticker of each market, as the trader knows it without asking: watched markets from the
 * `ticker` stream; any other market from one REST request shared by every read within `cacheMs`
 * (concurrent reads wait for the same request), so a dashboard polling in a loop costs at most one
 * quotation request per `cacheMs`, never one per read.
 */
export class TickerBoard {
  private readonly latest = new Map<string, TickerSnapshot>();
  private readonly cache = new Map<string, CachedTickers>();
  /** The last ticker a REST answer brought, per market, for `lastKnown` (which never asks). */
  private readonly lastFetched = new Map<string, TickerSnapshot>();
  readonly stream: StreamHealth;

  constructor(
    private readonly marketData: MarketDataQueries,
    private readonly clock: Clock,
    private readonly watched: ReadonlySet<string>,
    private readonly cacheMs = DEFAULT_TICKER_CACHE_MS,
  ) {
    this.stream = new StreamHealth(clock.now());
  }

  apply(update: TickerUpdate): void {
    const known = this.latest.get(update.market);
    if (known && known.timestamp > update.timestamp) return;
    this.latest.set(update.market, update);
  }

  /**
   * What the trader already knows of `market`, without asking the exchange (for metrics scraped often):
   * the stream's last ticker of a watched market, else the last one a REST read brought, else nothing.
   */
  lastKnown(market: string): TickerView | undefined {
    const streamed = this.watched.has(market) ? this.latest.get(market) : undefined;
    if (streamed) return view(streamed, 'ticker-stream', this.stream.isDown);
    const fetched = this.lastFetched.get(market);
    return fetched ? view(fetched, 'rest-cache', false) : undefined;
  }

  /** Tickers of `markets`, in that order; a market the exchange does not know is left out. */
  async tickers(markets: readonly string[]): Promise<TickerView[]> {
    const stale = this.stream.isDown;
    const fromStream = new Map<string, TickerView>();
    for (const market of markets) {
      const ticker = this.watched.has(market) ? this.latest.get(market) : undefined;
      if (ticker) fromStream.set(market, view(ticker, 'ticker-stream', stale));
    }
    // A watched market without a ticker yet (the stream's snapshot has not come) is read like any other.
    const rest = await this.fromRest(markets.filter((m) => !fromStream.has(m)));
    return markets.flatMap((market) => {
      const found = fromStream.get(market) ?? rest.get(market);
      return found ? [found] : [];
    });
  }

  private async fromRest(markets: readonly string[]): Promise<Map<string, TickerView>> {
    if (markets.length === 0) return new Map();
    const now = this.clock.now();
    for (const [market, entry] of this.cache) if (now - entry.fetchedAt >= this.cacheMs) this.cache.delete(market);
    const missing = [...new Set(markets.filter((m) => !this.cache.has(m)))];
    if (missing.length > 0) {
      const request: CachedTickers = { fetchedAt: now, tickers: this.marketData.getTickers(missing).then((list) => new Map(list.map((t) => [t.market, t]))) };
      for (const market of missing) this.cache.set(market, request);
    }
    const batches = [...new Set(markets.map((m) => this.cache.get(m) as CachedTickers))];
    try {
      await Promise.all(batches.map((b) => b.tickers));
    } catch (error) {
      // A failed request is not cached: the next read asks again.
      for (const [market, entry] of this.cache) if (batches.includes(entry)) this.cache.delete(market);
      throw error;
    }
    const found = new Map<string, TickerView>();
    for (const batch of batches) {
      for (const [market, ticker] of await batch.tickers) {
        this.lastFetched.set(market, ticker);
        if (markets.includes(market)) found.set(market, view(ticker, 'rest-cache', false));
      }
    }
    return found;
  }
}

function view(ticker: TickerSnapshot, source: TickerSource, stale: boolean): TickerView {
  return {
    market: ticker.market,
    openingPrice: ticker.openingPrice,
    highPrice: ticker.highPrice,
    lowPrice: ticker.lowPrice,
    tradePrice: ticker.tradePrice,
    prevClosingPrice: ticker.prevClosingPrice,
    change: ticker.change,
    changePrice: ticker.changePrice,
    changeRate: ticker.changeRate,
    signedChangePrice: ticker.signedChangePrice,
    signedChangeRate: ticker.signedChangeRate,
    tradeVolume: ticker.tradeVolume,
    accTradePrice: ticker.accTradePrice,
    accTradePrice24h: ticker.accTradePrice24h,
    accTradeVolume: ticker.accTradeVolume,
    accTradeVolume24h: ticker.accTradeVolume24h,
    tradeTimestamp: ticker.tradeTimestamp,
    timestamp: ticker.timestamp,
    source,
    asOf: ticker.timestamp,
    stale,
  };
}
