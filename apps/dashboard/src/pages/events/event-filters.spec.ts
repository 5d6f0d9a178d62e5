import { describe, expect, it } from 'vitest';
import { chainOf, eventFiltersFromQuery, eventFiltersToQuery, eventListQuery, fromLocalInput, noEventFilters, toLocalInput } from './event-filters';

describe('event filters in the URL query', () => {
  const view = { stream: 'order-1', type: 'OrderFilled', correlationId: 'c-1', since: '2026-11-30T09:00:00.000Z', until: '2026-11-30T10:00:00.000Z', from: 42 };

  it('round-trips every filter and the page position through the query string', () => {
    const query = eventFiltersToQuery(view);
    expect(query).toBe('?stream=order-1&type=OrderFilled&correlationId=c-1&since=2026-11-30T09%3A00%3A00.000Z&until=2026-11-30T10%3A00%3A00.000Z&from=42');
    expect(eventFiltersFromQuery(new URLSearchParams(query))).toEqual(view);
  });

  it('writes no query for all events from the start, and ignores times and positions that do not parse', () => {
    expect(eventFiltersToQuery(noEventFilters)).toBe('');
    expect(eventFiltersFromQuery(new URLSearchParams('since=yesterday&until=&from=-3'))).toEqual(noEventFilters);
    expect(eventFiltersFromQuery(new URLSearchParams('from=1.5')).from).toBeNull();
  });

  it('asks the server for exactly the filters set', () => {
    expect(eventListQuery(view, 50)).toEqual({ stream: 'order-1', type: 'OrderFilled', correlationId: 'c-1', since: view.since, until: view.until, from: 42, limit: 50 });
    expect(eventListQuery(noEventFilters)).toEqual({ limit: 100 });
  });

  it('follows a chain: its correlation id alone, from the start of the log', () => {
    expect(eventFiltersToQuery(chainOf('c-9'))).toBe('?correlationId=c-9');
  });

  it('converts between a datetime-local value (local time) and an ISO instant', () => {
    const iso = fromLocalInput('2026-11-30T09:05');
    expect(iso).toBe(new Date(2026, 10, 30, 9, 5).toISOString());
    expect(toLocalInput(iso)).toBe('2026-11-30T09:05');
    expect(fromLocalInput('')).toBe('');
  });
});
