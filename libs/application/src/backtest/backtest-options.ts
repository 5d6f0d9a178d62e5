import type { RiskLimits, StrategyDefinition } from '@trader/domain';
import type { StrategyDecidedData } from '../strategies/strategy-decided.event';
import type { RecordedOrderFills } from './backtest-exchange';

export interface BacktestProgress {
  /** Candles (or recorded trades) processed so far. */
  readonly processed: number;
  /** Time of the run reached so far. */
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

export interface BacktestOptions {
  /** The strategy as data; its `markets` are replaced by `markets`. */
  readonly strategy: StrategyDefinition;
  readonly markets: readonly string[];
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
  /** Quote currency (KRW) the account starts with, a decimal string. */
  readonly initialQuote: string;
  /** Fee per side as a fraction, a decimal string (Upbit KRW markets: 0.0005). */
  readonly feeRate: string;
  /** Slippage against us on every market order, in basis points. */
  readonly slippageBps: number;
  /** The risk policy the run trades under (the live trader's limits by default). */
  readonly risk: RiskLimits;
  /**
   * `trades`: replay recorded trades (exactly what the live trader received); `candles`: stored candles
   * with the documented intra-candle path; `auto` (default): trades for a market that has recorded
   * trades in the range, candles otherwise.
   */
  readonly source?: 'auto' | 'candles' | 'trades';
  /** Closed candles before `from` fed to the indicators first, as the live trader warms up (default 200). */
  readonly warmUpCandles?: number;
  /** Equity is sampled at most once per this interval (default: one hour). */
  readonly equityIntervalMs?: number;
  /** Candles per market kept for the report's chart (default 1,500, down-sampled). */
  readonly chartCandles?: number;
  /**
   * The runner acts only from this time on; before it, it builds candles and indicators but places
   * nothing (a replay of a live session, whose runner waited for the start-up reconciliation). Default `from`.
   */
  readonly activeFrom?: number;
  /** A replay of a live session: each market's orders fill as the live ones did (see BacktestExchange). */
  readonly recordedFills?: ReadonlyMap<string, readonly RecordedOrderFills[]>;
  /** Called with every decision the strategy records, in order (a replay compares them with the live ones). */
  readonly onDecision?: (decision: StrategyDecidedData) => void;
  readonly onProgress?: (progress: BacktestProgress) => void;
  /** How often `onProgress` is called, in processed items (default 50,000). */
  readonly progressEvery?: number;
  readonly signal?: AbortSignal;
}
