import { ConcurrencyError } from '../ports/event-store.errors';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { CountingEventStore } from './counting-event-store';

const event = (id: string) => ({ eventId: id, type: 'Noted', data: { id } });
const ids = (events: Iterable<{ eventId: string }>) => [...events].map((e) => e.eventId);

describe('CountingEventStore', () => {
  it('reads every stream as the store holds it, through appends, replays, refused appends and limited reads', async () => {
    const inner = new InMemoryEventStore();
    const store = new CountingEventStore(inner);
    // A seeded walk over appends and reads from every version: each read equals the store's own.
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor(seed / 65_536) % n;
    };
    const streams = ['a', 'b', 'c'];
    let counter = 0;
    for (let step = 0; step < 400; step++) {
      const stream = streams[next(streams.length)] as string;
      const action = next(4);
      if (action === 0) {
        await store.append(stream, inner.streamVersion(stream), [event(`e${(counter += 1)}`)]);
      } else if (action === 1 && counter > 0) {
        // A replay of an earlier event id: stored once, the stream unchanged.
        const earlier = [...inner.readStream(stream)][0];
        if (earlier) await store.append(stream, 'any', [{ ...earlier, data: earlier.data }]);
      } else if (action === 2) {
        await expect(store.append(stream, inner.streamVersion(stream) + 5, [event(`x${step}`)])).rejects.toThrow(ConcurrencyError);
      }
      const from = 1 + next(inner.streamVersion(stream) + 3);
      // A limited read first: it stops short of the end, and must not be taken for where the stream ends.
      const limit = 1 + next(2);
      expect(ids(store.readStream(stream, from, limit))).toEqual(ids(inner.readStream(stream, from, limit)));
      expect(ids(store.readStream(stream, from))).toEqual(ids(inner.readStream(stream, from)));
    }
    expect(counter).toBeGreaterThan(50);
  });

  it('answers a read past a stream end it knows without asking the store', async () => {
    const inner = new InMemoryEventStore();
    const store = new CountingEventStore(inner);
    await store.append('a', 0, [event('1')]);
    // Behind its back (which a run never does): it does not see this, because it did not ask.
    await inner.append('a', 1, [event('2')]);
    await inner.append('b', 0, [event('3')]);

    expect(ids(store.readStream('a', 2))).toEqual([]);
    expect(ids(store.readStream('b'))).toEqual([]);
    expect(ids(store.readStream('a', 1))).toEqual(['1', '2']);
  });

  it('asks the store for streams it has not seen when the store was not empty', async () => {
    const inner = new InMemoryEventStore();
    await inner.append('a', 0, [event('1')]);
    const store = new CountingEventStore(inner);

    expect(ids(store.readStream('a'))).toEqual(['1']);
    expect(ids(store.readStream('a', 2))).toEqual([]);
  });
});
