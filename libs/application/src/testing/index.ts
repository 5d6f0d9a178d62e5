// Test support of the application, for other projects' tests: `@trader/application/testing`. Kept out
// of the public barrel so production code cannot reach an in-memory exchange.
export type { OrderBookSource } from './order-book-source';
export { PaperExchange } from './paper-exchange';
export type { PaperExchangeOptions } from './paper-exchange.options';
export { InMemoryMarketHistory } from './in-memory-market-history';
export { FIXTURE_DAY_0, FIXTURE_DAY_MS, backtestRunFixture, backtestTradeFixture } from './backtest-run.fixture';
