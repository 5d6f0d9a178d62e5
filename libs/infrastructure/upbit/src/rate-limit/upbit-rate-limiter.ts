import { ExchangeBlockedError } from '@trader/application';
import type { Clock } from '@trader/domain';
import type { ComponentHealth, KernelComponent } from '@trader/runtime';
import { RateLimitPermit, RateLimitQueue, RateLimitQueueStats, RequestPriority } from './rate-limit-queue';
import { UpbitClientStoppedError } from './rate-limit.errors';
import { RateLimiterSettings, UpbitRateGroup, defaultRateLimiterSettings, upbitRateLimits } from './rate-limit.table';
import { SlidingWindowBudget } from './sliding-window-budget';

/** Raised when Upbit blocks us (418): the operator must know, trading cannot go on meanwhile. */
export interface ExchangeBlockedAlert {
  readonly kind: 'exchange-blocked';
  readonly group: string;
  readonly at: number;
  readonly until: number;
}

export type RateLimitAlert = ExchangeBlockedAlert;

export interface AcquireOptions {
  /** Who shares the budget: the connection name for per-connection groups. */
  readonly scopeId?: string;
  readonly maxWaitMs?: number;
  readonly signal?: AbortSignal;
  /** `urgent` goes before `normal` waiters of the same group; `normal` by default. */
  readonly priority?: RequestPriority;
  /** The error the request fails with if it is still waiting after `maxWaitMs`. */
  readonly expired?: (group: string, waiting: number) => Error;
}

export interface RateLimiterStats {
  readonly groups: Readonly<Record<string, RateLimitQueueStats & { readonly throttled: number }>>;
  readonly blockedUntil: number;
  readonly blocks: number;
}

const REMAINING_REQ = /group=([A-Za-z0-9._-]+)\s*;.*?sec=(\d+)/;

/**
 * Every Upbit rate limit of this process in one place: one budget and queue per (group, scope), from
 * the single limits table, with a safety margin. It adopts Upbit's own count from each
 * `Remaining-Req` header, pauses a group after a 429 with exponential back-off, and after a 418 opens
 * a breaker that stops every call until the block ends and raises an alert.
 */
export class UpbitRateLimiter implements KernelComponent {
  readonly name = 'upbit-rate-limiter';
  private readonly queues = new Map<string, RateLimitQueue>();
  private readonly consecutive429 = new Map<string, number>();
  private readonly throttled = new Map<string, number>();
  private readonly alertListeners: Array<(alert: RateLimitAlert) => void> = [];
  private blockedUntil = 0;
  private blockedGroup = '';
  private blocks = 0;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly settings: RateLimiterSettings = defaultRateLimiterSettings,
  ) {}

  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    for (const queue of this.queues.values()) queue.failAll(new UpbitClientStoppedError('rate limiter stopped'));
  }

  health(): ComponentHealth {
    const now = this.clock.now();
    if (this.blockedUntil > now) return { status: 'down', detail: `blocked by Upbit (418) until ${new Date(this.blockedUntil).toISOString()}` };
    return { status: 'up' };
  }

  onAlert(listener: (alert: RateLimitAlert) => void): void {
    this.alertListeners.push(listener);
  }

  /**
   * Waits for a slot in `group` (by priority, FIFO within one, bounded, with a deadline); fails at
   * once while blocked. Call `done()` on the permit when the request's answer or failure is in.
   */
  acquire(group: UpbitRateGroup, options: AcquireOptions = {}): Promise<RateLimitPermit> {
    if (this.stopped) return Promise.reject(new UpbitClientStoppedError(`acquire ${group}`));
    const now = this.clock.now();
    if (this.blockedUntil > now) return Promise.reject(new ExchangeBlockedError(this.blockedUntil, this.blockedGroup));
    return this.queue(group, options.scopeId).acquire({
      deadline: now + (options.maxWaitMs ?? this.settings.maxWaitMs),
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.expired !== undefined ? { expired: options.expired } : {}),
    });
  }

  /** Feeds back a `Remaining-Req` header value (`group=default; min=1800; sec=29`). */
  adoptRemainingReq(header: string, fallbackGroup: UpbitRateGroup): void {
    const match = REMAINING_REQ.exec(header);
    if (!match) return;
    const named = match[1] as UpbitRateGroup;
    const group = named in this.settings.limits ? named : fallbackGroup;
    const queue = this.queue(group);
    queue.budget.adoptRemaining(this.clock.now(), Number(match[2]));
    queue.pump();
  }

  /** A request of `group` went through: its back-off starts again from the base. */
  succeeded(group: UpbitRateGroup, scopeId?: string): void {
    this.consecutive429.delete(this.key(group, scopeId));
  }

  /** Upbit answered 429: pause the group, longer on each consecutive 429. */
  tooManyRequests(group: UpbitRateGroup, scopeId?: string): number {
    const key = this.key(group, scopeId);
    const count = (this.consecutive429.get(key) ?? 0) + 1;
    this.consecutive429.set(key, count);
    this.throttled.set(key, (this.throttled.get(key) ?? 0) + 1);
    const pauseMs = Math.min(this.settings.pauseMaxMs, this.settings.pauseBaseMs * 2 ** (count - 1));
    const until = this.clock.now() + pauseMs;
    this.queue(group, scopeId).budget.pause(until);
    return until;
  }

  /**
   * Upbit answered 418: nothing is sent until the block ends; waiting requests fail now. Requests
   * already in flight may bring more 418s: they extend the block but raise no second alert.
   */
  blocked(group: UpbitRateGroup, blockMs: number | undefined): number {
    const now = this.clock.now();
    const alreadyBlocked = this.blockedUntil > now;
    const until = now + (blockMs ?? this.settings.defaultBlockMs);
    if (until > this.blockedUntil) {
      this.blockedUntil = until;
      this.blockedGroup = group;
    }
    const error = new ExchangeBlockedError(this.blockedUntil, group);
    for (const queue of this.queues.values()) queue.failAll(error);
    if (alreadyBlocked) return this.blockedUntil;
    this.blocks += 1;
    const alert: ExchangeBlockedAlert = { kind: 'exchange-blocked', group, at: now, until: this.blockedUntil };
    for (const listener of this.alertListeners) listener(alert);
    return this.blockedUntil;
  }

  blockedUntilTime(): number {
    return this.blockedUntil;
  }

  stats(): RateLimiterStats {
    const groups: Record<string, RateLimitQueueStats & { throttled: number }> = {};
    for (const [key, queue] of this.queues) groups[key] = { ...queue.stats(), throttled: this.throttled.get(key) ?? 0 };
    return { groups, blockedUntil: this.blockedUntil, blocks: this.blocks };
  }

  private queue(group: UpbitRateGroup, scopeId?: string): RateLimitQueue {
    const key = this.key(group, scopeId);
    let queue = this.queues.get(key);
    if (!queue) {
      const limits = this.settings.limits[group] ?? upbitRateLimits[group];
      queue = new RateLimitQueue(
        key,
        new SlidingWindowBudget(limits.windows, this.settings.safetyMargin, this.settings.windowPaddingMs),
        this.settings.queueCapacity,
        this.clock,
      );
      this.queues.set(key, queue);
    }
    return queue;
  }

  private key(group: UpbitRateGroup, scopeId?: string): string {
    const scope = (this.settings.limits[group] ?? upbitRateLimits[group]).scope;
    return scopeId === undefined ? `${scope}:${group}` : `${scope}:${scopeId}:${group}`;
  }
}
