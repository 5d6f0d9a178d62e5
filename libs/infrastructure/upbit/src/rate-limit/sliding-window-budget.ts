import type { RateWindow } from './rate-limit.table';

/**
 * One request counted by a budget. While `settledAt` is undefined the request is in flight: it may
 * reach Upbit at any moment, so it counts as sent "now" until it is settled.
 */
export interface BudgetEntry {
  settledAt: number | undefined;
}

interface Window {
  readonly limit: number;
  readonly upbitLimit: number;
  readonly windowMs: number;
}

/**
 * How many requests one group may still send: a sliding log of requests per window.
 *
 * Upbit counts a request when it arrives, which is some time after we let it go (queued behind
 * other requests on a pooled connection, delayed by a busy loop) and before its answer comes back.
 * So a request counts from the moment it is granted until one window after its answer: while in
 * flight it counts as "now", and once settled it counts at its settle time. Then, for any window of
 * Upbit's, every request arriving in it was either in flight or settled inside the window when the
 * last of them was granted, and the grant rule (fewer than `limit` counted) bounds them all, whatever
 * the delays and the window alignment. A token bucket would allow twice its rate across a refill.
 * Pure: time is passed in.
 */
export class SlidingWindowBudget {
  private readonly windows: Window[];
  private entries: BudgetEntry[] = [];
  private pausedUntil = 0;

  constructor(windows: readonly RateWindow[], safetyMargin: number, paddingMs: number) {
    this.windows = windows.map((w) => ({
      upbitLimit: w.limit,
      limit: Math.max(1, Math.floor(w.limit * safetyMargin)),
      windowMs: w.windowMs + paddingMs,
    }));
  }

  /**
   * The earliest time (>= now) at which one more request may be sent, or `Infinity` when requests
   * in flight fill a window: then only a `settle` can open the budget again.
   */
  nextSendAt(now: number): number {
    this.prune(now);
    let at = Math.max(now, this.pausedUntil);
    for (const w of this.windows) {
      const counted = this.entries.filter((e) => e.settledAt === undefined || e.settledAt + w.windowMs > now);
      if (counted.length < w.limit) continue;
      // `counted.length - limit + 1` of them must leave the window; in-flight ones never leave.
      const settled = counted
        .map((e) => e.settledAt)
        .filter((t): t is number => t !== undefined)
        .sort((a, b) => a - b);
      const mustLeave = counted.length - w.limit + 1;
      if (settled.length < mustLeave) return Number.POSITIVE_INFINITY;
      at = Math.max(at, settled[mustLeave - 1] + w.windowMs);
    }
    return at;
  }

  /** Counts a request being sent now; settle it when its answer (or failure) is in. */
  record(): BudgetEntry {
    const entry: BudgetEntry = { settledAt: undefined };
    this.entries.push(entry);
    return entry;
  }

  settle(entry: BudgetEntry, at: number): void {
    if (entry.settledAt === undefined) entry.settledAt = at;
  }

  /**
   * Adopts Upbit's view from a `Remaining-Req: ...; sec=N` header: if Upbit counted more requests in
   * its current second than we have counted (another process on the same IP or account), the
   * difference is added as requests sent at `now`, so we slow down by as much.
   */
  adoptRemaining(now: number, remaining: number): void {
    // `sec` counts Upbit's shortest window (the per-second one); the table lists it first.
    const w = this.windows[0];
    this.prune(now);
    const counted = this.entries.filter((e) => e.settledAt === undefined || e.settledAt + w.windowMs > now).length;
    const usedByServer = Math.max(0, w.upbitLimit - remaining);
    for (let i = counted; i < usedByServer; i += 1) this.entries.push({ settledAt: now });
  }

  /** Stops sending until `until` (after a 429). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  pausedUntilTime(): number {
    return this.pausedUntil;
  }

  /** Requests counted now by the first (shortest) window, in flight included. */
  inWindow(now: number): number {
    this.prune(now);
    const w = this.windows[0];
    return this.entries.filter((e) => e.settledAt === undefined || e.settledAt + w.windowMs > now).length;
  }

  inFlight(): number {
    return this.entries.filter((e) => e.settledAt === undefined).length;
  }

  /** Forgets requests that no window counts any more. */
  private prune(now: number): void {
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    if (this.entries.some((e) => e.settledAt !== undefined && e.settledAt + longest <= now)) {
      this.entries = this.entries.filter((e) => e.settledAt === undefined || e.settledAt + longest > now);
    }
  }
}
