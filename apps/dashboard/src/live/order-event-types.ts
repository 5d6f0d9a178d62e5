/** The event types that change an order as GET /api/v1/orders shows it (the order projection's): pages showing orders reload on them. */
export const orderEventTypes: readonly string[] = [
  'OrderSubmitted',
  'OrderDenied',
  'OrderSendStarted',
  'OrderAccepted',
  'OrderRejected',
  'OrderFilled',
  'OrderCancelRequested',
  'OrderCancelRejected',
  'OrderCancelled',
  'OrderOutcomeUnknown',
  'OrderStateCorrected',
];
