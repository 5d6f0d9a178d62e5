import {
  Candle,
  CompiledStrategy,
  Evaluation,
  ManagementState,
  PositionView,
  StrategyDefinition,
  StrategyInstance,
  basicSevenRulesStrategy,
  validateStrategyDefinition,
} from '@trader/domain';
import type { BuyReason } from '@trader/domain';
import { RecomputeOnCloseStrategy } from './recompute-on-close.strategy';

export const MARKETS = [
  'KRW-BTC', 'KRW-ETH', 'KRW-XRP', 'KRW-SOL', 'KRW-DOGE', 'KRW-ADA', 'KRW-TRX', 'KRW-AVAX', 'KRW-LINK', 'KRW-DOT',
  'KRW-BCH', 'KRW-ETC', 'KRW-SHIB', 'KRW-NEAR', 'KRW-SUI', 'KRW-APT', 'KRW-ARB', 'KRW-SEI', 'KRW-STX', 'KRW-HBAR',
];

/** Three strategies of different shapes: the reference 7 rules, a trend follower and a mean reverter. */
export function strategies(): StrategyDefinition[] {
  const basic = { ...basicSevenRulesStrategy(), markets: MARKETS };
  const trend = validateStrategyDefinition({
    id: 'ema-cross-macd',
    name: 'EMA cross with MACD confirmation',
    version: 1,
    enabled: true,
    markets: MARKETS,
    timeframe: '1m',
    sizing: { kind: 'balance_percent', percent: '5' },
    triggers: [
      {
        id: 'golden-cross',
        kind: 'entry',
        condition: {
          all: [
            { left: { variable: 'ema', params: { period: 9 } }, operator: 'crosses_above', right: { variable: 'ema', params: { period: 21 } } },
            { left: { variable: 'macd_histogram' }, operator: '>', right: { value: 0 } },
          ],
        },
      },
      {
        id: 'dead-cross',
        kind: 'exit',
        condition: { left: { variable: 'ema', params: { period: 9 } }, operator: 'crosses_below', right: { variable: 'ema', params: { period: 21 } } },
      },
    ],
    management: [
      { id: 'stop', kind: 'stop_loss', lossPercent: 3 },
      { id: 'trail', kind: 'trailing_stop', activationPercent: 4, dropPercent: 2 },
    ],
    conflictPolicy: { kind: 'conservative' },
  });
  const meanReversion = validateStrategyDefinition({
    id: 'bollinger-stochastic',
    name: 'Bollinger and stochastic mean reversion',
    version: 1,
    enabled: true,
    markets: MARKETS,
    timeframe: '1m',
    sizing: { kind: 'fixed_quote', amount: '50000' },
    triggers: [
      {
        id: 'oversold',
        kind: 'entry',
        condition: {
          any: [
            { left: { variable: 'price' }, operator: '<=', right: { variable: 'bb_lower' } },
            {
              all: [
                { left: { variable: 'stoch_k' }, operator: 'crosses_above', right: { variable: 'stoch_d' } },
                { left: { variable: 'stoch_k' }, operator: '<', right: { value: 20 } },
              ],
            },
          ],
        },
      },
      { id: 'back-to-upper', kind: 'exit', condition: { left: { variable: 'price' }, operator: 'approx', right: { variable: 'bb_upper' }, tolerance: 0.002 } },
      { id: 'rsi-hot', kind: 'management', action: 'close', condition: { left: { variable: 'rsi' }, operator: '>', right: { value: 55 } } },
    ],
    management: [
      { id: 'tp', kind: 'take_profit', profitPercent: 3, basis: 'average', afterPyramiding: false },
      { id: 'sl', kind: 'stop_loss', lossPercent: 2 },
      { id: 'crash', kind: 'crash_exit', dropPercent: 3, windowMs: 30_000 },
    ],
    conflictPolicy: { kind: 'priority', order: ['crash', 'sl', 'tp', 'rsi-hot', 'back-to-upper'] },
  });
  return [basic, trend, meanReversion];
}

/**
 * What runs one strategy on one market, as the benchmark drives it:
 * - `incremental`: `StrategyInstance` as the runner uses it (indicators updated by one candle when a
 *   candle closes; flat ticks that cannot fire skip the entry triggers until the next close);
 * - `incremental-full`: `StrategyInstance` evaluating every tick in full (`skipQuietTicks = false`);
 * - `recompute-on-close`: the baseline, every tick in full like `incremental-full`, but rebuilding the
 *   indicators from the last closed candles at each close (see `RecomputeOnCloseStrategy`).
 */
export type EngineMode = 'incremental' | 'incremental-full' | 'recompute-on-close';

