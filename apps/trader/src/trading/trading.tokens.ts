/** DI token of the `TradingOptions` the trading module runs with. */
export const TRADING_OPTIONS = Symbol('TRADING_OPTIONS');
/** Pauses for the sagas' bounded retries. */
export const SAGA_WAIT = Symbol('SAGA_WAIT');
/** Kernel components the trading component starts after (the event store, the exchange connections). */
export const TRADING_COMPONENT_DEPENDS_ON = Symbol('TRADING_COMPONENT_DEPENDS_ON');
/** The store the order repository writes through (the event store, or a fault-injecting wrapper of it in paper-mode tests). */
export const ORDER_EVENT_STORE = Symbol('ORDER_EVENT_STORE');
/** Where trading records the market data it receives (`MarketRecordingSettings`), or null: no recording. */
export const MARKET_RECORDING_SETTINGS = Symbol('MARKET_RECORDING_SETTINGS');
