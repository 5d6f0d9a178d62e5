import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StoredEvent } from '../ports/event-envelope';
import { EVENT_STORE, EventStore } from '../ports/event-store.port';
import { GetEvents } from './get-events.query';

/**
 * One page of the event log, oldest first (or newest first when asked); `nextPosition` is where the next
 * page starts, as its `fromPosition` (null: this page is the last).
 */
export interface EventPage {
  readonly events: StoredEvent[];
  readonly nextPosition: number | null;
}

/** How many events one query scans at most before it answers (a filter may match few of them). */
const MAX_SCAN = 100_000;
/** A newest-first scan of the whole log reads it backwards in windows of this many positions. */
const BACKWARD_WINDOW = 1_000;

type EventFilter = (event: StoredEvent) => boolean;

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
    const { streamId, type, correlationId, recordedFrom, recordedBefore, limit = 100, newestFirst = false } = query.filter;
    const take = Math.min(Math.max(limit, 1), 1_000);
    const matches: EventFilter = (event) =>
      (!type || event.type === type) &&
      (!correlationId || event.metadata.correlationId === correlationId) &&
      (recordedFrom === undefined || event.metadata.recordedAt >= recordedFrom) &&
      (recordedBefore === undefined || event.metadata.recordedAt < recordedBefore);
    if (newestFirst) return this.newestFirst(query.filter.fromPosition ?? this.store.lastPosition(), take, matches, streamId, correlationId);
    const fromPosition = query.filter.fromPosition ?? 1;
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
      if (!matches(event)) continue;
      events.push(event);
      if (events.length === take) return { events, nextPosition: last + 1 };
    }
    return { events, nextPosition: null };
  }

  /**
   * Newest first, from `atOrBelow` down. A stream or a correlation chain is read whole (they are short)
   * and reversed; the whole log is read backwards in windows, so the newest fills of a long log cost a
   * window, not the log. The scan stays bounded like the forward one.
   */
  private newestFirst(atOrBelow: number, take: number, matches: EventFilter, streamId?: string, correlationId?: string): EventPage {
    const events: StoredEvent[] = [];
    const page = (nextPosition: number): EventPage => ({ events, nextPosition: nextPosition >= 1 ? nextPosition : null });
    if (streamId || correlationId) {
      const source = streamId ? this.store.readStream(streamId) : this.store.readByCorrelation(correlationId as string, 1);
      const found = [...source].filter((event) => event.position <= atOrBelow && matches(event));
      for (let i = found.length - 1; i >= 0; i -= 1) {
        const event = found[i] as StoredEvent;
        events.push(event);
        if (events.length === take) return page(i > 0 ? event.position - 1 : 0);
      }
      return page(0);
    }
    let end = Math.min(atOrBelow, this.store.lastPosition());
    let scanned = 0;
    while (end >= 1 && scanned < MAX_SCAN) {
      const start = Math.max(1, end - BACKWARD_WINDOW + 1);
      const window = [...this.store.readAll(start, end - start + 1)];
      scanned += window.length;
      for (let i = window.length - 1; i >= 0; i -= 1) {
        const event = window[i] as StoredEvent;
        if (!matches(event)) continue;
        events.push(event);
        if (events.length === take) return page(event.position - 1);
      }
      end = start - 1;
    }
    return page(end);
  }
}
