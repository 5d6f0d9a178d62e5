import { Clock } from './clock';

/** A clock that moves only when told to: for tests, replays and backtests. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`A clock only moves forward by a finite amount, got ${ms}`);
    }
    this.current += ms;
  }
}
