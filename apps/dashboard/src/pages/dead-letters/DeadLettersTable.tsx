import { formatTime } from '../../format/time';
import { useState } from 'react';
import type { components } from '../../api/schema';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export type ParkedEvent = components['schemas']['ParkedEventResponse'];
export type RetryOutcome = components['schemas']['ParkedRetryOutcomeResponse'];

export interface DeadLettersTableProps {
  readonly letters: readonly ParkedEvent[];
  readonly retry: (id: number) => Promise<RetryOutcome>;
  readonly discard: (id: number) => Promise<void>;
}

/** What the last retry of a letter did, shown on its row until the list drops it. */
function describeOutcome(outcome: RetryOutcome): string {
  return outcome.status === 'resolved' ? 'Resolved: the handler ran it.' : `Still parked: ${outcome.error ?? 'the handler failed again'}`;
}

/** Parked events with retry (runs the handler again) and discard (confirmed: the handler never sees it). */
export function DeadLettersTable({ letters, retry, discard }: DeadLettersTableProps) {
  const [outcomes, setOutcomes] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number>();
  const [discarding, setDiscarding] = useState<ParkedEvent>();
  const note = (id: number, text: string) => setOutcomes((current) => ({ ...current, [id]: text }));

  const runRetry = (id: number) => {
    setBusy(id);
    retry(id)
      .then(
        (outcome) => note(id, describeOutcome(outcome)),
        (failure: unknown) => note(id, failure instanceof Error ? failure.message : String(failure)),
      )
      .finally(() => setBusy(undefined));
  };

  if (letters.length === 0) return <p className="muted">No parked events: every handler has kept up.</p>;
  return (
    <>
      <table aria-label="Parked events">
        <thead>
          <tr>
            <th>Parked</th>
            <th>Subscriber</th>
            <th>Event</th>
            <th>Stream</th>
            <th className="num">Attempts</th>
            <th>Error</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((letter) => (
            <tr key={letter.id}>
              <td>{formatTime(letter.parkedAt)}</td>
              <td>{letter.subscriber}</td>
              <td>
                {letter.eventType} <span className="muted">#{letter.position}</span>
              </td>
              <td className="muted">{letter.streamId}</td>
              <td className="num">{letter.attempts}</td>
              <td className="dead-letter-error">
                <span className="error">{letter.error}</span>
                {outcomes[letter.id] && (
                  <span role="status" className="muted">
                    {' '}
                    {outcomes[letter.id]}
                  </span>
                )}
              </td>
              <td className="row">
                <button type="button" onClick={() => runRetry(letter.id)} disabled={busy === letter.id} aria-label={`Retry ${letter.eventType} #${letter.id} for ${letter.subscriber}`}>
                  Retry
                </button>
                <button type="button" onClick={() => setDiscarding(letter)} aria-label={`Discard ${letter.eventType} #${letter.id} for ${letter.subscriber}`}>
                  Discard
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {discarding && (
        <ConfirmDialog
          title={`Discard ${discarding.eventType} for ${discarding.subscriber}?`}
          description={`${discarding.subscriber} will never handle this ${discarding.eventType} (event #${discarding.position}); the event itself stays in the log. Retry instead if the cause is fixed.`}
          confirmLabel="Discard"
          danger
          onConfirm={() => discard(discarding.id)}
          onClose={() => setDiscarding(undefined)}
        />
      )}
    </>
  );
}
