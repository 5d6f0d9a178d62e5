import type { StoredEvent } from './event-types';

/** A correlation chain at a glance, in log order: decision → order → fills. */
export function ChainSummary({ correlationId, events }: { correlationId: string; events: readonly StoredEvent[] }) {
  return (
    <section className="chain" aria-label="Chain">
      <h3>
        Chain <code>{correlationId}</code>: {events.length} event{events.length === 1 ? '' : 's'}
      </h3>
      <ol className="chain-steps">
        {events.map((event) => (
          <li key={event.position}>
            <span className="badge">{event.type}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
