import { SimClock } from '../clock/sim-clock';
import { RateLimitGroupName } from '../rest/rest-types';
import { RateLimitPolicy } from './rate-limits';

export type RateDecision =
  | { readonly outcome: 'allowed'; readonly remaining: number }
  | { readonly outcome: 'limited'; readonly remaining: 0 }
  | { readonly outcome: 'blocked'; readonly remaining: 0; readonly blockedForMs: number };

interface Window {
  start: number;
  count: number;
}

interface ClientRecord {
  rejectionsInWindow: number;
  rejectionWindowStart: number;
  blockedUntil: number;
  lastBlockMs: number;
  lastBlockAt: number;
}

/**
 * Fixed windows per (group, client), as Upbit counts them. A client refused with 429 that keeps
 * sending in the same window is blocked: every request of that client then gets 418 until the
 * block ends, and a repeat offender's block doubles.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly clients = new Map<string, ClientRecord>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly clock: Pick<SimClock, 'now'>,
  ) {}

  check(group: RateLimitGroupName, client: string): RateDecision {
    const now = this.clock.now();
    const record = this.client(client);
    if (record.blockedUntil > now) return { outcome: 'blocked', remaining: 0, blockedForMs: record.blockedUntil - now };
    const { limit, windowMs } = this.policy.groups[group];
    const start = Math.floor(now / windowMs) * windowMs;
    const key = `${group}\u0000${client}`;
    let window = this.windows.get(key);
    if (window === undefined || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count < limit) {
      window.count++;
      return { outcome: 'allowed', remaining: limit - window.count };
    }
    return this.reject(record, start, now);
  }

  /** The remaining budget without spending any (for headers of responses refused before counting). */
  remaining(group: RateLimitGroupName, client: string): number {
    const { limit, windowMs } = this.policy.groups[group];
    const window = this.windows.get(`${group}\u0000${client}`);
    const start = Math.floor(this.clock.now() / windowMs) * windowMs;
    return window === undefined || window.start !== start ? limit : Math.max(0, limit - window.count);
  }

  private reject(record: ClientRecord, windowStart: number, now: number): RateDecision {
    if (record.rejectionWindowStart !== windowStart) {
      record.rejectionWindowStart = windowStart;
      record.rejectionsInWindow = 0;
    }
    record.rejectionsInWindow++;
    if (record.rejectionsInWindow <= this.policy.rejectionsBeforeBlock) return { outcome: 'limited', remaining: 0 };
    const repeat = now - record.lastBlockAt < this.policy.blockMemoryMs && record.lastBlockMs > 0;
    const blockMs = repeat ? Math.min(record.lastBlockMs * 2, this.policy.maxBlockMs) : this.policy.blockMs;
    record.blockedUntil = now + blockMs;
    record.lastBlockMs = blockMs;
    record.lastBlockAt = now;
    record.rejectionsInWindow = 0;
    return { outcome: 'blocked', remaining: 0, blockedForMs: blockMs };
  }

  private client(client: string): ClientRecord {
    let record = this.clients.get(client);
    if (record === undefined) {
      record = { rejectionsInWindow: 0, rejectionWindowStart: -1, blockedUntil: 0, lastBlockMs: 0, lastBlockAt: 0 };
      this.clients.set(client, record);
    }
    return record;
  }
}
