import { api, ok } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { navigate, useRoute } from '../../app/router';
import { ChainSummary } from './ChainSummary';
import { EventFilterBar } from './EventFilterBar';
import { eventFiltersFromQuery, eventFiltersToQuery, eventListQuery } from './event-filters';
import { EventRow } from './EventRow';
import './EventsPage.css';

const pageSize = 100;

/**
 * The event log: by stream, type, correlation id and time recorded, a page at a time by position
 * (the view is the URL query). Any event with a correlation id leads to its whole chain. The page
 * reloads as events are committed (live stream, at most every 2 s), so the last page grows.
 */
export function EventsPage() {
  const { query } = useRoute();
  const filters = eventFiltersFromQuery(query);
  const key = eventFiltersToQuery(filters);
  const page = useApiData(() => ok(api.GET('/api/v1/events', { params: { query: eventListQuery(filters, pageSize) } })), [key], { refreshOn: ['*'], throttleMs: 2_000 });
  const events = page.data?.events ?? [];
  const next = page.data?.nextPosition ?? null;

  return (
    <div className="events-page">
      <section className="panel" aria-labelledby="events-heading">
        <h2 id="events-heading">Events</h2>
        <EventFilterBar filters={filters} />
        {filters.correlationId && page.data && <ChainSummary correlationId={filters.correlationId} events={events} />}
        {page.error && (
          <p role="alert" className="error">
            {page.error.message}
          </p>
        )}
        {page.data && events.length === 0 && <p className="muted">No events match this view.</p>}
        {events.length > 0 && (
          <table aria-label="Events">
            <thead>
              <tr>
                <th className="num">Position</th>
                <th>Recorded</th>
                <th>Type</th>
                <th>Stream</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow key={event.position} event={event} />
              ))}
            </tbody>
          </table>
        )}
        <div className="row event-paging">
          <button type="button" disabled={filters.from === null} onClick={() => navigate(`/events${eventFiltersToQuery({ ...filters, from: null })}`)}>
            First page
          </button>
          <button type="button" disabled={next === null} onClick={() => next !== null && navigate(`/events${eventFiltersToQuery({ ...filters, from: next })}`)}>
            Next page
          </button>
          <span className="muted">{filters.from === null ? 'from the start of the log' : `from position ${filters.from}`}</span>
        </div>
      </section>
    </div>
  );
}
