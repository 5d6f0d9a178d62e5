import type { ServerResponse } from 'node:http';
import { FakeHttpServer, json, ReceivedRequest } from './fake-http-server';

export interface FakeTelegramOptions {
  readonly token: string;
  /**
   * Chats the bot may write to besides those that sent it an update (`pushMessage`): a private chat
   * exists for a bot once its user wrote to it. `sendMessage` to any other is 400 "chat not found".
   */
  readonly chatIds?: readonly string[];
  /** Messages allowed per chat within `windowMs` before a 429 (Telegram: about 1 per second per chat, 20 per minute in groups). */
  readonly perChatLimit?: number;
  readonly windowMs?: number;
  /** retry_after (whole seconds) of its per-chat 429 answers. */
  readonly retryAfterSeconds?: number;
}

/** A message the fake accepted through sendMessage. */
export interface DeliveredTelegramMessage {
  readonly chatId: string;
  readonly text: string;
  readonly at: number;
}

interface PendingPoll {
  readonly offset: number;
  readonly limit: number;
  readonly response: ServerResponse;
  readonly timer: NodeJS.Timeout;
}

type Answer = { readonly status: number; readonly body: unknown };

/** Telegram refuses more than about 30 messages per second from one bot. */
const sendsPerSecond = 30;

/** Answers once, and not at all when the client has gone (a long poll it gave up). */
function respond(response: ServerResponse, status: number, body: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  json(response, status, body);
}

const failure = (status: number, description: string, parameters?: Record<string, unknown>): Answer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

/**
 * The Telegram Bot API on 127.0.0.1 (a `FakeHttpServer`), keeping the real one's rules
 * (https://core.telegram.org/bots/api): `/bot<token>/<method>` with its parameters in the query string,
 * a JSON body or a form; a wrong token is 401 `Unauthorized`; errors are `{ ok: false, error_code,
 * description }`.
 * - `sendMessage` needs a chat that exists (400 "chat not found") and a 1-4096 character text; it is
 *   limited to 30 messages a second per bot and, when `perChatLimit` is set, to that many per chat and
 *   window, a chat over it refused until its `retry_after` has passed (429 with `parameters.retry_after`).
 * - `getUpdates` long-polls up to `timeout` seconds, returns the updates from `offset` on, and forgets
 *   for good every update below the offset it is asked for; a second getUpdates ends the pending one
 *   with 409.
 * Tests add updates, inject 429s per method, and can refuse a poll that would confirm an update (502,
 * as when Telegram's front end fails), to model a trader that stopped before its next poll. Stop it
 * with `stop()`, which also answers a pending poll.
 */
export class FakeTelegram {
  readonly server: FakeHttpServer;
  readonly delivered: DeliveredTelegramMessage[] = [];
  /** The offset of every getUpdates received (null: none given). */
  readonly polls: (number | null)[] = [];
  private readonly chats: Set<string>;
  private readonly sentAt = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly sendTimes: number[] = [];
  private readonly injected = new Map<string, number[]>();
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 700_000_001;
  private pending: PendingPoll | null = null;
  private refuseConfirmingFrom: number | null = null;

  constructor(private readonly options: FakeTelegramOptions) {
    this.chats = new Set(options.chatIds ?? []);
    this.server = new FakeHttpServer((request, response) => {
      const answer = this.answer(request, response);
      if (answer) respond(response, answer.status, answer.body);
    });
  }

  /** A text message from a private chat, as a user sends it; returns its update_id. */
  pushMessage(chatId: number, text: string): number {
    return this.pushUpdate((updateId) => ({
      update_id: updateId,
      message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Operator' }, text },
    }));
  }

  /** Any update body (update_id added): for updates the real API would not send. A message's chat exists from then on. */
  pushUpdate(build: (updateId: number) => Record<string, unknown>): number {
    const updateId = this.nextUpdateId;
    this.nextUpdateId += 1;
    const update = build(updateId);
    const chat = (update['message'] as { chat?: { id?: unknown } } | undefined)?.chat?.id;
    if (typeof chat === 'number' || typeof chat === 'string') this.chats.add(String(chat));
    this.updates.push(update);
    this.answerPending();
    return updateId;
  }

