import {
  APPLICATION_CLOCK,
  ConfigureRiskLimits,
  DefineStrategy,
  EXCHANGE_EVENT_STREAM,
  MARKET_DATA_FEED,
  OrderCancellationSaga,
  OrderExecutionSaga,
  OrderUpdateRecorder,
  ReconciliationGate,
  RISK_ID,
  ReviseStrategy,
  RISK_REPOSITORY,
  STRATEGY_REPOSITORY,
  StrategyRunner,
  SESSION_REPOSITORY,
  TRACKED_ORDERS,
  TRADING_READ_MODELS,
} from '@trader/application';
import type {
  ExchangeEventStream,
  MarketDataFeed,
  OrderUpdate,
  RiskRepository,
  SessionRepository,
  StrategyRepository,
  StreamSignal,
  StreamSubscription,
  TrackedOrders,
  TradingReadModels,
} from '@trader/application';
import { basicSevenRulesStrategy, sameRiskLimits } from '@trader/domain';
import { LaneDispatcher } from '@trader/events';
import type { Lane } from '@trader/events';
import { SqliteMarketHistory } from '@trader/market-history';
import type { Clock } from '@trader/domain';
import { AppKernel, errorMessage, RUNTIME_LOGGER, TaskHandle, TaskManager } from '@trader/runtime';
import type { RuntimeLogger, SuperviseOptions } from '@trader/runtime';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MarketRecordingSettings } from '../config/trader-config';
import { FeedHalt } from './feed-halt';
import { MarketRecording } from './market-recording';
import { StrategyLoader } from './strategy-loader';
import { TradingOptions } from './trading-options';
import { MARKET_RECORDING_SETTINGS, TRADING_COMPONENT_DEPENDS_ON, TRADING_OPTIONS } from './trading.tokens';

const RECONCILE_RETRY_MS = 5_000;
const CANDLE_FLUSH_MS = 1_000;
/** How often orders whose outcome is still unknown (a lookup job gave up) are looked up again. */
const RESOLVE_SWEEP_MS = 10_000;
/** How often a balance-mismatch halt is re-checked by reconciling again. */
const BALANCE_RECHECK_MS = 30_000;
/** First pause before a failed feed loop is restarted (doubling up to 30 s). */
const LOOP_RESTART_MS = 1_000;
/** How often recorded market data is written (a batch per kind, one transaction each). */
const RECORDING_FLUSH_MS = 500;
/** The event lane that executes, cancels and books our orders: entries are halted while it is down. */
const CRITICAL_LANE: Lane = 'critical-trading';

/**
 * Trading as a kernel component, started after the event store and the exchange connections. On start
 * it makes sure the configured risk limits and the reference strategy exist, reconciles with the
 * exchange (retrying until it succeeds; the session stays idle and the runner inactive meanwhile),
 * feeds public trades to the strategy runner and our order updates to the order recorder, and
 * reconciles again after a gap in the private stream. Entries are halted (FeedHalt) while one of its
 * loops is down, and while the event store's critical lane is (its worker failed and is restarting:
 * submitted orders would not be sent, fills not booked). With recording on, it also records the public
 * trades it receives and the candles built from them (MarketRecording), written in batches by a
 * periodic task, never per trade. On stop it closes the streams, so its loops end, and then writes
 * what the recording still holds.
 */
@Injectable()
export class TradingComponent implements OnModuleInit {
  private readonly subscriptions: StreamSubscription<unknown>[] = [];
  private readonly handles: TaskHandle[] = [];
  private readonly feedHalt: FeedHalt;
  /** Loops restarted after being down, until they have caught up on what they missed. */
  private readonly restarted = new Set<string>();
  private recording: MarketRecording | undefined;
  private unwatchLanes: (() => void) | undefined;

  constructor(
    private readonly kernel: AppKernel,
    private readonly tasks: TaskManager,
    private readonly commands: CommandBus,
    private readonly runner: StrategyRunner,
    private readonly gate: ReconciliationGate,
    private readonly recorder: OrderUpdateRecorder,
    private readonly execution: OrderExecutionSaga,
    private readonly cancellation: OrderCancellationSaga,
    @Inject(TRACKED_ORDERS) private readonly tracked: TrackedOrders,
    private readonly loader: StrategyLoader,
    @Inject(TRADING_READ_MODELS) private readonly readModels: TradingReadModels,
    @Inject(TRADING_OPTIONS) private readonly options: TradingOptions,
    @Inject(MARKET_DATA_FEED) private readonly feed: MarketDataFeed,
    @Inject(EXCHANGE_EVENT_STREAM) private readonly privateStream: ExchangeEventStream,
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
    @Inject(RUNTIME_LOGGER) private readonly logger: RuntimeLogger,
    @Inject(TRADING_COMPONENT_DEPENDS_ON) private readonly dependsOn: readonly string[],
    @Inject(MARKET_RECORDING_SETTINGS) private readonly recordingSettings: MarketRecordingSettings | null,
    @Inject(SESSION_REPOSITORY) session: SessionRepository,
    private readonly lanes: LaneDispatcher,
  ) {
    this.feedHalt = new FeedHalt(session, clock);
  }

