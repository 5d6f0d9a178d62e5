import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { GetEvents } from './get-events.query';
import { GetEventsHandler } from './get-events.handler';

describe('GetEventsHandler', () => {
  it('reads a stream, a type or a correlation chain, from a position, in pages', async () => {
    const store = new InMemoryEventStore();
    for (let i = 1; i <= 5; i += 1) {
      await store.append(`order-${i % 2}`, 'any', [{ eventId: `e${i}`, type: i % 2 ? 'OrderSubmitted' : 'OrderFilled', data: { i }, metadata: { correlationId: `c${i % 2}` } }]);
    }
    const handler = new GetEventsHandler(store);
    const ids = async (filter: GetEvents['filter']): Promise<string[]> => (await handler.execute(new GetEvents(filter))).events.map((e) => e.eventId);
    expect(await ids({ streamId: 'order-1' })).toEqual(['e1', 'e3', 'e5']);
    expect(await ids({ type: 'OrderFilled' })).toEqual(['e2', 'e4']);
    expect(await ids({ correlationId: 'c1', fromPosition: 2 })).toEqual(['e3', 'e5']);
    expect(await handler.execute(new GetEvents({ limit: 2 }))).toEqual(expect.objectContaining({ nextPosition: 3 }));
    expect(await ids({ fromPosition: 3, limit: 2 })).toEqual(['e3', 'e4']);
    expect((await handler.execute(new GetEvents({ fromPosition: 4 }))).nextPosition).toBeNull();
  });

  it('keeps the events recorded within a time range, from inclusive and before exclusive, with the other filters', async () => {
    let now = 1_000;
    const store = new InMemoryEventStore(() => now);
    for (let i = 1; i <= 5; i += 1) {
      now = i * 1_000;
      await store.append(`order-${i}`, 'any', [{ eventId: `e${i}`, type: i === 4 ? 'OrderFilled' : 'OrderSubmitted', data: { i }, metadata: { correlationId: 'c' } }]);
    }
    const handler = new GetEventsHandler(store);
    const ids = async (filter: GetEvents['filter']): Promise<string[]> => (await handler.execute(new GetEvents(filter))).events.map((e) => e.eventId);
    expect(await ids({ recordedFrom: 2_000, recordedBefore: 4_000 })).toEqual(['e2', 'e3']);
    expect(await ids({ recordedFrom: 3_500 })).toEqual(['e4', 'e5']);
    expect(await ids({ recordedBefore: 1_001, correlationId: 'c' })).toEqual(['e1']);
    expect(await ids({ recordedFrom: 2_000, type: 'OrderSubmitted' })).toEqual(['e2', 'e3', 'e5']);
    expect(await ids({ recordedFrom: 6_000 })).toEqual([]);
  });
});
