import { EVENT_STORE, EXCHANGE_EVENT_STREAM, EXCHANGE_GATEWAY, MARKET_DATA_FEED, MARKET_DATA_QUERIES, ReconciliationGate } from '@trader/application';
import type { EventStore, MarketDataQueries, OrderBookSnapshot } from '@trader/application';
import { PaperExchange } from '@trader/application/testing';
import { EventStoreModule, tradingProjections, tradingReadModelEntities } from '@trader/events';
import type { DeliveryOptions } from '@trader/notifications';
import { AppKernel, RuntimeModule, silentLogger } from '@trader/runtime';
import type { InstanceRole, RuntimeLogger } from '@trader/runtime';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModule } from '@nestjs/testing';
import { Dec } from '@trader/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AdminApiModule } from '../admin/admin-api.module';
import { BacktestsModule } from '../admin/backtests/backtests.module';
import { AdminTokenModule } from '../admin/auth/admin-token.module';
import { AdminGraphqlModule } from '../admin/graphql/admin-graphql.module';
import { BearerTokenGuard } from '../admin/auth/bearer-token.guard';
import { ProblemDetailsFilter } from '../admin/errors/problem-details.filter';
import { RuntimeStatusHttpController } from '../admin/runtime/runtime-status.http.controller';
import { configureHttpApp } from '../bootstrap/configure-http-app';
import { loadTraderConfig } from '../config/load-trader-config';
import type { NotificationSettings } from '../config/notification-settings';
import { NotificationsModule } from '../notifications/notifications.module';
import { Secret } from '../config/secret';
import { TraderMode } from '../config/trader-config';
import { HealthHttpController } from '../health/health.http.controller';
import { StandbyWriteGuard } from '../standby/standby-write.guard';
import { TelegramModule } from '../telegram/telegram.module';
import type { TelegramCommandsOptions } from '../telegram/telegram.module';
import { MetricsModule } from '../metrics/metrics.module';
import { TraderTracing } from '../tracing/trader-tracing';
import { TracingModule } from '../tracing/tracing.module';
import { TradingRuntimeModule } from '../trading/trading-runtime.module';
import { TradingModule } from '../trading/trading.module';
import { BreakableStreams } from './breakable-streams';

export const harnessToken = 'harness-token-0123456789';
/** The loop guard's p99 threshold in the harness (the trader's default is 100 ms). */
const HARNESS_LOOP_THRESHOLD_MS = 5_000;
export const bookPrice = new Dec('100000000');
/** Risk limits the admin API specs configure (as JSON for PUT /api/v1/risk/limits). */
export const harnessLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '5000000',
  maxOpenOrders: 5,
  orderRate: { maxOrders: 8, perMs: 1000 },
  maxDailyLoss: '500000',
  maxDrawdownPercent: '20',
};

const book: OrderBookSnapshot = {
  kind: 'orderbook',
  market: 'KRW-BTC',
  totalAskSize: new Dec(1),
  totalBidSize: new Dec(1),
  units: [{ askPrice: bookPrice, askSize: new Dec(1), bidPrice: bookPrice.minus(1000), bidSize: new Dec(1) }],
  timestamp: 0,
  streamType: 'REALTIME',
};

let paperIds = 0;

/** The paper exchange the harness trades on (10,000,000 KRW, a fixed KRW-BTC book); pass one to two harnesses to restart on the same exchange. */
export function harnessPaperExchange(): PaperExchange {
  return new PaperExchange({ latest: () => book }, { balances: { KRW: '10000000' }, now: () => Date.now(), ids: { next: () => `paper-${(paperIds += 1)}` } });
}

/** The exchange ports answered by the application's in-memory paper exchange (test support, Upbit's rules). */
@Module({})
class PaperExchangeHarnessModule {
  static with(exchange: PaperExchange | undefined): DynamicModule {
    return {
      module: PaperExchangeHarnessModule,
      global: true,
      providers: [
        { provide: EXCHANGE_GATEWAY, useFactory: () => exchange ?? harnessPaperExchange() },
        {
          provide: MARKET_DATA_QUERIES,
          useValue: { getTickers: async (markets: readonly string[]) => markets.map((market) => ({ market, tradePrice: bookPrice })) } as unknown as MarketDataQueries,
        },
      ],
      exports: [EXCHANGE_GATEWAY, MARKET_DATA_QUERIES],
    };
  }
}

export interface TradingAppHarness {
  readonly moduleRef: TestingModule;
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly store: EventStore;
  /** Calls the admin API with the token (unless `token: null`). */
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: unknown }>;
  /** Runs the start-up reconciliation as the trading component does; until then every order is denied. */
  reconcile(): Promise<void>;
  close(): Promise<void>;
}

