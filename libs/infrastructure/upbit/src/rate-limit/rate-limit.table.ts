/**
 * Upbit's rate-limit groups (docs: https://docs.upbit.com/kr/docs/rate-limits, changelogs; see
 * ../shared/docs/upbit-api.md §3). Quotation groups count per IP, exchange groups per account
 * (pocket), WebSocket messages per connection. This table is the single place the numbers live.
 */
export type UpbitRateGroup =
  | 'market'
  | 'candle'
  | 'trade'
  | 'ticker'
  | 'orderbook'
  | 'default'
  | 'order'
  | 'order-test'
  | 'order-cancel-all'
  | 'websocket-connect'
  | 'websocket-message';

export type RateScope = 'ip' | 'account' | 'connection';

export interface RateWindow {
  /** Requests Upbit allows in any window of `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateGroupLimits {
  readonly scope: RateScope;
  readonly windows: readonly RateWindow[];
}

export const upbitRateLimits: Readonly<Record<UpbitRateGroup, RateGroupLimits>> = {
  market: { scope: 'ip', windows: [{ limit: 10, windowMs: 1_000 }] },
  candle: { scope: 'ip', windows: [{ limit: 10, windowMs: 1_000 }] },
  trade: { scope: 'ip', windows: [{ limit: 10, windowMs: 1_000 }] },
  ticker: { scope: 'ip', windows: [{ limit: 10, windowMs: 1_000 }] },
  orderbook: { scope: 'ip', windows: [{ limit: 10, windowMs: 1_000 }] },
  default: { scope: 'account', windows: [{ limit: 30, windowMs: 1_000 }] },
  // 8/s until 2026-08-21 21:00 KST, 12/s since (Upbit changelog order-rate-limit-update).
  order: { scope: 'account', windows: [{ limit: 12, windowMs: 1_000 }] },
  'order-test': { scope: 'account', windows: [{ limit: 8, windowMs: 1_000 }] },
  // 0.5 request per second: one per two seconds (ccxt "RPS: 0.5").
  'order-cancel-all': { scope: 'account', windows: [{ limit: 1, windowMs: 2_000 }] },
  'websocket-connect': { scope: 'ip', windows: [{ limit: 5, windowMs: 1_000 }] },
  'websocket-message': {
    scope: 'connection',
    windows: [
      { limit: 5, windowMs: 1_000 },
      { limit: 100, windowMs: 60_000 },
    ],
  },
};

export const UPBIT_RATE_GROUPS = Object.keys(upbitRateLimits) as UpbitRateGroup[];

export interface RateLimiterSettings {
  /** Fraction of each Upbit limit we allow ourselves (0 < margin <= 1). */
  readonly safetyMargin: number;
  /** Added to every window, to absorb the difference between our send time and Upbit's arrival time. */
  readonly windowPaddingMs: number;
  /** Requests that may wait per group; one more fails fast with `ExchangeBusyError('queue_full')`. */
  readonly queueCapacity: number;
  /** How long a request may wait for its slot by default. */
  readonly maxWaitMs: number;
  /** Pause of a group after a 429, doubled on each consecutive 429 up to `pauseMaxMs`. */
  readonly pauseBaseMs: number;
  readonly pauseMaxMs: number;
  /** Block duration assumed after a 418 that does not say how long it lasts. */
  readonly defaultBlockMs: number;
  readonly limits: Readonly<Record<UpbitRateGroup, RateGroupLimits>>;
}

export const defaultRateLimiterSettings: RateLimiterSettings = {
  safetyMargin: 0.8,
  windowPaddingMs: 50,
  queueCapacity: 200,
  maxWaitMs: 10_000,
  pauseBaseMs: 1_000,
  pauseMaxMs: 30_000,
  defaultBlockMs: 60_000,
  limits: upbitRateLimits,
};
