/** A write to the outbox was asked for while the shared connection is inside another writer's transaction. */
export class OutboxTransactionInProgressError extends Error {
  readonly code = 'NOTIFICATION_OUTBOX_TRANSACTION_IN_PROGRESS';

  constructor(readonly operation: string) {
    super(`${operation}: the event database connection is inside another transaction`);
    this.name = 'OutboxTransactionInProgressError';
  }
}
