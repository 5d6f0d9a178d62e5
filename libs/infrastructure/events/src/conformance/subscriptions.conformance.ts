import type { StoredEvent } from '@trader/application';
import { eventually } from '@trader/runtime';
import { handlerFailedType } from '../bus/handler-failed';
import { Lane } from '../bus/lane';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { sampleEvents } from '../test-support/temp-event-database';
import { ConformanceContext } from './conformance-context';

function recorder(name: string, lane: Lane, eventTypes?: string[]): EventSubscriber & { seen: number[] } {
  const seen: number[] = [];
  return {
    name,
    lane,
    ...(eventTypes ? { eventTypes } : {}),
    seen,
    handle: async (event: StoredEvent) => {
      seen.push(event.position);
    },
  };
}

/** Checkpointed subscribers through the runtime's lanes, and dead letters, on the store's own tables. */
export function subscriptionsConformance(t: ConformanceContext): void {
  describe('checkpointed subscriptions', () => {
    it('delivers committed events in position order, once, and checkpoints each subscriber', async () => {
      const runtime = t.open();
      const all = recorder('audit', 'low-logging');
      const fills = recorder('fills', 'critical-trading', ['OrderFilled']);
      runtime.addSubscriber(all);
      runtime.addSubscriber(fills);
      runtime.start();
      await runtime.publishing.append('a', 'any', sampleEvents('a', 3));
      await runtime.publishing.append('b', 'any', [{ eventId: 'f1', type: 'OrderFilled', data: {} }]);
      await runtime.publishing.appendBatch([
        { streamId: 'a', expectedVersion: 3, events: sampleEvents('a2', 2) },
        { streamId: 'b', expectedVersion: 1, events: [{ eventId: 'f2', type: 'OrderFilled', data: {} }] },
      ]);
      await eventually(() => expect(all.seen).toEqual([1, 2, 3, 4, 5, 6, 7]));
      await eventually(() => expect(fills.seen).toEqual([4, 7]));
      await eventually(() => expect(runtime.checkpoints.position('audit')).toBe(7));
      expect(runtime.checkpoints.position('fills')).toBe(7);
      expect(runtime.dispatcher.stats().handlers.find((h) => h.name === 'audit')).toMatchObject({ handled: 7, failed: 0, lag: 0 });
    });

    it('catches up from its checkpoint after a restart and handles each event once', async () => {
      const first = t.open();
      const before = recorder('audit', 'low-logging');
      first.addSubscriber(before);
      first.start();
      await first.publishing.append('a', 'any', sampleEvents('a', 2));
      await eventually(() => expect(first.checkpoints.position('audit')).toBe(2));
      await t.close(first);
      // Events appended while no dispatcher runs are the "unprocessed events" of the original design.
      const offline = t.open();
      await offline.store.append('a', 'any', sampleEvents('b', 3));
      await t.close(offline);
      const second = t.open();
      const after = recorder('audit', 'low-logging');
      second.addSubscriber(after);
      second.start();
      await second.publishing.append('a', 'any', sampleEvents('c', 1));
      await eventually(() => expect(after.seen).toEqual([3, 4, 5, 6]));
      await eventually(() => expect(second.checkpoints.position('audit')).toBe(6));
      expect(before.seen).toEqual([1, 2]);
    });
  });

  describe('dead letters', () => {
    it('retries a failing handler, parks the event, moves the checkpoint past it and appends HandlerFailed caused by it', async () => {
      const runtime = t.open();
      let calls = 0;
      runtime.addSubscriber({
        name: 'flaky',
        lane: 'high-safety',
        eventTypes: ['RiskChecked'],
        handle: async (event) => {
          calls += 1;
          if ((event.data as { ok: boolean }).ok !== true) throw new Error(`cannot handle ${event.eventId}`);
        },
      });
      const alerts = recorder('alerts', 'critical-trading', [handlerFailedType]);
      runtime.addSubscriber(alerts);
      runtime.start();
      await runtime.publishing.append('r', 'any', [{ eventId: 'bad', type: 'RiskChecked', data: { ok: false } }]);
      await runtime.publishing.append('r', 'any', [{ eventId: 'good', type: 'RiskChecked', data: { ok: true } }]);
      await eventually(() => expect(runtime.dispatcher.listParked()).toHaveLength(1));
      const [letter] = runtime.dispatcher.listParked('flaky');
      expect(letter).toMatchObject({ subscriber: 'flaky', position: 1, eventId: 'bad', streamId: 'r', eventType: 'RiskChecked', attempts: 3, status: 'parked', error: 'cannot handle bad' });
      await eventually(() => expect(alerts.seen).toHaveLength(1));
      const [failed] = [...runtime.store.readAll(alerts.seen[0], 1)];
      expect(failed).toMatchObject({ type: handlerFailedType, metadata: { causationId: 'bad' }, data: { subscriber: 'flaky', position: 1 } });
      await eventually(() => expect(runtime.checkpoints.position('flaky')).toBe(2));
      expect(calls).toBe(4);

      const id = (letter as { id: number }).id;
      expect(await runtime.dispatcher.retryParked(id)).toEqual({ id, status: 'still-parked', error: 'cannot handle bad' });
      expect(runtime.dispatcher.listParked()[0]).toMatchObject({ id, attempts: 4 });
      await runtime.dispatcher.discardParked(id);
      expect(runtime.dispatcher.listParked()).toEqual([]);
      expect(runtime.deadLetters.get(id)).toMatchObject({ status: 'discarded', closedAt: t.clock.now() });
      await expect(runtime.dispatcher.discardParked(id)).rejects.toMatchObject({ code: 'EVENT_BUS_DEAD_LETTER_NOT_FOUND' });
    });

    it('resolves a parked event when the operator retries it after the cause is fixed, and keeps letters across a restart', async () => {
      let broken = true;
      let calls = 0;
      const notifier = (): EventSubscriber => ({
        name: 'notifier',
        lane: 'low-logging',
        // Without a type filter it would also take (and park) its own HandlerFailed event: a second letter.
        eventTypes: ['SampleRecorded'],
        handle: async () => {
          calls += 1;
          if (broken) throw new Error('smtp down');
        },
      });
      const first = t.open({ retry: { attempts: 1 } });
      first.addSubscriber(notifier());
      first.start();
      await first.publishing.append('n', 'any', sampleEvents('n', 2));
      await eventually(() => expect(first.dispatcher.listParked('notifier')).toHaveLength(2));
      await t.close(first);

      const second = t.open({ retry: { attempts: 1 } });
      second.addSubscriber(notifier());
      second.start();
      await second.dispatcher.whenCaughtUp('notifier', second.store.lastPosition(), 5_000);
      // Nothing was redelivered after the restart: the checkpoint had moved past both parked events.
      expect(calls).toBe(2);
      broken = false;
      const [one, two] = second.dispatcher.listParked('notifier').map((letter) => letter.id) as [number, number];
      expect(await second.dispatcher.retryParked(one)).toEqual({ id: one, status: 'resolved' });
      expect(second.dispatcher.listParked().map((letter) => letter.id)).toEqual([two]);
      expect(second.deadLetters.get(one)?.status).toBe('resolved');
      expect(calls).toBe(3);
    });

    it('parks a corrupt row met during catch-up for each subscriber and goes on with the next event', async () => {
      const runtime = t.open();
      await runtime.store.append('a', 'any', sampleEvents('a', 3));
      runtime.db.prepare(`UPDATE events SET payload = '{oops' WHERE position = 2`).run();
      const audit = recorder('audit', 'low-logging', ['SampleRecorded']);
      runtime.addSubscriber(audit);
      const alerts = recorder('alerts', 'critical-trading', [handlerFailedType]);
      runtime.addSubscriber(alerts);
      runtime.start();
      await eventually(() => expect(audit.seen).toEqual([1, 3]));
      expect(runtime.dispatcher.listParked('audit')).toEqual([
        expect.objectContaining({ position: 2, streamId: 'a', attempts: 0, error: expect.stringContaining('position 2 in stream "a"') as string }),
      ]);
      // Both subscribers were before the unreadable row, so each has it parked and raised HandlerFailed.
      await eventually(() => expect(alerts.seen).toHaveLength(2));
      expect(runtime.dispatcher.listParked('alerts')).toHaveLength(1);
      expect(runtime.checkpoints.position('audit')).toBe(3);
    });
  });
}
