import type { Session } from './session-api';

/** Changes the session holds back while orders are in flight: pending, applied in order once none is. */
export function DeferredChanges({ session }: { readonly session: Session }) {
  const changes = session.deferredChanges;
  return (
    <section className="panel" aria-labelledby="deferred-title">
      <h2 id="deferred-title">Pending config changes</h2>
      {changes.length === 0 ? (
        <p className="muted">None: every requested change is applied.</p>
      ) : (
        <>
          <p className="badge warn">
            Pending, not applied: waiting for {session.ordersInFlight.length} order(s) in flight to settle.
          </p>
          <table aria-label="Pending config changes">
            <thead>
              <tr>
                <th>Setting</th>
                <th>New value</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change) => (
                <tr key={change.changeId}>
                  <td>{change.kind === 'config' ? change.key : 'database profile'}</td>
                  <td>
                    <code>{change.kind === 'config' ? JSON.stringify(change.value) : change.profile}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
