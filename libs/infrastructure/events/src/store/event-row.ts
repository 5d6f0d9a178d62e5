import type { EventMetadata, StoredEvent } from '@trader/application';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { DecodedEvent, RecordedAtOnly } from './decoded-event';
import { CorruptEventError } from './event-store.errors';

/**
 * A row of the `events` table as better-sqlite3 returns it in raw mode, columns in `eventColumns` order.
 * Raw rows are arrays: reading a page costs about 40% less than with an object per row.
 */
export type EventRow = [
  position: number,
  streamId: string,
  streamVersion: number,
  eventId: string,
  eventType: string,
  schemaVersion: number,
  payload: string,
  metadata: string,
  recordedAt: number,
];

export const eventColumns =
  'position, stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at';

function parseJson(text: string, what: string, position: number, streamId: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptEventError(position, streamId, `${what} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Decodes and upcasts a row; a row that cannot be decoded raises an error naming its position and stream.
 * With `metadataOf`, rows of other types get `{ recordedAt }` as their metadata, their metadata text
 * neither parsed nor checked (a rebuild whose projections read no more than that).
 */
export function decodeEventRow(row: EventRow, schemas: EventSchemaRegistry, metadataOf?: ReadonlySet<string>): StoredEvent {
  const [position, streamId, streamVersion, eventId, eventType, storedSchemaVersion, payloadText, metadataText, recordedAt] = row;
  if (typeof eventType !== 'string' || eventType.length === 0) {
    throw new CorruptEventError(position, streamId, 'event type is empty');
  }
  const payload = parseJson(payloadText, 'payload', position, streamId);
  let metadata: unknown;
  if (metadataOf === undefined || metadataOf.has(eventType)) {
    metadata = parseJson(metadataText, 'metadata', position, streamId);
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new CorruptEventError(position, streamId, 'metadata is not an object');
    }
    // The object was just parsed and is ours: setting the field costs less than a copy.
    (metadata as { recordedAt: number }).recordedAt = recordedAt;
  } else {
    metadata = new RecordedAtOnly(recordedAt);
  }
  const { schemaVersion, data } = schemas.upcast(eventType, storedSchemaVersion, payload, { position, streamId });
  // Made by a constructor, not a literal: see DecodedEvent.
  return new DecodedEvent(position, streamId, streamVersion, eventId, eventType, schemaVersion, data, metadata as EventMetadata & { recordedAt: number });
}
