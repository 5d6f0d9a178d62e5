import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, StoredEvent, StreamAppend } from '@trader/application';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { EventSerializationError, InvalidAppendError } from './event-store.errors';

/** An event ready for the INSERT: serialised before the transaction starts. */
export interface EncodedEvent {
  readonly source: NewEvent;
  readonly schemaVersion: number;
  readonly payload: string;
  readonly metadata: string;
}

export interface EncodedAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly EncodedEvent[];
}

/** What one transaction wrote: a result per stream and, when asked for, the committed envelopes. */
export interface CommittedAppends {
  readonly results: AppendResult[];
  readonly committed: StoredEvent[];
}

export function encode(streamId: string, event: NewEvent, schemas: EventSchemaRegistry): EncodedEvent {
  const fail = (reason: string): never => {
    throw new EventSerializationError(streamId, event.eventId, event.type, reason);
  };
  if (typeof event.eventId !== 'string' || event.eventId.length === 0) fail('event id is empty');
  if (typeof event.type !== 'string' || event.type.length === 0) fail('event type is empty');
  let payload: string | undefined;
  let metadata: string | undefined;
  try {
    payload = JSON.stringify(event.data);
    metadata = event.metadata === undefined ? '{}' : JSON.stringify(event.metadata);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (payload === undefined) return fail('payload is not JSON data');
  if (metadata === undefined) return fail('metadata is not JSON data');
  const schemaVersion = event.schemaVersion ?? schemas.currentVersion(event.type);
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) fail(`schema version ${schemaVersion} is not an integer >= 1`);
  return { source: event, schemaVersion, payload, metadata };
}

export function checkExpectedVersion(streamId: string, expected: ExpectedVersion): void {
  if (expected === 'any' || expected === 'no_stream') return;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new InvalidAppendError(streamId, `expected version ${String(expected)} is not 'any', 'no_stream' or an integer >= 0`);
  }
}

export function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  return expected === actual;
}

/**
 * Validates and serialises every event of an append before its transaction starts (a bad event
 * fails the whole append and writes nothing); `full` when any event needs full durability.
 */
export function encodeAppends(
  appends: readonly StreamAppend[],
  schemas: EventSchemaRegistry,
  fullDurabilityTypes: ReadonlySet<string>,
  options: AppendOptions | undefined,
): { encoded: EncodedAppend[]; full: boolean } {
  let full = options?.durability === 'full';
  const encoded = appends.map((append) => {
    if (typeof append.streamId !== 'string' || append.streamId.length === 0) {
      throw new InvalidAppendError(String(append.streamId), 'stream id is empty');
    }
    checkExpectedVersion(append.streamId, append.expectedVersion);
    const events = append.events.map((event) => {
      if (!full && fullDurabilityTypes.has(event.type)) full = true;
      return encode(append.streamId, event, schemas);
    });
    return { streamId: append.streamId, expectedVersion: append.expectedVersion, events };
  });
  return { encoded, full };
}
