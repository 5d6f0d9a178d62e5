import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake received through sendMessage. */
export interface SentTelegramMessage {
  readonly chatId: string;
  readonly text: string;
}

interface PendingPoll {
  readonly offset: number;
  readonly limit: number;
  readonly respond: (status: number, body: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/** Telegram refuses more than about 30 messages per second from one bot. */
const sendsPerSecond = 30;

/**
 * A Telegram Bot API on 127.0.0.1 that keeps the real one's rules (https://core.telegram.org/bots/api):
 * `/bot<token>/<method>` with a JSON or query-string body; a wrong token is 401 `Unauthorized`; errors
 * are `{ ok: false, error_code, description }`; getUpdates long-polls up to `timeout` seconds, returns
 * updates from `offset` on, and forgets for good every update below the offset it is asked for; a second
 * getUpdates ends the pending one with 409; sendMessage needs a chat id and a 1-4096 character text and
 * is limited to 30 per second (429 with `parameters.retry_after`). Tests add updates, inject 429s, and
 * can refuse a poll that would confirm an update (502, as when Telegram's front end fails), to model a
 * trader that stopped before its next poll.
 */
export class FakeTelegramBotApi {
  readonly sent: SentTelegramMessage[] = [];
  /** The offset of every getUpdates received (null: none given). */
  readonly polls: (number | null)[] = [];
  private updates: Record<string, unknown>[] = [];
  private nextUpdateId = 700_000_001;
  private pending: PendingPoll | null = null;
  private readonly rateLimits = new Map<string, number[]>();
  private refuseConfirmingFrom: number | null = null;
  private readonly sendTimes: number[] = [];
  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly url: string,
  ) {}

  static async start(token: string): Promise<FakeTelegramBotApi> {
    let fake: FakeTelegramBotApi | null = null;
    const server = createServer((request, response) => {
      void fake?.serve(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeTelegramBotApi(server, token, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** A text message from a private chat, as a user sends it; returns its update_id. */
  pushMessage(chatId: number, text: string): number {
    return this.pushUpdate((updateId) => ({
      update_id: updateId,
      message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Operator' }, text },
    }));
  }

  /** Any update body (update_id added): for updates the real API would not send. */
  pushUpdate(build: (updateId: number) => Record<string, unknown>): number {
    const updateId = this.nextUpdateId;
    this.nextUpdateId += 1;
    this.updates.push(build(updateId));
    this.answerPending();
    return updateId;
  }

  /** The next `times` calls of `method` answer 429 with this retry_after. */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), ...Array<number>(times).fill(retryAfterSeconds)]);
  }

  /** getUpdates that would confirm `updateId` (offset above it) fail with 502 until `acceptConfirmations`. */
  refuseConfirming(updateId: number): void {
    this.refuseConfirmingFrom = updateId;
  }

  acceptConfirmations(): void {
    this.refuseConfirmingFrom = null;
  }

  sentTo(chatId: number): string[] {
    return this.sent.filter((m) => m.chatId === String(chatId)).map((m) => m.text);
  }

  async close(): Promise<void> {
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.respond(200, { ok: true, result: [] });
      this.pending = null;
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const respond = (status: number, body: unknown): void => {
      if (response.writableEnded || response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const fail = (status: number, description: string, parameters?: Record<string, unknown>): void =>
      respond(status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });
    const url = new URL(request.url ?? '/', this.url);
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match?.[1] || !match[2]) return fail(404, 'Not Found');
    if (match[1] !== this.token) return fail(401, 'Unauthorized');
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await jsonBody(request)) };
    } catch {
      return fail(400, "Bad Request: can't parse JSON object");
    }
    const method = match[2];
    const limited = this.rateLimits.get(method)?.shift();
    if (limited !== undefined) return fail(429, `Too Many Requests: retry after ${limited}`, { retry_after: limited });
    if (method === 'getUpdates') return this.getUpdates(params, respond, fail);
    if (method === 'sendMessage') return this.sendMessage(params, respond, fail);
    return fail(404, 'Not Found');
  }

  private getUpdates(params: Record<string, unknown>, respond: (status: number, body: unknown) => void, fail: (status: number, description: string) => void): void {
    const offset = params['offset'] === undefined ? null : Number(params['offset']);
    const timeout = params['timeout'] === undefined ? 0 : Number(params['timeout']);
    const limit = params['limit'] === undefined ? 100 : Number(params['limit']);
    if ((offset !== null && !Number.isInteger(offset)) || !Number.isInteger(timeout) || timeout < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return fail(400, 'Bad Request: wrong parameter');
    }
    this.polls.push(offset);
    if (offset !== null && this.refuseConfirmingFrom !== null && offset > this.refuseConfirmingFrom) return fail(502, 'Bad Gateway');
    // Asking for an offset confirms every update below it: Telegram forgets them.
    if (offset !== null && offset > 0) this.updates = this.updates.filter((u) => (u['update_id'] as number) >= offset);
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.respond(409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
      this.pending = null;
    }
    const from = offset ?? 0;
    const ready = this.updates.filter((u) => (u['update_id'] as number) >= from).slice(0, limit);
    if (ready.length > 0 || timeout === 0) return respond(200, { ok: true, result: ready });
    const timer = setTimeout(() => {
      this.pending = null;
      respond(200, { ok: true, result: [] });
    }, timeout * 1_000);
    this.pending = { offset: from, limit, respond, timer };
  }

  private answerPending(): void {
    const pending = this.pending;
    if (!pending) return;
    const ready = this.updates.filter((u) => (u['update_id'] as number) >= pending.offset).slice(0, pending.limit);
    if (ready.length === 0) return;
    clearTimeout(pending.timer);
    this.pending = null;
    pending.respond(200, { ok: true, result: ready });
  }

  private sendMessage(params: Record<string, unknown>, respond: (status: number, body: unknown) => void, fail: (status: number, description: string, parameters?: Record<string, unknown>) => void): void {
    const chatId = params['chat_id'];
    const text = params['text'];
    if (chatId === undefined || chatId === '') return fail(400, 'Bad Request: chat_id is empty');
    if (typeof text !== 'string' || text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const now = Date.now();
    while (this.sendTimes.length > 0 && (this.sendTimes[0] ?? 0) <= now - 1_000) this.sendTimes.shift();
    if (this.sendTimes.length >= sendsPerSecond) return fail(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    this.sendTimes.push(now);
    this.sent.push({ chatId: String(chatId), text });
    respond(200, { ok: true, result: { message_id: this.sent.length, date: Math.floor(now / 1000), chat: { id: Number(chatId), type: 'private' }, text } });
  }
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  return parsed as Record<string, unknown>;
}
