import { ExpectedVersion } from './expected-version';

/** Base of the errors the event store raises; `code` is stable and machine-readable. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the expected version: another command won the race. Nothing was written. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'EVENT_STORE_CONCURRENCY';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`Stream "${streamId}" is at version ${actualVersion}, expected ${String(expectedVersion)}`);
  }
}

/**
 * A handler lane has no room for the events of this append: the caller should slow down or fail the
 * command. Nothing was written, so nothing is lost.
 */
export class BackpressureError extends EventStoreError {
  readonly code = 'EVENT_BUS_BACKPRESSURE';

  constructor(
    readonly lane: string,
    readonly queueDepth: number,
    readonly capacity: number,
  ) {
    super(`Lane "${lane}" is full (${queueDepth} of ${capacity} queued)`);
  }
}