  onModuleInit(): void {
    // Active-only: it appends (risk limits, the reference strategy, reconciliation) and trades.
    this.kernel.register({ name: 'trading', dependsOn: this.dependsOn, activeOnly: true, start: () => this.start(), stop: () => this.stop() });
  }

  private async start(): Promise<void> {
    // Recording starts first, so it keeps the candles each strategy warms up on (a replay needs them).
    // Before the reference strategy too: defining it makes the activation lane handler load it and
    // fetch its warm-up candles, which can happen while this start is still awaiting; a market warms up
    // only once, so candles fetched before the recording listened were never recorded (a CI run of the
    // market-recording e2e found none).
    if (this.recordingSettings) await this.startRecording(this.recordingSettings);
    await this.ensureRiskLimits();
    await this.ensureReferenceStrategy();
    // The runner is in memory: put every enabled strategy back (the activation handler, checkpointed,
    // only sees changes made after its checkpoint).
    for (const strategy of await this.readModels.strategies()) if (strategy.enabled) await this.loader.refresh(strategy.strategyId);
    this.unwatchLanes = await this.lanes.watchLanes({
      down: (lane) => (lane === CRITICAL_LANE ? this.feedHalt.loopDown(`events.lane.${lane}`) : undefined),
      up: (lane) => (lane === CRITICAL_LANE ? this.feedHalt.loopUp(`events.lane.${lane}`) : undefined),
    });
    this.handles.push(this.tasks.run('trading.startup-reconciliation', 'trading', (signal) => this.reconcileUntilDone(signal)));
    // Each loop subscribes afresh whenever it (re)starts: a loop that fails is restarted by the task
    // manager, and entries are halted while it is down (FeedHalt).
    this.handles.push(
      this.tasks.supervise('trading.trades', 'trading', () => this.tradeLoop(), this.supervision('trading.trades')),
      this.tasks.supervise('trading.my-orders', 'trading', (signal) => this.orderUpdateLoop(signal), this.supervision('trading.my-orders')),
      this.tasks.every('trading.candle-flush', 'trading', CANDLE_FLUSH_MS, () => this.runner.flushCandles(this.clock.now())),
      // A balance-mismatch halt found while orders were executing may be a race: re-check it.
      this.tasks.every('trading.balance-recheck', 'trading', BALANCE_RECHECK_MS, async () => {
        await this.gate.recheckBalances();
      }),
      this.tasks.every('trading.resolve-outstanding', 'trading', RESOLVE_SWEEP_MS, async () => {
        const open = await this.tracked.openOrderIds();
        await this.execution.resolveOutstanding(open);
        await this.cancellation.resolveOutstanding(open);
      }),
    );
  }

  private async stop(): Promise<void> {
    this.runner.setActive(false);
    this.unwatchLanes?.();
    this.unwatchLanes = undefined;
    // Abort first, so a loop that ends when its subscription closes is not taken for one that died.
    const handles = this.handles.splice(0);
    for (const handle of handles) handle.abort('trading stopped');
    for (const subscription of this.subscriptions.splice(0)) subscription.close();
    await Promise.all(handles.map((handle) => handle.done));
    // The trade loop has ended, so no trade arrives after this last write.
    this.loader.onWarmUp(null);
    this.recording?.close(this.clock.now());
    this.recording = undefined;
  }

  private async startRecording(settings: MarketRecordingSettings): Promise<void> {
    const store = await SqliteMarketHistory.open(settings.path);
    const recording = new MarketRecording(
      store,
      (market) => this.runner.timeframeOf(market),
      (error) => {
        this.tasks.noteItemFailure('trading.market-recording', error);
        this.logger.error(`recording market data to ${settings.path} failed; that batch is dropped: ${errorMessage(error)}`);
      },
    );
    this.recording = recording;
    this.loader.onWarmUp((market, timeframe, candles) => recording.onWarmUp(market, timeframe, candles));
    this.handles.push(this.tasks.every('trading.market-recording', 'trading', RECORDING_FLUSH_MS, () => recording.flush(this.clock.now())));
    this.logger.info(`recording the market data trading receives to ${settings.path}`);
  }

