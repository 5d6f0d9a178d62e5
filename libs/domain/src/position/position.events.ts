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

export type PositionEvent = PositionOpened | PositionIncreased | PositionReduced | PositionClosed;
