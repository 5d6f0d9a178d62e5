/** No outbox row with this id. */
export class OutboxRowNotFoundError extends Error {
  readonly code = 'NOTIFICATION_NOT_FOUND';

  constructor(readonly id: number) {
    super(`no notification with id ${id} in the outbox`);
    this.name = 'OutboxRowNotFoundError';
  }
}

/** Only a parked row can be retried (a pending one is being retried already; a sent one is done). */
export class OutboxRowNotParkedError extends Error {
  readonly code = 'illegal_notification_not_parked';

  constructor(
    readonly id: number,
    readonly status: string,
  ) {
    super(`notification ${id} is ${status}, not parked: only a parked notification can be retried`);
    this.name = 'OutboxRowNotParkedError';
  }
}

/** The row's channel is no longer configured: nothing would send it again. */
export class OutboxChannelNotConfiguredError extends Error {
  readonly code = 'illegal_notification_channel_not_configured';

  constructor(
    readonly id: number,
    readonly channel: string,
  ) {
    super(`notification ${id} is for channel ${channel}, which is not configured now: configure it again to retry it`);
    this.name = 'OutboxChannelNotConfiguredError';
  }
}
