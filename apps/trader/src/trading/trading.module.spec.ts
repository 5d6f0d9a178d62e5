import {
  ConfigureRiskLimits,
  DefineStrategy,
  EXCHANGE_GATEWAY,
  GetOrders,
  GetPositions,
  GetSession,
  GetStrategies,
  MARKET_DATA_QUERIES,
  PaperExchange,
  PlaceOrder,
  StartTrading,
} from '@trader/application';
import type { MarketDataQueries, OrderBookSnapshot, OrderView, SessionView, StrategySummary, ValuedPosition } from '@trader/application';
import { basicSevenRulesStrategy } from '@trader/domain';
import { EventStoreModule, tradingProjections, tradingReadModelEntities } from '@trader/events';
import { AppKernel, eventually, RuntimeModule, silentLogger } from '@trader/runtime';
import { Global, Module } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test, TestingModule } from '@nestjs/testing';
import { Decimal } from 'decimal.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTraderConfig } from '../config/load-trader-config';
import { TradingModule } from './trading.module';

let paperIds = 0;
const price = new Decimal('100000000');
const book: OrderBookSnapshot = {
  kind: 'orderbook',
  market: 'KRW-BTC',
  totalAskSize: new Decimal(1),
  totalBidSize: new Decimal(1),
  units: [{ askPrice: price, askSize: new Decimal(1), bidPrice: price.minus(1000), bidSize: new Decimal(1) }],
  timestamp: 0,
  streamType: 'REALTIME',
};

/** The exchange ports answered by the application's paper exchange over a fixed order book. */
@Global()
@Module({
  providers: [
    {
      provide: EXCHANGE_GATEWAY,
      useFactory: () => new PaperExchange({ latest: () => book }, { balances: { KRW: '10000000' }, now: () => Date.now(), ids: { next: () => `paper-${(paperIds += 1)}` } }),
    },
    {
      provide: MARKET_DATA_QUERIES,
      useValue: {
        getTickers: async (markets: readonly string[]) => markets.map((market) => ({ market, tradePrice: price })),
      } as unknown as MarketDataQueries,
    },
  ],
  exports: [EXCHANGE_GATEWAY, MARKET_DATA_QUERIES],
})
class PaperExchangeTestModule {}

describe('TradingModule', () => {
  let dir: string;
  let moduleRef: TestingModule;
  let kernel: AppKernel;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-app-'));
    const config = loadTraderConfig({ TRADER_DB: join(dir, 'trader.db') });
    moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeModule.forRoot({ logger: silentLogger, loopGuard: { mode: 'report' } }),
        EventStoreModule.forRoot({ path: config.databasePath, readModelEntities: [...tradingReadModelEntities], projections: tradingProjections() }),
        PaperExchangeTestModule,
        TradingModule.forRoot({ markets: config.markets, risk: config.risk }),
      ],
    }).compile();
    await moduleRef.init();
    kernel = moduleRef.get(AppKernel);
    await kernel.start();
  });

  afterEach(async () => {
    await kernel.stop();
    await moduleRef.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes an order through the buses, the lanes and the read models, end to end on SQLite', async () => {
    const commands = moduleRef.get(CommandBus);
    const queries = moduleRef.get(QueryBus);
    await commands.execute(new ConfigureRiskLimits(loadTraderConfig({}).risk));
    await commands.execute(new StartTrading());
    const result = await commands.execute(new PlaceOrder('order-1', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '100000000', volume: '0.001' }));
    expect(result).toEqual(expect.objectContaining({ status: 'submitted' }));

    await eventually(async () => {
      const orders = await queries.execute<GetOrders, OrderView[]>(new GetOrders());
      expect(orders.map((o) => [o.orderId, o.status])).toEqual([['order-1', 'filled']]);
    });
    await eventually(async () => {
      const positions = await queries.execute<GetPositions, ValuedPosition[]>(new GetPositions());
      expect(positions).toEqual([expect.objectContaining({ market: 'KRW-BTC', quantity: '0.001', markPrice: '100000000', unrealizedPnl: '0' })]);
    });
    await eventually(async () => expect((await queries.execute<GetSession, SessionView>(new GetSession())).ordersInFlight).toEqual([]));

    await commands.execute(new DefineStrategy({ ...basicSevenRulesStrategy(), enabled: false }));
    await eventually(async () =>
      expect(await queries.execute<GetStrategies, StrategySummary[]>(new GetStrategies())).toEqual([expect.objectContaining({ strategyId: 'basic-seven-rules', enabled: false })]),
    );
  });
});
