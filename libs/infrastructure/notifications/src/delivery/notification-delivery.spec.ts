import { NOTIFICATION_KINDS } from '@trader/application';
import type { NotificationKind } from '@trader/application';
import { eventually } from '@trader/runtime';
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordChannel } from '../channels/discord.channel';
import { SecretValue } from '../channels/notification-channel';
import { TelegramChannel } from '../channels/telegram.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import { FakeDiscord } from '../testing/fake-discord';
import { FakeHttpServer, json } from '../testing/fake-http-server';
import { FakeTelegram } from '../testing/fake-telegram';
import { NotificationStack, positionClosed, RecordingLogger, tradingHalted } from '../test-support/notification-stack';

const botToken = '123456:AAE-secret-bot-token-do-not-leak';
const webhookSecret = 'whsec-do-not-leak-0123456789';
const discordToken = 'discord-webhook-token-do-not-leak';
const all = new Set<NotificationKind>(NOTIFICATION_KINDS);
const fast = { baseBackoffMs: 20, maxBackoffMs: 200, idlePollMs: 50, sendTimeoutMs: 2_000 };

function secret(value: string): SecretValue {
  return { reveal: () => value, toString: () => '[redacted]', toJSON: () => '[redacted]' } as SecretValue;
}

/** A webhook receiver that takes every POST (2xx) and keeps it. */
function webhookReceiver(): FakeHttpServer {
  return new FakeHttpServer((request, res) => (request.method === 'POST' && request.path === '/hooks/trader' ? res.writeHead(202).end() : json(res, 404, { error: 'not found' })));
}

