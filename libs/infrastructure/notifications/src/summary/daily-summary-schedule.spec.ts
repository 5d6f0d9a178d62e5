import { NOTIFICATION_KINDS } from '@trader/application';
import type { DailySummary, NotificationKind } from '@trader/application';
import { ManualClock } from '@trader/domain';
import { eventually } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebhookChannel } from '../channels/webhook.channel';
import { FakeHttpServer } from '../testing/fake-http-server';
import { NotificationStack } from '../test-support/notification-stack';
import { DailySummarySchedule, DailySummarySource } from './daily-summary-schedule';

const source: DailySummarySource = {
  summarize: async (day: string, timeZone: string, at: number): Promise<DailySummary> => ({
    day,
    timeZone,
    pnlDay: '2026-03-01',
    realizedPnl: '-1500',
    fills: 3,
    openPositions: [{ market: 'KRW-ETH', quantity: '0.5', averageEntryPrice: '3000000' }],
    session: 'trading',
    at,
  }),
};

describe('DailySummarySchedule (injected clock, real outbox, webhook on 127.0.0.1)', () => {
  let dir: string;
  let receiver: FakeHttpServer;
  let url: string;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-summary-'));
    receiver = new FakeHttpServer((_request, res) => res.writeHead(200).end());
    url = await receiver.start();
  });

  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(clock: ManualClock, timeZone: string, kinds: readonly NotificationKind[] = NOTIFICATION_KINDS): NotificationStack {
    const stack = new NotificationStack(dir, [new WebhookChannel({ url: `${url}/hook`, secret: { reveal: () => 'whsec' }, kinds: new Set(kinds) })], undefined, { idlePollMs: 20, baseBackoffMs: 20 }, clock).start();
    const schedule = new DailySummarySchedule(stack.delivery, source, clock, stack.tasks, { at: { hour: 9, minute: 0 }, timeZone, checkEveryMs: 10 });
    schedule.start();
    stops.push(() => stack.stop(), () => schedule.stop());
    return stack;
  }

  it('queues the summary when Seoul (no DST) reaches 09:00, once per day across a restart', async () => {
    const clock = new ManualClock(Date.parse('2026-03-01T23:59:59Z')); // 08:59:59 in Seoul
    const first = start(clock, 'Asia/Seoul');
    await sleep(100);
    expect(receiver.requests).toHaveLength(0);
    clock.advance(1_000);
    await eventually(() => expect(first.outbox.list({ status: 'sent' })).toHaveLength(1));
    expect(receiver.requests).toHaveLength(1);
    const body = JSON.parse(receiver.requests[0]?.body ?? '') as { id: string; kind: string; text: string };
    expect(body.id).toBe('daily-summary/2026-03-02');
    expect(body.kind).toBe('daily_summary');
    expect(body.text).toContain('realised PnL of 2026-03-01 (UTC day): -1500\nfills: 3\nopen positions (1):\n  KRW-ETH 0.5 at average 3000000\nsession: trading');

    // Restarted the same morning: the next summary is tomorrow's, and today's is not sent again.
    for (const stop of stops.splice(0).reverse()) await stop();
    clock.advance(60_000);
    start(clock, 'Asia/Seoul');
    await sleep(100);
    expect(receiver.requests).toHaveLength(1);
    clock.set(Date.parse('2026-03-03T00:00:00Z'));
    await eventually(() => expect(receiver.requests).toHaveLength(2));
    expect(receiver.requests[1]?.headers['x-trader-event-id']).toBe('daily-summary/2026-03-03');
  });

  it('follows the local clock across New York\'s spring DST change (09:00 EST, then 09:00 EDT)', async () => {
    const clock = new ManualClock(Date.parse('2026-03-07T13:59:00Z')); // 08:59 EST
    start(clock, 'America/New_York');
    clock.set(Date.parse('2026-03-07T14:00:00Z'));
    await eventually(() => expect(receiver.requests).toHaveLength(1));
    // 8 March, 08:59 EDT is 12:59 UTC: an hour earlier in UTC than the day before.
    clock.set(Date.parse('2026-03-08T12:59:00Z'));
    await sleep(100);
    expect(receiver.requests).toHaveLength(1);
    clock.set(Date.parse('2026-03-08T13:00:00Z'));
    await eventually(() => expect(receiver.requests).toHaveLength(2));
    expect(receiver.requests.map((r) => r.headers['x-trader-event-id'])).toEqual(['daily-summary/2026-03-07', 'daily-summary/2026-03-08']);
  });

  it('sends nothing to a channel that did not ask for the daily summary', async () => {
    const clock = new ManualClock(Date.parse('2026-03-01T23:59:59Z'));
    const stack = start(clock, 'Asia/Seoul', ['halts']);
    clock.advance(1_000);
    await sleep(150);
    expect(stack.outbox.list()).toHaveLength(0);
    expect(receiver.requests).toHaveLength(0);
  });
});
