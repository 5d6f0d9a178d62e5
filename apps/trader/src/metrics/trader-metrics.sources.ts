import type { PositionView } from '@trader/application';
import type { Dec } from '@trader/domain';
import type { DispatcherStats } from '@trader/events';
import type { LoopDelaySnapshot } from '@trader/runtime';
import type { RateLimiterStats, RestStats, StreamStats } from '@trader/upbit';

/** The Upbit client's own counters; absent when the trader trades on something else (the paper harness). */
export interface UpbitClientStats {
  readonly rest: RestStats;
  readonly limiter: RateLimiterStats;
  readonly streams: StreamStats;
}

/**
 * Where the scraped figures come from: the stats objects the trader already keeps, read at scrape
 * time. None of them asks the exchange.
 */
export interface TraderMetricSources {
  /** The configured markets: the only values the `market` label takes (besides `other`). */
  readonly markets: readonly string[];
  readonly lanes: () => DispatcherStats;
  readonly loop: () => LoopDelaySnapshot;
  readonly upbit: (() => UpbitClientStats) | null;
  /** Positions from the read model (SQLite, no exchange call). */
  readonly positions: () => Promise<readonly PositionView[]>;
  /** The last price the trader knows of a market without asking (the ticker board). */
  readonly markPrice: (market: string) => Dec | undefined;
}
