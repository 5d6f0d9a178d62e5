import type { paths } from '../../api/schema';

export type EventListQuery = NonNullable<paths['/api/v1/events']['get']['parameters']['query']>;

/**
 * The events page's view: which events, and the page (`from`, a log position). It lives in the URL
 * query so a link shows the same view; `since`/`until` are ISO 8601 instants.
 */
export interface EventFilters {
  readonly stream: string;
  readonly type: string;
  readonly correlationId: string;
  readonly since: string;
  readonly until: string;
  readonly from: number | null;
}

export const noEventFilters: EventFilters = { stream: '', type: '', correlationId: '', since: '', until: '', from: null };

const keys = ['stream', 'type', 'correlationId', 'since', 'until'] as const;

const instant = (value: string | null): string => {
  if (!value) return '';
  const at = Date.parse(value);
  return Number.isNaN(at) ? '' : new Date(at).toISOString();
};

/** Reads the view from the URL query; a time or position that does not parse is ignored. */
export function eventFiltersFromQuery(query: URLSearchParams): EventFilters {
  const from = Number(query.get('from'));
  return {
    stream: query.get('stream')?.trim() ?? '',
    type: query.get('type')?.trim() ?? '',
    correlationId: query.get('correlationId')?.trim() ?? '',
    since: instant(query.get('since')),
    until: instant(query.get('until')),
    from: Number.isInteger(from) && from > 1 ? from : null,
  };
}

/** The URL query for this view ('' for all events from the start). */
export function eventFiltersToQuery(filters: EventFilters): string {
  const query = new URLSearchParams();
  for (const key of keys) if (filters[key]) query.set(key, filters[key]);
  if (filters.from !== null) query.set('from', String(filters.from));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** What GET /api/v1/events is asked for this view. */
export function eventListQuery(filters: EventFilters, limit = 100): EventListQuery {
  const query: EventListQuery = { limit };
  for (const key of keys) if (filters[key]) query[key] = filters[key];
  if (filters.from !== null) query.from = filters.from;
  return query;
}

/** The view of one correlation chain: every event sharing the id, from the start of the log. */
export function chainOf(correlationId: string): EventFilters {
  return { ...noEventFilters, correlationId };
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO instant as a `datetime-local` input's value (local time, to the minute). */
export function toLocalInput(iso: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A `datetime-local` input's value (local time) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  return instant(value);
}
