/**
 * A channel did not take a message. `message` never holds a credential (URLs are redacted); `status`
 * is the HTTP status (null when no answer came); `retryAfterMs` is the service's own wait (429);
 * `permanent` means sending the same message again cannot succeed (a 4xx other than 408/429), so it
 * is parked at once instead of retried.
 */
export class ChannelSendError extends Error {
  readonly code = 'NOTIFICATION_SEND_FAILED';

  constructor(
    readonly channel: string,
    readonly status: number | null,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly permanent = false,
  ) {
    super(`${channel}: ${message}`);
    this.name = 'ChannelSendError';
  }
}
