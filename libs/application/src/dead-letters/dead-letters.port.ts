/** An event a handler gave up on after its retries, kept for the operator. */
export interface ParkedEvent {
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

export type ParkedRetryOutcome = { readonly id: number; readonly status: 'resolved' } | { readonly id: number; readonly status: 'still-parked'; readonly error: string };

/** The dead-letter store of the event bus, as the operator works with it. */
export interface DeadLetters {
  list(subscriber?: string): ParkedEvent[];
  retry(id: number): Promise<ParkedRetryOutcome>;
  discard(id: number): Promise<void>;
}

export const DEAD_LETTERS = Symbol('DEAD_LETTERS');
