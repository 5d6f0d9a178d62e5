import type { Timeframe } from '@trader/domain';

/**
 * One round trip of a position: from the first buy that opened it to the sell that closed it (or to
 * the end of the run, `closedAt` null, valued at the last price). Amounts are decimal strings in the
 * quote currency (KRW), fees included.
 */
export interface BacktestTrade {
  readonly market: string;
  readonly openedAt: number;
  /** Null while still open at the end of the run (then `exitPrice` is the last price, unrealised). */
  readonly closedAt: number | null;
  /** Volume-weighted average buy price over every buy of the round trip. */
  readonly entryPrice: string;
  /** Volume-weighted average sell price. */
  readonly exitPrice: string;
  /** Base volume bought over the round trip. */
  readonly volume: string;
  /** Quote spent on buys, fees included. */
  readonly invested: string;
  /** Quote received from sells, fees deducted. */
  readonly proceeds: string;
  /** proceeds - invested. */
  readonly pnl: string;
  /** pnl / invested x 100. */
  readonly returnPct: number;
  /** Fees paid on the round trip's buys and sells. */
  readonly fees: string;
  /** Number of buy orders (1 + adds). */
  readonly buys: number;
  /** The trigger id that opened the position. */
  readonly entryRule: string;
  /** The rule or trigger id whose decision closed it, or 'end_of_run'. */
  readonly exitRule: string;
}

/** Account value (quote balance plus positions at the last price) at a moment. */
export interface EquityPoint {
  readonly at: number;
  readonly equity: number;
}

/** A candle for the report's chart (down-sampled by the engine; numbers, display only). */
export interface ChartCandle {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** What a backtest produced, the input of the report. */
export interface BacktestRun {
  readonly strategyId: string;
  readonly strategyVersion: number;
  readonly markets: readonly string[];
  readonly timeframe: Timeframe;
  /** Epoch ms of the first and (exclusive) last candle of the range. */
  readonly from: number;
  readonly to: number;
  readonly initialQuote: string;
  readonly finalEquity: string;
  readonly feeRate: string;
  readonly slippageBps: number;
  /** Equity at every candle boundary, down-sampled to at most one point per `equityIntervalMs`. */
  readonly equity: readonly EquityPoint[];
  readonly equityIntervalMs: number;
  /** Milliseconds during which at least one position was open. */
  readonly exposureMs: number;
  readonly trades: readonly BacktestTrade[];
  /** Decisions the strategy recorded (StrategyDecided events), of any outcome. */
  readonly decisions: number;
  readonly candlesProcessed: number;
  /** Per market, candles for the chart (at most a few thousand each). */
  readonly chart: Readonly<Record<string, readonly ChartCandle[]>>;
}
