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
  | MarkOrderOutcomeUnknown
  | RecordOrderAccepted
  | RecordOrderRejected
  | RecordFill
  | RequestOrderCancel
  | RecordCancelRejected
  | RecordOrderCancelled;
