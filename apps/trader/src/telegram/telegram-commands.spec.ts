import { FakeTelegram } from '@trader/notifications/testing';
import { eventually, TaskManager } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Secret } from '../config/secret';
import { harnessPaperExchange, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';
import { telegramPollerName } from './telegram-command-poller';

const botToken = '987654321:AAF-fake-bot-token-never-logged-xyz';
const operatorChat = 424242;
const strangerChat = 131313;

/** Everything the runtime logged, as one string (message and context), to search for the token. */
function capturingLogger(): RuntimeLogger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, context?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${context ? inspect(context, { depth: 5 }) : ''}`);
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

type EventsPage = { events: { type: string; data: Record<string, unknown>; metadata: { actor?: string } }[] };

describe('Telegram commands', () => {
  let telegram: FakeTelegram;
  let telegramUrl: string;
  let dir: string;
  let logger: ReturnType<typeof capturingLogger>;
  const apps: TradingAppHarness[] = [];

  const start = async (options: { token?: string } = {}): Promise<TradingAppHarness> => {
    const app = await startTradingApp({
      databasePath: join(dir, 'trader.db'),
      logger,
      telegram: { apiUrl: telegramUrl, botToken: new Secret(options.token ?? botToken), chatIds: [String(operatorChat)], pollTimeoutSeconds: 5 },
    });
    apps.push(app);
    return app;
  };
  const events = async (app: TradingAppHarness, type: string): Promise<EventsPage['events']> => ((await app.call('GET', `/api/v1/events?type=${type}`)).body as EventsPage).events;
  const session = async (app: TradingAppHarness): Promise<{ mode: string; haltReason: string | null }> => (await app.call('GET', '/api/v1/session')).body as { mode: string; haltReason: string | null };
  const repliesTo = (chat: number, count: number): Promise<string[]> =>
    eventually(() => {
      const replies = telegram.sentTo(chat);
      expect(replies.length).toBeGreaterThanOrEqual(count);
      return replies;
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-telegram-'));
    telegram = new FakeTelegram({ token: botToken });
    telegramUrl = await telegram.server.start();
    logger = capturingLogger();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await telegram.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('halts the session on /halt from an allowed chat, records the chat as the actor, and never logs the token', async () => {
    const app = await start();
    telegram.pushMessage(operatorChat, '/halt maintenance window');
    const [reply] = await repliesTo(operatorChat, 1);
    expect(reply).toContain('Trading halted: maintenance window');
    expect(await session(app)).toEqual(expect.objectContaining({ mode: 'halted', haltReason: 'maintenance window' }));
    expect((await events(app, 'TradingHalted')).map((e) => e.metadata.actor)).toEqual([`telegram:${operatorChat}`]);

    telegram.pushMessage(operatorChat, '/status');
    expect((await repliesTo(operatorChat, 2))[1]).toMatch(/^Session: halted \(maintenance window\)\nKill switch: off/);
    telegram.pushMessage(operatorChat, '/resume');
    expect((await repliesTo(operatorChat, 3))[2]).toBe('Trading resumed.');
    expect((await session(app)).mode).toBe('trading');
    telegram.pushMessage(operatorChat, '/resume');
    expect((await repliesTo(operatorChat, 4))[3]).toBe('Refused: ResumeTrading is not allowed while the session is trading');
    telegram.pushMessage(operatorChat, '/pnl month');
    expect((await repliesTo(operatorChat, 5))[4]).toMatch(/^No fills from \d{4}-\d{2}-01 to \d{4}-\d{2}-\d{2}\.$/);

    // The admin API records its own operator the same way.
    expect((await app.call('POST', '/api/v1/session/halt', { reason: 'from the api' })).status).toBe(204);
    expect((await events(app, 'TradingHalted')).map((e) => e.metadata.actor)).toEqual([`telegram:${operatorChat}`, 'admin-api']);
    expect(logger.lines.join('\n')).toContain('answered /halt');
    expect(logger.lines.join('\n')).not.toContain('AAF-fake-bot-token');
  });

  it('does not carry out a command sent while the trader was not reading: Telegram keeps it for a day', async () => {
    const app = await start();
    const sentAt = Math.floor(Date.now() / 1000) - 60 * 60;
    telegram.pushUpdate((updateId) => ({
      update_id: updateId,
      message: { message_id: updateId, date: sentAt, chat: { id: operatorChat, type: 'private' }, from: { id: operatorChat, is_bot: false, first_name: 'Operator' }, text: '/halt an hour ago' },
    }));
    const [reply] = await repliesTo(operatorChat, 1);
    expect(reply).toMatch(/^Ignored: \/halt an hour ago was sent 60 min ago/);
    expect(await events(app, 'TradingHalted')).toEqual([]);
    telegram.pushMessage(operatorChat, '/halt now');
    expect((await repliesTo(operatorChat, 2))[1]).toContain('Trading halted: now');
  });

  it('obeys no other chat: nothing changes, nothing is answered, the chat id is logged', async () => {
    const app = await start();
    telegram.pushMessage(strangerChat, '/halt gotcha');
    telegram.pushMessage(strangerChat, '/kill');
    telegram.pushMessage(operatorChat, '/help');
    await repliesTo(operatorChat, 1);
    expect(telegram.sentTo(strangerChat)).toEqual([]);
    expect((await session(app)).mode).not.toBe('halted');
    expect(await events(app, 'TradingHalted')).toEqual([]);
    expect(logger.lines.filter((line) => line.includes(`ignored a message from chat ${strangerChat}`))).toHaveLength(2);
  });

  it('engages the kill switch only with the code it gave, once', async () => {
    const app = await start();
    telegram.pushMessage(operatorChat, '/kill');
    const [ask] = await repliesTo(operatorChat, 1);
    const code = /\/kill (\d{6})/.exec(ask ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    telegram.pushMessage(operatorChat, `/kill ${code === '123456' ? '654321' : '123456'}`);
    expect((await repliesTo(operatorChat, 2))[1]).toContain('Wrong or expired code');
    // The wrong guess spent the code: the right one no longer works either.
    telegram.pushMessage(operatorChat, `/kill ${code}`);
    expect((await repliesTo(operatorChat, 3))[2]).toContain('Wrong or expired code');
    expect(await events(app, 'KillSwitchEngaged')).toEqual([]);

    telegram.pushMessage(operatorChat, '/kill');
    const fresh = /\/kill (\d{6})/.exec((await repliesTo(operatorChat, 4))[3] ?? '')?.[1] ?? '';
    telegram.pushMessage(operatorChat, `/kill ${fresh}`);
    expect((await repliesTo(operatorChat, 5))[4]).toContain('Kill switch ENGAGED');
    expect((await events(app, 'KillSwitchEngaged')).map((e) => e.metadata.actor)).toEqual([`telegram:${operatorChat}`]);
    expect((await session(app)).mode).toBe('halted');
  });

  it('goes on after a malformed update and a 429, waiting as long as Telegram asks', async () => {
    await start();
    telegram.pushUpdate((id) => ({ update_id: id, message: { message_id: 1, date: 0, chat: { id: operatorChat, type: 'private' }, text: { not: 'text' } } }));
    telegram.pushUpdate((id) => ({ update_id: id, message: { message_id: 2, date: 0, text: '/halt no chat' } }));
    telegram.pushMessage(operatorChat, '/help');
    expect((await repliesTo(operatorChat, 1))[0]).toContain('/pnl [day|week|month]');
    const tasks = apps[0]?.moduleRef.get(TaskManager);
    expect(tasks?.list().find((t) => t.name === telegramPollerName)).toEqual(expect.objectContaining({ state: 'running', itemFailures: 2, restarts: 0 }));

    // The poll in flight answers; the next one and the reply's first send are refused with retry_after 1.
    telegram.rateLimit('getUpdates', 1);
    telegram.rateLimit('sendMessage', 1);
    telegram.pushMessage(operatorChat, '/positions');
    expect((await repliesTo(operatorChat, 2))[1]).toBe('No open positions.');
    await eventually(() => expect(logger.lines.join('\n')).toContain('getUpdates rate-limited; waiting 1 s as asked'));
    telegram.pushMessage(operatorChat, '/orders');
    expect((await repliesTo(operatorChat, 3))[2]).toBe('No open orders.');
    expect(tasks?.list().find((t) => t.name === telegramPollerName)?.restarts).toBe(0);
  });

  it('does not run a command again after a restart, even when Telegram still holds its update', async () => {
    const exchange = harnessPaperExchange();
    const first = await startTradingApp({ databasePath: join(dir, 'trader.db'), exchange, logger, telegram: { apiUrl: telegramUrl, botToken: new Secret(botToken), chatIds: [String(operatorChat)] } });
    apps.push(first);
    // The trader stops before its next poll reaches Telegram, so Telegram never learns the update was handled.
    const halt = telegram.pushMessage(operatorChat, '/halt before restart');
    telegram.refuseConfirming(halt);
    await repliesTo(operatorChat, 1);
    await eventually(() => expect(telegram.polls).toContain(halt + 1));
    expect((await first.call('POST', '/api/v1/session/resume')).status).toBe(204);
    await apps.splice(0)[0]?.close();

    telegram.acceptConfirmations();
    const second = await startTradingApp({ databasePath: join(dir, 'trader.db'), exchange, logger, telegram: { apiUrl: telegramUrl, botToken: new Secret(botToken), chatIds: [String(operatorChat)] } });
    apps.push(second);
    telegram.pushMessage(operatorChat, '/status');
    expect((await repliesTo(operatorChat, 2))[1]).toMatch(/^Session: trading/);
    expect((await session(second)).mode).toBe('trading');
    expect(await events(second, 'TradingHalted')).toHaveLength(1);
    expect(telegram.sentTo(operatorChat)).toHaveLength(2);
  });

  it('keeps polling with back-off when the token is refused, and logs no token', async () => {
    const app = await start({ token: '987654321:AAF-wrong-token-also-secret-zzz' });
    const tasks = app.moduleRef.get(TaskManager);
    await eventually(() => expect(tasks.list().find((t) => t.name === telegramPollerName)?.restarts).toBeGreaterThanOrEqual(1));
    const task = tasks.list().find((t) => t.name === telegramPollerName);
    expect(task?.lastError).toBe('Telegram getUpdates failed: 401 Unauthorized');
    const logged = logger.lines.join('\n');
    expect(logged).toContain('401 Unauthorized');
    expect(logged).not.toContain('AAF-wrong-token');
    expect(JSON.stringify(tasks.list())).not.toContain('AAF-wrong-token');
    expect(await events(app, 'TradingHalted')).toEqual([]);
  });
});
