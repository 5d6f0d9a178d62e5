import { DomainError } from '../shared/domain-error';
import { OrderStatus } from './order.state';

export class IllegalOrderTransitionError extends DomainError {
  readonly code = 'illegal_order_transition';
  constructor(
    readonly command: string,
    readonly status: OrderStatus,
  ) {
    super(`${command} is not allowed for an order that is ${status}`, { command, status });
  }
}

export class InvalidOrderTermsError extends DomainError {
  readonly code = 'invalid_order_terms';
  constructor(reason: string, value: unknown) {
    super(`Invalid order: ${reason}`, value);
  }
}

/** A fill for more than the order has left: corrupt data, never a business case. */
export class OrderOverfilledError extends DomainError {
  readonly code = 'order_overfilled';
  constructor(orderId: string, tradeId: string) {
    super(`Trade ${tradeId} would fill order ${orderId} beyond its volume or funds`, { orderId, tradeId });
  }
}

/** The exchange reported this order under a different Upbit uuid than before: corrupt data. */
export class ExchangeOrderIdMismatchError extends DomainError {
  readonly code = 'exchange_order_id_mismatch';
  constructor(expected: string, received: string) {
    super(`Order is known as ${expected} on the exchange, not ${received}`, { expected, received });
  }
}

/** The order's create request already left once (or was about to): it is looked up, never sent again. */
export class OrderSendAlreadyStartedError extends DomainError {
  readonly code = 'order_send_already_started';
  constructor(orderId: string, startedAt: number) {
    super(`Order ${orderId} was already sent (send started at ${startedAt}); it may only be looked up`, { orderId, startedAt });
  }
}