describe('notification delivery (real SQLite, fake services on 127.0.0.1)', () => {
  let dir: string;
  const cleanups: (() => Promise<void>)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-notify-'));
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve<T extends { start(): Promise<string>; stop(): Promise<void> }>(server: T): Promise<string> {
    const url = await server.start();
    cleanups.push(() => server.stop());
    return url;
  }

  function stack(...args: ConstructorParameters<typeof NotificationStack>): NotificationStack {
    const created = new NotificationStack(...args).start();
    cleanups.push(() => created.stop());
    return created;
  }

  it('signs the generic webhook: X-Trader-Signature is the HMAC-SHA256 of the raw body, X-Trader-Event-Id the event id', async () => {
    const receiver = webhookReceiver();
    const url = await serve(receiver);
    const s = stack(dir, [new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all })], undefined, fast);
    await s.append('position-KRW-BTC', positionClosed('exit-1'));
    const [request] = await eventually(() => {
      expect(receiver.requests).toHaveLength(1);
      return receiver.requests;
    });
    const expected = `sha256=${createHmac('sha256', webhookSecret).update(request?.body ?? '').digest('hex')}`;
    expect(request?.headers['x-trader-signature']).toBe(expected);
    expect(request?.headers['x-trader-event-id']).toBe('exit-1');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual(
      expect.objectContaining({ id: 'exit-1', kind: 'exits', source: 'PositionClosed', title: 'Exit KRW-BTC', details: expect.objectContaining({ fillRealizedPnl: '1200' }) }),
    );
  });

  it('sends Telegram sendMessage to each configured chat, plain text, and only the kinds asked for', async () => {
    const telegram = new FakeTelegram({ token: botToken, chatIds: ['1001', '-2002'] });
    const apiUrl = await serve(telegram.server);
    const chats = ['1001', '-2002'].map((chatId) => new TelegramChannel({ apiUrl, botToken: secret(botToken), chatId, kinds: new Set<NotificationKind>(['halts']) }));
    const s = stack(dir, chats, undefined, fast);
    await s.append('session', tradingHalted('halt-1'));
    await s.append('position-KRW-BTC', positionClosed('exit-1'));
    await eventually(() => expect(telegram.delivered.map((d) => d.chatId).sort()).toEqual(['-2002', '1001']));
    expect(telegram.delivered[0]?.text).toBe('Trading halted\nreason: operator');
    const body = JSON.parse(telegram.server.requests[0]?.body ?? '') as Record<string, unknown>;
    expect(body).toEqual({ chat_id: expect.any(String), text: 'Trading halted\nreason: operator', disable_web_page_preview: true });
    expect(telegram.server.requests[0]?.path).toBe(`/bot${botToken}/sendMessage`);
    // The exit is not a kind these chats take: nothing queued for it.
    expect(s.outbox.list().map((row) => row.messageId)).toEqual(['halt-1', 'halt-1']);
  });

  it('posts Discord webhook content and waits out its 429 retry_after', async () => {
    const discord = new FakeDiscord('42', discordToken, 1, 400, 0.4);
    const base = await serve(discord.server);
    const s = stack(dir, [new DiscordChannel({ webhookUrl: secret(`${base}/api/webhooks/42/${discordToken}`), kinds: all })], undefined, fast);
    await s.append('session', tradingHalted('halt-1'), tradingHalted('halt-2', 'kill_switch'));
    await eventually(() => expect(discord.delivered).toHaveLength(2), { timeoutMs: 10_000 });
    expect(discord.delivered.map((d) => d.content)).toEqual(['Trading halted\nreason: operator', 'Trading halted\nreason: kill_switch']);
    // Three requests: the first delivered, the second refused with one 429, then nothing until
    // retry_after (0.4 s; its Retry-After header rounds up to 1 s) had passed, and the same message again.
    // (By request order: a delivery's own time is taken a moment after its request's, so times alone
    // counted the retried request among the refused ones on a busy machine.)
    const [first, refused, retried] = discord.server.requests;
    expect(discord.server.requests).toHaveLength(3);
    expect(refused?.body).toBe(retried?.body);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(JSON.parse(first?.body ?? '')).toEqual({ content: 'Trading halted\nreason: operator', allowed_mentions: { parse: [] } });
  }, 15_000);

  it('honours Telegram 429 retry_after before sending to that chat again', async () => {
    const telegram = new FakeTelegram({ token: botToken, chatIds: ['1001'], perChatLimit: 1, windowMs: 60_000, retryAfterSeconds: 1 });
    const apiUrl = await serve(telegram.server);
    const s = stack(dir, [new TelegramChannel({ apiUrl, botToken: secret(botToken), chatId: '1001', kinds: all })], undefined, fast);
    await s.append('session', tradingHalted('halt-1'), tradingHalted('halt-2'));
    await eventually(() => expect(telegram.server.requests.length).toBeGreaterThanOrEqual(2));
    // The chat is limited to one message a minute here: the second is refused, then retried only after
    // retry_after (1 s), and refused again by the same rule, never sooner.
    await eventually(() => expect(telegram.server.requests.length).toBeGreaterThanOrEqual(3), { timeoutMs: 5_000 });
    const [, second, third] = telegram.server.requests;
    expect((third?.at ?? 0) - (second?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(telegram.delivered).toHaveLength(1);
    const row = s.outbox.list({ status: 'pending' })[0];
    expect(row?.lastError).toContain('rate limited: Too Many Requests: retry after 1');
  });

  it('retries a failing service with back-off until it takes the message', async () => {
    const receiver = webhookReceiver();
    const url = await serve(receiver);
    receiver.fault = { kind: 'status', status: 503, times: 3 };
    const s = stack(dir, [new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all })], undefined, fast);
    await s.append('session', tradingHalted('halt-1'));
    await eventually(() => expect(s.outbox.list()[0]).toEqual(expect.objectContaining({ status: 'sent', attempts: 4 })));
    expect(receiver.requests).toHaveLength(4);
    const gaps = receiver.requests.slice(1).map((r, i) => r.at - (receiver.requests[i]?.at ?? 0));
    // 20, 40, 80 ms of back-off (timer granularity allows a millisecond early).
    expect(gaps[0]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(79);
  });

  it('parks a message after repeated failures, or at once when the service refuses it for good; a parked one can be retried', async () => {
    const receiver = webhookReceiver();
    const url = await serve(receiver);
    const telegram = new FakeTelegram({ token: botToken, chatIds: ['1001'] });
    const apiUrl = await serve(telegram.server);
    receiver.fault = { kind: 'status', status: 500, times: 1_000 };
    const s = stack(
      dir,
      [
        new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all }),
        new TelegramChannel({ apiUrl, botToken: secret(botToken), chatId: '999', kinds: all }),
      ],
      undefined,
      { ...fast, maxAttempts: 3 },
    );
    await s.append('session', tradingHalted('halt-1'));
    await eventually(() => expect(s.outbox.list({ status: 'parked' })).toHaveLength(2));
    const [telegramRow, webhookRow] = s.outbox.list({ status: 'parked' });
    expect(webhookRow).toEqual(expect.objectContaining({ channel: 'webhook', attempts: 3, lastError: expect.stringContaining('webhook answered 500') }));
    // 999 is not a chat the bot is in: Telegram's 400 "chat not found" cannot get better by retrying.
    expect(telegramRow).toEqual(expect.objectContaining({ channel: 'telegram:999', attempts: 1, lastError: expect.stringContaining('chat not found') }));
    expect(receiver.requests).toHaveLength(3);

    receiver.fault = null;
    expect(s.outbox.retryParked(webhookRow?.id ?? 0, Date.now())).toBe(true);
    await eventually(() => expect(s.outbox.get(webhookRow?.id ?? 0)?.status).toBe('sent'));
    expect(receiver.requests).toHaveLength(4);
  });

  it('never sends a message twice when the subscriber replays after a restart (dedup by event id)', async () => {
    const receiver = webhookReceiver();
    const url = await serve(receiver);
    const channels = () => [new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all })];
    const first = new NotificationStack(dir, channels(), undefined, fast).start();
    await first.append('session', tradingHalted('halt-1'), tradingHalted('halt-2'));
    await eventually(() => expect(receiver.requests).toHaveLength(2));
    // A clean stop lets the second send, maybe still unanswered, finish (see the test above).
    await first.stop();

    // As after a crash between the sends and the checkpoint write: the subscriber starts from 0 again.
    const db = new Database(join(dir, 'trader.db'));
    expect(db.prepare('DELETE FROM checkpoints WHERE subscriber = ?').run('notification-outbox').changes).toBe(1);
    db.close();
    const reopened = new NotificationStack(dir, channels(), undefined, fast).start();
    cleanups.push(() => reopened.stop());
    await eventually(() => expect(reopened.runtime.dispatcher.stats().handlers.find((h) => h.name === 'notification-outbox')?.handled).toBe(2));
    await reopened.append('session', tradingHalted('halt-3'));
    await eventually(() => expect(receiver.requests).toHaveLength(3));
    expect(receiver.requests.map((r) => r.headers['x-trader-event-id'])).toEqual(['halt-1', 'halt-2', 'halt-3']);
  });

  it('lets a send in flight finish when stopped: its row is marked sent, and the restart does not send it again', async () => {
    let answer: (() => void) | undefined;
    // Takes the request, answers only when the test says so.
    const receiver = new FakeHttpServer((_request, res) => {
      answer = () => res.writeHead(202).end();
    });
    const url = await serve(receiver);
    const channels = () => [new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all })];
    const first = new NotificationStack(dir, channels(), undefined, fast).start();
    await first.append('session', tradingHalted('halt-1'));
    await eventually(() => expect(answer).toBeDefined());

    // stop() aborts the delivery loops before it first awaits; the service answers after that, within the grace.
    const stopped = first.stop();
    answer?.();
    await stopped;

    const reopened = stack(dir, channels(), undefined, fast);
    expect(reopened.outbox.list({ status: 'sent' }).map((row) => row.messageId)).toEqual(['halt-1']);
    expect(reopened.outbox.list({ status: 'pending' })).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  });

  it('abandons a send still unanswered after the stop grace: the row stays pending and is sent after the restart', async () => {
    const receiver = webhookReceiver();
    const url = await serve(receiver);
    const channels = () => [new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all })];
    receiver.fault = { kind: 'hang' };
    const first = new NotificationStack(dir, channels(), undefined, { ...fast, stopGraceMs: 50 }).start();
    await first.append('session', tradingHalted('halt-1'));
    await eventually(() => expect(receiver.requests).toHaveLength(1));
    await first.stop();

    receiver.fault = null;
    const reopened = stack(dir, channels(), undefined, fast);
    await eventually(() => expect(reopened.outbox.list({ status: 'sent' }).map((row) => row.messageId)).toEqual(['halt-1']));
    expect(receiver.requests.map((r) => r.headers['x-trader-event-id'])).toEqual(['halt-1', 'halt-1']);
  });

  it('keeps secrets out of logs, error texts, events and the outbox', async () => {
    const logger = new RecordingLogger();
    // Nothing listens on the Telegram/Discord URLs (connection refused), the webhook answers 401 echoing its request.
    const echo = new FakeHttpServer((request, res) => json(res, 401, { error: `bad signature ${request.headers['x-trader-signature']} for ${request.path}` }));
    const url = await serve(echo);
    const closed = new FakeHttpServer(() => undefined);
    const closedUrl = await closed.start();
    await closed.stop();
    const s = stack(
      dir,
      [
        // With a trailing `/`, as a setting may be written: the URL shown has none doubled.
        new TelegramChannel({ apiUrl: `${closedUrl}/`, botToken: secret(botToken), chatId: '1001', kinds: all }),
        new DiscordChannel({ webhookUrl: secret(`${closedUrl}/api/webhooks/42/${discordToken}`), kinds: all }),
        new WebhookChannel({ url: `${url}/hooks/${webhookSecret}`, secret: secret(webhookSecret), kinds: all }),
      ],
      logger,
      { ...fast, maxAttempts: 2 },
    );
    await s.append('session', tradingHalted('halt-1'));
    await eventually(() => expect(s.outbox.list({ status: 'parked' })).toHaveLength(3), { timeoutMs: 10_000 });
    const stored = JSON.stringify(s.outbox.list()) + JSON.stringify(s.runtime.db.prepare('SELECT * FROM events').all()) + logger.lines.join('\n');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(stored).toContain(`POST ${closedUrl}/bot[redacted]/sendMessage failed`);
    for (const leaked of [botToken, discordToken, webhookSecret, 'AAE-secret']) expect(stored).not.toContain(leaked);
  });

  it('lets events commit and other channels deliver at full speed while one channel hangs', async () => {
    const telegram = new FakeTelegram({ token: botToken, chatIds: ['1001'] });
    const apiUrl = await serve(telegram.server);
    telegram.server.fault = { kind: 'hang' };
    const receiver = webhookReceiver();
    const url = await serve(receiver);
    const s = stack(
      dir,
      [new TelegramChannel({ apiUrl, botToken: secret(botToken), chatId: '1001', kinds: all }), new WebhookChannel({ url: `${url}/hooks/trader`, secret: secret(webhookSecret), kinds: all })],
      undefined,
      { ...fast, sendTimeoutMs: 60_000 },
    );
    const latencies: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const started = performance.now();
      await s.append('session', tradingHalted(`halt-${i}`));
      latencies.push(performance.now() - started);
    }
    await eventually(() => expect(receiver.requests).toHaveLength(300), { timeoutMs: 20_000 });
    latencies.sort((a, b) => a - b);
    // Appends never wait for a channel: p99 well under a millisecond-scale budget on this machine.
    expect(latencies[Math.floor(latencies.length * 0.99)]).toBeLessThan(50);
    expect(telegram.server.requests).toHaveLength(1); // still hanging on the first message
    expect(s.outbox.list({ channel: 'telegram:1001', status: 'pending', limit: 1_000 })).toHaveLength(300);
  }, 30_000);
});
