import type { EventMetadata, StoredEvent } from '@trader/application';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { CorruptEventError } from './event-store.errors';

/** A row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  position: number;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  payload: string;
  metadata: string;
  recorded_at: number;
}

export const eventColumns =
  'position, stream_id, stream_version, event_id, event_type, schema_version, payload, metadata, recorded_at';

function parseJson(text: string, what: string, row: EventRow): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptEventError(row.position, row.stream_id, `${what} is not valid JSON (${(error as Error).message})`);
  }
}

/** Decodes and upcasts a row; a row that cannot be decoded raises an error naming its position and stream. */
export function decodeEventRow(row: EventRow, schemas: EventSchemaRegistry): StoredEvent {
  if (typeof row.event_type !== 'string' || row.event_type.length === 0) {
    throw new CorruptEventError(row.position, row.stream_id, 'event type is empty');
  }
  const payload = parseJson(row.payload, 'payload', row);
  const metadata = parseJson(row.metadata, 'metadata', row);
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new CorruptEventError(row.position, row.stream_id, 'metadata is not an object');
  }
  const { schemaVersion, data } = schemas.upcast(row.event_type, row.schema_version, payload, {
    position: row.position,
    streamId: row.stream_id,
  });
  return {
    position: row.position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion,
    data,
    metadata: { ...(metadata as EventMetadata), recordedAt: row.recorded_at },
  };
}
