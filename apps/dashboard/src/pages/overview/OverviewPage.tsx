import { orderEventTypes } from '../../live/order-event-types';
import { useEffect } from 'react';
import { useApiData } from '../../api/use-api-data';
import { DeferredChanges } from './DeferredChanges';
import { HealthPanel } from './HealthPanel';
import { OpenOrdersTable } from './OpenOrdersTable';
import { loadDailyPnl, loadPositions, markRefreshMs, pnlEvents, positionEvents, utcToday } from './overview-data';
import { PnlPanel } from './PnlPanel';
import { PositionsTable } from './PositionsTable';
import { recentFills } from './recent-fills';
import { RecentFillsTable } from './RecentFillsTable';
import { killSwitchEvents, loadFillEvents, loadHealth, loadKillSwitch, loadOpenOrders, loadRuntime, loadSession, runtimeRefreshMs, sessionEvents } from './session-api';
import { SessionPanel } from './SessionPanel';
import './OverviewPage.css';

/** Reloads `reload` every `ms` while mounted: for reads that no event announces. */
function useEvery(ms: number, reload: () => void): void {
  useEffect(() => {
    const timer = setInterval(reload, ms);
    return () => clearInterval(timer);
  }, [ms, reload]);
}

/** The page an operator keeps open: session and controls, PnL, orders, positions, fills and health. */
export function OverviewPage() {
  const today = utcToday();
  const session = useApiData(loadSession, [], { refreshOn: sessionEvents, throttleMs: 200 });
  const killSwitch = useApiData(loadKillSwitch, [], { refreshOn: killSwitchEvents, throttleMs: 200 });
  const runtime = useApiData(loadRuntime, []);
  const health = useApiData(loadHealth, []);
  const positions = useApiData(loadPositions, [], { refreshOn: positionEvents });
  const days = useApiData(() => loadDailyPnl(today), [today], { refreshOn: pnlEvents });
  const orders = useApiData(loadOpenOrders, [], { refreshOn: orderEventTypes });
  const fills = useApiData(loadFillEvents, [], { refreshOn: ['OrderFilled'] });
  useEvery(markRefreshMs, positions.reload);
  useEvery(runtimeRefreshMs, runtime.reload);
  useEvery(runtimeRefreshMs, health.reload);

  const failure = [session, killSwitch, runtime, health, positions, days, orders, fills].find((entry) => entry.error)?.error;
  return (
    <div className="overview">
      {failure && (
        <p className="error" role="alert">
          {failure.message}
        </p>
      )}
      <div className="grid">
        {session.data && <SessionPanel session={session.data} killSwitchEngaged={killSwitch.data} runtime={runtime.data} />}
        {days.data && positions.data && <PnlPanel days={days.data} positions={positions.data} today={today} />}
      </div>
      <section className="panel" aria-labelledby="orders-title">
        <h2 id="orders-title">Open orders</h2>
        {orders.data && <OpenOrdersTable orders={orders.data} />}
      </section>
      <div className="grid">
        <section className="panel" aria-labelledby="positions-title">
          <h2 id="positions-title">Positions</h2>
          {positions.data && <PositionsTable positions={positions.data} />}
        </section>
        <section className="panel" aria-labelledby="fills-title">
          <h2 id="fills-title">Recent fills</h2>
          {fills.data && <RecentFillsTable fills={recentFills(fills.data.events, 10)} />}
        </section>
      </div>
      <div className="grid">
        {runtime.data && <HealthPanel status={health.data?.status} runtime={runtime.data} />}
        {session.data && <DeferredChanges session={session.data} />}
      </div>
    </div>
  );
}