export interface TradingAppOptions {
  /** The admin surface as in this mode (live: no GraphQL introspection); the exchange stays the paper one. */
  readonly mode?: TraderMode;
  readonly publicDocs?: boolean;
  /** With streams, the trading component runs too (start-up reconciliation, the feed loops over these streams). */
  readonly streams?: BreakableStreams;
  /** An existing SQLite file (kept on close), to start again on what an earlier harness stored. */
  readonly databasePath?: string;
  /** The exchange to trade on (by default a fresh paper exchange). */
  readonly exchange?: PaperExchange;
  /** The candle store the backtests of the admin API read (default: a file in the temp dir that does not exist). */
  readonly historyPath?: string;
  /** The dashboard's built files (default: a folder beside the database that does not exist, so / answers 503). */
  readonly dashboardDir?: string;
  /** Notification channels (NotificationsModule) and their delivery options; none by default. */
  readonly notifications?: { readonly settings: NotificationSettings; readonly delivery?: DeliveryOptions };
  /** Telegram commands against this Bot API (a fake on 127.0.0.1); off without. */
  readonly telegram?: Omit<TelegramCommandsOptions, 'dependsOn'>;
  /** Where the runtime logs (default: nowhere). */
  readonly logger?: RuntimeLogger;
  /** TRADER_METRICS_PORT: also serve /metrics on this port of 127.0.0.1 without the token (0: a free port). */
  readonly metricsPort?: number;
  /** Tracing as OTEL_EXPORTER_OTLP_ENDPOINT turns it on (or onto an in-memory exporter); none by default. */
  readonly tracing?: TraderTracing;
  /** Start as a standby (the components that write held back until `kernel.activate()`); active by default. */
  readonly role?: InstanceRole;
  /** Settings as the environment gives them (`TRADER_MAX_OPEN_ORDERS`, ...); TRADER_DB is the harness's own. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The trader's trading and admin modules on a real SQLite file in a temp dir, listening on 127.0.0.1,
 * with the paper exchange standing in for Upbit.
 */
export async function startTradingApp(options: TradingAppOptions = {}): Promise<TradingAppHarness> {
  const dir = options.databasePath === undefined ? mkdtempSync(join(tmpdir(), 'trader-app-')) : null;
  // With streams, the trading component runs too (start-up reconciliation, the feed loops).
  const tradingRuntime = options.streams
    ? [
        TradingRuntimeModule.forRoot({ dependsOn: ['event-store'] }),
        {
          module: class BreakableStreamsModule {},
          global: true,
          providers: [
            { provide: MARKET_DATA_FEED, useValue: options.streams },
            { provide: EXCHANGE_EVENT_STREAM, useValue: options.streams },
          ],
          exports: [MARKET_DATA_FEED, EXCHANGE_EVENT_STREAM],
        },
      ]
    : [];
  const config = loadTraderConfig({ ...options.env, TRADER_DB: options.databasePath ?? join(dir ?? '', 'trader.db') });
  const moduleRef = await Test.createTestingModule({
    imports: [
      // The app shares a jest worker, and CI's two cores, with other tests: its loop delay p99 (since
      // boot) passed the default 100 ms there and /health said degraded. Tests of the loop guard set
      // their own threshold; these are about everything else, so the machine's load must not decide them.
      RuntimeModule.forRoot({ logger: options.logger ?? silentLogger, loopGuard: { mode: 'report', thresholdMs: HARNESS_LOOP_THRESHOLD_MS } }),
      EventStoreModule.forRoot({ path: config.databasePath, readModelEntities: [...tradingReadModelEntities], projections: tradingProjections() }),
      PaperExchangeHarnessModule.with(options.exchange),
      TradingModule.forRoot({ markets: config.markets, risk: config.risk }),
      ...tradingRuntime,
      ...(options.notifications ? [NotificationsModule.forRoot(options.notifications.settings, options.notifications.delivery)] : []),
      AdminTokenModule.forRoot(new Secret(harnessToken)),
      AdminApiModule,
      BacktestsModule.forRoot({ historyPath: options.historyPath ?? (dir ? join(dir, 'candles.sqlite') : `${options.databasePath ?? ''}.candles.sqlite`), eventsDir: join(dirname(config.databasePath), 'backtests'), risk: config.risk, workers: 1 }),
      AdminGraphqlModule.forRoot({ mode: options.mode ?? 'paper' }),
      ...(options.telegram ? [TelegramModule.forRoot({ ...options.telegram, dependsOn: ['event-store'] })] : []),
      MetricsModule.forRoot({ port: options.metricsPort ?? null }),
      TracingModule.forRoot(options.tracing ?? null),
    ],
    controllers: [HealthHttpController, RuntimeStatusHttpController],
    providers: [
      { provide: APP_GUARD, useClass: BearerTokenGuard },
      { provide: APP_GUARD, useClass: StandbyWriteGuard },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureHttpApp(app, { token: new Secret(harnessToken), publicDocs: options.publicDocs ?? false, dashboardDir: options.dashboardDir ?? join(dirname(config.databasePath), 'dashboard') });
  await app.init();
  const kernel = moduleRef.get(AppKernel);
  await kernel.start({ role: options.role ?? 'active' });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    moduleRef,
    app,
    url,
    store: moduleRef.get<EventStore>(EVENT_STORE),
    async call(method, path, body, token = harnessToken) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    async reconcile() {
      await moduleRef.get(ReconciliationGate).atStartup();
    },
    async close() {
      await kernel.stop();
      await app.close();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}