  private async reconcileUntilDone(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const report = await this.gate.atStartup();
        await this.feedHalt.tradingStarted();
        this.logger.info(`reconciled with the exchange: ${report.ordersChecked} open order(s) checked, ${report.discrepancies} discrepancy(ies); trading`);
        this.runner.setActive(true);
        return;
      } catch (error) {
        this.logger.warn(`start-up reconciliation failed, trading stays stopped: ${errorMessage(error)}; retrying in ${RECONCILE_RETRY_MS} ms`);
        await sleep(RECONCILE_RETRY_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private supervision(loop: string): SuperviseOptions {
    return {
      initialBackoffMs: LOOP_RESTART_MS,
      onDown: async () => {
        this.restarted.add(loop);
        await this.feedHalt.loopDown(loop);
      },
      onUp: () => this.feedHalt.loopUp(loop),
    };
  }

  private async tradeLoop(): Promise<void> {
    await this.consume(this.feed.subscribe({ kind: 'trade', markets: this.options.markets }), async (message) => {
      if (message.kind !== 'trade') return;
      // In memory only: the batch is written by the periodic flush.
      this.recording?.onTrade(message);
      try {
        await this.runner.onTrade(message);
      } catch (error) {
        // One bad tick must not end the loop that feeds every market.
        this.tasks.noteItemFailure('trading.trades', error);
        this.logger.error(`trade ${message.market} #${message.sequentialId} could not be handled: ${errorMessage(error)}`);
      }
    });
  }

  private async orderUpdateLoop(signal: AbortSignal): Promise<void> {
    const subscription = this.privateStream.subscribeOrders([]);
    // Updates pushed while the loop was down are gone: once subscribed again, reconcile as after a gap.
    if (this.restarted.delete('trading.my-orders')) await this.reconcileAfterGap(signal);
    await this.consume(subscription, async (message) => {
      if (message.kind === 'order-update') await this.recordUpdate(message, signal);
      else if (message.kind === 'stream-gap') await this.reconcileAfterGap(signal);
    });
  }

  /** Reads a subscription to its end, keeping it where stop() can close it (which ends the loop). */
  private async consume<T>(subscription: StreamSubscription<T>, handle: (message: T | StreamSignal) => Promise<void>): Promise<void> {
    this.subscriptions.push(subscription);
    try {
      for await (const message of subscription) await handle(message);
    } finally {
      subscription.close();
      const index = this.subscriptions.indexOf(subscription);
      if (index >= 0) this.subscriptions.splice(index, 1);
    }
  }

  /** One bad update must not end the loop that records every later one: it is logged, and reconciliation catches up. */
  private async recordUpdate(update: OrderUpdate, signal: AbortSignal): Promise<void> {
    try {
      // An update whose missed trades could not be looked up is left for reconciliation, as a gap is.
      if ((await this.recorder.record(update)) === 'unresolved') await this.reconcileAfterGap(signal);
    } catch (error) {
      this.tasks.noteItemFailure('trading.my-orders', error);
      this.logger.error(`could not record update ${update.state} of order ${update.identifier ?? '-'} (uuid ${update.uuid}): ${errorMessage(error)}; reconciling`);
      await this.reconcileAfterGap(signal);
    }
  }

  /** Entries stay halted until a pass succeeds: a failed pass is retried, never left halted. */
  private async reconcileAfterGap(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt += 1) {
      try {
        await this.gate.afterStreamGap();
        return;
      } catch (error) {
        this.logger.error(`reconciliation after a stream gap failed (attempt ${attempt}); entries stay halted, retrying in ${RECONCILE_RETRY_MS} ms: ${errorMessage(error)}`);
        await sleep(RECONCILE_RETRY_MS, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /**
   * The configured limits (`TRADER_MAX_*`) are applied on the first start, and again only when the
   * configuration changed since it last set them: limits an operator set through the admin API stay
   * in force across restarts (a restart must never loosen what the operator tightened).
   */
  private async ensureRiskLimits(): Promise<void> {
    const { state } = await this.risk.load(RISK_ID);
    const configured = this.options.risk;
    if (sameRiskLimits(state.configuredLimits, configured)) {
      if (!sameRiskLimits(state.limits, configured)) this.logger.info('risk limits: keeping the limits set through the admin API (the configured ones are unchanged since they were last applied)');
      return;
    }
    if (state.limits !== null && !sameRiskLimits(state.limits, state.configuredLimits)) {
      this.logger.warn('risk limits: the configured limits changed since they were last applied; they replace the limits set through the admin API');
    }
    await this.commands.execute(new ConfigureRiskLimits(this.options.risk, {}, 'configuration'));
  }

  /**
   * The reference strategy, on the first two configured markets, the first time the trader runs. When a
   * newer version ships, a stored older one is revised to it (keeping its markets and enabled flag)
   * through the normal revision, which waits while one of its positions is open; history is never
   * edited. A version the operator revised to themselves (as high or higher) is left alone.
   */
  private async ensureReferenceStrategy(): Promise<void> {
    const reference = basicSevenRulesStrategy();
    const { state } = await this.strategies.load(reference.id);
    if (state.status === 'undefined') {
      await this.commands.execute(new DefineStrategy({ ...reference, markets: this.options.markets.slice(0, 2), enabled: true }));
      return;
    }
    const latest = state.pendingRevision?.version ?? state.definition.version;
    if (latest >= reference.version) return;
    await this.commands.execute(new ReviseStrategy(reference.id, { ...reference, markets: state.definition.markets, enabled: state.definition.enabled }));
    this.logger.info(`reference strategy ${reference.id}: version ${state.definition.version} revised to ${reference.version} (deferred while a position is open)`);
  }
}
