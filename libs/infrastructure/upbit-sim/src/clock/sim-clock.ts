/** A cancellable timer handle. */
export interface SimTimer {
  cancel(): void;
}

/**
 * Time and timers for the whole simulator. Everything that depends on time (the market tick, rate
 * limit windows, the WebSocket idle timeout, injected delays) goes through one clock, so tests can
 * drive time with a {@link ManualSimClock} and a run is reproducible.
 */
export interface SimClock {
  now(): number;
  setTimer(delayMs: number, callback: () => void): SimTimer;
}

/** Wall-clock time with Node timers. */
export class SystemSimClock implements SimClock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, callback: () => void): SimTimer {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(handle) };
  }
}

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** Test clock: time moves only when `advance` is called; due timers fire in time order. */
export class ManualSimClock implements SimClock {
  private current: number;
  private nextId = 0;
  private pending: PendingTimer[] = [];

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): SimTimer {
    const timer: PendingTimer = { id: this.nextId++, dueAt: this.current + Math.max(0, delayMs), callback };
    this.pending.push(timer);
    return { cancel: () => (this.pending = this.pending.filter((t) => t.id !== timer.id)) };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.pending.filter((t) => t.dueAt <= target).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.dueAt);
      due.callback();
    }
    this.current = target;
  }

  pendingTimers(): number {
    return this.pending.length;
  }
}
