import { useState } from 'react';
import { Link } from '../../app/router';
import { formatTime } from '../../format/time';
import { chainOf, eventFiltersToQuery, noEventFilters } from './event-filters';
import type { StoredEvent } from './event-types';

const viewOf = (filters: Parameters<typeof eventFiltersToQuery>[0]) => `/events${eventFiltersToQuery(filters)}`;

/** One event: where and when it was stored, links that filter by its stream, type and chain, and its data and metadata on demand. */
export function EventRow({ event }: { event: StoredEvent }) {
  const [open, setOpen] = useState(false);
  const correlationId = typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : undefined;
  const detailsId = `event-${event.position}-details`;
  return (
    <>
      <tr>
        <td className="num">{event.position}</td>
        <td>{formatTime(event.metadata.recordedAt)}</td>
        <td>
          <Link href={viewOf({ ...noEventFilters, type: event.type })}>{event.type}</Link>
          {event.schemaVersion > 1 && <span className="muted"> v{event.schemaVersion}</span>}
        </td>
        <td>
          <Link href={viewOf({ ...noEventFilters, stream: event.streamId })}>{event.streamId}</Link>
          <span className="muted"> #{event.streamVersion}</span>
        </td>
        <td className="row">
          <button type="button" aria-expanded={open} aria-controls={detailsId} aria-label={`Details of event ${event.position}`} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Details'}
          </button>
          {correlationId && (
            <Link href={viewOf(chainOf(correlationId))} aria-label={`Follow the chain of event ${event.position}`}>
              Follow chain
            </Link>
          )}
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="event-details">
          <td colSpan={5}>
            <div className="grid">
              <section aria-label={`Data of event ${event.position}`}>
                <h3>data</h3>
                <pre>{JSON.stringify(event.data, null, 2)}</pre>
              </section>
              <section aria-label={`Metadata of event ${event.position}`}>
                <h3>metadata</h3>
                <pre>{JSON.stringify({ eventId: event.eventId, ...event.metadata }, null, 2)}</pre>
              </section>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
