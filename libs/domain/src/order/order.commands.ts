/** Commands carry plain data (decimals as strings); the decider validates them into value objects. */
export interface SubmitOrder {
  type: 'SubmitOrder';
  data: {
    orderId: string;
    market: string;
    side: string;
    orderType: string;
    timeInForce: string;
    price?: string;
    volume?: string;
    funds?: string;
    at: number;
  };
}

/** The create request is about to leave: stored durably before the POST, so no retry sends it again. */
export interface MarkOrderSendStarted {
  type: 'MarkOrderSendStarted';
  data: { at: number };
}
/**
 * The exchange shows an order we had recorded as rejected (a fill, a lookup, the private stream): the
 * exchange is the truth, so the order goes back to work under its uuid and the discrepancy is recorded.
 */
export interface CorrectOrderState {
  type: 'CorrectOrderState';
  data: { exchangeOrderId: string; exchangeState: string; evidence: string; at: number };
}
export interface MarkOrderOutcomeUnknown {
  type: 'MarkOrderOutcomeUnknown';
  data: { reason: string; at: number };
}

export interface RecordOrderAccepted {
  type: 'RecordOrderAccepted';
  data: { exchangeOrderId: string; at: number };
}

export interface RecordOrderRejected {
  type: 'RecordOrderRejected';
  data: { reasonCode: string; message: string; at: number };
}

export interface RecordFill {
  type: 'RecordFill';
  data: { exchangeOrderId: string; tradeId: string; price: string; volume: string; fee: string; at: number };
}

export interface RequestOrderCancel {
  type: 'RequestOrderCancel';
  data: { at: number };
}

export interface RecordCancelRejected {
  type: 'RecordCancelRejected';
  data: { reason: string; at: number };
}

export interface RecordOrderCancelled {
  type: 'RecordOrderCancelled';
  data: { at: number };
}

export type OrderCommand =
  | SubmitOrder
  | MarkOrderSendStarted
  | MarkOrderOutcomeUnknown
  | RecordOrderAccepted
  | RecordOrderRejected
  | RecordFill
  | RequestOrderCancel
  | RecordCancelRejected
  | RecordOrderCancelled
  | CorrectOrderState;
