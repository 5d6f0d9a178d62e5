import 'reflect-metadata';
import { EXCHANGE_EVENT_STREAM, EXCHANGE_GATEWAY, MARKET_DATA_FEED, MARKET_DATA_QUERIES } from '@trader/application';
import { AppKernel, RuntimeModule, silentLogger } from '@trader/runtime';
import { Test } from '@nestjs/testing';
import { UpbitCredentials } from '../auth/upbit-credentials';
import { UpbitClient } from '../upbit-client';
import { UpbitExchangeGateway } from '../upbit-exchange-gateway';
import { UpbitMarketDataQueries } from '../upbit-market-data-queries';
import { UpbitStreamManager } from '../ws/upbit-stream-manager';
import { UpbitModule } from './upbit.module';
import { UPBIT_CLIENT } from './upbit.tokens';

describe('UpbitModule', () => {
  it('provides the four ports and registers its components with the kernel after the task manager', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeModule.forRoot({ logger: silentLogger }),
        UpbitModule.forRoot({
          restUrl: 'http://127.0.0.1:9/v1',
          publicWsUrl: 'ws://127.0.0.1:9/websocket/v1',
          privateWsUrl: 'ws://127.0.0.1:9/websocket/v1/private',
          credentials: new UpbitCredentials('access', 'secret'),
        }),
      ],
    }).compile();
    const client = moduleRef.get<UpbitClient>(UPBIT_CLIENT);
    expect(moduleRef.get(EXCHANGE_GATEWAY)).toBeInstanceOf(UpbitExchangeGateway);
    expect(moduleRef.get(MARKET_DATA_QUERIES)).toBeInstanceOf(UpbitMarketDataQueries);
    expect(moduleRef.get(MARKET_DATA_FEED)).toBeInstanceOf(UpbitStreamManager);
    expect(moduleRef.get(EXCHANGE_EVENT_STREAM)).toBe(client.streams);

    const names = moduleRef.get(AppKernel).status().components.map((c) => c.name);
    expect(names).toEqual(['loop-guard', 'tasks', 'upbit-http', 'upbit-rate-limiter', 'upbit-rest', 'upbit-websocket']);
    expect(client.streams.dependsOn).toEqual(['tasks', 'upbit-rate-limiter']);
    await moduleRef.close();
  });
});
