/**
 * One closed candle as indicators see it. Indicators are statistics, so they use plain numbers (IEEE
 * doubles), not decimals: a rounding in the 15th digit of an RSI changes no decision that matters, while
 * decimal arithmetic would cost an order of magnitude on the hot path. Prices that enter orders stay
 * decimal (see Price); numbers never flow back into orders.
 */
export interface Candle {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}
