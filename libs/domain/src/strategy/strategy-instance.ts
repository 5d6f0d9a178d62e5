import { Candle } from '../indicators/candle';
import { PriceWindow } from '../indicators/price-window';
import { CompiledStrategy, compileStrategy } from './compiled-strategy';
import { IndicatorSet } from './indicator-set';
import { BuyReason, FLAT_MANAGEMENT, ManagementState, recordBuy, recordPositionClosed, restoreManagementState } from './management-state';
import { QuietBand, inQuietBand, quietBand } from './quiet-band';
import { Condition, StrategyDefinition } from './strategy-definition';
import { Evaluation, PositionView, PriceRange, evaluateStrategy } from './strategy-evaluator';
import { resolveVariable } from './variables';

const PRICE_KEY = resolveVariable('price').key;
const NO_RANGE: PriceRange = { high: null, low: null };
const PROFIT_KEY = resolveVariable('profit_pct').key;

/**
 * One strategy running on one market: its indicators (updated once per closed candle), its tick windows,
 * the values of the previous evaluation (for crosses) and the management state of the open position.
 * Deterministic and free of I/O: the runner feeds candles, ticks and fills, and acts on the decisions.
 * It does not know about orders in flight: the runner must not act on a new decision for this market
 * while an order it placed for the previous one is unresolved.
 */
export class StrategyInstance {
  readonly strategy: CompiledStrategy;
  private readonly indicators: IndicatorSet;
  private readonly windows = new Map<number, PriceWindow>();
  /** Values of the last evaluation, and a spare map the next one is written into (no allocation per tick). */
  private last: Map<string, number | null> | null = null;
  private spare = new Map<string, number | null>();
  private state: ManagementState = FLAT_MANAGEMENT;
  /**
   * Set after an evaluation without a position that tested the entry triggers and fired nothing, when
   * no entry trigger reads the price: until a candle closes or the management state changes, every
   * later flat tick would read the same indicator values and fire nothing again, so it only feeds the
   * tick windows and the price of the last values (what a full evaluation would have changed).
   */
  private quiet: Evaluation | null = null;
  private readonly entriesReadPrice: boolean;
  /**
   * With a position, the same idea: set after an evaluation that fired nothing, when no management or
   * exit trigger reads the price and no rule reads the tick window. Until a fill, a change of the state
   * or a different average price (or a candle close, when the strategy has management or exit
   * triggers), a tick inside the band (the prices at which no rule fires and the state stays, see
   * `quietBand`) decides nothing; it only updates the price and profit of the last values.
   */
  private quietOpen: { readonly band: QuietBand; readonly evaluation: Evaluation } | null = null;
  private readonly openReadsPrice: boolean;
  /** Management or exit triggers: they read the indicators, so a candle close ends the band. */
  private readonly openHasTriggers: boolean;
  /**
   * A candle closed since the last evaluation: the next quiet tick writes the new indicator values into
   * the last values, as a full evaluation of that tick would (a later cross compares against them).
   */
  private lastIndicatorsStale = false;

  constructor(
    definition: StrategyDefinition,
    readonly market: string,
    /** `false` evaluates every tick in full (the reference the quiet-tick shortcut is tested against). */
    private readonly skipQuietTicks = true,
  ) {
    this.strategy = compileStrategy(definition);
    this.indicators = new IndicatorSet(this.strategy.variables);
    this.entriesReadPrice = this.strategy.entry.some(({ trigger }) => readsPrice(trigger.condition));
    this.openReadsPrice = [...this.strategy.management, ...this.strategy.exit].some(({ trigger }) => readsPrice(trigger.condition));
    this.openHasTriggers = this.strategy.management.length > 0 || this.strategy.exit.length > 0;
    for (const rule of definition.management) {
      if (rule.kind === 'crash_exit' || rule.kind === 'surge_guard') this.windows.set(rule.windowMs, new PriceWindow(rule.windowMs));
    }
  }

  get management(): ManagementState {
    return this.state;
  }

  /** A candle of the strategy's timeframe closed. */
  onCandle(candle: Candle): void {
    this.indicators.update(candle);
    this.quiet = null;
    // With a position, only triggers read the indicators: without any, the band holds across the close.
    if (this.openHasTriggers) this.quietOpen = null;
    else this.lastIndicatorsStale = true;
  }

  /** A trade happened on the market: update the tick windows and evaluate. */
  onTick(at: number, price: number, position: PositionView | null): Evaluation {
    for (const window of this.windows.values()) window.update(at, price);
    if (this.skipQuietTicks && position === null && this.quiet !== null && this.last !== null) {
      this.last.set(PRICE_KEY, price);
      return this.quiet;
    }
    const open = this.quietOpen;
    if (open !== null && position !== null && this.last !== null && open.band.state === this.state && open.band.averagePrice === position.averagePrice && inQuietBand(open.band, price)) {
      if (this.lastIndicatorsStale) {
        this.indicators.readInto(this.last);
        this.lastIndicatorsStale = false;
      }
      this.last.set(PRICE_KEY, price);
      this.last.set(PROFIT_KEY, ((price - position.averagePrice) / position.averagePrice) * 100);
      return open.evaluation;
    }
    this.forgetQuiet();
    const values = this.spare;
    this.indicators.readInto(values);
    this.lastIndicatorsStale = false;
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
    const paused = this.state.entriesPausedUntil !== null && at < this.state.entriesPausedUntil;
    if (position === null && !this.entriesReadPrice && !paused && this.strategy.definition.enabled && evaluation.fired.length === 0 && evaluation.management === this.state) {
      this.quiet = evaluation;
    }
    if (this.skipQuietTicks && position !== null && !this.openReadsPrice && this.windows.size === 0 && this.strategy.definition.enabled && evaluation.fired.length === 0) {
      const band = quietBand(this.strategy, evaluation.management, position);
      if (band) this.quietOpen = { band, evaluation: { decision: null, fired: [], management: evaluation.management } };
    }
    this.state = evaluation.management;
    return evaluation;
  }

  /** One of our buys on this market filled (the entry, or an add by the named rule, or by each rule of a merged add). */
  recordBuy(reason: BuyReason | readonly BuyReason[], price: number): void {
    this.forgetQuiet();
    this.state = recordBuy(this.state, reason, price);
  }

  recordPositionClosed(): void {
    this.forgetQuiet();
    this.state = recordPositionClosed(this.state);
  }

  /** After a restart: the management state the runner snapshotted (plain JSON data, perhaps of an older shape). */
  restoreManagement(snapshot: unknown): void {
    this.forgetQuiet();
    const trailing = this.strategy.rules.find((r) => r.kind === 'trailing_stop');
    this.state = restoreManagementState(snapshot, trailing?.kind === 'trailing_stop' ? trailing.dropPercent : null);
  }

  private forgetQuiet(): void {
    this.quiet = null;
    this.quietOpen = null;
  }

  /** A window is its own range (high and low getters): nothing is allocated per tick. */
  private readonly rangeOf = (windowMs: number): PriceRange => this.windows.get(windowMs) ?? NO_RANGE;
}

/** Whether a condition reads the tick price (directly, or through the profit of the position). */
function readsPrice(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(readsPrice);
  if ('any' in condition) return condition.any.some(readsPrice);
  const operands = [condition.left, condition.right];
  return operands.some((operand) => 'variable' in operand && (operand.variable === 'price' || operand.variable === 'profit_pct'));
}
