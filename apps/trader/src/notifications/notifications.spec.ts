import { NOTIFICATION_KINDS } from '@trader/application';
import { FakeHttpServer, FakeTelegram } from '@trader/notifications/testing';
import { eventually } from '@trader/runtime';
import { createHmac } from 'node:crypto';
import { NotificationSettings } from '../config/notification-settings';
import { Secret } from '../config/secret';
import type { OpenAPIObject } from '@nestjs/swagger';
import { responseViolations } from '../test-support/openapi-response-check';
import { harnessLimits, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';

const botToken = '123456:AAE-app-bot-token-never-shown';
const webhookSecret = 'app-webhook-secret-never-shown';
const marketBuy = { market: 'KRW-BTC', side: 'buy', orderType: 'market', funds: '50000' };

describe('notifications in the trader (paper exchange, fake Telegram and webhook on 127.0.0.1)', () => {
  let h: TradingAppHarness;
  let telegram: FakeTelegram;
  let receiver: FakeHttpServer;

  beforeAll(async () => {
    telegram = new FakeTelegram({ token: botToken, chatIds: ['1001'] });
    const apiUrl = await telegram.server.start();
    // Telegram is dead: it takes the connection and never answers.
    telegram.server.fault = { kind: 'hang' };
    receiver = new FakeHttpServer((_request, res) => res.writeHead(204).end());
    const url = await receiver.start();
    const settings: NotificationSettings = {
      telegram: { botToken: new Secret(botToken), chatIds: ['1001'], apiUrl, kinds: [...NOTIFICATION_KINDS] },
      discord: null,
      webhook: { url: `${url}/hook`, secret: new Secret(webhookSecret), kinds: ['fills', 'entries', 'halts'] },
      dailySummaryAt: null,
      timeZone: 'Asia/Seoul',
    };
    h = await startTradingApp({ notifications: { settings, delivery: { idlePollMs: 50, baseBackoffMs: 50, sendTimeoutMs: 60_000 } } });
    expect((await h.call('PUT', '/api/v1/risk/limits', { ...harnessLimits, maxOpenOrders: 20, orderRate: { maxOrders: 50, perMs: 1000 } })).status).toBe(204);
    await h.reconcile();
  });

  afterAll(async () => {
    await h.close();
    await telegram.server.stop();
    await receiver.stop();
  });

  it('fills orders at normal speed and notifies the webhook while Telegram hangs', async () => {
    const started = performance.now();
    const orderIds: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const placed = await h.call('POST', '/api/v1/orders', marketBuy);
      expect(placed.status).toBe(201);
      orderIds.push((placed.body as { orderId: string }).orderId);
    }
    await eventually(async () => expect((await h.call('GET', '/api/v1/orders?status=filled')).body).toHaveLength(10), { timeoutMs: 10_000 });
    // Ten market orders placed and filled by the paper exchange: a second or two at most, not the
    // Telegram send's 60 s time-out.
    expect(performance.now() - started).toBeLessThan(8_000);

    await eventually(() => expect(receiver.requests.filter((r) => JSON.parse(r.body).kind === 'fills')).toHaveLength(10));
    const entry = receiver.requests.map((r) => JSON.parse(r.body) as { kind: string; source: string }).find((m) => m.kind === 'entries');
    expect(entry?.source).toBe('PositionOpened');
    for (const request of receiver.requests) {
      expect(request.headers['x-trader-signature']).toBe(`sha256=${createHmac('sha256', webhookSecret).update(request.body).digest('hex')}`);
    }
    expect(telegram.server.requests).toHaveLength(1);

    const pending = await h.call('GET', '/api/v1/notifications/outbox?channel=telegram:1001&status=pending&limit=1000');
    expect(pending.status).toBe(200);
    expect((pending.body as unknown[]).length).toBeGreaterThanOrEqual(11);
  }, 30_000);

  it('lists the outbox without secrets, validates its query and retries only parked rows', async () => {
    const all = await h.call('GET', '/api/v1/notifications/outbox?limit=1000');
    expect(all.status).toBe(200);
    expect(all.body).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'webhook', status: 'sent', kind: 'fills', text: expect.stringContaining('Fill KRW-BTC buy') })]));
    const answered = JSON.stringify(all.body);
    expect(answered).not.toContain(botToken);
    expect(answered).not.toContain(webhookSecret);
    const events = await h.call('GET', '/api/v1/events?limit=1000');
    expect(JSON.stringify(events.body)).not.toContain(botToken);

    expect((await h.call('GET', '/api/v1/notifications/outbox?status=lost')).status).toBe(400);
    expect((await h.call('GET', '/api/v1/notifications/outbox?channel=slack')).body).toEqual(expect.objectContaining({ errors: [expect.objectContaining({ field: 'channel' })] }));
    const sent = (all.body as { id: number; status: string }[]).find((row) => row.status === 'sent');
    expect((await h.call('POST', `/api/v1/notifications/outbox/${sent?.id ?? 0}/retry`)).status).toBe(409);
    expect((await h.call('POST', '/api/v1/notifications/outbox/999999/retry')).status).toBe(404);
    expect(await h.call('POST', '/api/v1/notifications/outbox/x/retry')).toEqual({
      status: 400,
      body: expect.objectContaining({ detail: 'id must be a whole number', errors: [{ field: 'id', message: 'must be a whole number' }] }),
    });
  });

  it('answers as its OpenAPI document says (the dashboard types are generated from it)', async () => {
    const document = (await h.call('GET', '/api/docs-json')).body as OpenAPIObject;
    const calls: [string, string, number][] = [
      ['GET', '/api/v1/notifications/outbox?limit=5', 200],
      ['GET', '/api/v1/notifications/outbox?status=lost', 400],
      ['POST', '/api/v1/notifications/outbox/1/retry', 409],
      ['POST', '/api/v1/notifications/outbox/999999/retry', 404],
      ['POST', '/api/v1/notifications/outbox/abc/retry', 400],
    ];
    for (const [method, path, status] of calls) {
      const response = await h.call(method, path);
      expect({ route: `${method} ${path}`, status: response.status, violations: responseViolations(document, method, path, response.status, response.body) }).toEqual({ route: `${method} ${path}`, status, violations: [] });
    }
    expect((await h.call('GET', '/api/v1/notifications/outbox', undefined, null)).status).toBe(401);
  });
});
