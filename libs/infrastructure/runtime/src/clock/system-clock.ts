import type { Clock } from '@trader/domain';

/** The wall clock. The only place outside tests where infrastructure reads the system time. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
