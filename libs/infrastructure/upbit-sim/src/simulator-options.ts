import { SimClock } from './clock/sim-clock';
import { AccountOptions } from './engine/accounts';
import { MarketOptions } from './engine/market-catalog';
import { SyntheticMarketOptions } from './engine/synthetic-market';
import { RestFaultRule } from './faults/fault-injector';
import { RateLimitPolicy } from './rate-limit/rate-limits';
import { ReplayFrame } from './replay/replay-file';

/** Keys of the demo account when none are configured (not secret: a local simulator's test keys). */
export const DEMO_ACCESS_KEY = 'sim-demo-access-key';
export const DEMO_SECRET_KEY = 'sim-demo-secret-key-0123456789abcdef';
export const DEMO_KRW_BALANCE = '100000000';

export interface ReplayOptions {
  /** A JSONL file of recorded Upbit WebSocket frames. */
  readonly file?: string;
  /** Frames already parsed (instead of `file`). */
  readonly frames?: readonly ReplayFrame[];
  /** Playback speed: 2 plays a recorded second in half a simulator second. Default 1. */
  readonly speed?: number;
}

export interface SimulatorOptions {
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port for REST, WebSocket and admin (default 0: a free port). */
  readonly port?: number;
  /**
   * Seed of the synthetic market (default 1). Same seed: the same history candles for any past range;
   * same seed + same start time + same clock steps: the same live trades and candles.
   */
  readonly seed?: number;
  /**
   * The moment of the price model the market starts at (ms, UTC). Default: the clock's start time, so
   * the history is the calendar's own (the same candles for a date whenever the simulator starts).
   * With it, the simulator serves the model's market of that moment at its start, and the whole
   * history shifted alike: a demo that opens into a chosen period every time (docs/simulator.md).
   */
  readonly modelStart?: number;
  /** Markets to list (codes or full options); default KRW-BTC, KRW-ETH, KRW-XRP. */
  readonly markets?: ReadonlyArray<string | MarketOptions>;
  /** API accounts; default one demo account with {@link DEMO_KRW_BALANCE} KRW. */
  readonly accounts?: readonly AccountOptions[];
  /** Rate limits (default Upbit's); `false` disables them (benchmarks). */
  readonly rateLimits?: RateLimitPolicy | false;
  /** REST faults armed from the start. */
  readonly faults?: { readonly rest?: readonly RestFaultRule[] };
  /** Market tick period in ms (default 500). */
  readonly tickIntervalMs?: number;
  /** Time source; tests pass a ManualSimClock. Default: the system clock. */
  readonly clock?: SimClock;
  /**
   * Live market steps run before the start time (default none: the history already serves every
   * candle before the start, so indicators warm up at once); the history ends where they begin.
   */
  readonly warmup?: { readonly steps: number; readonly stepMs: number } | false;
  readonly marketMaker?: Partial<SyntheticMarketOptions>;
  /** Replay recorded frames instead of the synthetic path. */
  readonly replay?: ReplayOptions;
  /** Trades kept per market for trades/ticks (default 10,000). */
  readonly tradeRetention?: number;
  /** Candles kept per market and period (default 5,000). */
  readonly candleRetention?: number;
  /** Order requests the admin request log keeps, the oldest dropped first (default 10,000). */
  readonly requestLogCapacity?: number;
  /** WebSocket idle timeout (default 120 s). */
  readonly idleTimeoutMs?: number;
  /** Receives unexpected errors (answered with 500); default writes them to stderr. */
  readonly onInternalError?: (error: unknown) => void;
}

export class SimulatorOptionsError extends Error {
  readonly code = 'INVALID_SIMULATOR_OPTIONS';

  constructor(
    message: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = 'SimulatorOptionsError';
  }
}

export function positiveInteger(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < (allowZero ? 0 : 1)) throw new SimulatorOptionsError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer`, value);
  return result;
}
