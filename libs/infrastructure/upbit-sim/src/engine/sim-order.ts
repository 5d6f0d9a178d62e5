import { Dec, ZERO } from './decimal';
import { SmpType } from './matching';
import { Side } from './order-book';
import type { OrderRequest } from './order-request';

export type OrdType = 'limit' | 'price' | 'market' | 'best';
export type TimeInForce = 'ioc' | 'fok' | 'post_only';
export type OrderState = 'wait' | 'done' | 'cancel';

/** One execution of an order (GET /order `trades[]`). */
export interface OrderTrade {
  readonly uuid: string;
  readonly market: string;
  readonly price: Dec;
  readonly volume: Dec;
  readonly funds: Dec;
  readonly fee: Dec;
  readonly isMaker: boolean;
  /** `up` when the trade printed at or above the previous trade price (Upbit's `trend`). */
  readonly trend: 'up' | 'down';
  readonly side: Side;
  readonly createdAt: number;
}

/** An order in the exchange's books with Upbit's accounting fields. */
export interface SimOrder {
  readonly uuid: string;
  readonly accountId: string;
  readonly market: string;
  readonly baseCurrency: string;
  readonly quoteCurrency: string;
  readonly side: Side;
  readonly ordType: OrdType;
  /** Limit price, or the total to spend for `price` and `best` bids. */
  readonly price: Dec | undefined;
  readonly volume: Dec | undefined;
  readonly timeInForce: TimeInForce | undefined;
  readonly smpType: SmpType | undefined;
  readonly identifier: string | undefined;
  readonly createdAt: number;
  readonly feeRate: Dec;
  state: OrderState;
  remainingVolume: Dec | undefined;
  /** Quote still to spend for funds-based bids (`price`, `best` bid). */
  remainingFunds: Dec | undefined;
  executedVolume: Dec;
  executedFunds: Dec;
  reservedFee: Dec;
  remainingFee: Dec;
  paidFee: Dec;
  locked: Dec;
  preventedVolume: Dec;
  preventedLocked: Dec;
  readonly trades: OrderTrade[];
}

/** A validated request, as the engine opens it for an account. */
export interface NewOrder extends OrderRequest {
  readonly uuid: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly feeRate: Dec;
}

/** True when the bid spends a quote budget rather than buying a volume at a limit. */
export function isFundsBased(order: Pick<SimOrder, 'side' | 'ordType'>): boolean {
  return order.side === 'bid' && (order.ordType === 'price' || order.ordType === 'best');
}

/**
 * Builds the order with what it locks: a bid locks quote (amount plus the fee reserve), an ask locks
 * the volume it sells (its fee comes out of the proceeds).
 */
export function openOrder(input: NewOrder): SimOrder {
  const [quoteCurrency, baseCurrency] = input.market.split('-');
  const order: SimOrder = {
    ...input,
    baseCurrency,
    quoteCurrency,
    state: 'wait',
    remainingVolume: input.volume,
    remainingFunds: undefined,
    executedVolume: ZERO,
    executedFunds: ZERO,
    reservedFee: ZERO,
    remainingFee: ZERO,
    paidFee: ZERO,
    locked: ZERO,
    preventedVolume: ZERO,
    preventedLocked: ZERO,
    trades: [],
  };
  if (input.side === 'ask') {
    order.locked = input.volume as Dec;
    return order;
  }
  const notional = isFundsBased(input) ? (input.price as Dec) : (input.price as Dec).times(input.volume as Dec);
  if (isFundsBased(input)) order.remainingFunds = notional;
  order.reservedFee = notional.times(input.feeRate);
  order.remainingFee = order.reservedFee;
  order.locked = notional.plus(order.reservedFee);
  return order;
}

/** Quote (bid) or base (ask) the order must lock on acceptance. */
export function lockCurrency(order: SimOrder): string {
  return order.side === 'bid' ? order.quoteCurrency : order.baseCurrency;
}

/** What a fill releases from the order's lock: for a limit bid at its own price, else at the fill. */
export function lockReleasedByFill(order: SimOrder, price: Dec, volume: Dec): { locked: Dec; fee: Dec } {
  if (order.side === 'ask') return { locked: volume, fee: ZERO };
  const reserveBase = isFundsBased(order) ? price.times(volume) : (order.price as Dec).times(volume);
  const fee = reserveBase.times(order.feeRate);
  return { locked: reserveBase.plus(fee), fee };
}

/** Whether nothing more can execute (volume filled, or budget unable to buy one more unit). */
export function isFullyExecuted(order: SimOrder): boolean {
  if (order.remainingVolume !== undefined) return order.remainingVolume.lte(0);
  return (order.remainingFunds ?? ZERO).lte(0);
}
