// Shared building blocks
export type { Clock } from './shared/clock';
export type { Decider, DomainEvent } from './shared/decider';
export { ManualClock } from './shared/manual-clock';
export { DomainError } from './shared/domain-error';
export { Dec, decimalText, parseDecimal } from './shared/decimal';
export { DecimalSum } from './shared/decimal-sum';
export type { DecimalString } from './shared/decimal';
export { InvalidEnumValueError } from './shared/enum-parser';
export { IdSet } from './shared/id-set';
export type { JsonValue } from './shared/json-value';
export { ORDER_INTENTS, growsExposure, parseOrderIntent } from './shared/order-intent';
export type { OrderIntent } from './shared/order-intent';
export type { OrderDenied } from './shared/order-denied.event';
export { DeciderSpecification, SpecificationFailedError, findNonJson } from './shared/testing/decider-specification';
export type { DeciderThen, DeciderWhen } from './shared/testing/decider-specification';

// Market value objects
export { MarketCode, QUOTE_CURRENCIES } from './market/market-code';
export type { QuoteCurrency } from './market/market-code';
export { Price, tickSizeFor } from './market/price';
export type { TickRounding } from './market/price';
export { TICK_SIZE_OVERRIDES, TICK_SIZE_TABLE } from './market/tick-size-table';
export type { TickBand, TickOverride } from './market/tick-size-table';
export { QUOTE_MARKET_RULES } from './market/trading-rules';
export type { QuoteMarketRules } from './market/trading-rules';
export { VOLUME_DECIMALS, Volume } from './market/volume';
export { Money } from './market/money';
export { FeeRate } from './market/fee';
export { SIDES, parseSide } from './market/side';
export type { Side } from './market/side';
export { ORDER_TYPES, parseOrderType } from './market/order-type';
export type { OrderType } from './market/order-type';
export { TIME_IN_FORCE, parseTimeInForce } from './market/time-in-force';
export type { TimeInForce } from './market/time-in-force';
export {
  CurrencyMismatchError,
  InvalidDecimalError,
  InvalidFeeRateError,
  InvalidMarketCodeError,
  InvalidMoneyError,
  InvalidPriceError,
  InvalidVolumeError,
  PriceOffTickError,
  UnsupportedQuoteCurrencyError,
} from './market/market.errors';

// Order
export { orderDecider } from './order/order.decider';
export type {
  CorrectOrderState,
  MarkOrderOutcomeUnknown,
  MarkOrderSendStarted,
  OrderCommand,
  RecordCancelRejected,
  RecordFill,
  RecordOrderAccepted,
  RecordOrderCancelled,
  RecordOrderRejected,
  RequestOrderCancel,
  SubmitOrder,
} from './order/order.commands';
export type {
  OrderAccepted,
  OrderCancelRejected,
  OrderCancelRequested,
  OrderCancelled,
  OrderEvent,
  OrderFilled,
  OrderOutcomeUnknown,
  OrderRejected,
  OrderSendStarted,
  OrderStateCorrected,
  OrderSubmitted,
} from './order/order.events';
export type { NewOrder, OrderState, OrderStatus, PlacedOrder } from './order/order.state';
export { validateOrderTerms } from './order/order-terms';
export {
  ExchangeOrderIdMismatchError,
  IllegalOrderTransitionError,
  InvalidOrderTermsError,
  OrderOverfilledError,
  OrderSendAlreadyStartedError,
} from './order/order.errors';

// Position
export { positionDecider } from './position/position.decider';
export type { ApplyFill, PositionCommand } from './position/position.commands';
export type {
  PositionClosed,
  PositionSellDeferred,
  PositionEvent,
  PositionFillData,
  PositionIncreased,
  PositionOpened,
  PositionReduced,
} from './position/position.events';
export type { PositionState } from './position/position.state';
export { averageEntryPrice, isOpen, profitPercent, unrealizedPnl } from './position/position.state';
export { PositionMarketMismatchError, PositionOversoldError } from './position/position.errors';
export { valuePortfolio } from './position/portfolio';
export type { PortfolioValuation } from './position/portfolio';

// Indicators
export type { Candle } from './indicators/candle';
export { Sma } from './indicators/sma';
export { Ema } from './indicators/ema';
export { Rsi } from './indicators/rsi';
export { Macd } from './indicators/macd';
export type { MacdValue } from './indicators/macd';
export { BollingerBands } from './indicators/bollinger-bands';
export type { BollingerValue } from './indicators/bollinger-bands';
export { Stochastic } from './indicators/stochastic';
export type { StochasticValue } from './indicators/stochastic';
export { Atr } from './indicators/atr';
export { PriceChangePercent } from './indicators/price-change';
export { PriceWindow } from './indicators/price-window';
export { InvalidIndicatorParameterError, NonFiniteInputError } from './indicators/indicator.errors';

