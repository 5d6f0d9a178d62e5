import type { Clock } from '@trader/domain';
import { IdGenerator } from '../ports/id-generator.port';
import { BacktestTimeError } from './backtest.errors';

/**
 * The clock of a backtest: it stands still while the components work and jumps to the time of the next
 * price. It never goes back, so nothing in a run can see a moment after one it has already seen and
 * then act before it.
 */
export class VirtualClock implements Clock {
  private time: number;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advanceTo(time: number): void {
    if (time < this.time) throw new BacktestTimeError(this.time, time);
    this.time = time;
  }
}

/** Ids that are the same in every run of the same inputs (a run's events and trades are reproducible). */
export class SequentialIds implements IdGenerator {
  private count = 0;

  constructor(private readonly prefix: string) {}

  next(): string {
    this.count += 1;
    return `${this.prefix}-${this.count.toString().padStart(8, '0')}`;
  }
}
