import type { NotificationKind, NotificationMessage } from '@trader/application';
import { defaultTelegramApiUrl, TelegramBotApiClient } from '../telegram/telegram-bot-api.client';
import { TelegramApiError, TelegramTransportError } from '../telegram/telegram-bot-api.errors';
import { ChannelSendError } from './channel-send.error';
import { bodyForError, isPermanentStatus } from './http-post';
import { NotificationChannel, SecretValue } from './notification-channel';

export interface TelegramChannelOptions {
  /** Base URL of the Bot API (default https://api.telegram.org; a fake one in tests). */
  readonly apiUrl?: string;
  readonly botToken: SecretValue;
  readonly chatId: string;
  readonly kinds: ReadonlySet<NotificationKind>;
}

/**
 * Notifications to one Telegram chat, sent with the Bot API client's `sendMessage` (plain text, cut to
 * Telegram's limit), its failures told as `ChannelSendError`s: a 429 with Telegram's `retry_after`, a
 * 4xx other than 408/429 permanent, no answer retryable. The token is part of the URL path
 * (`/bot<token>/sendMessage`), so the URL is only ever shown as `/bot[redacted]/sendMessage`.
 */
export class TelegramChannel implements NotificationChannel {
  readonly name: string;
  readonly kinds: ReadonlySet<NotificationKind>;
  private readonly client: TelegramBotApiClient;
  private readonly redactedUrl: string;

  constructor(private readonly options: TelegramChannelOptions) {
    this.name = `telegram:${options.chatId}`;
    this.kinds = options.kinds;
    this.client = new TelegramBotApiClient(options.apiUrl ?? defaultTelegramApiUrl, options.botToken);
    this.redactedUrl = `${this.client.apiUrl}/bot[redacted]/sendMessage`;
  }

  async send(message: NotificationMessage, signal: AbortSignal): Promise<void> {
    try {
      await this.client.sendMessage(this.options.chatId, message.text, signal);
    } catch (error) {
      throw this.failure(error, signal);
    }
  }

  private failure(error: unknown, signal: AbortSignal): ChannelSendError {
    if (error instanceof TelegramApiError) {
      const description = bodyForError(error.description, [this.options.botToken.reveal()]);
      if (error.errorCode === 429) {
        // Telegram: {"ok":false,"error_code":429,"parameters":{"retry_after":N}}, N in whole seconds.
        return new ChannelSendError(this.name, 429, `rate limited: ${description}`, error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000);
      }
      return new ChannelSendError(this.name, error.errorCode, `sendMessage answered ${error.errorCode}: ${description}`, null, isPermanentStatus(error.errorCode));
    }
    const reason = error instanceof TelegramTransportError ? error.reason : signal.aborted ? 'timed out or aborted' : 'request failed';
    return new ChannelSendError(this.name, null, `POST ${this.redactedUrl} failed: ${reason}`);
  }
}
