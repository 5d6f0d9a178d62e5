import type { ParkedEvent } from '@trader/application';

/** An event a subscriber gave up on, kept until an operator retries or discards it (the application's ParkedEvent). */
export type DeadLetter = ParkedEvent;

/** Where a parked event is, as far as the dispatcher could read it. */
export interface ParkedEventRef {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
}
