import type { components } from '../../api/schema';
import { formatAmount, formatSigned, pnlClass } from '../../format/decimal';
import '../overview/facts.css';

type RiskState = components['schemas']['RiskStateResponse'];

/** The risk policy as it stands: halts, kill switch, today's realised PnL, equity peak and exposure. */
export function RiskStatePanel({ risk }: { readonly risk: RiskState }) {
  const exposure = Object.entries(risk.exposure);
  return (
    <section className="panel" aria-labelledby="risk-state-title">
      <h2 id="risk-state-title">Risk state</h2>
      <dl className="facts">
        <dt>Kill switch</dt>
        <dd>{risk.killSwitchEngaged ? <span className="badge danger">engaged</span> : <span className="badge ok">released</span>}</dd>
        <dt>Risk halt</dt>
        <dd>{risk.haltReason ? <span className="badge warn">{risk.haltReason}</span> : <span className="muted">none</span>}</dd>
        <dt>Trading day (UTC)</dt>
        <dd>{risk.tradingDay ?? <span className="muted">none yet</span>}</dd>
        <dt>Realised PnL today</dt>
        <dd className={`num ${pnlClass(risk.dailyRealizedPnl)}`}>{formatSigned(risk.dailyRealizedPnl)} KRW</dd>
        <dt>Equity peak</dt>
        <dd className="num">{risk.equityPeak ? `${formatAmount(risk.equityPeak, 0)} KRW` : <span className="muted">not recorded</span>}</dd>
        <dt>Approved orders open</dt>
        <dd className="num">{risk.openOrders.length}</dd>
      </dl>
      <h3>Exposure (cost basis)</h3>
      {exposure.length === 0 ? (
        <p className="muted">No exposure.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Market</th>
              <th className="num">KRW</th>
            </tr>
          </thead>
          <tbody>
            {exposure.map(([market, cost]) => (
              <tr key={market}>
                <td>{market}</td>
                <td className="num">{formatAmount(cost, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
