import {
  AccountBalances,
  ChartCandleBook,
  defaultOrderExecutionOptions,
  MARKET_DATA_QUERIES,
  TickerBoard,
  ORDER_ADMISSION,
  OrderCancellationSaga,
  OrderExecutionSaga,
  APPLICATION_CLOCK,
  CancelAllOrdersHandler,
  CancelOrderHandler,
  ConfigureProtectionsHandler,
  ConfigureRiskLimitsHandler,
  DEAD_LETTERS,
  DiscardParkedEventHandler,
  GetParkedEventsHandler,
  RetryParkedEventHandler,
  DefineStrategyHandler,
  DisableStrategyHandler,
  EnableStrategyHandler,
  EngageKillSwitchHandler,
  EVENT_STORE,
  EXCHANGE_GATEWAY,
  GetCandlesHandler,
  GetBalancesHandler,
  GetEventsHandler,
  GetMarketsHandler,
  GetTickersHandler,
  GetOrderHandler,
  GetOrdersHandler,
  GetPnlHandler,
  GetPositionsHandler,
  GetRiskStateHandler,
  GetSessionHandler,
  GetStrategiesHandler,
  GetStrategyHandler,
  HaltTradingHandler,
  ID_GENERATOR,
  ORDER_REPOSITORY,
  OrderUpdateRecorder,
  PlaceOrderHandler,
  POSITION_REPOSITORY,
  ReconciliationGate,
  ReconciliationService,
  SESSION_REPOSITORY,
  ReleaseKillSwitchHandler,
  RequestConfigChangeHandler,
  ResumeTradingHandler,
  ReviseStrategyHandler,
  ApplyDeferredRevisionHandler,
  StartTradingHandler,
  StrategyRunner,
  SwitchDatabaseProfileHandler,
  TRACKED_ORDERS,
  TRADING_READ_MODELS,
} from '@trader/application';
import type {
  DeadLetters,
  EventStore,
  ExchangeGateway,
  IdGenerator,
  MarketDataQueries,
  OrderExecutionOptions,
  OrderRepository,
  PlaceOrder,
  PlaceOrderResult,
  PositionRepository,
  SessionRepository,
  TrackedOrders,
} from '@trader/application';
import type { Clock } from '@trader/domain';
import { EventStoreRuntime, ReadModelTrackedOrders, SqliteTradingReadModels } from '@trader/events';
import { CLOCK, errorMessage, RUNTIME_LOGGER, TaskManager } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { DynamicModule, Module } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Dec } from '@trader/domain';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { orderEventStoreProvider } from '../faults/order-event-store.provider';
import { TraderTracing } from '../tracing/trader-tracing';
import { TRADER_TRACING } from '../tracing/tracing.tokens';
import { OrderCancellationLaneHandler } from './lane-handlers/order-cancellation.lane-handler';
import { OrderExecutionLaneHandler } from './lane-handlers/order-execution.lane-handler';
import { PositionKeeperLaneHandler } from './lane-handlers/position-keeper.lane-handler';
import { DeferredRevisionLaneHandler } from './lane-handlers/deferred-revision.lane-handler';
import { RiskLimitsChangeLaneHandler } from './lane-handlers/risk-limits-change.lane-handler';
import { StrategyActivationLaneHandler } from './lane-handlers/strategy-activation.lane-handler';
import { StrategyRunnerLaneHandler } from './lane-handlers/strategy-runner.lane-handler';
import { TradingGuardLaneHandler } from './lane-handlers/trading-guard.lane-handler';
import { repositoryProviders } from './repositories.providers';
import { StrategyLoader } from './strategy-loader';
import { TradingOptions } from './trading-options';
import { SAGA_WAIT, TRADING_OPTIONS } from './trading.tokens';

const commandHandlers = [
  PlaceOrderHandler,
  CancelOrderHandler,
  CancelAllOrdersHandler,
  DefineStrategyHandler,
  ReviseStrategyHandler,
  ApplyDeferredRevisionHandler,
  EnableStrategyHandler,
  DisableStrategyHandler,
  StartTradingHandler,
  HaltTradingHandler,
  ResumeTradingHandler,
  EngageKillSwitchHandler,
  ReleaseKillSwitchHandler,
  ConfigureRiskLimitsHandler,
  ConfigureProtectionsHandler,
  RequestConfigChangeHandler,
  SwitchDatabaseProfileHandler,
  RetryParkedEventHandler,
  DiscardParkedEventHandler,
];

const queryHandlers = [
  GetBalancesHandler,
  GetEventsHandler,
  GetMarketsHandler,
  GetTickersHandler,
  GetParkedEventsHandler,
  GetOrdersHandler,
  GetOrderHandler,
  GetPositionsHandler,
  GetPnlHandler,
  GetSessionHandler,
  GetRiskStateHandler,
  GetStrategiesHandler,
  GetStrategyHandler,
  GetCandlesHandler,
];

