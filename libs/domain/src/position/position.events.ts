import { DomainEvent } from '../shared/decider';
import { DecimalString } from '../shared/decimal';
import { Side } from '../market/side';

/**
 * What every position event carries: the fill that caused it and the position after it. Amounts are in
 * the market's quote currency; `realizedPnl` is gross of fees (fees are summed apart in `fees`).
 */
export interface PositionFillData {
  market: string;
  tradeId: string;
  side: Side;
  price: DecimalString;
  volume: DecimalString;
  fee: DecimalString;
  /** PnL this fill realised (0 for a buy). */
  fillRealizedPnl: DecimalString;
  quantity: DecimalString;
  averageEntryPrice: DecimalString;
  costBasis: DecimalString;
  realizedPnl: DecimalString;
  fees: DecimalString;
  at: number;
}

export type PositionOpened = DomainEvent<'PositionOpened', PositionFillData>;
export type PositionIncreased = DomainEvent<'PositionIncreased', PositionFillData>;
export type PositionReduced = DomainEvent<'PositionReduced', PositionFillData>;
export type PositionClosed = DomainEvent<'PositionClosed', PositionFillData>;

/**
 * A sell for more than the position holds: the exchange executed it after buys whose fills we have not
 * learnt yet (fills of different orders arrive in the order we learn them, not the order they
 * happened). It is held, unapplied, and applied as soon as the buys it sold have been applied.
 */
export type PositionSellDeferred = DomainEvent<
  'PositionSellDeferred',
  { market: string; tradeId: string; price: DecimalString; volume: DecimalString; fee: DecimalString; held: DecimalString; at: number }
>;

export type PositionEvent = PositionOpened | PositionIncreased | PositionReduced | PositionClosed | PositionSellDeferred;
