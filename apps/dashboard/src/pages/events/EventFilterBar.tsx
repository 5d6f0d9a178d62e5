import { type FormEvent, useState } from 'react';
import { navigate } from '../../app/router';
import { type EventFilters, eventFiltersToQuery, fromLocalInput, noEventFilters, toLocalInput } from './event-filters';

/** The events page's filters as a form: applying it replaces the URL query (and starts from the first page). */
export function EventFilterBar({ filters }: { filters: EventFilters }) {
  const [draft, setDraft] = useState(filters);
  const key = eventFiltersToQuery(filters);
  const [shownKey, setShownKey] = useState(key);
  // The URL changed under the form (a followed chain, back/forward): show what the URL says.
  if (shownKey !== key) {
    setShownKey(key);
    setDraft(filters);
  }
  const set = (key: keyof Omit<EventFilters, 'from'>, value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/events${eventFiltersToQuery({ ...draft, from: null })}`);
  };

  return (
    <form className="row event-filters" role="search" aria-label="Event filters" onSubmit={apply}>
      <label>
        Stream <input value={draft.stream} onChange={(event) => set('stream', event.target.value)} placeholder="order-…" size={18} />
      </label>
      <label>
        Type <input value={draft.type} onChange={(event) => set('type', event.target.value)} placeholder="OrderFilled" size={14} />
      </label>
      <label>
        Correlation id <input value={draft.correlationId} onChange={(event) => set('correlationId', event.target.value)} size={20} />
      </label>
      <label>
        Since <input type="datetime-local" value={toLocalInput(draft.since)} onChange={(event) => set('since', fromLocalInput(event.target.value))} />
      </label>
      <label>
        Until <input type="datetime-local" value={toLocalInput(draft.until)} onChange={(event) => set('until', fromLocalInput(event.target.value))} />
      </label>
      <button type="submit" className="primary">
        Show
      </button>
      <button type="button" onClick={() => navigate(`/events${eventFiltersToQuery(noEventFilters)}`)}>
        Clear
      </button>
    </form>
  );
}
