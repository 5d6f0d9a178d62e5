import { EventStoreError } from '@trader/application';

/** An event's payload or metadata cannot be stored as JSON. Nothing of its append was written. */
export class EventSerializationError extends EventStoreError {
  readonly code = 'EVENT_SERIALIZATION';

  constructor(
    readonly streamId: string,
    readonly eventId: string,
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`Event ${eventId} (${eventType}) for stream "${streamId}" cannot be serialised: ${reason}`);
  }
}

/** A stored row cannot be decoded. Other rows are unaffected. */
export class CorruptEventError extends EventStoreError {
  readonly code = 'EVENT_CORRUPT';

  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`Event at position ${position} in stream "${streamId}" is corrupt: ${reason}`);
  }
}

/** A stored event has a type the schema registry does not know (and the registry rejects unknown types). */
export class UnknownEventTypeError extends EventStoreError {
  readonly code = 'EVENT_UNKNOWN_TYPE';

  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly eventType: string,
  ) {
    super(`Event at position ${position} in stream "${streamId}" has unknown type "${eventType}"`);
  }
}

/** A stored event's schema version cannot be brought to the current one (newer, or an upcaster is missing). */
export class UnsupportedSchemaVersionError extends EventStoreError {
  readonly code = 'EVENT_UNSUPPORTED_SCHEMA_VERSION';

  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `Event at position ${position} in stream "${streamId}" (${eventType}) has schema version ${schemaVersion}; current is ${currentVersion} and no upcaster chain leads there`,
    );
  }
}

/** The event id is already stored in another stream: an id names one fact, never two. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'EVENT_DUPLICATE_ID';

  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly storedInStreamId: string,
  ) {
    super(`Event id ${eventId} appended to "${streamId}" is already stored in stream "${storedInStreamId}"`);
  }
}

/** The arguments of an append are malformed (empty stream id, negative expected version, ...). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'EVENT_INVALID_APPEND';

  constructor(
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`Invalid append to stream "${streamId}": ${reason}`);
  }
}

/** The thread reading a long range of the log ahead failed (its query, or the thread itself). */
export class PageReaderError extends EventStoreError {
  readonly code = 'EVENT_PAGE_READER';

  constructor(reason: string) {
    super(`Reading the event log ahead failed: ${reason}`);
  }
}
