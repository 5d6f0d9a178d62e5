import { IdSet } from '../shared/id-set';
import { Dec } from '../shared/decimal';

/**
 * One market's position, long only (Upbit is spot). The cost basis (quote paid for what is held, fees
 * excluded) is kept instead of the average price, so buys stay exact; the average is derived.
 */
export interface PositionState {
  readonly market: string | null;
  readonly quantity: Dec;
  readonly costBasis: Dec;
  readonly realizedPnl: Dec;
  readonly fees: Dec;
  readonly tradeIds: IdSet;
  readonly openedAt: number | null;
  /** Sells that came before the buys they sold (PositionSellDeferred), oldest first; not in `quantity` yet. */
  readonly deferredSells?: readonly DeferredSell[];
}

/** A sell fill held until the position holds enough to take it. */
export interface DeferredSell {
  readonly tradeId: string;
  readonly price: string;
  readonly volume: string;
  readonly fee: string;
  readonly at: number;
}

export function averageEntryPrice(position: PositionState): Dec {
  return position.quantity.isZero() ? new Dec(0) : position.costBasis.div(position.quantity);
}

/** Mark-to-market PnL of what is held: mark x quantity - cost basis (exact, no average involved). */
export function unrealizedPnl(position: PositionState, markPrice: Dec): Dec {
  return markPrice.mul(position.quantity).minus(position.costBasis);
}

/** Profit of the open position at `markPrice`, in percent of its cost basis; 0 when flat. */
export function profitPercent(position: PositionState, markPrice: Dec): Dec {
  if (position.costBasis.isZero()) return new Dec(0);
  return unrealizedPnl(position, markPrice).div(position.costBasis).mul(100);
}

export function isOpen(position: PositionState): boolean {
  return !position.quantity.isZero();
}
