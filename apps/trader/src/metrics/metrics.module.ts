import { TRADING_READ_MODELS, TickerBoard } from '@trader/application';
import type { TradingReadModels } from '@trader/application';
import { EventStoreRuntime, StoredEventMessage } from '@trader/events';
import { AppKernel, LoopGuard, RUNTIME_LOGGER } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { UPBIT_CLIENT } from '@trader/upbit';
import type { UpbitClient } from '@trader/upbit';
import { DynamicModule, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { CqrsModule, EventBus } from '@nestjs/cqrs';
import type { Subscription } from 'rxjs';
import { TradingOptions } from '../trading/trading-options';
import { TRADING_OPTIONS } from '../trading/trading.tokens';
import { MetricsListener } from './metrics-listener.component';
import { MetricsOptions } from './metrics-options';
import { MetricsHttpController } from './metrics.http.controller';
import { METRICS_OPTIONS } from './metrics.tokens';
import { OrderFlowMetrics } from './order-flow.metrics';
import { TraderMetrics } from './trader-metrics';

/**
 * Feeds the event-driven figures: every committed event (from the Nest EventBus, after the commit) into
 * the order-flow counters, and every append's duration into the latency histogram.
 */
@Injectable()
class MetricsFeed implements OnModuleDestroy {
  private readonly subscription: Subscription;

  constructor(metrics: TraderMetrics, @Inject(TRADING_OPTIONS) trading: TradingOptions, runtime: EventStoreRuntime, eventBus: EventBus) {
    const orderFlow = new OrderFlowMetrics(metrics.registry, trading.markets, runtime.publishing);
    this.subscription = eventBus.subscribe((message) => {
      if (message instanceof StoredEventMessage) orderFlow.observe(message.event);
    });
    runtime.publishing.observeAppends((append) => metrics.observeAppend(append));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}

/**
 * Prometheus metrics: GET /metrics on the main port (behind the admin token) and, with a port set, on a
 * loopback-only listener of its own. Needs the runtime, the event store and the trading modules; reads
 * the Upbit client's counters when there is one.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      imports: [CqrsModule],
      controllers: [MetricsHttpController],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        {
          provide: TraderMetrics,
          inject: [TRADING_OPTIONS, EventStoreRuntime, LoopGuard, TRADING_READ_MODELS, TickerBoard, { token: UPBIT_CLIENT, optional: true }],
          useFactory: (trading: TradingOptions, runtime: EventStoreRuntime, loopGuard: LoopGuard, readModels: TradingReadModels, board: TickerBoard, upbit: UpbitClient | undefined) =>
            new TraderMetrics({
              markets: trading.markets,
              lanes: () => runtime.dispatcher.stats(),
              loop: () => loopGuard.snapshot(),
              upbit: upbit ? () => ({ rest: upbit.rest.stats(), limiter: upbit.limiter.stats(), streams: upbit.streams.stats() }) : null,
              positions: () => readModels.positions(),
              markPrice: (market) => board.lastKnown(market)?.tradePrice,
            }),
        },
        MetricsFeed,
        {
          provide: MetricsListener,
          inject: [TraderMetrics, AppKernel, RUNTIME_LOGGER],
          useFactory: (metrics: TraderMetrics, kernel: AppKernel, logger: RuntimeLogger) => {
            if (options.port === null) return null;
            const listener = new MetricsListener(metrics, options.port, logger);
            kernel.register(listener);
            return listener;
          },
        },
      ],
      exports: [TraderMetrics, MetricsListener],
    };
  }
}
