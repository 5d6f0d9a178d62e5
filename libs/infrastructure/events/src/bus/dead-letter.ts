/** An event a subscriber gave up on, kept until an operator retries or discards it. */
export interface DeadLetter {
  readonly id: number;
  readonly subscriber: string;
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly eventType: string;
  readonly error: string;
  readonly attempts: number;
  readonly status: 'parked' | 'resolved' | 'discarded';
  readonly parkedAt: number;
  readonly closedAt: number | null;
}

/** Where a parked event is, as far as the dispatcher could read it. */
export interface ParkedEventRef {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
}
