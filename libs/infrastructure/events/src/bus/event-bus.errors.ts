/** Base of the bus's own errors; `code` is stable and machine-readable. */
abstract class EventBusError extends Error {
  abstract readonly code: string;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An event was published on the Nest EventBus without going through the event store first. */
export class UnstoredEventError extends EventBusError {
  readonly code = 'EVENT_BUS_UNSTORED_EVENT';

  constructor(readonly eventName: string) {
    super(`Event ${eventName} was published without being stored; append it through the EventStore instead`);
  }
}

/** A subscriber name is used twice, or registration came after start. */
export class SubscriberRegistrationError extends EventBusError {
  readonly code = 'EVENT_BUS_SUBSCRIBER_REGISTRATION';

  constructor(
    readonly subscriber: string,
    readonly reason: string,
  ) {
    super(`Cannot register subscriber "${subscriber}": ${reason}`);
  }
}

/** No subscriber or projection with this name is registered. */
export class UnknownSubscriberError extends EventBusError {
  readonly code = 'EVENT_BUS_UNKNOWN_SUBSCRIBER';

  constructor(readonly subscriber: string) {
    super(`No subscriber named "${subscriber}" is registered`);
  }
}

/** A subscriber did not reach a position in time (its lane is stuck, far behind, or not started). */
export class CatchUpTimeoutError extends EventBusError {
  readonly code = 'EVENT_BUS_CATCH_UP_TIMEOUT';

  constructor(
    readonly subscriber: string,
    readonly position: number,
    readonly reached: number,
    readonly timeoutMs: number,
  ) {
    super(`Subscriber "${subscriber}" did not catch up to position ${position} within ${timeoutMs} ms (its checkpoint is at ${reached})`);
  }
}

/** No parked dead letter with this id. */
export class DeadLetterNotFoundError extends EventBusError {
  readonly code = 'EVENT_BUS_DEAD_LETTER_NOT_FOUND';

  constructor(readonly deadLetterId: number) {
    super(`No parked dead letter with id ${deadLetterId}`);
  }
}

/** Asked for what only a started event store knows (the position it started writing after). */
export class EventStoreNotStartedError extends EventBusError {
  readonly code = 'EVENT_STORE_NOT_STARTED';

  constructor(readonly what: string) {
    super(`${what} is known once the event store has started`);
  }
}
