import { Dec } from '../shared/decimal';
import { RiskHaltTriggered } from './risk.events';
import { ClosedTrade, EntryLock } from './protection-rules';
import { Protections } from './protections';
import { RiskLimits } from './risk-limits';

/** An approved entry or add still open: the part of its notional not traded yet. */
export interface PendingBuy {
  readonly market: string;
  readonly remaining: Dec;
}

export interface RiskState {
  readonly limits: RiskLimits | null;
  /**
   * The limits the trader's configuration last set at start-up, whatever an operator set since: the
   * trader applies its configuration again only when it differs from these (see RiskLimitsSource).
   */
  readonly configuredLimits: RiskLimits | null;
  /** Approved orders not yet closed. */
  readonly openOrders: readonly string[];
  /** Times of the approvals inside the order-rate window. */
  readonly recentApprovals: readonly number[];
  /** Cost basis held per market, as the position projection last reported it. */
  readonly exposure: Readonly<Record<string, Dec>>;
  /** Per open entry or add (by order id): the notional it may still buy. */
  readonly pendingBuys: Readonly<Record<string, PendingBuy>>;
  /** Buy trades already taken from their order's pending notional but not yet in `exposure`: funds per trade id, per market. */
  readonly unpositionedBuys: Readonly<Record<string, Readonly<Record<string, Dec>>>>;
  /** The latest trading day with realised PnL, and its total. */
  readonly day: string | null;
  readonly dailyRealizedPnl: Dec;
  /** Totals of a few days before `day`, for fills of those days recorded late (after a restart). */
  readonly earlierDays: Readonly<Record<string, Dec>>;
  readonly equityPeak: Dec | null;
  readonly lastEquity: Dec | null;
  readonly haltReason: RiskHaltTriggered['data']['reasonCode'] | null;
  readonly killSwitchEngaged: boolean;
  readonly protections: Protections;
  /** The trade open per market: what its buys cost and the net PnL its fills realised so far (decimal strings). */
  readonly openTrades: Readonly<Record<string, { readonly cost: string; readonly profit: string }>>;
  /** The close reason of the last exit approved per market, for the trade it closes. */
  readonly exitReasons: Readonly<Record<string, string>>;
  /** Trades closed within the longest lookback of the protections, oldest first. */
  readonly closedTrades: readonly ClosedTrade[];
  /** Entry locks in force (until their `until` passes). */
  readonly locks: readonly EntryLock[];
}

/**
 * What a market holds or may soon hold, which the position cap bounds: its cost basis, buys traded but
 * not yet in it, and what open buys may still spend. An order in flight counts in full until it trades
 * or closes, so orders approved together cannot overshoot the cap; a sell lowers it only once it trades.
 */
export function marketExposure(state: RiskState, market: string): Dec {
  const held = state.exposure[market] ?? new Dec(0);
  const unpositioned = Object.values(state.unpositionedBuys[market] ?? {}).reduce((sum, funds) => sum.plus(funds), new Dec(0));
  const pending = Object.values(state.pendingBuys)
    .filter((order) => order.market === market)
    .reduce((sum, order) => sum.plus(order.remaining), new Dec(0));
  return held.plus(unpositioned).plus(pending);
}
