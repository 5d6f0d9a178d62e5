import { FakeHttpServer, json, ReceivedRequest } from './fake-http-server';

export interface FakeTelegramOptions {
  readonly token: string;
  readonly chatIds: readonly string[];
  /** Messages allowed per chat within `windowMs` before a 429 (Telegram: about 1 per second per chat, 20 per minute in groups). */
  readonly perChatLimit?: number;
  readonly windowMs?: number;
  /** retry_after (whole seconds) of its 429 answers. */
  readonly retryAfterSeconds?: number;
}

/**
 * The Bot API's `sendMessage` as Telegram enforces it: POST /bot<token>/sendMessage with a JSON body;
 * an unknown token is 401 (the real API answers 404 for a malformed one, 401 for a revoked one), an
 * unknown chat 400 "chat not found", text empty or over 4096 characters 400, more messages to a chat
 * than its limit 429 with `parameters.retry_after`; a message sent before the retry_after has passed
 * is refused again.
 */
export class FakeTelegram {
  readonly server: FakeHttpServer;
  readonly delivered: { chatId: string; text: string; at: number }[] = [];
  private readonly sentAt = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly options: FakeTelegramOptions) {
    this.server = new FakeHttpServer((request, res) => {
      const answer = this.answer(request);
      json(res, answer.status, answer.body);
    });
  }

  private answer(request: ReceivedRequest): { status: number; body: unknown } {
    const match = /^\/bot([^/]+)\/sendMessage$/.exec(request.path);
    if (request.method !== 'POST' || !match) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    if (match[1] !== this.options.token) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    if (!String(request.headers['content-type']).startsWith('application/json')) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty' } };
    let payload: { chat_id?: unknown; text?: unknown };
    try {
      payload = JSON.parse(request.body) as { chat_id?: unknown; text?: unknown };
    } catch {
      return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" } };
    }
    const chatId = String(payload.chat_id ?? '');
    if (!this.options.chatIds.includes(chatId)) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } };
    if (typeof payload.text !== 'string' || payload.text.trim() === '') return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message text is empty' } };
    if (payload.text.length > 4096) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message is too long' } };
    const now = Date.now();
    const retryAfter = this.options.retryAfterSeconds ?? 1;
    const tooMany = { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } };
    if ((this.blockedUntil.get(chatId) ?? 0) > now) return tooMany;
    const recent = (this.sentAt.get(chatId) ?? []).filter((at) => at > now - (this.options.windowMs ?? 60_000));
    if (recent.length >= (this.options.perChatLimit ?? Infinity)) {
      this.blockedUntil.set(chatId, now + retryAfter * 1000);
      return tooMany;
    }
    recent.push(now);
    this.sentAt.set(chatId, recent);
    this.delivered.push({ chatId, text: payload.text, at: now });
    return { status: 200, body: { ok: true, result: { message_id: this.delivered.length, chat: { id: Number(chatId) }, date: Math.floor(now / 1000), text: payload.text } } };
  }
}
