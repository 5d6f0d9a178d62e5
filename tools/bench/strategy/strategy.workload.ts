import {
  Candle,
  Evaluation,
  IndicatorSet,
  StrategyDefinition,
  StrategyInstance,
  basicSevenRulesStrategy,
  evaluateStrategy,
  validateStrategyDefinition,
} from '@trader/domain';

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
      { id: 'rsi-hot', kind: 'management', action: 'close', condition: { left: { variable: 'rsi' }, operator: '>', right: { value: 75 } } },
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

/** Deterministic pseudo-random numbers (LCG), so every run sees the same price paths. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

interface Held {
  quantity: number;
  averagePrice: number;
}

/**
 * One market's feed and its three strategies, the way the application runner will drive them: ticks
 * build one-minute candles; each tick is evaluated by every strategy; decisions fill at once (so entry,
 * add and exit paths all run), which is what the runner does on paper.
 */
export class MarketFeed {
  readonly instances: StrategyInstance[];
  private readonly held: Array<Held | null>;
  private readonly next: () => number;
  private price: number;
  private drift = 0;
  private candle: { open: number; high: number; low: number; close: number; volume: number; minute: number } | null = null;
  readonly closed: Candle[] = [];
  decisions = 0;

  constructor(definitions: StrategyDefinition[], readonly market: string, seed: number) {
    this.instances = definitions.map((d) => new StrategyInstance(d, market));
    this.held = definitions.map(() => null);
    this.next = random(seed);
    this.price = 10_000 + Math.floor(this.next() * 100_000);
  }

  /** The next traded price: a random walk with slowly changing drift, so trends and reversals occur. */
  advance(at: number): number {
    if (this.next() < 0.01) this.drift = (this.next() - 0.5) * 0.0004;
    this.price = Math.max(10, this.price * (1 + this.drift + (this.next() - 0.5) * 0.004));
    const minute = Math.floor(at / 60_000);
    if (this.candle && this.candle.minute !== minute) {
      const { open, high, low, close, volume } = this.candle;
      const closedCandle = { open, high, low, close, volume };
      this.closed.push(closedCandle);
      for (const instance of this.instances) instance.onCandle(closedCandle);
      this.candle = null;
    }
    const volume = this.next();
    if (!this.candle) this.candle = { open: this.price, high: this.price, low: this.price, close: this.price, volume, minute };
    else {
      this.candle.high = Math.max(this.candle.high, this.price);
      this.candle.low = Math.min(this.candle.low, this.price);
      this.candle.close = this.price;
      this.candle.volume += volume;
    }
    return this.price;
  }

  /** Evaluates every strategy on the tick and applies the decisions as immediate fills. */
  evaluate(at: number, price: number): void {
    for (let i = 0; i < this.instances.length; i++) {
      this.apply(i, this.instances[i].onTick(at, price, this.held[i]), price);
    }
  }

  /** The naive alternative: rebuild every indicator from the last `window` candles on each tick. */
  evaluateByRecompute(at: number, price: number, window: number): void {
    const recent = this.closed.slice(-window);
    for (let i = 0; i < this.instances.length; i++) {
      const instance = this.instances[i];
      const set = new IndicatorSet(instance.strategy.variables);
      for (const c of recent) set.update(c);
      const values = new Map<string, number | null>();
      set.readInto(values);
      values.set('price', price);
      const held = this.held[i];
      values.set('profit_pct', held ? ((price - held.averagePrice) / held.averagePrice) * 100 : null);
      const evaluation = evaluateStrategy(instance.strategy, {
        at,
        price,
        values,
        previous: null,
        position: held,
        management: instance.management,
        window: () => ({ high: null, low: null }),
      });
      this.apply(i, evaluation, price);
    }
  }

  private apply(i: number, evaluation: Evaluation, price: number): void {
    const decision = evaluation.decision;
    if (!decision) return;
    this.decisions += 1;
    const instance = this.instances[i];
    const held = this.held[i];
    if (decision.action === 'enter') {
      this.held[i] = { quantity: 1, averagePrice: price };
      instance.recordBuy('entry', price);
    } else if (decision.action === 'add' && held) {
      held.averagePrice = (held.averagePrice * held.quantity + price) / (held.quantity + 1);
      held.quantity += 1;
      instance.recordBuy(decision.reason, price);
    } else if (decision.action === 'close') {
      this.held[i] = null;
      instance.recordPositionClosed();
    }
  }
}