interface TickEngine {
  readonly strategy: CompiledStrategy;
  readonly management: ManagementState;
  onCandle(candle: Candle, closed: readonly Candle[]): void;
  onTick(at: number, price: number, position: PositionView | null): Evaluation;
  recordBuy(reason: BuyReason | readonly BuyReason[], price: number): void;
  recordPositionClosed(): void;
}

interface Held {
  quantity: number;
  averagePrice: number;
}

interface FormingCandle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  minute: number;
}

/** Per rule (`strategy-id/rule-id`): how often it fired, and how often the conflict policy chose it. */
export interface RuleCount {
  fired: number;
  chosen: number;
}

/**
 * One market and its three strategies, the way the application runner drives them: each trade feeds
 * the one-minute candle; a closed candle goes to every strategy; the trade is evaluated by every
 * strategy; decisions fill at once (so entry, add and exit paths all run), as the runner does on paper.
 * `onTrade` is the whole tick -> decision path the benchmark times.
 */
export class MarketDesk {
  private readonly engines: TickEngine[];
  private readonly held: Array<Held | null>;
  private candle: FormingCandle | null = null;
  private readonly closed: Candle[] = [];
  readonly rules = new Map<string, RuleCount>();
  decisions = 0;

  constructor(definitions: StrategyDefinition[], readonly market: string, mode: EngineMode, recomputeWindow: number) {
    this.engines = definitions.map((d) =>
      mode === 'recompute-on-close' ? new RecomputeOnCloseStrategy(d, recomputeWindow) : new StrategyInstance(d, market, mode === 'incremental'),
    );
    this.held = definitions.map(() => null);
    for (const engine of this.engines) {
      const { definition } = engine.strategy;
      for (const id of [...definition.triggers.map((t) => t.id), ...definition.management.map((r) => r.id)]) {
        this.rules.set(`${definition.id}/${id}`, { fired: 0, chosen: 0 });
      }
    }
  }

  onTrade(at: number, price: number, volume: number): void {
    const minute = Math.floor(at / 60_000);
    if (this.candle && this.candle.minute !== minute) {
      const { open, high, low, close } = this.candle;
      const closedCandle: Candle = { open, high, low, close, volume: this.candle.volume };
      this.closed.push(closedCandle);
      for (const engine of this.engines) engine.onCandle(closedCandle, this.closed);
      this.candle = null;
    }
    if (!this.candle) this.candle = { open: price, high: price, low: price, close: price, volume, minute };
    else {
      this.candle.high = Math.max(this.candle.high, price);
      this.candle.low = Math.min(this.candle.low, price);
      this.candle.close = price;
      this.candle.volume += volume;
    }
    for (let i = 0; i < this.engines.length; i++) {
      const engine = this.engines[i];
      const surgeBefore = engine.management.pyramidingStopped;
      const evaluation = engine.onTick(at, price, this.held[i]);
      this.count(engine, evaluation, surgeBefore);
      this.apply(i, evaluation, price);
    }
  }

  private count(engine: TickEngine, evaluation: Evaluation, surgeBefore: boolean): void {
    const strategyId = engine.strategy.definition.id;
    for (const decision of evaluation.fired) this.rule(strategyId, decision.ruleId).fired += 1;
    if (evaluation.decision) this.rule(strategyId, evaluation.decision.ruleId).chosen += 1;
    // The surge guard decides nothing: it fires by stopping pyramiding for the rest of the position.
    if (!surgeBefore && evaluation.management.pyramidingStopped) {
      for (const rule of engine.strategy.definition.management) if (rule.kind === 'surge_guard') this.rule(strategyId, rule.id).fired += 1;
    }
  }

  private rule(strategyId: string, ruleId: string): RuleCount {
    const key = `${strategyId}/${ruleId}`;
    let count = this.rules.get(key);
    if (!count) {
      count = { fired: 0, chosen: 0 };
      this.rules.set(key, count);
    }
    return count;
  }

  private apply(i: number, evaluation: Evaluation, price: number): void {
    const decision = evaluation.decision;
    if (!decision) return;
    this.decisions += 1;
    const engine = this.engines[i];
    const held = this.held[i];
    if (decision.action === 'enter') {
      this.held[i] = { quantity: 1, averagePrice: price };
      engine.recordBuy('entry', price);
    } else if (decision.action === 'add' && held) {
      held.averagePrice = (held.averagePrice * held.quantity + price) / (held.quantity + 1);
      held.quantity += 1;
      engine.recordBuy(decision.reason, price);
    } else if (decision.action === 'close') {
      this.held[i] = null;
      engine.recordPositionClosed();
    }
  }
}
