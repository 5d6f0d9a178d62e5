/** A market sell has no price of its own: the caller must say what it is worth for the risk checks. */
export class ReferencePriceRequiredError extends Error {
  readonly code = 'reference_price_required';

  constructor(readonly orderId: string) {
    super(`Order ${orderId}: a market sell needs a reference price to be risk-checked`);
    this.name = 'ReferencePriceRequiredError';
  }
}

/** An order with this id exists, placed by another command: an order id is never reused. */
export class OrderAlreadyPlacedError extends Error {
  readonly code = 'order_already_placed';

  constructor(readonly orderId: string) {
    super(`Order ${orderId} already exists; an order id is never reused`);
    this.name = 'OrderAlreadyPlacedError';
  }
}