  /** The next `times` calls of `method` answer 429 with this retry_after. */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.injected.set(method, [...(this.injected.get(method) ?? []), ...Array<number>(times).fill(retryAfterSeconds)]);
  }

  /** getUpdates that would confirm `updateId` (offset above it) fail with 502 until `acceptConfirmations`. */
  refuseConfirming(updateId: number): void {
    this.refuseConfirmingFrom = updateId;
  }

  acceptConfirmations(): void {
    this.refuseConfirmingFrom = null;
  }

  /** The texts delivered to `chatId`, in order. */
  sentTo(chatId: number | string): string[] {
    return this.delivered.filter((m) => m.chatId === String(chatId)).map((m) => m.text);
  }

  /** Answers a pending poll (as Telegram would at its timeout) and stops the server. */
  async stop(): Promise<void> {
    const pending = this.pending;
    if (pending) {
      this.pending = null;
      clearTimeout(pending.timer);
      respond(pending.response, 200, { ok: true, result: [] });
    }
    await this.server.stop();
  }

  /** The answer to a request, or undefined when it is held (a long poll). */
  private answer(request: ReceivedRequest, response: ServerResponse): Answer | undefined {
    const url = new URL(request.path, 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match?.[1] || !match[2]) return failure(404, 'Not Found');
    if (match[1] !== this.options.token) return failure(401, 'Unauthorized');
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...bodyParams(request) };
    } catch {
      return failure(400, "Bad Request: can't parse JSON object");
    }
    const method = match[2];
    const limited = this.injected.get(method)?.shift();
    if (limited !== undefined) return failure(429, `Too Many Requests: retry after ${limited}`, { retry_after: limited });
    if (method === 'getUpdates') return this.getUpdates(params, response);
    if (method === 'sendMessage') return this.sendMessage(params);
    return failure(404, 'Not Found');
  }

  private getUpdates(params: Record<string, unknown>, response: ServerResponse): Answer | undefined {
    const offset = params['offset'] === undefined ? null : Number(params['offset']);
    const timeout = params['timeout'] === undefined ? 0 : Number(params['timeout']);
    const limit = params['limit'] === undefined ? 100 : Number(params['limit']);
    if ((offset !== null && !Number.isInteger(offset)) || !Number.isInteger(timeout) || timeout < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return failure(400, 'Bad Request: wrong parameter');
    }
    this.polls.push(offset);
    if (offset !== null && this.refuseConfirmingFrom !== null && offset > this.refuseConfirmingFrom) return failure(502, 'Bad Gateway');
    // Asking for an offset confirms every update below it: Telegram forgets them.
    if (offset !== null && offset > 0) this.updates = this.updates.filter((u) => (u['update_id'] as number) >= offset);
    const earlier = this.pending;
    if (earlier) {
      this.pending = null;
      clearTimeout(earlier.timer);
      const conflict = failure(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
      respond(earlier.response, conflict.status, conflict.body);
    }
    const from = offset ?? 0;
    const ready = this.updates.filter((u) => (u['update_id'] as number) >= from).slice(0, limit);
    if (ready.length > 0 || timeout === 0) return { status: 200, body: { ok: true, result: ready } };
    const timer = setTimeout(() => {
      this.pending = null;
      respond(response, 200, { ok: true, result: [] });
    }, timeout * 1_000);
    this.pending = { offset: from, limit, response, timer };
    return undefined;
  }

  private answerPending(): void {
    const pending = this.pending;
    if (!pending) return;
    const ready = this.updates.filter((u) => (u['update_id'] as number) >= pending.offset).slice(0, pending.limit);
    if (ready.length === 0) return;
    clearTimeout(pending.timer);
    this.pending = null;
    respond(pending.response, 200, { ok: true, result: ready });
  }

  private sendMessage(params: Record<string, unknown>): Answer {
    const chatId = params['chat_id'] === undefined ? '' : String(params['chat_id']);
    const text = params['text'];
    if (chatId === '') return failure(400, 'Bad Request: chat_id is empty');
    if (!this.chats.has(chatId)) return failure(400, 'Bad Request: chat not found');
    if (typeof text !== 'string' || text.trim() === '') return failure(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return failure(400, 'Bad Request: message is too long');
    const now = Date.now();
    while (this.sendTimes.length > 0 && (this.sendTimes[0] ?? 0) <= now - 1_000) this.sendTimes.shift();
    if (this.sendTimes.length >= sendsPerSecond) return failure(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    const retryAfter = this.options.retryAfterSeconds ?? 1;
    const tooMany = failure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    if ((this.blockedUntil.get(chatId) ?? 0) > now) return tooMany;
    const recent = (this.sentAt.get(chatId) ?? []).filter((at) => at > now - (this.options.windowMs ?? 60_000));
    if (recent.length >= (this.options.perChatLimit ?? Infinity)) {
      this.blockedUntil.set(chatId, now + retryAfter * 1000);
      return tooMany;
    }
    recent.push(now);
    this.sentAt.set(chatId, recent);
    this.sendTimes.push(now);
    this.delivered.push({ chatId, text, at: now });
    return { status: 200, body: { ok: true, result: { message_id: this.delivered.length, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: 'private' }, text } } };
  }
}

/**
 * A request body's parameters: a JSON object or a form, as its content type says (Telegram takes both,
 * and the query string). A body of any other type is not read, so its parameters are missing.
 */
function bodyParams(request: ReceivedRequest): Record<string, unknown> {
  const type = String(request.headers['content-type'] ?? '');
  if (request.body === '') return {};
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(request.body));
  if (!type.startsWith('application/json')) return {};
  const parsed = JSON.parse(request.body) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  return parsed as Record<string, unknown>;
}
