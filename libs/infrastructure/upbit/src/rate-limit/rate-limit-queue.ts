import { ExchangeBusyError } from '@trader/application';
import type { Clock } from '@trader/domain';
import { SlidingWindowBudget } from './sliding-window-budget';

/** The right to send one request. `done()` once its answer or failure is in: the budget counts it until then. */
export interface RateLimitPermit {
  done(): void;
}

/**
 * `urgent` requests (order lookups and cancels) go before `normal` ones (balance and list reads) of
 * the same group: a cancel that waits behind a burst of reads leaves an order exposed longer.
 */
export type RequestPriority = 'urgent' | 'normal';

interface Waiter {
  readonly priority: RequestPriority;
  readonly deadline: number;
  /** Why the request failed at its deadline. */
  readonly expired: (group: string, waiting: number) => Error;
  readonly resolve: (permit: RateLimitPermit) => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
  readonly queuedAt: number;
}

export interface RateLimitQueueStats {
  readonly granted: number;
  /** Requests that could not go at once and waited in the line (granted, expired or aborted later). */
  readonly queued: number;
  /** Milliseconds the granted ones among them spent waiting, summed. */
  readonly waitedMs: number;
  readonly waiting: number;
  readonly rejectedQueueFull: number;
  readonly rejectedDeadline: number;
  readonly inWindow: number;
  readonly inFlight: number;
  readonly pausedUntil: number;
}

/** How one request waits: its deadline, its priority, and the error it fails with past the deadline. */
export interface QueuedRequest {
  readonly deadline: number;
  readonly priority?: RequestPriority;
  readonly signal?: AbortSignal;
  /** Defaults to `ExchangeBusyError('deadline')`. */
  readonly expired?: (group: string, waiting: number) => Error;
}

/**
 * The line in front of one rate-limit group. Requests are granted by priority, and in arrival order
 * within a priority, when the budget allows; a full line fails fast, and a request still waiting at its
 * deadline fails (by default with `ExchangeBusyError('deadline')`) without being sent. One timer at
 * most, set for the next grant or deadline.
 */
export class RateLimitQueue {
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private granted = 0;
  private queued = 0;
  private waitedMs = 0;
  private rejectedQueueFull = 0;
  private rejectedDeadline = 0;

  constructor(
    readonly group: string,
    readonly budget: SlidingWindowBudget,
    private readonly capacity: number,
    private readonly clock: Clock,
  ) {}

  /** Resolves when the request may be sent (it is then already counted, as in flight). */
  acquire(request: QueuedRequest): Promise<RateLimitPermit> {
    const { deadline, signal } = request;
    const now = this.clock.now();
    if (this.waiters.length === 0 && this.budget.nextSendAt(now) <= now) return Promise.resolve(this.grant());
    if (this.waiters.length >= this.capacity) {
      this.rejectedQueueFull += 1;
      return Promise.reject(new ExchangeBusyError(this.group, 'queue_full', this.waiters.length));
    }
    return new Promise<RateLimitPermit>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        this.schedule();
      };
      const waiter: Waiter = {
        priority: request.priority ?? 'normal',
        deadline,
        expired: request.expired ?? ((group, waiting) => new ExchangeBusyError(group, 'deadline', waiting)),
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
        queuedAt: now,
      };
      this.queued += 1;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.enqueue(waiter);
      this.pump();
    });
  }

  /** Grants what the budget allows now, expires overdue waiters and re-arms the timer. */
  pump(): void {
    const now = this.clock.now();
    while (this.waiters.length > 0 && this.budget.nextSendAt(now) <= now) {
      const waiter = this.waiters.shift() as Waiter;
      waiter.cleanup();
      if (waiter.deadline < now) {
        this.rejectedDeadline += 1;
        waiter.reject(waiter.expired(this.group, this.waiters.length));
        continue;
      }
      this.waitedMs += now - waiter.queuedAt;
      waiter.resolve(this.grant());
    }
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i];
      if (waiter.deadline < now) {
        this.waiters.splice(i, 1);
        waiter.cleanup();
        this.rejectedDeadline += 1;
        waiter.reject(waiter.expired(this.group, this.waiters.length));
      }
    }
    this.schedule();
  }

  /** Rejects every waiting request with `error` (breaker tripped, client stopped). */
  failAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) {
      waiter.cleanup();
      waiter.reject(error);
    }
    this.clearTimer();
  }

  stats(): RateLimitQueueStats {
    const now = this.clock.now();
    return {
      granted: this.granted,
      queued: this.queued,
      waitedMs: this.waitedMs,
      waiting: this.waiters.length,
      rejectedQueueFull: this.rejectedQueueFull,
      rejectedDeadline: this.rejectedDeadline,
      inWindow: this.budget.inWindow(now),
      inFlight: this.budget.inFlight(),
      pausedUntil: this.budget.pausedUntilTime(),
    };
  }

  /** Behind every waiter of its priority or a higher one, ahead of every lower one. */
  private enqueue(waiter: Waiter): void {
    const firstNormal = waiter.priority === 'urgent' ? this.waiters.findIndex((w) => w.priority === 'normal') : -1;
    if (firstNormal < 0) this.waiters.push(waiter);
    else this.waiters.splice(firstNormal, 0, waiter);
  }

  private grant(): RateLimitPermit {
    const entry = this.budget.record();
    this.granted += 1;
    let done = false;
    return {
      done: () => {
        if (done) return;
        done = true;
        this.budget.settle(entry, this.clock.now());
        this.pump();
      },
    };
  }

  private schedule(): void {
    this.clearTimer();
    if (this.waiters.length === 0) return;
    const now = this.clock.now();
    let wakeAt = this.budget.nextSendAt(now);
    for (const waiter of this.waiters) wakeAt = Math.min(wakeAt, waiter.deadline + 1);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, wakeAt - now));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
