import type { components } from '../../api/schema';
import { formatTime } from '../../format/time';
import { describeProtections } from './protections-summary';

type RiskState = components['schemas']['RiskStateResponse'];

/** The protections configured (through the API or a strategy's definition) and the entry locks in force. */
export function ProtectionsPanel({ risk }: { readonly risk: RiskState }) {
  const configured = describeProtections(risk.protections);
  return (
    <section className="panel" aria-labelledby="protections-title">
      <h2 id="protections-title">Protections</h2>
      {configured.length === 0 ? (
        <p className="muted">None configured (PUT /api/v1/risk/protections, or a strategy's protections block).</p>
      ) : (
        <ul>
          {configured.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <h3>Entry locks</h3>
      {risk.locks.length === 0 ? (
        <p className="muted">No entry is locked.</p>
      ) : (
        <table aria-label="Entry locks">
          <thead>
            <tr>
              <th>Scope</th>
              <th>Protection</th>
              <th>Reason</th>
              <th>Until</th>
            </tr>
          </thead>
          <tbody>
            {risk.locks.map((lock) => (
              <tr key={`${lock.scope}-${lock.market ?? ''}-${lock.protection}`}>
                <td>{lock.scope === 'market' ? lock.market : 'every market'}</td>
                <td>{lock.protection}</td>
                <td>{lock.reason}</td>
                <td>
                  <time dateTime={new Date(lock.until).toISOString()}>{formatTime(lock.until)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
