// The Upbit-compatible exchange simulator: start it in-process or through `npm run sim`.
export { startSimulator } from './simulator';
export type { RunningSimulator } from './simulator';
export { DEMO_ACCESS_KEY, DEMO_KRW_BALANCE, DEMO_SECRET_KEY, SimulatorOptionsError } from './simulator-options';
export type { ReplayOptions, SimulatorOptions } from './simulator-options';
export { ManualSimClock, SystemSimClock } from './clock/sim-clock';
export type { SimClock, SimTimer } from './clock/sim-clock';
export type { AccountOptions } from './engine/accounts';
export type { MarketOptions } from './engine/market-catalog';
export { MarketConfigError } from './engine/market-catalog';
export type { SyntheticMarketOptions } from './engine/synthetic-market';
export { UPBIT_RULES } from './engine/upbit-rules';
// Exported so the architecture tests can prove its settings equal the domain's `Dec`.
export { Dec as SimulatorDecimal } from './engine/decimal';
export { UPBIT_RATE_LIMITS } from './rate-limit/rate-limits';
export type { GroupLimit, RateLimitPolicy } from './rate-limit/rate-limits';
export { FaultRuleError } from './faults/fault-injector';
export type { RestFaultAction, RestFaultRule } from './faults/fault-injector';
export type { SimulatorAdmin } from './faults/simulator-admin';
export type { LoggedRequest, OrderSentTwice, RequestFilter } from './requests/request-log';
export { ReplayFileError, parseReplay } from './replay/replay-file';
export type { ReplayFrame } from './replay/replay-file';
