import { Dec } from '@trader/domain';
import type { OrderEvent } from '@trader/domain';
import { StoredEvent } from '../ports/event-envelope';
import { STRATEGY_DECIDED, StrategyDecidedData } from '../strategies/strategy-decided.event';
import { BacktestTrade } from './backtest-run';

type OrderFilledData = Extract<OrderEvent, { type: 'OrderFilled' }>['data'];

interface OpenTrip {
  readonly market: string;
  readonly openedAt: number;
  readonly entryRule: string;
  boughtVolume: Dec;
  boughtFunds: Dec;
  heldVolume: Dec;
  invested: Dec;
  soldVolume: Dec;
  soldFunds: Dec;
  proceeds: Dec;
  fees: Dec;
  readonly buyOrders: Set<string>;
  lastSellRule: string;
}

const ZERO = new Dec(0);

/**
 * Turns a run's stored events into round trips: a trip opens with the first buy fill on a flat market
 * and closes when a sell fill leaves no volume. Which rule opened and closed it comes from the
 * StrategyDecided event that led to each order (its `orderId`). It also tracks the time any position is
 * open (exposure). It reads the same events the live read models read; it changes nothing.
 */
export class BacktestLedger {
  private readonly ruleOfOrder = new Map<string, string>();
  private readonly open = new Map<string, OpenTrip>();
  private readonly closed: BacktestTrade[] = [];
  private decisions = 0;
  private exposureMs = 0;
  private exposedSince: number | null = null;

  onEvent(event: StoredEvent): void {
    if (event.type === STRATEGY_DECIDED) {
      const data = event.data as StrategyDecidedData;
      this.decisions += 1;
      if (data.orderId) this.ruleOfOrder.set(data.orderId, data.decision.ruleId);
      return;
    }
    if (event.type === 'OrderFilled') this.onFill(event.data as OrderFilledData);
  }

  decisionCount(): number {
    return this.decisions;
  }

  /** Base volume held in each market by the open trips. */
  holdings(): ReadonlyMap<string, Dec> {
    const held = new Map<string, Dec>();
    for (const [market, trip] of this.open) held.set(market, trip.heldVolume);
    return held;
  }

  /** The trips; those still open are valued at `lastPrice` without a sell fee (closedAt null, exit rule `end_of_run`). */
  trades(lastPrice: (market: string) => Dec | undefined): BacktestTrade[] {
    const result = [...this.closed];
    for (const trip of this.open.values()) {
      const price = lastPrice(trip.market) ?? ZERO;
      result.push(toTrade(trip, null, trip.proceeds.plus(trip.heldVolume.mul(price)), trip.soldVolume.plus(trip.heldVolume), trip.soldFunds.plus(trip.heldVolume.mul(price)), 'end_of_run'));
    }
    return result.sort((a, b) => a.openedAt - b.openedAt || a.market.localeCompare(b.market));
  }

  exposure(end: number): number {
    return this.exposureMs + (this.exposedSince === null ? 0 : end - this.exposedSince);
  }

  private onFill(fill: OrderFilledData): void {
    const volume = new Dec(fill.volume);
    const funds = new Dec(fill.funds);
    const fee = new Dec(fill.fee);
    const rule = this.ruleOfOrder.get(fill.orderId) ?? 'manual';
    let trip = this.open.get(fill.market);
    if (fill.side === 'buy') {
      if (!trip) {
        trip = {
          market: fill.market,
          openedAt: fill.filledAt,
          entryRule: rule,
          boughtVolume: ZERO,
          boughtFunds: ZERO,
          heldVolume: ZERO,
          invested: ZERO,
          soldVolume: ZERO,
          soldFunds: ZERO,
          proceeds: ZERO,
          fees: ZERO,
          buyOrders: new Set(),
          lastSellRule: rule,
        };
        if (this.open.size === 0) this.exposedSince = fill.filledAt;
        this.open.set(fill.market, trip);
      }
      trip.boughtVolume = trip.boughtVolume.plus(volume);
      trip.boughtFunds = trip.boughtFunds.plus(funds);
      trip.heldVolume = trip.heldVolume.plus(volume);
      trip.invested = trip.invested.plus(funds).plus(fee);
      trip.fees = trip.fees.plus(fee);
      trip.buyOrders.add(fill.orderId);
      return;
    }
    if (!trip) return;
    trip.heldVolume = trip.heldVolume.minus(volume);
    trip.soldVolume = trip.soldVolume.plus(volume);
    trip.soldFunds = trip.soldFunds.plus(funds);
    trip.proceeds = trip.proceeds.plus(funds).minus(fee);
    trip.fees = trip.fees.plus(fee);
    trip.lastSellRule = rule;
    if (trip.heldVolume.gt(0)) return;
    this.closed.push(toTrade(trip, fill.filledAt, trip.proceeds, trip.soldVolume, trip.soldFunds, rule));
    this.open.delete(fill.market);
    if (this.open.size === 0 && this.exposedSince !== null) {
      this.exposureMs += fill.filledAt - this.exposedSince;
      this.exposedSince = null;
    }
  }
}

function toTrade(trip: OpenTrip, closedAt: number | null, proceeds: Dec, soldVolume: Dec, soldFunds: Dec, exitRule: string): BacktestTrade {
  const pnl = proceeds.minus(trip.invested);
  return {
    market: trip.market,
    openedAt: trip.openedAt,
    closedAt,
    entryPrice: average(trip.boughtFunds, trip.boughtVolume),
    exitPrice: average(soldFunds, soldVolume),
    volume: trip.boughtVolume.toFixed(),
    invested: trip.invested.toFixed(),
    proceeds: proceeds.toFixed(),
    pnl: pnl.toFixed(),
    returnPct: trip.invested.isZero() ? 0 : pnl.div(trip.invested).mul(100).toNumber(),
    fees: trip.fees.toFixed(),
    buys: trip.buyOrders.size,
    entryRule: trip.entryRule,
    exitRule,
  };
}

function average(total: Dec, volume: Dec): string {
  return volume.isZero() ? '0' : total.div(volume).toDecimalPlaces(8).toFixed();
}