// Strategy
export { VARIABLES, isVariableName, resolveVariable } from './strategy/variables';
export type { ComparisonGroup, ResolvedVariable, VariableName, VariableSpec } from './strategy/variables';
export { APPROX_OPERATORS, DEFAULT_APPROX_TOLERANCE, OPERATORS, TIMEFRAMES } from './strategy/strategy-definition';
export type {
  Comparison,
  Condition,
  ConflictPolicy,
  ManagementAction,
  ManagementRule,
  ManagementRuleKind,
  Operand,
  Operator,
  Sizing,
  StrategyDefinition,
  Timeframe,
  Trigger,
  TriggerKind,
  VariableOperand,
} from './strategy/strategy-definition';
export type { AddReason, CloseReason, DecisionAction, MergedAdd, MergedClose, StrategyDecision } from './strategy/strategy-decision';
export { exportStrategy, importStrategy, validateStrategyDefinition } from './strategy/strategy-validation';
export { basicSevenRulesStrategy } from './strategy/basic-seven-rules';
export { compileStrategy } from './strategy/compiled-strategy';
export type { CompiledStrategy, CompiledTrigger, ConditionTest, Values } from './strategy/compiled-strategy';
export { evaluateStrategy } from './strategy/strategy-evaluator';
export type { Evaluation, EvaluationInput, PositionView, PriceRange } from './strategy/strategy-evaluator';
export { selectDecision } from './strategy/conflict-policy';
export { FLAT_MANAGEMENT, recordBuy, recordPositionClosed, restoreManagementState } from './strategy/management-state';
export type { BuyReason, ManagementState } from './strategy/management-state';
export { IndicatorSet } from './strategy/indicator-set';
export { StrategyInstance } from './strategy/strategy-instance';
export { InsufficientBalanceForSizingError, orderFunds } from './strategy/sizing';
export { strategyDecider } from './strategy/strategy.decider';
export type { StrategyState } from './strategy/strategy.decider';
export type { ApplyDeferredRevision, DefineStrategy, DisableStrategy, EnableStrategy, ReviseStrategy, StrategyCommand } from './strategy/strategy.commands';
export type {
  StrategyDefined,
  StrategyDisabled,
  StrategyEnabled,
  StrategyEvent,
  StrategyRevised,
  StrategyRevisionDeferred,
} from './strategy/strategy.events';
export { REFERENCE_TAPES, RSI_OVERSOLD_CLOSES } from './strategy/testing/reference-tapes';
export type { ReferenceTape, ScriptedTick } from './strategy/testing/reference-tapes';
export {
  IllegalStrategyTransitionError,
  InvalidStrategyDefinitionError,
  StrategyIdMismatchError,
  StrategyVersionConflictError,
} from './strategy/strategy.errors';
export type { DefinitionIssue } from './strategy/strategy.errors';

// Trading session
export { DEFAULT_DATABASE_PROFILE, tradingSessionDecider } from './session/session.decider';
export type { DeferredChange, SessionMode, SessionState } from './session/session.decider';
export type {
  BeginOrder,
  EndOrder,
  HaltTrading,
  RequestConfigChange,
  RequestDatabaseProfileSwitch,
  ResumeTrading,
  SessionCommand,
  StartReducing,
  StartTrading,
  StopTrading,
} from './session/session.commands';
export type {
  ConfigChangeApplied,
  ConfigChangeDeferred,
  ConfigChangeRefused,
  DatabaseProfileSwitchDeferred,
  DatabaseProfileSwitchRefused,
  DatabaseProfileSwitched,
  ReducingStarted,
  SessionEvent,
  SessionOrderEnded,
  SessionOrderStarted,
  TradingHalted,
  TradingResumed,
  TradingStarted,
  TradingStopped,
} from './session/session.events';
export { IllegalSessionTransitionError, OrderAlreadyInFlightError, OrderNotInFlightError } from './session/session.errors';

// Risk
export { riskPolicyDecider, tradingDay } from './risk/risk-policy.decider';
export { marketExposure } from './risk/risk.state';
export type { PendingBuy, RiskState } from './risk/risk.state';
export { InvalidRiskLimitsError, sameRiskLimits, validateRiskLimits } from './risk/risk-limits';
export type { RiskLimits, RiskLimitsSource } from './risk/risk-limits';
export { InvalidProtectionsError, PROTECTION_NAMES, STOP_OUT_REASONS, protectionReasonCode, validateProtections } from './risk/protections';
export type {
  CooldownProtection,
  LockScope,
  LowProfitMarketsProtection,
  MaxDrawdownProtection,
  ProtectionName,
  Protections,
  StoplossGuardProtection,
} from './risk/protections';
export type { ClosedTrade, EntryLock } from './risk/protection-rules';
export type {
  CheckOrder,
  ClearRiskHalt,
  ConfigureProtections,
  ConfigureRiskLimits,
  EngageKillSwitch,
  RecordBuyFill,
  RecordEquity,
  RecordExposure,
  RecordOrderClosed,
  RecordRealizedPnl,
  RecordTradeClosed,
  ReleaseKillSwitch,
  RiskCommand,
} from './risk/risk.commands';
export type {
  BuyFillRecorded,
  DailyLossLimitBreached,
  DrawdownLimitBreached,
  EntriesLocked,
  EntriesUnlocked,
  EquityRecorded,
  ExposureRecorded,
  KillSwitchEngaged,
  KillSwitchReleased,
  OrderApproved,
  ProtectionsConfigured,
  RealizedPnlRecorded,
  RiskEvent,
  RiskHaltCleared,
  RiskHaltTriggered,
  RiskLimitsConfigured,
  RiskOrderClosed,
  TradeClosedRecorded,
} from './risk/risk.events';
export { IllegalRiskTransitionError } from './risk/risk.errors';
