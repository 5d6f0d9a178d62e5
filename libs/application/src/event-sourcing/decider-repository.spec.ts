import type { Decider } from '@trader/domain';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { DeciderRepository } from './decider-repository';

type Added = { type: 'Added'; data: { amount: number } };
type Add = { type: 'Add'; amount: number };
const counter: Decider<Add, Added, { total: number }> = {
  initialState: () => ({ total: 0 }),
  decide: (command) => [{ type: 'Added', data: { amount: command.amount } }],
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
};

function repository(store: InMemoryEventStore, cacheStates: boolean) {
  let id = 0;
  return new DeciderRepository({ aggregateType: 'counter', decider: counter, store, now: () => 0, newEventId: () => `e-${++id}`, cacheStates });
}

describe('DeciderRepository with cacheStates', () => {
  it('folds the events appended after its cached state, whoever appended them, as an uncached load does', async () => {
    const store = new InMemoryEventStore();
    const cached = repository(store, true);
    await cached.handle('a', { type: 'Add', amount: 2 });
    await cached.load('a');
    // Appended around the repository (as a batch of another handler is): the cache must not hide it.
    await store.append('counter-a', 1, [{ eventId: 'x-1', type: 'Added', data: { amount: 5 } }]);
    await cached.handle('a', { type: 'Add', amount: 1 });

    const loaded = await cached.load('a');

    expect(loaded).toEqual({ id: 'a', state: { total: 8 }, version: 3 });
    expect(await repository(store, false).load('a')).toEqual(loaded);
  });

  it('keeps serving every stream correctly once more streams were used than it keeps', async () => {
    const store = new InMemoryEventStore();
    const cached = repository(store, true);
    for (let i = 0; i < 300; i++) await cached.handle(`s${i}`, { type: 'Add', amount: i });
    await store.append('counter-s0', 1, [{ eventId: 'x-0', type: 'Added', data: { amount: 10 } }]);

    expect((await cached.load('s0')).state.total).toBe(10);
    expect((await cached.load('s299')).state.total).toBe(299);
  });
});
