import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StoredEvent } from '../ports/event-envelope';
import { EVENT_STORE, EventStore } from '../ports/event-store.port';
import { GetEvents } from './get-events.query';

/** One page of the event log, oldest first; `nextPosition` is where the next page starts (null: this page is the last). */
export interface EventPage {
  readonly events: StoredEvent[];
  readonly nextPosition: number | null;
}

/** How many events one query scans at most before it answers (a filter may match few of them). */
const MAX_SCAN = 100_000;

/**
 * Reads the event log for the operator: a stream by version, a correlation chain through its index,
 * or everything from a position, filtered by type and by when the store recorded it. Lazy reads keep
 * memory flat; the scan is bounded, so a rare type on a huge log (or a time range far back) answers
 * with what it found and the position to continue from.
 */
@QueryHandler(GetEvents)
export class GetEventsHandler implements IQueryHandler<GetEvents, EventPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: GetEvents): Promise<EventPage> {
    const { streamId, type, correlationId, fromPosition = 1, recordedFrom, recordedBefore, limit = 100 } = query.filter;
    const take = Math.min(Math.max(limit, 1), 1_000);
    const source = streamId
      ? this.store.readStream(streamId)
      : correlationId
        ? this.store.readByCorrelation(correlationId, fromPosition)
        : this.store.readAll(fromPosition, MAX_SCAN);
    const events: StoredEvent[] = [];
    let last = fromPosition - 1;
    for (const event of source) {
      last = event.position;
      if (streamId && event.position < fromPosition) continue;
      if (type && event.type !== type) continue;
      if (correlationId && event.metadata.correlationId !== correlationId) continue;
      if (recordedFrom !== undefined && event.metadata.recordedAt < recordedFrom) continue;
      if (recordedBefore !== undefined && event.metadata.recordedAt >= recordedBefore) continue;
      events.push(event);
      if (events.length === take) return { events, nextPosition: last + 1 };
    }
    return { events, nextPosition: null };
  }
}
