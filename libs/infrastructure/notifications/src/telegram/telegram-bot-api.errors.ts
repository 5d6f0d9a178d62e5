/**
 * The Bot API answered `ok: false`. Its `description` is Telegram's own text; the request URL (which
 * holds the bot token) is never part of the message.
 */
export class TelegramApiError extends Error {
  readonly code = 'TELEGRAM_API_ERROR';

  constructor(
    readonly method: string,
    /** Telegram's `error_code` (the HTTP status): 400, 401, 403, 409, 429, ... */
    readonly errorCode: number,
    readonly description: string,
    /** `parameters.retry_after` of a 429: seconds to wait before the next request. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(`Telegram ${method} failed: ${errorCode} ${description}`);
    this.name = 'TelegramApiError';
  }
}

/** The Bot API could not be reached, or answered something that is not its JSON envelope. */
export class TelegramTransportError extends Error {
  readonly code = 'TELEGRAM_TRANSPORT_ERROR';

  constructor(
    readonly method: string,
    readonly reason: string,
  ) {
    super(`Telegram ${method} failed: ${reason}`);
    this.name = 'TelegramTransportError';
  }
}
