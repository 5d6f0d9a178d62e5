import { join } from 'node:path';
import { EventStoreModule, tradingProjections, tradingReadModelEntities } from '@trader/events';
import type { PgAccountLease } from '@trader/events';
import { RuntimeModule } from '@trader/runtime';
import { UpbitCredentials, UpbitModule } from '@trader/upbit';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AdminApiModule } from './admin/admin-api.module';
import { BacktestsModule } from './admin/backtests/backtests.module';
import { AdminTokenModule } from './admin/auth/admin-token.module';
import { AdminGraphqlModule } from './admin/graphql/admin-graphql.module';
import { BearerTokenGuard } from './admin/auth/bearer-token.guard';
import { ProblemDetailsFilter } from './admin/errors/problem-details.filter';
import { RuntimeStatusHttpController } from './admin/runtime/runtime-status.http.controller';
import { ExchangeEndpoints } from './bootstrap/exchange-endpoints.bootstrap';
import { Secret } from './config/secret';
import { TraderConfig } from './config/trader-config';
import { HealthHttpController } from './health/health.http.controller';
import { NotificationsModule } from './notifications/notifications.module';
import { StandbyWriteGuard } from './standby/standby-write.guard';
import { TelegramModule } from './telegram/telegram.module';
import { MetricsModule } from './metrics/metrics.module';
import { TraderTracing } from './tracing/trader-tracing';
import { TracingModule } from './tracing/tracing.module';
import { TradingRuntimeModule } from './trading/trading-runtime.module';
import { TradingModule } from './trading/trading.module';

/**
 * The trader's wiring: the runtime, the event store (SQLite or PostgreSQL), the Upbit client (against the in-process
 * simulator, a standalone one, or Upbit itself), the application layer, trading, the admin API, and
 * the Telegram commands when they are on.
 */
@Module({})
export class AppModule {
  /** `tracing`: the app's tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (bootstrap builds it), else null. */
  /** `lease`: the account lease with PostgreSQL (bootstrap opens it), null with SQLite. */
  /** `storeLease`: bootstrap holds the SQLite store's lease, as the kernel component `store-lease`. */
  static register(
    config: TraderConfig,
    adminToken: Secret,
    exchange: ExchangeEndpoints,
    tracing: TraderTracing | null = null,
    lease: PgAccountLease | null = null,
    storeLease = false,
  ): DynamicModule {
    const credentials = exchange.accessKey && exchange.secretKey ? new UpbitCredentials(exchange.accessKey.reveal(), exchange.secretKey.reveal()) : undefined;
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot({
          loopGuard: { mode: config.loopGuardMode },
          taskShutdownTimeoutMs: config.shutdownTimeoutMs,
        }),
        EventStoreModule.forRoot({
          path: config.databasePath,
          account: config.account,
          readModelEntities: [...tradingReadModelEntities],
          projections: tradingProjections(),
          // Appends are fenced by the lease, and the lanes stop before it is given up.
          ...(lease ? { lease, dependsOn: ['account-lease'] } : storeLease ? { dependsOn: ['store-lease'] } : {}),
        }),
        UpbitModule.forRoot({
          restUrl: exchange.restUrl,
          publicWsUrl: exchange.wsUrl,
          privateWsUrl: exchange.privateWsUrl,
          ...(credentials ? { credentials } : {}),
          staleOrderMs: config.orderStaleMs,
          ...(tracing ? { restObserver: tracing.restObserver } : {}),
          streamDependsOn: ['tasks', 'upbit-rate-limiter', ...(exchange.simulator ? ['simulator'] : [])],
        }),
        TradingModule.forRoot({ markets: config.markets, risk: config.risk, orderStaleMs: config.orderStaleMs, ...(config.faults ? { faults: config.faults } : {}) }),
        TradingRuntimeModule.forRoot({ dependsOn: ['event-store', 'upbit-rest', 'upbit-websocket'], recording: config.recording }),
        NotificationsModule.forRoot(config.notifications),
        AdminTokenModule.forRoot(adminToken),
        AdminApiModule,
        BacktestsModule.forRoot({ historyPath: config.historyPath, eventsDir: join(config.dataDir, 'backtests'), risk: config.risk }),
        AdminGraphqlModule.forRoot({ mode: config.mode }),
        ...(config.telegram.commands && config.telegram.botToken
          ? [TelegramModule.forRoot({ apiUrl: config.telegram.apiUrl, botToken: config.telegram.botToken, chatIds: config.telegram.chatIds, dependsOn: ['event-store'] })]
          : []),
        MetricsModule.forRoot({ port: config.metricsPort }),
        TracingModule.forRoot(tracing),
      ],
      controllers: [HealthHttpController, RuntimeStatusHttpController],
      providers: [
        { provide: APP_GUARD, useClass: BearerTokenGuard },
        { provide: APP_GUARD, useClass: StandbyWriteGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
