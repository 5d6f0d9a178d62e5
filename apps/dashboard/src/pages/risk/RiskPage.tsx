import { useApiData } from '../../api/use-api-data';
import { loadRisk, saveLimits } from './risk-api';
import { RiskLimitsEditor } from './RiskLimitsEditor';
import { ProtectionsPanel } from './ProtectionsPanel';
import { RiskStatePanel } from './RiskStatePanel';
import './RiskPage.css';

/** Events of the risk policy: each one changes what GET /api/v1/risk answers. */
const riskEvents = [
  'RiskLimitsConfigured',
  'OrderApproved',
  'RiskOrderClosed',
  'ExposureRecorded',
  'RealizedPnlRecorded',
  'EquityRecorded',
  'DailyLossLimitBreached',
  'DrawdownLimitBreached',
  'RiskHaltTriggered',
  'RiskHaltCleared',
  'KillSwitchEngaged',
  'KillSwitchReleased',
  'ProtectionsConfigured',
  'EntriesLocked',
  'EntriesUnlocked',
];

/** The risk limits and the policy's state; the limits can be edited, and a change says if it is in force. */
export function RiskPage() {
  const risk = useApiData(loadRisk, [], { refreshOn: riskEvents });
  if (!risk.data) return risk.error ? <p className="error" role="alert">{risk.error.message}</p> : <p className="muted">Loading…</p>;
  return (
    <div className="risk-page grid">
      <section className="panel" aria-labelledby="risk-limits-title">
        <h2 id="risk-limits-title">Limits</h2>
        {risk.data.limits === null && <p className="badge warn">No limits configured: the risk policy denies every entry until they are.</p>}
        <RiskLimitsEditor limits={risk.data.limits} save={saveLimits} />
      </section>
      <RiskStatePanel risk={risk.data} />
      <ProtectionsPanel risk={risk.data} />
    </div>
  );
}
