import { EXCHANGE_EVENT_STREAM, EXCHANGE_GATEWAY, MARKET_DATA_FEED, MARKET_DATA_QUERIES } from '@trader/application';
import type { Clock } from '@trader/domain';
import { AppKernel, CLOCK, TaskManager } from '@trader/runtime';
import { DynamicModule, Module } from '@nestjs/common';
import { UpbitClient, UpbitClientOptions, createUpbitClient } from '../upbit-client';
import { UPBIT_CLIENT } from './upbit.tokens';

/**
 * Wires the Upbit client into the app: builds it from the runtime's clock and task manager, registers
 * its four kernel components (pools, limiter, REST, WebSocket; the WebSocket after the task manager),
 * and provides it under the application's port tokens.
 */
@Module({})
export class UpbitModule {
  static forRoot(options: UpbitClientOptions): DynamicModule {
    return {
      module: UpbitModule,
      global: true,
      providers: [
        {
          provide: UPBIT_CLIENT,
          inject: [CLOCK, TaskManager, AppKernel],
          useFactory: (clock: Clock, tasks: TaskManager, kernel: AppKernel): UpbitClient => {
            const client = createUpbitClient({ clock, tasks }, { streamDependsOn: ['tasks', 'upbit-rate-limiter'], ...options });
            for (const component of client.components) kernel.register(component);
            return client;
          },
        },
        { provide: EXCHANGE_GATEWAY, inject: [UPBIT_CLIENT], useFactory: (client: UpbitClient) => client.gateway },
        { provide: EXCHANGE_EVENT_STREAM, inject: [UPBIT_CLIENT], useFactory: (client: UpbitClient) => client.streams },
        { provide: MARKET_DATA_FEED, inject: [UPBIT_CLIENT], useFactory: (client: UpbitClient) => client.streams },
        { provide: MARKET_DATA_QUERIES, inject: [UPBIT_CLIENT], useFactory: (client: UpbitClient) => client.queries },
      ],
      exports: [UPBIT_CLIENT, EXCHANGE_GATEWAY, EXCHANGE_EVENT_STREAM, MARKET_DATA_FEED, MARKET_DATA_QUERIES],
    };
  }
}