const laneHandlers = [
  OrderExecutionLaneHandler,
  OrderCancellationLaneHandler,
  PositionKeeperLaneHandler,
  TradingGuardLaneHandler,
  StrategyActivationLaneHandler,
  DeferredRevisionLaneHandler,
  RiskLimitsChangeLaneHandler,
  StrategyRunnerLaneHandler,
];

/**
 * The application layer wired into Nest: repositories on the event store, every command and query
 * handler on the buses, the sagas and keepers as checkpointed lane handlers, the strategy runner and
 * the read models. It needs the RuntimeModule, the EventStoreModule and a module that provides the
 * exchange ports (the Upbit client, or a paper exchange).
 */
@Module({})
export class TradingModule {
  static forRoot(options: TradingOptions): DynamicModule {
    return {
      module: TradingModule,
      global: true,
      imports: [CqrsModule],
      providers: [
        { provide: TRADING_OPTIONS, useValue: options },
        { provide: APPLICATION_CLOCK, useExisting: CLOCK },
        { provide: ID_GENERATOR, useValue: { next: () => randomUUID() } satisfies IdGenerator },
        { provide: SAGA_WAIT, useValue: (ms: number) => sleep(ms) },
        {
          provide: TRADING_READ_MODELS,
          inject: [EventStoreRuntime],
          useFactory: async (runtime: EventStoreRuntime) => new SqliteTradingReadModels(await runtime.readModelDataSource()),
        },
        {
          // The kill switch, cancel-all and reconciliation read open orders from the order read model
          // (O(open orders)), after it has caught up with the store, instead of scanning the log.
          provide: TRACKED_ORDERS,
          inject: [EventStoreRuntime],
          useFactory: async (runtime: EventStoreRuntime): Promise<TrackedOrders> =>
            new ReadModelTrackedOrders(await runtime.readModelDataSource(), runtime.store, runtime.dispatcher),
        },
        {
          provide: StrategyRunner,
          inject: [CommandBus, EXCHANGE_GATEWAY, EVENT_STORE, CLOCK, ID_GENERATOR, { token: TRADER_TRACING, optional: true }],
          useFactory: (commands: CommandBus, gateway: ExchangeGateway, store: EventStore, clock: Clock, ids: IdGenerator, tracing: TraderTracing | null | undefined) =>
            new StrategyRunner(
              {
                placeOrder: (command: PlaceOrder) => {
                  const place = (): Promise<PlaceOrderResult> => commands.execute<PlaceOrder, PlaceOrderResult>(command);
                  // With tracing on, the strategy's decision is the root of the order's trace.
                  return tracing ? tracing.decision(command.context.correlationId ?? command.orderId, command.terms.market, place) : place();
                },
                availableFunds: async (currency) => (await gateway.getAccounts()).find((a) => a.currency === currency)?.balance ?? new Dec(0),
              },
              store,
              clock,
              ids,
            ),
        },
        {
          provide: OrderExecutionSaga,
          inject: [ORDER_REPOSITORY, EVENT_STORE, EXCHANGE_GATEWAY, CLOCK, SAGA_WAIT, EventStoreRuntime, TaskManager, RUNTIME_LOGGER],
          useFactory: (
            orders: OrderRepository,
            store: EventStore,
            gateway: ExchangeGateway,
            clock: Clock,
            wait: (ms: number) => Promise<void>,
            runtime: EventStoreRuntime,
            tasks: TaskManager,
            logger: RuntimeLogger,
          ) => {
            const executionOptions: OrderExecutionOptions = {
              ...defaultOrderExecutionOptions,
              ...(options.orderStaleMs !== undefined ? { staleAfterMs: options.orderStaleMs } : {}),
              // Read at each OrderSubmitted, not now: a standby builds this saga long before it takes
              // over, and what the previous active submitted meanwhile must be looked up, never sent.
              get startedAfterPosition(): number {
                return runtime.startedAfterPosition();
              },
            };
            const saga = new OrderExecutionSaga(
              orders,
              store,
              gateway,
              clock,
              wait,
              executionOptions,
              (orderId, error) => logger.warn(`order ${orderId}: exchange work failed, the order stays unresolved until the next sweep: ${errorMessage(error)}`),
            );
            // The workers live as long as the process (restarted should one ever fail); the TaskManager aborts them at shutdown.
            saga.start((name, body) => tasks.supervise(name, 'order-execution', body));
            return saga;
          },
        },
        {
          provide: OrderCancellationSaga,
          inject: [ORDER_REPOSITORY, EVENT_STORE, EXCHANGE_GATEWAY, CLOCK, SAGA_WAIT, TaskManager, RUNTIME_LOGGER],
          useFactory: (
            orders: OrderRepository,
            store: EventStore,
            gateway: ExchangeGateway,
            clock: Clock,
            wait: (ms: number) => Promise<void>,
            tasks: TaskManager,
            logger: RuntimeLogger,
          ) => {
            const saga = new OrderCancellationSaga(orders, store, gateway, clock, wait, { confirmAttempts: 5, confirmIntervalMs: 500, concurrency: 4 }, (orderId, error) =>
              logger.warn(`order ${orderId}: cancel not confirmed, the next sweep takes it up again: ${errorMessage(error)}`),
            );
            saga.start((name, body) => tasks.supervise(name, 'order-cancellation', body));
            return saga;
          },
        },
        {
          provide: ReconciliationService,
          inject: [
            EVENT_STORE,
            ORDER_REPOSITORY,
            POSITION_REPOSITORY,
            TRACKED_ORDERS,
            EXCHANGE_GATEWAY,
            CLOCK,
            ID_GENERATOR,
            EventStoreRuntime,
            OrderExecutionSaga,
            SAGA_WAIT,
          ],
          useFactory: (
            store: EventStore,
            orders: OrderRepository,
            positions: PositionRepository,
            tracked: TrackedOrders,
            gateway: ExchangeGateway,
            clock: Clock,
            ids: IdGenerator,
            runtime: EventStoreRuntime,
            execution: OrderExecutionSaga,
            wait: (ms: number) => Promise<void>,
          ) =>
            new ReconciliationService(store, orders, positions, tracked, gateway, clock, ids, options.markets, (position) => positionsCaughtUp(runtime, position), {
              sendInFlight: (orderId) => execution.isSending(orderId),
              unknownOutcomeBoundMs: defaultOrderExecutionOptions.unknownOutcomeBoundMs,
              lookupIntervalMs: defaultOrderExecutionOptions.lookupIntervalMs,
              wait,
            }),
        },
        {
          provide: ReconciliationGate,
          inject: [ReconciliationService, SESSION_REPOSITORY, CLOCK],
          useFactory: (service: ReconciliationService, session: SessionRepository, clock: Clock) => new ReconciliationGate(service, session, clock),
        },
        { provide: ORDER_ADMISSION, useExisting: ReconciliationGate },
        {
          provide: OrderUpdateRecorder,
          inject: [ORDER_REPOSITORY, EVENT_STORE, CLOCK, EXCHANGE_GATEWAY],
          useFactory: (orders: OrderRepository, store: EventStore, clock: Clock, gateway: ExchangeGateway) => new OrderUpdateRecorder(orders, store, clock, gateway),
        },
        {
          provide: DEAD_LETTERS,
          inject: [EventStoreRuntime],
          useFactory: (runtime: EventStoreRuntime): DeadLetters => ({
            list: (subscriber) => runtime.dispatcher.listParked(subscriber),
            retry: (id) => runtime.dispatcher.retryParked(id),
            discard: (id) => runtime.dispatcher.discardParked(id),
          }),
        },
        // The state the admin reads answer from (kept by the live-state component), never the exchange per read.
        { provide: AccountBalances, inject: [CLOCK], useFactory: (clock: Clock) => new AccountBalances(clock.now()) },
        {
          provide: TickerBoard,
          inject: [MARKET_DATA_QUERIES, CLOCK],
          useFactory: (marketData: MarketDataQueries, clock: Clock) => new TickerBoard(marketData, clock, new Set(options.markets)),
        },
        {
          provide: ChartCandleBook,
          inject: [MARKET_DATA_QUERIES, CLOCK],
          useFactory: (marketData: MarketDataQueries, clock: Clock) => new ChartCandleBook(marketData, clock, new Set(options.markets)),
        },
        StrategyLoader,
        orderEventStoreProvider(options.faults),
        ...repositoryProviders,
        ...commandHandlers,
        ...queryHandlers,
        ...laneHandlers,
      ],
      exports: [AccountBalances, TickerBoard, ChartCandleBook, OrderExecutionSaga, OrderCancellationSaga, StrategyRunner, StrategyLoader, ReconciliationGate, OrderUpdateRecorder, TRADING_OPTIONS, TRADING_READ_MODELS, TRACKED_ORDERS, ID_GENERATOR, APPLICATION_CLOCK, ...repositoryProviders.map((p) => (p as { provide: symbol }).provide)],
    };
  }
}

/** How long reconciliation waits for positions to include the fills it found before it gives up. */
const POSITIONS_CATCH_UP_MS = 10_000;

/**
 * Resolves once the position keeper has processed every fill up to `position`. Its checkpoint moves
 * only with the events it handles, so "caught up" means: no OrderFilled between it and `position`.
 */
async function positionsCaughtUp(runtime: EventStoreRuntime, position: number): Promise<void> {
  const deadline = Date.now() + POSITIONS_CATCH_UP_MS;
  const pendingFill = (): boolean => {
    const checkpoint = runtime.checkpoints.position('position-keeper');
    if (checkpoint >= position) return false;
    for (const event of runtime.store.readAll(checkpoint + 1, position - checkpoint)) if (event.type === 'OrderFilled') return true;
    return false;
  };
  while (pendingFill()) {
    if (Date.now() > deadline) throw new Error(`positions did not catch up to event ${position} within ${POSITIONS_CATCH_UP_MS} ms`);
    await sleep(20);
  }
}
