import type { NotificationKind, NotificationMessage } from '@trader/application';
import { ChannelSendError } from './channel-send.error';
import { bodyForError, httpPost, isPermanentStatus } from './http-post';
import { NotificationChannel, SecretValue } from './notification-channel';

export const defaultTelegramApiUrl = 'https://api.telegram.org';
/** Telegram's limit for `sendMessage` text (characters after entity parsing; we send plain text). */
export const telegramMaxTextLength = 4096;

export interface TelegramChannelOptions {
  /** Base URL of the Bot API (default https://api.telegram.org; a fake one in tests). */
  readonly apiUrl?: string;
  readonly botToken: SecretValue;
  readonly chatId: string;
  readonly kinds: ReadonlySet<NotificationKind>;
}

interface TelegramAnswer {
  ok?: boolean;
  description?: string;
  parameters?: { retry_after?: number };
}

/**
 * Telegram Bot API `sendMessage` to one chat, as plain text (no `parse_mode`: nothing to escape, and a
 * market name with `_` cannot break the message). The token is part of the URL path
 * (`/bot<token>/sendMessage`), so the URL is only ever shown as `/bot[redacted]/sendMessage`.
 */
export class TelegramChannel implements NotificationChannel {
  readonly name: string;
  readonly kinds: ReadonlySet<NotificationKind>;
  private readonly apiUrl: string;

  constructor(private readonly options: TelegramChannelOptions) {
    this.name = `telegram:${options.chatId}`;
    this.kinds = options.kinds;
    this.apiUrl = (options.apiUrl ?? defaultTelegramApiUrl).replace(/\/$/, '');
  }

  async send(message: NotificationMessage, signal: AbortSignal): Promise<void> {
    const token = this.options.botToken.reveal();
    const text = message.text.length > telegramMaxTextLength ? `${message.text.slice(0, telegramMaxTextLength - 3)}...` : message.text;
    const body = JSON.stringify({ chat_id: this.options.chatId, text, disable_web_page_preview: true });
    const redacted = `${this.apiUrl}/bot[redacted]/sendMessage`;
    const answer = await httpPost(this.name, `${this.apiUrl}/bot${token}/sendMessage`, redacted, body, {}, signal);
    if (answer.status === 200) return;
    const parsed = parseAnswer(answer.body);
    const description = bodyForError(parsed?.description ?? answer.body, [token]);
    if (answer.status === 429) {
      // Telegram: {"ok":false,"error_code":429,"parameters":{"retry_after":N}}, N in whole seconds.
      const seconds = parsed?.parameters?.retry_after;
      throw new ChannelSendError(this.name, 429, `rate limited: ${description}`, typeof seconds === 'number' ? seconds * 1000 : null);
    }
    throw new ChannelSendError(this.name, answer.status, `sendMessage answered ${answer.status}: ${description}`, null, isPermanentStatus(answer.status));
  }
}

function parseAnswer(body: string): TelegramAnswer | null {
  try {
    return JSON.parse(body) as TelegramAnswer;
  } catch {
    return null;
  }
}
