import { ManualClock } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { createPgTestDatabase, describeWithPg, type PgTestDatabase } from '@trader/events/testing';
import { TaskManager } from '@trader/runtime';
import { RecordingLogger } from '../test-support/notification-stack';
import { NotificationOutbox } from './notification-outbox';

describeWithPg('NotificationOutbox on PostgreSQL', () => {
  let database: PgTestDatabase;
  let runtime: EventStoreRuntime;

  beforeAll(() => {
    database = createPgTestDatabase();
  });
  afterAll(() => database.drop());
  afterEach(async () => runtime.stop());

  it('queues once per channel and reads rows back with their camelCase fields', () => {
    const clock = new ManualClock(1_700_000_000_000);
    runtime = new EventStoreRuntime({ path: database.url, account: 'outbox', clock, tasks: new TaskManager(clock, new RecordingLogger()) });
    const outbox = new NotificationOutbox(runtime.db);
    const message = { id: 'event-1', kind: 'fills' as const, source: 'OrderFilled', title: 't', text: 'x', at: clock.now(), details: {} };
    expect(outbox.enqueue(message, ['telegram', 'webhook'], clock.now())).toBe(2);
    expect(outbox.enqueue(message, ['telegram'], clock.now())).toBe(0);
    const due = outbox.nextDue('telegram', clock.now());
    expect(due).toMatchObject({ channel: 'telegram', messageId: 'event-1', status: 'pending', attempts: 0, nextAttemptAt: clock.now(), createdAt: clock.now() });
    const id = (due as { id: number }).id;
    outbox.markSent(id, clock.now() + 5);
    expect(outbox.get(id)).toMatchObject({ status: 'sent', sentAt: clock.now() + 5, attempts: 1 });
    expect(outbox.nextAttemptAt('webhook')).toBe(clock.now());
  });
});
