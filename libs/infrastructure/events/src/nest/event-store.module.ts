import type { StoredEvent } from '@trader/application';
import { EVENT_STORE } from '@trader/application';
import type { Clock } from '@trader/domain';
import { AppKernel, CLOCK, RUNTIME_LOGGER, RuntimeLogger, TaskManager } from '@trader/runtime';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import { LaneDispatcher } from '../bus/lane-dispatcher';
import { EventStoreRuntime } from '../event-store-runtime';
import { EventStoreModuleOptions } from './event-store.module.options';
import { laneHandlerMetadata, LaneHandlerOptions } from './lane-handler.decorator';
import { toStoredEventMessage } from './stored-event-message';
import { StoredEventPublisher } from './stored-event-publisher';

interface LaneHandlerInstance {
  handle(event: StoredEvent): Promise<void>;
}

/**
 * Wires the event store into the app: `EVENT_STORE` (the publishing store), the runtime and its
 * dispatcher (for admin operations), and a kernel component that, on start, routes committed events
 * through the Nest EventBus publisher, registers the projections and every `@LaneHandler` provider,
 * and starts the lanes; on stop it stops the lanes and closes the database. The component is
 * active-only: the lanes' handlers append (sagas, keepers) and the projections write read models
 * and checkpoints, so a standby reads the store and the read models but runs none of them.
 */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      imports: [DiscoveryModule, CqrsModule],
      providers: [
        {
          provide: EventStoreRuntime,
          inject: [CLOCK, TaskManager, RUNTIME_LOGGER, AppKernel, EventBus, DiscoveryService],
          useFactory: (clock: Clock, tasks: TaskManager, logger: RuntimeLogger, kernel: AppKernel, eventBus: EventBus, discovery: DiscoveryService) => {
            const { projections = [], dependsOn = [], ...runtimeOptions } = options;
            const runtime = new EventStoreRuntime({ ...runtimeOptions, clock, tasks, logger });
            const component = runtime.component();
            kernel.register({
              ...component,
              dependsOn: ['tasks', ...dependsOn],
              activeOnly: true,
              start: async () => {
                eventBus.publisher = new StoredEventPublisher(runtime.dispatcher, eventBus.subject$);
                runtime.publishing.publishThrough((committed) => eventBus.publishAll(committed.map(toStoredEventMessage)));
                for (const projection of projections) await runtime.addProjection(projection);
                for (const wrapper of discovery.getProviders()) {
                  const instance: unknown = wrapper.instance;
                  if (!instance || typeof instance !== 'object') continue;
                  const declared = Reflect.getMetadata(laneHandlerMetadata, instance.constructor) as LaneHandlerOptions | undefined;
                  if (!declared) continue;
                  const handler = instance as LaneHandlerInstance;
                  runtime.addSubscriber({ ...declared, handle: (event) => handler.handle(event) });
                }
                runtime.start();
              },
            });
            return runtime;
          },
        },
        { provide: EVENT_STORE, inject: [EventStoreRuntime], useFactory: (runtime: EventStoreRuntime) => runtime.publishing },
        { provide: LaneDispatcher, inject: [EventStoreRuntime], useFactory: (runtime: EventStoreRuntime) => runtime.dispatcher },
      ],
      exports: [EventStoreRuntime, EVENT_STORE, LaneDispatcher],
    };
  }
}
