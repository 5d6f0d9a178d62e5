import { SimClock, SimTimer } from '../clock/sim-clock';
import { Exchange } from './exchange';

/** Something that moves markets as time passes: the synthetic market maker, or a replayed recording. */
export interface MarketSource {
  /** Applies everything that happens in the interval (fromMs, toMs]. */
  advance(fromMs: number, toMs: number): void;
}

/**
 * Runs the market sources every `tickIntervalMs` of clock time and reports the resulting books and
 * balances. The warm-up replays `warmupSteps` steps before the start time so candles and tickers
 * have history from the first request.
 */
export class MarketDriver {
  private timer: SimTimer | undefined;
  private lastTickAt: number;

  constructor(
    private readonly exchange: Exchange,
    private readonly clock: SimClock,
    private readonly sources: readonly MarketSource[],
    private readonly tickIntervalMs: number,
  ) {
    this.lastTickAt = clock.now();
  }

  warmUp(steps: number, stepMs: number): void {
    const end = this.clock.now();
    let from = end - steps * stepMs;
    for (let i = 0; i < steps; i++) {
      const to = from + stepMs;
      this.exchange.setTimeOverride(to);
      for (const source of this.sources) source.advance(from, to);
      from = to;
    }
    this.exchange.setTimeOverride(undefined);
    this.exchange.flush();
    this.lastTickAt = end;
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** One tick now (also what the schedule calls). */
  tick(): void {
    const now = this.clock.now();
    for (const source of this.sources) source.advance(this.lastTickAt, now);
    this.lastTickAt = now;
    this.exchange.flush();
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(this.tickIntervalMs, () => {
      this.tick();
      this.schedule();
    });
  }
}
