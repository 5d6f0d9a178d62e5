import type { SecretValue } from '../channels/notification-channel';
import { TelegramApiError, TelegramTransportError } from './telegram-bot-api.errors';

/** One entry of `getUpdates`: kept as Telegram sent it; the command side reads what it needs. */
export interface TelegramUpdate {
  readonly update_id: number;
  readonly [field: string]: unknown;
}

export interface GetUpdatesRequest {
  /** The first update wanted; asking for it confirms (and makes Telegram forget) every earlier one. */
  readonly offset?: number;
  /** Long poll: seconds Telegram holds the request open when there is nothing new. */
  readonly timeoutSeconds: number;
  readonly allowedUpdates?: readonly string[];
}

/** Telegram refuses texts longer than this (sendMessage, 1-4096 characters after entity parsing; we send plain text). */
export const telegramMessageLimit = 4096;
/** The Bot API's own address; tests and a self-hosted Bot API server give another. */
export const defaultTelegramApiUrl = 'https://api.telegram.org';
/** Time allowed beyond a long poll's own timeout before the request counts as lost. */
const requestSlackMs = 10_000;

/**
 * A small client of the Telegram Bot API (https://core.telegram.org/bots/api): `getUpdates` long polling
 * and `sendMessage`, over the global fetch (undici). The token is part of every URL, so no error this
 * client throws carries a URL or a fetch error's text: only the method, Telegram's own answer, or the
 * network error's code.
 */
export class TelegramBotApiClient {
  /** The Bot API's base URL, without a trailing `/`. */
  readonly apiUrl: string;

  constructor(
    apiUrl: string,
    private readonly token: SecretValue,
  ) {
    this.apiUrl = apiUrl.replace(/\/$/, '');
  }

  getUpdates(request: GetUpdatesRequest, signal: AbortSignal): Promise<TelegramUpdate[]> {
    return this.call<TelegramUpdate[]>(
      'getUpdates',
      {
        ...(request.offset !== undefined ? { offset: request.offset } : {}),
        timeout: request.timeoutSeconds,
        ...(request.allowedUpdates ? { allowed_updates: request.allowedUpdates } : {}),
      },
      signal,
      request.timeoutSeconds * 1_000 + requestSlackMs,
    ).then((result) => {
      if (!Array.isArray(result)) throw new TelegramTransportError('getUpdates', 'the result is not a list of updates');
      return result as TelegramUpdate[];
    });
  }

  /**
   * Sends plain text (no parse mode: nothing in it is markup, and a market name with `_` cannot break
   * it), cut to Telegram's limit, without link previews. The one `sendMessage` of the trader: command
   * replies and notifications (`TelegramChannel`) both send through it.
   */
  async sendMessage(chatId: string, text: string, signal: AbortSignal): Promise<void> {
    const body = text.length > telegramMessageLimit ? `${text.slice(0, telegramMessageLimit - 1)}…` : text;
    await this.call('sendMessage', { chat_id: chatId, text: body, disable_web_page_preview: true }, signal, requestSlackMs);
  }

  private async call<T>(method: string, params: Record<string, unknown>, signal: AbortSignal, timeoutMs: number): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.apiUrl}/bot${this.token.reveal()}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw error;
      throw new TelegramTransportError(method, networkReason(error));
    }
    let envelope: { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      throw new TelegramTransportError(method, `HTTP ${response.status} without a JSON body`);
    }
    if (envelope.ok === true) return envelope.result as T;
    const retryAfter = envelope.parameters?.retry_after;
    throw new TelegramApiError(
      method,
      typeof envelope.error_code === 'number' ? envelope.error_code : response.status,
      typeof envelope.description === 'string' ? envelope.description : 'no description',
      typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : null,
    );
  }
}

/** A network error's code (ECONNREFUSED, a time-out), never its message: undici's may quote the URL. */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? `network error ${cause.code}` : 'network error';
}
