/**
 * The outcome of an order stayed unknown after every lookup because the exchange could not be asked
 * (not because it does not know the order). The event is retried later and, failing that, parked for
 * the operator; the order is never sent again.
 */
export class OrderOutcomeUnresolvedError extends Error {
  readonly code = 'ORDER_OUTCOME_UNRESOLVED';

  constructor(
    readonly orderId: string,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Order ${orderId}: outcome still unknown after ${attempts} lookup(s): ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'OrderOutcomeUnresolvedError';
  }
}
