export type { AggregateRepository, CommandContext, HandledCommand, LoadedAggregate, SavedEvents } from './ports/aggregate-repository.port';
export type { AppendOptions, AppendResult } from './ports/append-result';
export type { EventMetadata, NewEvent, StoredEvent } from './ports/event-envelope';
export type { EventStoreStats } from './ports/event-store-stats';
export { BackpressureError, ConcurrencyError, EventStoreError } from './ports/event-store.errors';
export { EVENT_STORE } from './ports/event-store.port';
export type { EventStore, StreamAppend } from './ports/event-store.port';
export type { ExpectedVersion } from './ports/expected-version';
export { DeciderRepository } from './event-sourcing/decider-repository';
export { DelegatingEventStore } from './event-sourcing/delegating-event-store';
export type { DeciderRepositoryOptions, SnapshotPolicy } from './event-sourcing/decider-repository.options';
export type { Snapshot, SnapshotStore } from './event-sourcing/snapshot-store.port';
export { OrderExecutionSaga } from './orders/order-execution/order-execution.saga';
export { OrderOutcomeUnresolvedError } from './orders/order-execution/order-execution.errors';
export { defaultOrderExecutionOptions } from './orders/order-execution/order-execution.options';
export type { OrderExecutionOptions } from './orders/order-execution/order-execution.options';
export { OrderWorkQueue } from './orders/order-work/order-work-queue';
export type { WorkerSpawner } from './orders/order-work/order-work-queue';
export { ORDER_AGGREGATE, ORDER_REPOSITORY } from './orders/order-repository';
export type { OrderRepository } from './orders/order-repository';
export { PlaceOrder } from './orders/place-order/place-order.command';
export type { OrderTerms, PlacementIntent } from './orders/place-order/place-order.command';
export { PlaceOrderHandler } from './orders/place-order/place-order.handler';
export type { PlaceOrderResult } from './orders/place-order/place-order.handler';
export { OrderAlreadyPlacedError, ReferencePriceRequiredError } from './orders/place-order/place-order.errors';
export { ORDER_ADMISSION } from './orders/place-order/order-admission.port';
export type { OrderAdmission } from './orders/place-order/order-admission.port';
export { APPLICATION_CLOCK } from './ports/clock.token';
export { ID_GENERATOR } from './ports/id-generator.port';
export type { IdGenerator } from './ports/id-generator.port';
export { POSITION_AGGREGATE, POSITION_REPOSITORY } from './positions/position-repository';
export type { PositionRepository } from './positions/position-repository';
export { PositionKeeper } from './positions/position-keeper';
export { CancelOrder } from './orders/cancel-order/cancel-order.command';
export { CancelOrderHandler } from './orders/cancel-order/cancel-order.handler';
export { ExchangeOrderApplier } from './orders/exchange-order-applier';
export { OrderCancellationSaga } from './orders/order-cancellation/order-cancellation.saga';
export type { OrderCancellationOptions } from './orders/order-cancellation/order-cancellation.saga';
export { OrderUpdateRecorder } from './orders/order-updates/order-update-recorder';
export type { OrderUpdateOutcome } from './orders/order-updates/order-update-recorder';
export { ScannedTrackedOrders, TRACKED_ORDERS } from './orders/tracked-orders';
export type { TrackedOrders } from './orders/tracked-orders';
export { RECONCILIATION_STREAM } from './reconciliation/reconciliation.events';
export type {
  BalanceMismatchFoundData,
  OrderMissingOnExchangeData,
  ReconciliationCompletedData,
  ReconciliationFailedData,
  ReconciliationReason,
  ReconciliationStartedData,
  UnknownExchangeOrderFoundData,
} from './reconciliation/reconciliation.events';
export { ReconciliationService } from './reconciliation/reconciliation.service';
export type { ReconciliationReport } from './reconciliation/reconciliation.service';
export type { BuiltCandle, CandleTrade } from './market-data/candle';
export { CandleBuilder } from './market-data/candle-builder';
export type {
  AccountBalance,
  AssetUpdate,
  BatchCancelResult,
  CancelAllOrdersRequest,
  CancelledOrderRef,
  ClosedOrdersQuery,
  ExchangeOrder,
  ExchangeOrderState,
  MarketOrderRules,
  OpenOrdersQuery,
  OrderChance,
  OrderFill,
  OrderReference,
  OrderRequest,
  OrderSide,
  OrderSubmission,
  OrderType,
  OrderUpdate,
  OrdersByIdsQuery,
  OrdersToCancel,
  ReplaceOrderRequest,
  ReplaceSubmission,
  SelfMatchPrevention,
  SortOrder,
  TimeInForce,
} from './ports/exchange-gateway.types';
export type {
  AskBid,
  Candle,
  CandleInterval,
  CandleQuery,
  CandleUnit,
  CandleUpdate,
  HistoricalTrade,
  MarketDataUpdate,
  MarketInfo,
  MarketInstrument,
  MarketStreamKind,
  MarketSubscriptionRequest,
  OrderBookLevel,
  OrderBookQuery,
  OrderBookSnapshot,
  PriceChange,
  StreamGap,
  StreamRecovered,
  StreamSignal,
  StreamSubscription,
  StreamType,
  SubscriptionStats,
  TickerSnapshot,
  TickerUpdate,
  TradeTick,
  TradesQuery,
} from './ports/market-data-feed.types';
export {
  ExchangeAuthError,
  ExchangeBlockedError,
  ExchangeBusyError,
  ExchangeError,
  ExchangeNotFoundError,
  ExchangeRateLimitedError,
  ExchangeRejectedError,
  ExchangeUnavailableError,
  ExchangeUnexpectedError,
  ProtocolError,
  StaleOrderError,
} from './ports/exchange-gateway.errors';
export type { RejectionReason } from './ports/exchange-gateway.errors';
export { EXCHANGE_EVENT_STREAM, EXCHANGE_GATEWAY } from './ports/exchange-gateway.port';
export type { ExchangeEventStream, ExchangeGateway } from './ports/exchange-gateway.port';
export { MARKET_DATA_FEED, MARKET_DATA_QUERIES } from './ports/market-data-feed.port';
export type { MarketDataFeed, MarketDataQueries } from './ports/market-data-feed.port';
export { decisionStream, STRATEGY_DECIDED, STRATEGY_MANAGEMENT_SAVED } from './strategies/strategy-decided.event';
export type { StrategyDecidedData, StrategyManagementSavedData } from './strategies/strategy-decided.event';
export { MarketAlreadyTradedError } from './strategies/strategy-runner.errors';
export { StrategyRunner } from './strategies/strategy-runner';
export type { OpenOrderToRestore, StrategyRunnerPorts } from './strategies/strategy-runner';
export { candleUnitOf, TIMEFRAME_MS } from './strategies/timeframes';
export { retryOnConflict } from './trading/conflict-retry';
export { RISK_AGGREGATE, RISK_ID, RISK_REPOSITORY, SESSION_AGGREGATE, SESSION_ID, SESSION_REPOSITORY } from './trading/trading-repositories';
export type { RiskRepository, SessionRepository } from './trading/trading-repositories';
export { TradingGuard } from './trading/trading-guard';
export { ConfigureRiskLimits } from './trading/configure-risk-limits/configure-risk-limits.command';
export { ConfigureRiskLimitsHandler } from './trading/configure-risk-limits/configure-risk-limits.handler';
export { RISK_LIMITS_CONFIG_KEY } from './trading/configure-risk-limits/risk-limits-config-key';
export { ConfigureProtections } from './trading/configure-protections/configure-protections.command';
export { ConfigureProtectionsHandler } from './trading/configure-protections/configure-protections.handler';
export { EngageKillSwitch } from './trading/engage-kill-switch/engage-kill-switch.command';
export { EngageKillSwitchHandler } from './trading/engage-kill-switch/engage-kill-switch.handler';
export type { KillSwitchResult } from './trading/engage-kill-switch/engage-kill-switch.handler';
export { HaltTrading } from './trading/halt-trading/halt-trading.command';
export { HaltTradingHandler } from './trading/halt-trading/halt-trading.handler';
export { ReleaseKillSwitch } from './trading/release-kill-switch/release-kill-switch.command';
export { ReleaseKillSwitchHandler } from './trading/release-kill-switch/release-kill-switch.handler';
export { RequestConfigChange } from './trading/request-config-change/request-config-change.command';
export { RequestConfigChangeHandler } from './trading/request-config-change/request-config-change.handler';
export type { ConfigChangeOutcome } from './trading/request-config-change/request-config-change.handler';
export { KillSwitchEngagedError } from './trading/resume-trading/kill-switch-engaged.error';
export { ResumeTrading } from './trading/resume-trading/resume-trading.command';
export { ResumeTradingHandler } from './trading/resume-trading/resume-trading.handler';
export { StartTrading } from './trading/start-trading/start-trading.command';
export { StartTradingHandler } from './trading/start-trading/start-trading.handler';
export { SwitchDatabaseProfile } from './trading/switch-database-profile/switch-database-profile.command';
export { SwitchDatabaseProfileHandler } from './trading/switch-database-profile/switch-database-profile.handler';
export { CancelAllOrders } from './orders/cancel-all-orders/cancel-all-orders.command';
export { CancelAllOrdersHandler } from './orders/cancel-all-orders/cancel-all-orders.handler';
export { ApplyDeferredRevision } from './strategies/apply-deferred-revision/apply-deferred-revision.command';
export { ApplyDeferredRevisionHandler } from './strategies/apply-deferred-revision/apply-deferred-revision.handler';
export { DefineStrategy } from './strategies/define-strategy/define-strategy.command';
export { DefineStrategyHandler } from './strategies/define-strategy/define-strategy.handler';
export { DisableStrategy } from './strategies/disable-strategy/disable-strategy.command';
export { DisableStrategyHandler } from './strategies/disable-strategy/disable-strategy.handler';
export { EnableStrategy } from './strategies/enable-strategy/enable-strategy.command';
export { EnableStrategyHandler } from './strategies/enable-strategy/enable-strategy.handler';
export { ReviseStrategy } from './strategies/revise-strategy/revise-strategy.command';
export { ReviseStrategyHandler } from './strategies/revise-strategy/revise-strategy.handler';
export { StrategyActivation } from './strategies/strategy-activation';
export { STRATEGY_AGGREGATE, STRATEGY_REPOSITORY } from './strategies/strategy-repository';
export type { StrategyRepository } from './strategies/strategy-repository';
export { GetCandles } from './queries/get-candles/get-candles.query';
export { GetCandlesHandler } from './queries/get-candles/get-candles.handler';
export type { CandleChart, CandleWithIndicators } from './queries/get-candles/get-candles.handler';
export { GetOrder } from './queries/get-order.query';
export { GetOrderHandler } from './queries/get-order.handler';
export { GetOrders } from './queries/get-orders.query';
export { GetOrdersHandler } from './queries/get-orders.handler';
export { GetPnl } from './queries/get-pnl.query';
export type { PnlPeriod } from './queries/get-pnl.query';
export { GetPnlHandler } from './queries/get-pnl.handler';
export { aggregatePnl, isoWeek } from './queries/pnl-periods';
export type { PnlRow } from './queries/pnl-periods';
export { GetPositions } from './queries/get-positions/get-positions.query';
export { GetPositionsHandler } from './queries/get-positions/get-positions.handler';
export type { ValuedPosition } from './queries/get-positions/get-positions.handler';
export { GetRiskState } from './queries/get-risk-state/get-risk-state.query';
export { GetRiskStateHandler } from './queries/get-risk-state/get-risk-state.handler';
export type { RiskStateView } from './queries/get-risk-state/get-risk-state.handler';
export { GetSession } from './queries/get-session.query';
export { GetSessionHandler } from './queries/get-session.handler';
export type { SessionView } from './queries/get-session.handler';
export { GetStrategies } from './queries/get-strategies.query';
export { GetStrategiesHandler } from './queries/get-strategies.handler';
export { GetStrategy } from './queries/get-strategy.query';
export { GetStrategyHandler } from './queries/get-strategy.handler';
export { NotFoundError } from './queries/query.errors';
export { TRADING_READ_MODELS } from './queries/read-models.port';
export type { DailyPnl, OrderFilter, OrderView, PositionView, StrategySummary, TradingReadModels } from './queries/read-models.port';
export { BALANCE_MISMATCH_HALT, RECONCILIATION_PENDING, ReconciliationGate, STREAM_GAP_HALT } from './reconciliation/reconciliation-gate';
export { GetEvents } from './queries/get-events.query';
export { GetEventsHandler } from './queries/get-events.handler';
export type { EventPage } from './queries/get-events.handler';
export { DEAD_LETTERS } from './dead-letters/dead-letters.port';
export type { DeadLetters, ParkedEvent, ParkedRetryOutcome } from './dead-letters/dead-letters.port';
export { DiscardParkedEvent } from './dead-letters/discard-parked-event.command';
export { DiscardParkedEventHandler } from './dead-letters/discard-parked-event.handler';
export { GetParkedEvents } from './dead-letters/get-parked-events.query';
export { GetParkedEventsHandler } from './dead-letters/get-parked-events.handler';
export { RetryParkedEvent } from './dead-letters/retry-parked-event.command';
export { RetryParkedEventHandler } from './dead-letters/retry-parked-event.handler';
export { GetMarkets } from './queries/get-markets.query';
export { GetMarketsHandler } from './queries/get-markets.handler';
export { GetTickers } from './queries/get-tickers/get-tickers.query';
export { GetTickersHandler } from './queries/get-tickers/get-tickers.handler';
export { GetBalances } from './queries/get-balances/get-balances.query';
export { GetBalancesHandler } from './queries/get-balances/get-balances.handler';
export { AccountBalances } from './live-state/account-balances';
export type { BalanceSource, BalanceView } from './live-state/account-balances';
export { DEFAULT_TICKER_CACHE_MS, TickerBoard } from './live-state/ticker-board';
export type { TickerSource, TickerView } from './live-state/ticker-board';
export { CHART_CANDLES, ChartCandleBook, DEFAULT_CHART_CACHE_MS } from './live-state/chart-candle-book';
export type { ChartSource, LiveCandle, LiveChart } from './live-state/chart-candle-book';
export { StreamHealth } from './live-state/stream-health';
export { LiveStateUnavailableError } from './live-state/live-state.errors';
export { MARKET_HISTORY } from './ports/market-history.port';
export type { CandleColumns, CandlePriceTexts, HistoryCoverage, MarketHistory, RecordedTrade, StoredCandle } from './ports/market-history.port';
export type { BacktestRun, BacktestTrade, ChartCandle, EquityPoint } from './backtest/backtest-run';
export { BacktestEngine } from './backtest/backtest-engine';
export type { BacktestDependencies } from './backtest/backtest-engine';
export { BacktestExchange } from './backtest/backtest-exchange';
export type { RecordedOrderFills } from './backtest/backtest-exchange';
export type { BacktestOptions, BacktestProgress } from './backtest/backtest-options';
export { BacktestOptionsError, BacktestTimeError, NoHistoryError } from './backtest/backtest.errors';
export { SequentialIds, VirtualClock } from './backtest/virtual-clock';
export type { BacktestMetrics, MaxDrawdown, TradeBreakdown, TradeStats } from './backtest/report/backtest-metrics';
export type { BacktestReport, BacktestRunSummary } from './backtest/report/backtest-report';
export { BacktestReportInputError } from './backtest/report/backtest-report.errors';
export { buildReport } from './backtest/report/build-report';
export { computeMetrics } from './backtest/report/compute-metrics';
export { drawdownCurve, equityCurve } from './backtest/report/equity-curve';
export { canonicalTrades, tradesDigest } from './backtest/report/trades-digest';
export { NOTIFICATION_KINDS, isNotificationKind } from './notifications/notification-kind';
export type { NotificationKind } from './notifications/notification-kind';
export type { NotificationMessage } from './notifications/notification-message';
export { NOTIFIED_EVENT_TYPES, notificationForEvent } from './notifications/notification-for-event';
export { dailySummaryId, dailySummaryNotification } from './notifications/daily-summary';
export type { DailySummary, DailySummaryPosition } from './notifications/daily-summary';
export { isKnownTimeZone, localDate, nextDailySummaryAt, parseLocalTimeOfDay } from './notifications/daily-summary-schedule';
export type { LocalTimeOfDay } from './notifications/daily-summary-schedule';
