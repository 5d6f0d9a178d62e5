import type { StoredEvent } from '@trader/application';
import { BackpressureError } from '@trader/application';
import { eventually } from '@trader/runtime';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { EventBusFixture, eventBusFixture, gate } from '../test-support/event-bus-fixture';
import { sampleEvents } from '../test-support/temp-event-database';
import { Lane } from './lane';
import { yieldToEventLoop } from './wait';

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

// Delivery, catch-up after a restart and dead letters are held by the conformance suite, on both stores
// (conformance/subscriptions.conformance.ts); these are the lanes' own scheduling and limits.
describe('LaneDispatcher', () => {
  let f: EventBusFixture;
  afterEach(async () => {
    await f.close();
  });

  it('refuses an append with BackpressureError when a lane is full, storing nothing', async () => {
    f = eventBusFixture({ queueCapacity: 3 });
    const hold = gate();
    f.dispatcher.register({ name: 'slow', lane: 'low-logging', handle: () => hold.promise });
    f.dispatcher.start();
    await f.publishing.append('s', 'any', sampleEvents('a', 1));
    await eventually(() => expect(f.dispatcher.stats().lanes[0].queueDepth).toBe(1));
    await f.publishing.append('s', 'any', sampleEvents('b', 2));
    await expect(f.publishing.append('s', 'any', sampleEvents('c', 1))).rejects.toMatchObject({
      constructor: BackpressureError,
      lane: 'low-logging',
      queueDepth: 3,
      capacity: 3,
    });
    expect(f.publishing.streamVersion('s')).toBe(3);
    hold.open();
    await eventually(() => expect(f.dispatcher.stats().lanes[0].queueDepth).toBe(0));
    await f.publishing.append('s', 3, sampleEvents('c', 1));
    expect(f.publishing.streamVersion('s')).toBe(4);
  });

  it('handles a critical event while the low lane is busy with a backlog', async () => {
    f = eventBusFixture();
    const hold = gate();
    let lowHandled = 0;
    f.dispatcher.register({
      name: 'archiver',
      lane: 'lowest-cleanup',
      eventTypes: ['LogWritten'],
      handle: async () => {
        await hold.promise;
        lowHandled += 1;
      },
    });
    const trading = recorder('execution', 'critical-trading', ['OrderFilled']);
    f.dispatcher.register(trading);
    f.dispatcher.start();
    for (let i = 0; i < 50; i += 1) await f.publishing.append('log', 'any', [{ eventId: `log-${i}`, type: 'LogWritten', data: {} }]);
    await f.publishing.append('order', 'any', [{ eventId: 'fill', type: 'OrderFilled', data: {} }]);
    await eventually(() => expect(trading.seen).toEqual([51]));
    expect(lowHandled).toBe(0);
    expect(f.dispatcher.stats().lanes.find((l) => l.lane === 'lowest-cleanup')).toMatchObject({ queueDepth: 50, lag: 50 });
    hold.open();
    await eventually(() => expect(lowHandled).toBe(50));
  });

  it('delivers a critical event appended behind a 10,000-event lower-lane backlog after at most one short lower-lane turn', async () => {
    f = eventBusFixture({ queueCapacity: 20_000 });
    const hold = gate();
    const ticks: number[] = [];
    // Handlers that resolve at once chain as microtasks: the case where a lane must give way by itself.
    f.dispatcher.register({
      name: 'indicators',
      lane: 'medium-config',
      eventTypes: ['TradeTicked'],
      handle: async (event) => {
        if (ticks.length === 0) await hold.promise;
        ticks.push(event.position);
      },
    });
    let ticksWhenFillHandled: number | undefined;
    f.dispatcher.register({
      name: 'execution',
      lane: 'critical-trading',
      eventTypes: ['OrderFilled'],
      handle: async () => {
        // One event-loop turn stands in for the handler's I/O (a request to the exchange).
        await yieldToEventLoop();
        ticksWhenFillHandled = ticks.length;
      },
    });
    f.dispatcher.start();
    for (let batch = 0; batch < 10; batch += 1) {
      await f.publishing.appendBatch([{ streamId: `trades-${batch}`, expectedVersion: 'any', events: sampleEvents(`t${batch}`, 1_000, 'TradeTicked') }]);
    }
    await eventually(() => expect(f.dispatcher.stats().lanes.find((l) => l.lane === 'medium-config')?.queueDepth).toBe(10_000));
    hold.open();
    // Committed in this same tick, before the medium lane resumes: its whole backlog is still ahead.
    await f.publishing.append('order', 'any', [{ eventId: 'fill', type: 'OrderFilled', data: {} }]);
    await eventually(() => expect(ticksWhenFillHandled).toBeDefined());
    // While the fill's handler awaited its I/O the medium lane had one short turn (at most 16 calls),
    // not a chunk: before this scheduling it went through 256 events first.
    expect(ticksWhenFillHandled).toBeLessThanOrEqual(16);
    await eventually(() => expect(ticks).toHaveLength(10_000));
    expect(ticks).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
    await eventually(() => expect(f.checkpoints.position('indicators')).toBe(10_000));
    expect(f.checkpoints.position('execution')).toBe(10_001);
  });

  it('lets lower lanes make progress while the critical lane is never idle', async () => {
    f = eventBusFixture();
    const ticks: number[] = [];
    f.dispatcher.register({ name: 'indicators', lane: 'low-logging', eventTypes: ['TradeTicked'], handle: async (event) => void ticks.push(event.position) });
    let busy = true;
    let fills = 0;
    let fillsWhenTicksDone = 0;
    // Each fill's handler appends the next fill before it returns, so the critical lane always has queued work.
    f.dispatcher.register({
      name: 'execution',
      lane: 'critical-trading',
      eventTypes: ['OrderFilled'],
      handle: async () => {
        await yieldToEventLoop();
        fills += 1;
        if (busy) await f.publishing.append('order', 'any', [{ eventId: `fill-${fills}`, type: 'OrderFilled', data: {} }]);
      },
    });
    f.dispatcher.start();
    await f.publishing.append('order', 'any', [{ eventId: 'fill-0', type: 'OrderFilled', data: {} }]);
    await f.publishing.appendBatch([{ streamId: 'trades', expectedVersion: 'any', events: sampleEvents('t', 1_000, 'TradeTicked') }]);
    await eventually(() => expect(ticks).toHaveLength(1_000));
    fillsWhenTicksDone = fills;
    expect(f.dispatcher.stats().lanes.find((l) => l.lane === 'critical-trading')?.queueDepth).toBeGreaterThan(0);
    busy = false;
    await eventually(() => expect(f.dispatcher.stats().lanes.find((l) => l.lane === 'critical-trading')?.queueDepth).toBe(0));
    expect(fillsWhenTicksDone).toBeGreaterThan(0);
    expect(ticks).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 2));
  });

  it('refuses duplicate subscriber names and registration after start', () => {
    f = eventBusFixture();
    f.dispatcher.register(recorder('a', 'low-logging'));
    expect(() => f.dispatcher.register(recorder('a', 'high-safety'))).toThrow(expect.objectContaining({ code: 'EVENT_BUS_SUBSCRIBER_REGISTRATION' }) as Error);
    f.dispatcher.start();
    expect(() => f.dispatcher.register(recorder('b', 'low-logging'))).toThrow(expect.objectContaining({ code: 'EVENT_BUS_SUBSCRIBER_REGISTRATION' }) as Error);
  });
});
