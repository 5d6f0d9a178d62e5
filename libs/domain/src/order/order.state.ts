import { IdSet } from '../shared/id-set';
import { Dec } from '../shared/decimal';
import { OrderType } from '../market/order-type';
import { Side } from '../market/side';
import { TimeInForce } from '../market/time-in-force';

export type OrderStatus =
  | 'new'
  | 'submitted'
  | 'unknown'
  | 'accepted'
  | 'partially_filled'
  | 'pending_cancel'
  | 'filled'
  | 'cancelled'
  | 'rejected';

export interface NewOrder {
  readonly status: 'new';
}

export interface PlacedOrder {
  readonly status: Exclude<OrderStatus, 'new'>;
  readonly orderId: string;
  readonly market: string;
  readonly side: Side;
  readonly orderType: OrderType;
  readonly timeInForce: TimeInForce;
  readonly price: Dec | null;
  readonly volume: Dec | null;
  readonly funds: Dec | null;
  readonly exchangeOrderId: string | null;
  /**
   * When the request to create the order was about to leave (OrderSendStarted), or null while it has
   * never been sent. Once set, the order is never sent again: its outcome is found by lookup.
   */
  readonly sendStartedAt: number | null;
  readonly executedVolume: Dec;
  readonly executedFunds: Dec;
  readonly paidFee: Dec;
  readonly tradeIds: IdSet;
}

export type OrderState = NewOrder | PlacedOrder;
