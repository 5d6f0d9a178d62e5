import type { EventMetadata, StoredEvent } from '@trader/application';
import { EventSchemaRegistry } from '../schema/event-schema-registry';
import { DecodedEvent, RecordedAtOnly } from './decoded-event';

/**
 * A page of the event log as the page-reader worker sends it: each column's values concatenated by
 * SQLite in one pass over the page's rows. Numbers and JSON texts as the text of a JSON array,
 * identifiers and types joined with NUL. All null when the page is empty.
 */
export interface EventColumnPage {
  /** The first position the page's query asked for. */
  readonly from: number;
  readonly count: number;
  /** The last position in the page. */
  readonly last: number | null;
  readonly positions: string | null;
  readonly streamIds: string | null;
  readonly versions: string | null;
  readonly eventIds: string | null;
  readonly types: string | null;
  readonly schemaVersions: string | null;
  readonly payloads: string | null;
  /** Each row's metadata text, or 0 for rows whose metadata is not wanted. */
  readonly metadata: string | null;
  readonly recordedAt: string | null;
}

function jsonArray(text: string | null): unknown[] | undefined {
  if (text === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The events of a column page, decoded and upcast as `decodeEventRow` decodes rows (the same objects,
 * field for field); with `metadataOf`, the other types get `{ recordedAt }` as their metadata.
 *
 * Undefined when the page cannot be taken apart safely: a column's item count differs from the page's
 * row count (a corrupt payload, a NUL inside an identifier), positions that do not ascend, a wanted
 * metadata that is not an object. The caller then reads the same rows one by one, which names the
 * corrupt row (`CorruptEventError`) or decodes them.
 */
export function decodeEventColumnPage(page: EventColumnPage, schemas: EventSchemaRegistry, metadataOf?: ReadonlySet<string>): StoredEvent[] | undefined {
  const { count } = page;
  if (count === 0) return [];
  const positions = jsonArray(page.positions) as number[] | undefined;
  const versions = jsonArray(page.versions) as number[] | undefined;
  const schemaVersions = jsonArray(page.schemaVersions) as number[] | undefined;
  const recordedAt = jsonArray(page.recordedAt) as number[] | undefined;
  const payloads = jsonArray(page.payloads);
  const metadata = jsonArray(page.metadata);
  const streamIds = page.streamIds?.split('\u0000');
  const eventIds = page.eventIds?.split('\u0000');
  const types = page.types?.split('\u0000');
  if (
    positions?.length !== count ||
    versions?.length !== count ||
    schemaVersions?.length !== count ||
    recordedAt?.length !== count ||
    payloads?.length !== count ||
    metadata?.length !== count ||
    streamIds?.length !== count ||
    eventIds?.length !== count ||
    types?.length !== count
  ) {
    return undefined;
  }
  const events: StoredEvent[] = new Array<StoredEvent>(count);
  let previous = page.from - 1;
  for (let i = 0; i < count; i += 1) {
    const position = positions[i] as number;
    const type = types[i] as string;
    // Ascending positions prove the columns came out in the page's row order.
    if (!(position > previous) || type.length === 0) return undefined;
    previous = position;
    let meta: unknown;
    if (metadataOf === undefined || metadataOf.has(type)) {
      meta = metadata[i];
      if (!isObject(meta)) return undefined;
      (meta as { recordedAt: number }).recordedAt = recordedAt[i] as number;
    } else {
      meta = new RecordedAtOnly(recordedAt[i] as number);
    }
    const streamId = streamIds[i] as string;
    const upcast = schemas.upcast(type, schemaVersions[i] as number, payloads[i], { position, streamId });
    events[i] = new DecodedEvent(position, streamId, versions[i] as number, eventIds[i] as string, type, upcast.schemaVersion, upcast.data, meta as EventMetadata & { recordedAt: number });
  }
  return events;
}
