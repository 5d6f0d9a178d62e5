import { useEffect } from 'react';
import { useApiData } from '../../api/use-api-data';
import { loadDailyPnl, loadPositions, markRefreshMs, pnlEvents, positionEvents, utcToday } from './overview-data';
import { PnlPanel } from './PnlPanel';
import { PositionsTable } from './PositionsTable';
import './OverviewPage.css';

/** The page an operator keeps open: session and controls, PnL, orders, positions, fills and health. */
export function OverviewPage() {
  const today = utcToday();
  const positions = useApiData(loadPositions, [], { refreshOn: positionEvents });
  const days = useApiData(() => loadDailyPnl(today), [today], { refreshOn: pnlEvents });
  const reloadPositions = positions.reload;
  useEffect(() => {
    const timer = setInterval(reloadPositions, markRefreshMs);
    return () => clearInterval(timer);
  }, [reloadPositions]);

  const failure = positions.error ?? days.error;
  return (
    <div className="overview">
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      <div className="grid">
        {days.data && positions.data && <PnlPanel days={days.data} positions={positions.data} today={today} />}
        <section className="panel" aria-labelledby="positions-title">
          <h2 id="positions-title">Positions</h2>
          {positions.data && <PositionsTable positions={positions.data} />}
        </section>
      </div>
    </div>
  );
}
