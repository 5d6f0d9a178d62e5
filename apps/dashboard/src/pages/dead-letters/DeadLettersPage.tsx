import { api, ok } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { DeadLettersTable } from './DeadLettersTable';
import './DeadLettersPage.css';

const loadLetters = () => ok(api.GET('/api/v1/dead-letters'));
const retry = (id: number) => ok(api.POST('/api/v1/dead-letters/{id}/retry', { params: { path: { id } } }));
const discard = async (id: number) => {
  await ok(api.DELETE('/api/v1/dead-letters/{id}', { params: { path: { id } } }));
};

/** Events a handler gave up on after its retries: run the handler again, or discard them. */
export function DeadLettersPage() {
  // A letter is parked after a handler failed on a committed event, so the list is read again after
  // events, at most every 5 s (parking itself is not an event).
  const letters = useApiData(loadLetters, [], { refreshOn: ['*'], throttleMs: 5_000 });
  const act = <T,>(action: (id: number) => Promise<T>) => async (id: number) => {
    try {
      return await action(id);
    } finally {
      letters.reload();
    }
  };
  return (
    <section className="panel" aria-labelledby="dead-letters-title">
      <div className="row dead-letters-head">
        <h2 id="dead-letters-title">Dead letters</h2>
        <button type="button" onClick={letters.reload} disabled={letters.loading}>
          Refresh
        </button>
      </div>
      {letters.error && (
        <p className="error" role="alert">
          {letters.error.message}
        </p>
      )}
      {letters.data && <DeadLettersTable letters={letters.data} retry={act(retry)} discard={act(discard)} />}
    </section>
  );
}
