import type { StoredEvent } from '@trader/application';
import { ManualClock } from '@trader/domain';
import { eventually, silentLogger, TaskManager } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreRuntime } from '../event-store-runtime';
import { EventSubscriber } from '../subscriptions/event-subscriber';
import { EventBusFixture, eventBusFixture } from '../test-support/event-bus-fixture';
import { sampleEvents } from '../test-support/temp-event-database';
import { Lane } from './lane';

function recorder(name: string, lane: Lane): EventSubscriber & { seen: number[] } {
  const seen: number[] = [];
  return {
    name,
    lane,
    seen,
    handle: async (event: StoredEvent) => {
      seen.push(event.position);
    },
  };
}

/** Fault injection on a real object: its `method` throws while `broken()` says so. */
function breakMethod<T extends object, K extends keyof T>(target: T, method: K, broken: () => boolean, error: () => Error): void {
  const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
  (target as Record<K, unknown>)[method] = (...args: unknown[]) => {
    if (broken()) throw error();
    return original(...args);
  };
}

function once(): () => boolean {
  let armed = true;
  return () => {
    const fire = armed;
    armed = false;
    return fire;
  };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('lane supervision (a lane worker that fails is restarted)', () => {
  let f: EventBusFixture;
  afterEach(async () => {
    await f.close();
  });

  it('restarts a lane whose checkpoint write failed and delivers every event once, in order, to each subscriber', async () => {
    f = eventBusFixture({ restartBackoffMs: 5 });
    const a = recorder('a', 'critical-trading');
    const b = recorder('b', 'critical-trading');
    f.dispatcher.register(a);
    f.dispatcher.register(b);
    breakMethod(f.checkpoints, 'save', once(), () => new Error('disk I/O error (injected)'));
    f.dispatcher.start();

    await f.publishing.append('s', 'any', sampleEvents('first', 3));
    await eventually(() => expect(f.dispatcher.stats().lanes[0]).toMatchObject({ lane: 'critical-trading', restarts: 1, state: 'up' }));
    await f.publishing.append('s', 'any', sampleEvents('second', 4));

    await eventually(() => expect(f.checkpoints.position('a')).toBe(7));
    await eventually(() => expect(f.checkpoints.position('b')).toBe(7));
    expect(a.seen).toEqual(range(1, 7));
    expect(b.seen).toEqual(range(1, 7));
    expect(f.dispatcher.stats().lanes[0]).toMatchObject({ restarts: 1, lastError: 'disk I/O error (injected)', state: 'up', queueDepth: 0 });
    expect(f.tasks.list().find((t) => t.name === 'events.lane.critical-trading')).toMatchObject({ kind: 'supervised', state: 'running', restarts: 1 });
  });

  it('keeps a lane down while its worker cannot read the store, then catches up: every event once, in order', async () => {
    f = eventBusFixture({ restartBackoffMs: 5, maxRestartBackoffMs: 20 });
    // Appended while no dispatcher ran: the worker's first catch-up has to read them.
    await f.t.store.append('s', 'any', sampleEvents('offline', 2));
    const fills = recorder('fills', 'critical-trading');
    f.dispatcher.register(fills);
    const heard: string[] = [];
    const unwatch = await f.dispatcher.watchLanes({ down: (lane, error) => void heard.push(`down ${lane}: ${error}`), up: (lane) => void heard.push(`up ${lane}`) });
    let storeBroken = true;
    breakMethod(f.t.store, 'readAll', () => storeBroken, () => new Error('store read failed (injected)'));
    f.dispatcher.start();

    await eventually(() => expect(f.dispatcher.stats().lanes[0]).toMatchObject({ lane: 'critical-trading', state: 'down' }));
    // Appended while the lane is down: queued, then read again from the store by the restarted worker.
    await f.publishing.append('s', 'any', sampleEvents('while-down', 3));
    await eventually(() => expect(f.dispatcher.stats().lanes[0].restarts).toBeGreaterThanOrEqual(3));
    expect(f.dispatcher.stats().lanes[0]).toMatchObject({ state: 'down', lastError: 'store read failed (injected)' });
    expect(fills.seen).toEqual([]);

    storeBroken = false;
    await eventually(() => expect(f.dispatcher.stats().lanes[0].state).toBe('up'));
    await f.publishing.append('s', 'any', sampleEvents('after', 2));
    await eventually(() => expect(fills.seen).toEqual(range(1, 7)));
    await eventually(() => expect(f.checkpoints.position('fills')).toBe(7));
    expect(heard).toEqual(['down critical-trading: store read failed (injected)', 'up critical-trading']);
    unwatch();
  });

  it('tells a watcher that starts watching while a lane is down', async () => {
    f = eventBusFixture({ restartBackoffMs: 5, maxRestartBackoffMs: 20 });
    await f.t.store.append('s', 'any', sampleEvents('offline', 1));
    const fills = recorder('fills', 'critical-trading');
    f.dispatcher.register(fills);
    let broken = true;
    breakMethod(f.t.store, 'readAll', () => broken, () => new Error('store read failed (injected)'));
    f.dispatcher.start();
    await eventually(() => expect(f.dispatcher.stats().lanes[0].state).toBe('down'));

    const heard: string[] = [];
    const unwatch = await f.dispatcher.watchLanes({ down: (lane) => void heard.push(`down ${lane}`), up: (lane) => void heard.push(`up ${lane}`) });
    expect(heard).toEqual(['down critical-trading']);
    broken = false;
    await eventually(() => expect(heard).toEqual(['down critical-trading', 'up critical-trading']));
    expect(fills.seen).toEqual([1]);
    unwatch();
  });
});

describe('event-store component health while a lane is down', () => {
  it('is down while the critical lane is down, and up once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trader-lane-health-'));
    const clock = new ManualClock(1_700_000_000_000);
    const tasks = new TaskManager(clock, silentLogger);
    const runtime = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock, tasks });
    try {
      await runtime.store.append('s', 'any', sampleEvents('offline', 1));
      const fills = recorder('fills', 'critical-trading');
      runtime.addSubscriber(fills);
      let broken = true;
      breakMethod(runtime.store, 'readAll', () => broken, () => new Error('store read failed (injected)'));
      const component = runtime.component();
      await component.start();

      await eventually(() =>
        expect(component.health?.()).toEqual({ status: 'down', detail: 'lanes down (restarting): critical-trading (store read failed (injected))' }),
      );
      await runtime.publishing.append('s', 'any', sampleEvents('while-down', 1));

      broken = false;
      await eventually(() => expect(component.health?.()).toEqual({ status: 'up' }), { timeoutMs: 10_000 });
      await eventually(() => expect(fills.seen).toEqual([1, 2]));
    } finally {
      await runtime.stop();
      await tasks.shutdown(1_000);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
