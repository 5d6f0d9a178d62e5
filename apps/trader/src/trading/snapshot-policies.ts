import type { SnapshotPolicy, SnapshotStore } from '@trader/application';
import { Dec } from '@trader/domain';
import type { RiskState, SessionState } from '@trader/domain';

/**
 * The session and the risk policy are single streams every order passes through, so they grow for as
 * long as the trader runs; loading them by folding the whole stream would slow every order down over
 * time. A snapshot every SNAPSHOT_EVERY events keeps a load to at most that many events.
 */
export const SNAPSHOT_EVERY = 200;

/** The session state is plain JSON data as it is. */
export function sessionSnapshots(store: SnapshotStore): SnapshotPolicy<SessionState> {
  return { store, every: SNAPSHOT_EVERY, schemaVersion: 1 };
}

interface RiskStateJson extends Omit<RiskState, 'exposure' | 'dailyRealizedPnl' | 'equityPeak' | 'lastEquity'> {
  exposure: Record<string, string>;
  dailyRealizedPnl: string;
  equityPeak: string | null;
  lastEquity: string | null;
}

/** The risk state holds decimals: they are stored as exact decimal strings and read back as decimals. */
export function riskSnapshots(store: SnapshotStore): SnapshotPolicy<RiskState> {
  return {
    store,
    every: SNAPSHOT_EVERY,
    schemaVersion: 1,
    toJson: (state): RiskStateJson => ({
      ...state,
      exposure: Object.fromEntries(Object.entries(state.exposure).map(([market, cost]) => [market, cost.toFixed()])),
      dailyRealizedPnl: state.dailyRealizedPnl.toFixed(),
      equityPeak: state.equityPeak?.toFixed() ?? null,
      lastEquity: state.lastEquity?.toFixed() ?? null,
    }),
    fromJson: (json): RiskState => {
      const stored = json as RiskStateJson;
      return {
        ...stored,
        exposure: Object.fromEntries(Object.entries(stored.exposure).map(([market, cost]) => [market, new Dec(cost)])),
        dailyRealizedPnl: new Dec(stored.dailyRealizedPnl),
        equityPeak: stored.equityPeak === null ? null : new Dec(stored.equityPeak),
        lastEquity: stored.lastEquity === null ? null : new Dec(stored.lastEquity),
      };
    },
  };
}
