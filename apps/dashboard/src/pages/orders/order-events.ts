/** The event types that change an order the table shows: the table reloads when one is committed. */
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
