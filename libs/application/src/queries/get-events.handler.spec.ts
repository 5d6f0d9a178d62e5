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

  it('reads newest first across backward windows, and pages down with nextPosition', async () => {
    const store = new InMemoryEventStore();
    // 2,500 events: more than two backward windows; every 7th a fill.
    for (let i = 1; i <= 2_500; i += 1) {
      await store.append(`s-${i % 3}`, 'any', [{ eventId: `e${i}`, type: i % 7 === 0 ? 'OrderFilled' : 'OrderSubmitted', data: { i }, metadata: { correlationId: `c${i % 2}` } }]);
    }
    const handler = new GetEventsHandler(store);
    const positions = (page: { events: { position: number }[] }) => page.events.map((e) => e.position);
    const fills = Array.from({ length: 2_500 }, (_, i) => i + 1).filter((p) => p % 7 === 0).reverse();

    const first = await handler.execute(new GetEvents({ type: 'OrderFilled', newestFirst: true, limit: 10 }));
    expect(positions(first)).toEqual(fills.slice(0, 10));
    const second = await handler.execute(new GetEvents({ type: 'OrderFilled', newestFirst: true, limit: 200, fromPosition: first.nextPosition as number }));
    // 200 fills span about 1,400 positions: the page crosses a window boundary without a gap or a repeat.
    expect(positions(second)).toEqual(fills.slice(10, 210));
    let all: number[] = [];
    for (let from: number | null = 2_500; from !== null; ) {
      const page = await handler.execute(new GetEvents({ type: 'OrderFilled', newestFirst: true, limit: 100, fromPosition: from }));
      all = [...all, ...positions(page)];
      from = page.nextPosition;
    }
    expect(all).toEqual(fills);

    expect(positions(await handler.execute(new GetEvents({ newestFirst: true, limit: 3, fromPosition: 1_001 })))).toEqual([1_001, 1_000, 999]);
    const stream = await handler.execute(new GetEvents({ streamId: 's-1', newestFirst: true, limit: 2 }));
    expect(positions(stream)).toEqual([2_500, 2_497]);
    expect(positions(await handler.execute(new GetEvents({ streamId: 's-1', newestFirst: true, limit: 2, fromPosition: stream.nextPosition as number })))).toEqual([2_494, 2_491]);
    expect(positions(await handler.execute(new GetEvents({ correlationId: 'c1', newestFirst: true, limit: 2 })))).toEqual([2_499, 2_497]);
    expect((await handler.execute(new GetEvents({ newestFirst: true, limit: 5, fromPosition: 3 }))).nextPosition).toBeNull();
  });
});
