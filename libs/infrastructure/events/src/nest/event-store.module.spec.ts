import 'reflect-metadata';
import type { EventStore, StoredEvent } from '@trader/application';
import { EVENT_STORE } from '@trader/application';
import { AppKernel, eventually, RuntimeModule, silentLogger } from '@trader/runtime';
import { Injectable } from '@nestjs/common';
import { CqrsModule, EventBus, EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreRuntime } from '../event-store-runtime';
import { StreamCountRow, streamCountProjection } from '../test-support/stream-count.projection';
import { EventStoreModule } from './event-store.module';
import { LaneHandler } from './lane-handler.decorator';
import { StoredEventMessage, storedEventClass } from './stored-event-message';

const seen = { lane: [] as number[], nest: [] as string[] };

@Injectable()
@LaneHandler({ name: 'fills-ledger', lane: 'critical-trading', eventTypes: ['OrderFilled'] })
class FillsLedger {
  async handle(event: StoredEvent): Promise<void> {
    seen.lane.push(event.position);
  }
}

@EventsHandler(storedEventClass('OrderFilled'))
class FillNotifier implements IEventHandler<StoredEventMessage> {
  handle(message: StoredEventMessage): void {
    seen.nest.push(message.event.eventId);
  }
}

class NotStored {}

describe('EventStoreModule', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trader-nest-events-'));
    seen.lane = [];
    seen.nest = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('routes stored events through the EventBus to lane handlers, projections and Nest event handlers, after commit', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [RuntimeModule.forRoot({ logger: silentLogger }), CqrsModule.forRoot(), EventStoreModule.forRoot({ path: join(dir, 'trader.db'), readModelEntities: [StreamCountRow], projections: [streamCountProjection()] })],
      providers: [FillsLedger, FillNotifier],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const kernel = app.get(AppKernel);
    await kernel.start();
    const store = app.get<EventStore>(EVENT_STORE);
    await store.append('order-1', 'no_stream', [
      { eventId: 'placed', type: 'OrderPlaced', data: {} },
      { eventId: 'filled', type: 'OrderFilled', data: { volume: '0.1' } },
    ]);
    await eventually(() => expect(seen.lane).toEqual([2]));
    await eventually(() => expect(seen.nest).toEqual(['filled']));
    expect(() => app.get(EventBus).publish(new NotStored())).toThrow(expect.objectContaining({ code: 'EVENT_BUS_UNSTORED_EVENT' }) as Error);
    const runtime = app.get(EventStoreRuntime);
    await eventually(() => expect(runtime.checkpoints.position('fills-ledger')).toBe(2));
    await eventually(() => expect(runtime.checkpoints.position('stream-counts')).toBe(2));
    const readModels = await runtime.readModelDataSource();
    expect(await readModels.getRepository(StreamCountRow).find()).toEqual([{ streamId: 'order-1', events: 2, lastVersion: 2 }]);
    expect(runtime.dispatcher.stats().lanes.map((l) => l.lane)).toEqual(['critical-trading', 'medium-config']);
    await kernel.stop();
    expect(runtime.db.open).toBe(false);
    await app.close();
  });
});
