import {
  Candle,
  CompiledStrategy,
  Evaluation,
  FLAT_MANAGEMENT,
  IndicatorSet,
  ManagementState,
  PositionView,
  PriceRange,
  PriceWindow,
  StrategyDefinition,
  compileStrategy,
  evaluateStrategy,
  recordBuy,
  recordPositionClosed,
  resolveVariable,
} from '@trader/domain';
import type { BuyReason } from '@trader/domain';

const PRICE_KEY = resolveVariable('price').key;
const PROFIT_KEY = resolveVariable('profit_pct').key;
const NO_RANGE: PriceRange = { high: null, low: null };

/**
 * The baseline of the strategy benchmark: what `StrategyInstance` does with `skipQuietTicks = false`
 * (every tick evaluated in full, with the previous evaluation's values for crosses, the tick windows of
 * the crash exit and surge guard, and the management state), except for the indicators: instead of
 * updating them by one candle when a candle closes, it rebuilds them from the last `window` closed
 * candles. Only the indicator maintenance differs, so the ratio prices incremental indicators alone.
 */
export class RecomputeOnCloseStrategy {
  readonly strategy: CompiledStrategy;
  private indicatorValues = new Map<string, number | null>();
  private readonly windows = new Map<number, PriceWindow>();
  private last: Map<string, number | null> | null = null;
  private spare = new Map<string, number | null>();
  private state: ManagementState = FLAT_MANAGEMENT;

  constructor(
    definition: StrategyDefinition,
    private readonly window: number,
  ) {
    this.strategy = compileStrategy(definition);
    for (const rule of definition.management) {
      if (rule.kind === 'crash_exit' || rule.kind === 'surge_guard') this.windows.set(rule.windowMs, new PriceWindow(rule.windowMs));
    }
  }

  get management(): ManagementState {
    return this.state;
  }

  /** A candle closed: rebuild every indicator from the last `window` closed candles (this one included). */
  onCandle(_candle: Candle, closed: readonly Candle[]): void {
    const set = new IndicatorSet(this.strategy.variables);
    for (let i = Math.max(0, closed.length - this.window); i < closed.length; i++) set.update(closed[i]);
    const values = new Map<string, number | null>();
    set.readInto(values);
    this.indicatorValues = values;
  }

  onTick(at: number, price: number, position: PositionView | null): Evaluation {
    for (const w of this.windows.values()) w.update(at, price);
    const values = this.spare;
    for (const [key, value] of this.indicatorValues) values.set(key, value);
    values.set(PRICE_KEY, price);
    values.set(PROFIT_KEY, position ? ((price - position.averagePrice) / position.averagePrice) * 100 : null);
    const evaluation = evaluateStrategy(this.strategy, {
      at,
      price,
      values,
      previous: this.last,
      position,
      management: this.state,
      window: this.rangeOf,
    });
    this.spare = this.last ?? new Map<string, number | null>();
    this.last = values;
    this.state = evaluation.management;
    return evaluation;
  }

  recordBuy(reason: BuyReason | readonly BuyReason[], price: number): void {
    this.state = recordBuy(this.state, reason, price);
  }

  recordPositionClosed(): void {
    this.state = recordPositionClosed(this.state);
  }

  private readonly rangeOf = (windowMs: number): PriceRange => this.windows.get(windowMs) ?? NO_RANGE;
}
