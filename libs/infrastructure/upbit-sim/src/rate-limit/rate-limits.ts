import { RateLimitGroupName } from '../rest/rest-types';

export interface GroupLimit {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimitPolicy {
  readonly groups: Readonly<Record<RateLimitGroupName, GroupLimit>>;
  /** Requests refused with 429 in one window before the client is blocked with 418. */
  readonly rejectionsBeforeBlock: number;
  /** First block length; each further block within `blockMemoryMs` doubles it, up to `maxBlockMs`. */
  readonly blockMs: number;
  readonly maxBlockMs: number;
  readonly blockMemoryMs: number;
}

/**
 * Upbit's limits (sheet §3): quotation groups 10/s per IP; exchange `default` 30/s, `order` 12/s
 * (since 2026-08-21), `order-test` 8/s [unverified], `order-cancel-all` 1 per 2 s, per key;
 * WebSocket connections 5/s (per IP, per key on the private endpoint) and request messages 5/s and
 * 100/min per connection [unverified].
 */
export const UPBIT_RATE_LIMITS: RateLimitPolicy = {
  groups: {
    market: { limit: 10, windowMs: 1000 },
    candle: { limit: 10, windowMs: 1000 },
    trade: { limit: 10, windowMs: 1000 },
    ticker: { limit: 10, windowMs: 1000 },
    orderbook: { limit: 10, windowMs: 1000 },
    default: { limit: 30, windowMs: 1000 },
    order: { limit: 12, windowMs: 1000 },
    'order-test': { limit: 8, windowMs: 1000 },
    'order-cancel-all': { limit: 1, windowMs: 2000 },
    'websocket-connect': { limit: 5, windowMs: 1000 },
    'websocket-message': { limit: 5, windowMs: 1000 },
    'websocket-message-minute': { limit: 100, windowMs: 60_000 },
  },
  rejectionsBeforeBlock: 5,
  blockMs: 10_000,
  maxBlockMs: 600_000,
  blockMemoryMs: 3_600_000,
};
