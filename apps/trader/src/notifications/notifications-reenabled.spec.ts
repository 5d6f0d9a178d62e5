import { EventStoreRuntime } from '@trader/events';
import { FakeHttpServer } from '@trader/notifications/testing';
import { eventually } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationSettings } from '../config/notification-settings';
import { Secret } from '../config/secret';
import { startTradingApp } from '../test-support/trading-app.harness';

describe('notifications switched off for a run, then on again (one database)', () => {
  let dir: string;
  let receiver: FakeHttpServer;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-notify-reenabled-'));
    receiver = new FakeHttpServer((request, res) => {
      bodies.push(request.body);
      res.writeHead(204).end();
    });
    url = await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (withWebhook: boolean): NotificationSettings => ({
    telegram: null,
    discord: null,
    webhook: withWebhook ? { url: `${url}/hook`, secret: new Secret('reenabled-webhook-secret'), kinds: ['halts'] } : null,
    dailySummaryAt: null,
    timeZone: 'Asia/Seoul',
  });

  async function haltOnce(withWebhook: boolean, reason: string): Promise<void> {
    const h = await startTradingApp({ databasePath: join(dir, 'trader.db'), notifications: { settings: settings(withWebhook), delivery: { idlePollMs: 50 } } });
    try {
      await h.reconcile();
      expect((await h.call('POST', '/api/v1/session/halt', { reason })).status).toBe(204);
      expect((await h.call('POST', '/api/v1/session/resume')).status).toBe(204);
      if (!withWebhook) {
        // A parked row of a channel that is not configured now: a retry would wait forever, so it is refused.
        h.moduleRef.get(EventStoreRuntime).db.prepare("UPDATE notification_outbox SET status = 'parked' WHERE id = 1").run();
        const refused = await h.call('POST', '/api/v1/notifications/outbox/1/retry');
        expect(refused.status).toBe(409);
        expect(refused.body).toEqual(expect.objectContaining({ code: 'illegal_notification_channel_not_configured' }));
      }
      if (withWebhook) await eventually(() => expect(bodies.join('\n')).toContain(reason), { timeoutMs: 10_000 });
    } finally {
      await h.close();
    }
  }

  it('sends nothing of the run without channels when they come back', async () => {
    await haltOnce(true, 'first-run-halt');
    await haltOnce(false, 'halt-while-notifications-were-off');
    await haltOnce(true, 'third-run-halt');
    expect(bodies.join('\n')).toContain('third-run-halt');
    expect(bodies.filter((body) => body.includes('halt-while-notifications-were-off'))).toEqual([]);
  }, 60_000);
});
