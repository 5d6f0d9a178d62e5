import { DomainEvent } from '../shared/decider';
import { DecimalString } from '../shared/decimal';
import { OrderType } from '../market/order-type';
import { Side } from '../market/side';
import { TimeInForce } from '../market/time-in-force';

/** Times are milliseconds since the epoch, taken from the injected clock or the venue's timestamp. */
export type OrderSubmitted = DomainEvent<
  'OrderSubmitted',
  {
    orderId: string;
    market: string;
    side: Side;
    orderType: OrderType;
    timeInForce: TimeInForce;
    /** Limit price; null for market and best orders. */
    price: DecimalString | null;
    /** Base-currency volume; null for a market or best buy, which spends `funds` instead. */
    volume: DecimalString | null;
    /** Quote-currency amount a market or best buy spends; null otherwise. */
    funds: DecimalString | null;
    submittedAt: number;
  }
>;

/** The create request is about to leave. From here on the order is only ever looked up, never sent. */
export type OrderSendStarted = DomainEvent<'OrderSendStarted', { orderId: string; at: number }>;

/**
 * We had recorded the order as rejected, but the exchange shows it (a trade, a lookup, the private
 * stream): it is put back to work under the exchange's uuid. `from` is what we had, `exchangeState`
 * what the exchange reported, `evidence` where we saw it.
 */
export type OrderStateCorrected = DomainEvent<
  'OrderStateCorrected',
  { orderId: string; from: 'rejected'; exchangeOrderId: string; exchangeState: string; evidence: string; correctedAt: number }
>;

/** The request left, but whether Upbit took it is not known (timeout, dropped connection, 429). */
export type OrderOutcomeUnknown = DomainEvent<'OrderOutcomeUnknown', { orderId: string; reason: string; at: number }>;

export type OrderAccepted = DomainEvent<'OrderAccepted', { orderId: string; exchangeOrderId: string; acceptedAt: number }>;

/** Upbit refused the order (not to be confused with OrderDenied: our own risk checks). */
export type OrderRejected = DomainEvent<
  'OrderRejected',
  { orderId: string; reasonCode: string; message: string; rejectedAt: number }
>;

/** One trade against the order, with the order's running totals after it. */
export type OrderFilled = DomainEvent<
  'OrderFilled',
  {
    orderId: string;
    market: string;
    side: Side;
    tradeId: string;
    price: DecimalString;
    volume: DecimalString;
    /** price x volume, in the quote currency. */
    funds: DecimalString;
    /** In the quote currency. */
    fee: DecimalString;
    executedVolume: DecimalString;
    executedFunds: DecimalString;
    filledAt: number;
  }
>;

export type OrderCancelRequested = DomainEvent<'OrderCancelRequested', { orderId: string; requestedAt: number }>;

/** Upbit refused the cancel (the order had already completed, say); the order is back where it was. */
export type OrderCancelRejected = DomainEvent<'OrderCancelRejected', { orderId: string; reason: string; at: number }>;

export type OrderCancelled = DomainEvent<
  'OrderCancelled',
  { orderId: string; executedVolume: DecimalString; cancelledAt: number }
>;

export type OrderEvent =
  | OrderSubmitted
  | OrderSendStarted
  | OrderOutcomeUnknown
  | OrderAccepted
  | OrderRejected
  | OrderFilled
  | OrderCancelRequested
  | OrderCancelRejected
  | OrderCancelled
  | OrderStateCorrected;
