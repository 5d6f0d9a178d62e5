import { ConcurrencyError } from '@trader/application';
import { EventBusFixture, eventBusFixture } from '../test-support/event-bus-fixture';
import { sampleEvents } from '../test-support/temp-event-database';
import { ObservedAppend } from './publishing-event-store';

describe('PublishingEventStore append observers', () => {
  let f: EventBusFixture;
  afterEach(async () => {
    await f.close();
  });

  it('tells observers of every append and batch, with its streams, size, duration, correlation id and failure, never the payloads', async () => {
    f = eventBusFixture();
    f.dispatcher.start();
    const seen: ObservedAppend[] = [];
    f.publishing.observeAppends((append) => seen.push(append));
    const correlated = sampleEvents('c', 2).map((event) => ({ ...event, metadata: { correlationId: 'corr-1' } }));
    await f.publishing.append('s-1', 'no_stream', correlated);
    await f.publishing.appendBatch([
      { streamId: 's-2', expectedVersion: 'any', events: sampleEvents('b', 1) },
      { streamId: 's-3', expectedVersion: 'any', events: sampleEvents('d', 2) },
    ]);
    await expect(f.publishing.append('s-1', 'no_stream', sampleEvents('late', 1))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(seen.map(({ streamIds, events, correlationId, failure }) => ({ streamIds, events, correlationId, failure }))).toEqual([
      { streamIds: ['s-1'], events: 2, correlationId: 'corr-1', failure: undefined },
      { streamIds: ['s-2', 's-3'], events: 3, correlationId: undefined, failure: undefined },
      { streamIds: ['s-1'], events: 1, correlationId: undefined, failure: 'ConcurrencyError' },
    ]);
    for (const append of seen) expect(append.durationMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(seen[0] ?? {}).sort()).toEqual(['correlationId', 'durationMs', 'events', 'failure', 'startedAt', 'streamIds']);
  });
});
