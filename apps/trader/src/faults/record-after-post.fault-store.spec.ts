import { BackpressureError } from '@trader/application';
import type { NewEvent } from '@trader/application';
import { ManualClock } from '@trader/domain';
import { EventStoreRuntime } from '@trader/events';
import { silentLogger, TaskManager } from '@trader/runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordAfterPostFaultStore } from './record-after-post.fault-store';
import { seededRandom } from './seeded-random';

describe('the record-after-post fault (real SQLite)', () => {
  let dir: string;
  let runtime: EventStoreRuntime;
  let tasks: TaskManager;
  const clock = new ManualClock(Date.UTC(2026, 10, 23));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-faults-'));
    tasks = new TaskManager(clock, silentLogger);
    runtime = new EventStoreRuntime({ path: join(dir, 'trader.db'), clock, tasks });
  });
  afterEach(async () => {
    await runtime.stop();
    await tasks.shutdown(1_000);
    rmSync(dir, { recursive: true, force: true });
  });

  const submitted = (orderId: string): NewEvent => ({ eventId: `submitted-${orderId}`, type: 'OrderSubmitted', data: { orderId }, metadata: { commandId: `place-${orderId}` } });
  const accepted = (orderId: string, causationId: string, eventId = `accepted-${orderId}`): NewEvent => ({
    eventId,
    type: 'OrderAccepted',
    data: { orderId, exchangeOrderId: `uuid-${orderId}` },
    metadata: { causationId },
  });
  const faulty = (probability: number, seed = 1): { store: RecordAfterPostFaultStore; injected: string[] } => {
    const injected: string[] = [];
    return { store: new RecordAfterPostFaultStore(runtime.store, probability, seededRandom(seed), (orderId) => injected.push(orderId)), injected };
  };

  it('refuses the first OrderAccepted of an order as a full lane would, writing nothing, and lets the next one through', async () => {
    const { store, injected } = faulty(1);
    await store.append('order-a', 0, [submitted('a')]);
    await expect(store.append('order-a', 1, [accepted('a', 'submitted-a')])).rejects.toBeInstanceOf(BackpressureError);
    expect(runtime.store.streamVersion('order-a')).toBe(1);
    await store.append('order-a', 1, [accepted('a', 'submitted-a')]);
    expect([...runtime.store.readStream('order-a')].map((e) => e.type)).toEqual(['OrderSubmitted', 'OrderAccepted']);
    expect(injected).toEqual(['a']);
  });

  it('refuses whichever writer records the OrderAccepted first, and only on order streams', async () => {
    const { store, injected } = faulty(1);
    await store.append('order-b', 0, [submitted('b')]);
    await expect(store.append('order-b', 1, [accepted('b', 'myorder-update-1')])).rejects.toBeInstanceOf(BackpressureError);
    await store.append('order-b', 1, [accepted('b', 'submitted-b')]);
    await store.append('position-KRW-BTC', 0, [{ eventId: 'p-1', type: 'OrderAccepted', data: {}, metadata: { causationId: 'submitted-b' } }]);
    expect(runtime.store.streamVersion('order-b')).toBe(2);
    expect(runtime.store.streamVersion('position-KRW-BTC')).toBe(1);
    expect(injected).toEqual(['b']);
  });

  it('draws once per order from its seed: the same seed refuses the same orders', async () => {
    const refusedWith = async (seed: number, prefix: string): Promise<string[]> => {
      const { store, injected } = faulty(0.5, seed);
      for (let i = 0; i < 40; i += 1) {
        const orderId = `${prefix}${i}`;
        await store.append(`order-${orderId}`, 0, [submitted(orderId)]);
        await store.append(`order-${orderId}`, 1, [accepted(orderId, `submitted-${orderId}`)]).catch((error: unknown) => {
          if (!(error instanceof BackpressureError)) throw error;
        });
      }
      return injected.map((orderId) => orderId.slice(prefix.length));
    };
    const first = await refusedWith(7, 'x');
    expect(await refusedWith(7, 'y')).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(40);
  });

  it('never refuses with probability 0', async () => {
    const { store, injected } = faulty(0);
    await store.append('order-c', 0, [submitted('c')]);
    await store.append('order-c', 1, [accepted('c', 'submitted-c')]);
    expect(runtime.store.streamVersion('order-c')).toBe(2);
    expect(injected).toEqual([]);
  });
});
