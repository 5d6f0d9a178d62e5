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

type DecimalFields = 'exposure' | 'pendingBuys' | 'unpositionedBuys' | 'dailyRealizedPnl' | 'earlierDays' | 'equityPeak' | 'lastEquity';

interface RiskStateJson extends Omit<RiskState, DecimalFields> {
  exposure: Record<string, string>;
  pendingBuys: Record<string, { market: string; remaining: string }>;
  unpositionedBuys: Record<string, Record<string, string>>;
  dailyRealizedPnl: string;
  earlierDays: Record<string, string>;
  equityPeak: string | null;
  lastEquity: string | null;
}

const mapValues = <A, B>(record: Readonly<Record<string, A>>, f: (value: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));
const text = (value: Dec): string => value.toFixed();
const decimal = (value: string): Dec => new Dec(value);

/**
 * The risk state holds decimals: they are stored as exact decimal strings and read back as decimals.
 * Version 2 added the pending buys, the buys not yet in the position and the earlier days' PnL;
 * version 3 the protections, the open and closed trades and the entry locks (plain JSON, decimals as
 * strings already); version 4 the limits last set by the configuration. An older snapshot lacks them
 * and is ignored (the stream is folded from its start).
 */
export function riskSnapshots(store: SnapshotStore): SnapshotPolicy<RiskState> {
  return {
    store,
    every: SNAPSHOT_EVERY,
    schemaVersion: 4,
    toJson: (state): RiskStateJson => ({
      ...state,
      exposure: mapValues(state.exposure, text),
      pendingBuys: mapValues(state.pendingBuys, (order) => ({ market: order.market, remaining: text(order.remaining) })),
      unpositionedBuys: mapValues(state.unpositionedBuys, (trades) => mapValues(trades, text)),
      dailyRealizedPnl: text(state.dailyRealizedPnl),
      earlierDays: mapValues(state.earlierDays, text),
      equityPeak: state.equityPeak?.toFixed() ?? null,
      lastEquity: state.lastEquity?.toFixed() ?? null,
    }),
    fromJson: (json): RiskState => {
      const stored = json as RiskStateJson;
      return {
        ...stored,
        exposure: mapValues(stored.exposure, decimal),
        pendingBuys: mapValues(stored.pendingBuys, (order) => ({ market: order.market, remaining: decimal(order.remaining) })),
        unpositionedBuys: mapValues(stored.unpositionedBuys, (trades) => mapValues(trades, decimal)),
        dailyRealizedPnl: decimal(stored.dailyRealizedPnl),
        earlierDays: mapValues(stored.earlierDays, decimal),
        equityPeak: stored.equityPeak === null ? null : decimal(stored.equityPeak),
        lastEquity: stored.lastEquity === null ? null : decimal(stored.lastEquity),
      };
    },
  };
}
