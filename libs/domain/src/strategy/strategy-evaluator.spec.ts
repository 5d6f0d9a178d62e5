import { compileStrategy } from './compiled-strategy';
import { FLAT_MANAGEMENT } from './management-state';
import { Condition, StrategyDefinition } from './strategy-definition';
import { EvaluationInput, evaluateStrategy } from './strategy-evaluator';

function strategyWith(parts: Partial<StrategyDefinition>): StrategyDefinition {
  return {
    id: 'test',
    name: 'test',
    version: 1,
    enabled: true,
    markets: ['KRW-BTC'],
    timeframe: '1m',
    sizing: { kind: 'fixed_quote', amount: '10000' },
    triggers: [],
    management: [],
    conflictPolicy: { kind: 'conservative' },
    ...parts,
  };
}

function input(values: Record<string, number | null>, previous: Record<string, number | null> | null = null, averagePrice?: number): EvaluationInput {
  return {
    at: 0,
    price: values.price ?? 100,
    values: new Map(Object.entries(values)),
    previous: previous ? new Map(Object.entries(previous)) : null,
    position: averagePrice === undefined ? null : { averagePrice },
    management: { ...FLAT_MANAGEMENT, lastBuyPrice: averagePrice ?? null },
    window: () => ({ high: null, low: null }),
  };
}

function entryFires(condition: Condition, values: Record<string, number | null>, previous: Record<string, number | null> | null = null): boolean {
  const strategy = compileStrategy(strategyWith({ triggers: [{ id: 'e', kind: 'entry', condition }] }));
  return evaluateStrategy(strategy, input(values, previous)).decision !== null;
}

const RSI = 'rsi(period=14)';
const rsiVs = (operator: Condition extends never ? never : '>' | '<' | '>=' | '<=' | '==' | '!=', value: number): Condition => ({
  left: { variable: 'rsi' },
  operator,
  right: { value },
});

describe('trigger conditions', () => {
  it.each([
    ['>', 30, [31], [30]],
    ['<', 30, [29.9], [30]],
    ['>=', 30, [30, 31], [29.9]],
    ['<=', 30, [30, 29], [30.1]],
    ['==', 30, [30], [30.0001]],
    ['!=', 30, [29, 31], [30]],
  ] as const)('RSI %s %d fires on %j and not on %j', (operator, value, yes, no) => {
    for (const v of yes) expect(entryFires(rsiVs(operator, value), { [RSI]: v })).toBe(true);
    for (const v of no) expect(entryFires(rsiVs(operator, value), { [RSI]: v })).toBe(false);
  });

  it.each(['~=', 'approx'] as const)('approximately equal (%s) uses a relative tolerance, 5% by default', (operator) => {
    const approx = (tolerance?: number): Condition => ({
      left: { variable: 'price' },
      operator,
      right: { variable: 'sma' },
      ...(tolerance === undefined ? {} : { tolerance }),
    });
    const sma = 'sma(period=20)';
    expect(entryFires(approx(), { price: 105, [sma]: 100 })).toBe(true);
    expect(entryFires(approx(), { price: 94.9, [sma]: 100 })).toBe(false);
    expect(entryFires(approx(0.01), { price: 101, [sma]: 100 })).toBe(true);
    expect(entryFires(approx(0.01), { price: 101.1, [sma]: 100 })).toBe(false);
  });

  it('crosses above and below fire only on the evaluation where the order flips', () => {
    const crosses = (operator: 'crosses_above' | 'crosses_below'): Condition => ({
      left: { variable: 'ema', params: { period: 9 } },
      operator,
      right: { variable: 'ema', params: { period: 21 } },
    });
    const [fast, slow] = ['ema(period=9)', 'ema(period=21)'];
    expect(entryFires(crosses('crosses_above'), { [fast]: 101, [slow]: 100 }, { [fast]: 99, [slow]: 100 })).toBe(true);
    expect(entryFires(crosses('crosses_above'), { [fast]: 101, [slow]: 100 }, { [fast]: 100, [slow]: 100 })).toBe(true);
    expect(entryFires(crosses('crosses_above'), { [fast]: 102, [slow]: 100 }, { [fast]: 101, [slow]: 100 })).toBe(false);
    expect(entryFires(crosses('crosses_above'), { [fast]: 101, [slow]: 100 }, null)).toBe(false);
    expect(entryFires(crosses('crosses_below'), { [fast]: 99, [slow]: 100 }, { [fast]: 101, [slow]: 100 })).toBe(true);
    expect(entryFires(crosses('crosses_below'), { [fast]: 99, [slow]: 100 }, { [fast]: 98, [slow]: 100 })).toBe(false);
    expect(entryFires(crosses('crosses_above'), { [fast]: 101, [slow]: 100 }, { [fast]: null, [slow]: 100 })).toBe(false);
  });

  it('combines with all and any, and treats a value not yet available as not firing', () => {
    const low = rsiVs('<', 30);
    const high = rsiVs('>', 20);
    const macd = 'macd_histogram(fast=12,signal=9,slow=26)';
    const positive: Condition = { left: { variable: 'macd_histogram' }, operator: '>', right: { value: 0 } };
    expect(entryFires({ all: [low, high] }, { [RSI]: 25 })).toBe(true);
    expect(entryFires({ all: [low, high] }, { [RSI]: 15 })).toBe(false);
    expect(entryFires({ any: [low, positive] }, { [RSI]: 50, [macd]: 1 })).toBe(true);
    expect(entryFires({ any: [low, positive] }, { [RSI]: 50, [macd]: -1 })).toBe(false);
    expect(entryFires(low, { [RSI]: null })).toBe(false);
  });
});

describe('evaluateStrategy', () => {
  const exitOnRsi = { id: 'rsi-exit', kind: 'exit' as const, condition: rsiVs('>', 70) };
  const entry = { id: 'e', kind: 'entry' as const, condition: rsiVs('<', 30) };

  it('runs exit triggers only with a position, entries only without', () => {
    const strategy = compileStrategy(strategyWith({ triggers: [entry, exitOnRsi] }));
    expect(evaluateStrategy(strategy, input({ [RSI]: 80 })).decision).toBeNull();
    expect(evaluateStrategy(strategy, input({ [RSI]: 80 }, null, 100)).decision).toEqual({ action: 'close', ruleId: 'rsi-exit', reason: 'exit_trigger' });
    expect(evaluateStrategy(strategy, input({ [RSI]: 10 }, null, 100)).decision).toBeNull();
  });

  it('decides nothing while disabled', () => {
    const strategy = compileStrategy(strategyWith({ enabled: false, triggers: [entry] }));
    expect(evaluateStrategy(strategy, input({ [RSI]: 10 })).decision).toBeNull();
  });

  it('resolves simultaneous management decisions conservatively: hold > close > add, a trailing stop move never competing', () => {
    const strategy = compileStrategy(
      strategyWith({
        triggers: [
          entry,
          { id: 'add-when-rsi-low', kind: 'management', action: 'add', condition: rsiVs('<', 50) },
          { id: 'close-when-rsi-low', kind: 'management', action: 'close', condition: rsiVs('<', 40) },
          { id: 'hold-when-rsi-very-low', kind: 'management', action: 'hold', condition: rsiVs('<', 20) },
        ],
        management: [{ id: 'trail', kind: 'trailing_stop', activationPercent: 5, dropPercent: 3 }],
      }),
    );
    const at = (rsi: number, price = 100): string | undefined =>
      evaluateStrategy(strategy, { ...input({ [RSI]: rsi, price }, null, 100) }).decision?.ruleId;
    expect(at(45)).toBe('add-when-rsi-low');
    expect(at(45, 106)).toBe('add-when-rsi-low');
    expect(at(35, 106)).toBe('close-when-rsi-low');
    expect(at(10, 106)).toBe('hold-when-rsi-very-low');
  });

  it('keeps the trailing stop as state: armed at the price, raised with each new high, never lowered', () => {
    const strategy = compileStrategy(strategyWith({ triggers: [entry], management: [{ id: 'trail', kind: 'trailing_stop', activationPercent: 5, dropPercent: 3 }] }));
    const step = (price: number, management: EvaluationInput['management']) =>
      evaluateStrategy(strategy, { ...input({ price }, null, 100), management });
    const armed = step(106, { ...FLAT_MANAGEMENT, lastBuyPrice: 100, highSinceEntry: 100 });
    expect(armed.decision).toBeNull();
    expect(armed.fired).toEqual([]);
    expect(armed.management.trailingStopPrice).toBeCloseTo(106 * 0.97, 10);
    expect(step(110, armed.management).management.trailingStopPrice).toBeCloseTo(110 * 0.97, 10);
    expect(step(104, armed.management).management.trailingStopPrice).toBe(armed.management.trailingStopPrice);
  });

  describe('the crash exit outranks everything on its tick', () => {
    const guarded = (conflictPolicy: StrategyDefinition['conflictPolicy']) =>
      compileStrategy(
        strategyWith({
          triggers: [entry, { id: 'hold-when-rsi-low', kind: 'management', action: 'hold', condition: rsiVs('<', 50) }],
          management: [
            { id: 'surge', kind: 'surge_guard', risePercent: 5, windowMs: 60_000 },
            { id: 'crash', kind: 'crash_exit', dropPercent: 5, windowMs: 60_000 },
          ],
          conflictPolicy,
        }),
      );
    // The minute held 100 and 112: 106.2 is both +5% over the low (a surge) and -5% under the high (a crash).
    const volatile = (): EvaluationInput => ({ ...input({ [RSI]: 45, price: 106.2 }, null, 100), window: () => ({ high: 112, low: 100 }) });

    it.each([
      ['conservative', { kind: 'conservative' }],
      ['priority', { kind: 'priority', order: ['hold-when-rsi-low', 'surge', 'crash'] }],
      ['merge', { kind: 'merge' }],
    ] as const)('under the %s policy, over a surge on the same tick and a declared hold', (_name, policy) => {
      const evaluation = evaluateStrategy(guarded(policy), volatile());
      expect(evaluation.decision).toEqual({ action: 'close', ruleId: 'crash', reason: 'crash_exit' });
      expect(evaluation.management.pyramidingStopped).toBe(true);
    });
  });

  describe('the merge policy', () => {
    const merged = compileStrategy(
      strategyWith({
        triggers: [
          entry,
          { id: 'add-when-rsi-low', kind: 'management', action: 'add', condition: { all: [rsiVs('<', 50), rsiVs('>', 30)] } },
          { id: 'close-when-rsi-very-low', kind: 'management', action: 'close', condition: rsiVs('<', 20) },
          { id: 'exit-when-rsi-very-low', kind: 'exit', condition: rsiVs('<', 20) },
          { id: 'hold-when-rsi-tiny', kind: 'management', action: 'hold', condition: rsiVs('<', 5) },
        ],
        management: [
          { id: 'pyramid', kind: 'pyramiding', stepPercent: 5, maxAdds: 3, sizing: { kind: 'fixed_quote', amount: '5000' } },
          { id: 'stop', kind: 'stop_loss', lossPercent: 50 },
        ],
        conflictPolicy: { kind: 'merge' },
      }),
    );
    const at = (rsi: number, price: number) => evaluateStrategy(merged, input({ [RSI]: rsi, price }, null, 100));

    it('applies every add of the tick as one order', () => {
      const { decision } = at(45, 106);
      expect(decision).toEqual({
        action: 'add',
        ruleId: 'pyramid',
        reason: 'pyramiding',
        sizing: { kind: 'fixed_quote', amount: '5000' },
        merged: [{ ruleId: 'add-when-rsi-low', reason: 'management_trigger', sizing: { kind: 'fixed_quote', amount: '10000' } }],
      });
    });

    it('applies the closes of the tick as one close', () => {
      expect(at(15, 100).decision).toEqual({
        action: 'close',
        ruleId: 'close-when-rsi-very-low',
        reason: 'management_trigger',
        merged: [{ ruleId: 'exit-when-rsi-very-low', reason: 'exit_trigger' }],
      });
    });

    it('falls back to conservative on opposite directions or a hold', () => {
      expect(at(45, 40).decision).toEqual({ action: 'close', ruleId: 'stop', reason: 'stop_loss' });
      expect(at(15, 106).decision).toMatchObject({ action: 'close', ruleId: 'close-when-rsi-very-low' });
      expect(at(4, 106).decision).toEqual({ action: 'hold', ruleId: 'hold-when-rsi-tiny', reason: 'management_trigger' });
    });
  });

  it('resolves them by declared priority when the policy says so', () => {
    const strategy = compileStrategy(
      strategyWith({
        triggers: [entry, { id: 'add-when-rsi-low', kind: 'management', action: 'add', condition: rsiVs('<', 50) }],
        management: [{ id: 'stop', kind: 'stop_loss', lossPercent: 5 }],
        conflictPolicy: { kind: 'priority', order: ['add-when-rsi-low', 'stop'] },
      }),
    );
    const decision = evaluateStrategy(strategy, input({ [RSI]: 45, price: 90 }, null, 100));
    expect(decision.fired.map((d) => d.ruleId)).toEqual(['stop', 'add-when-rsi-low']);
    expect(decision.decision?.ruleId).toBe('add-when-rsi-low');
  });

  it('stops out at the loss limit and takes profit on the average when so declared', () => {
    const strategy = compileStrategy(
      strategyWith({
        triggers: [entry],
        management: [
          { id: 'stop', kind: 'stop_loss', lossPercent: 2 },
          { id: 'tp', kind: 'take_profit', profitPercent: 3, basis: 'average', afterPyramiding: false },
        ],
      }),
    );
    const decide = (price: number): string | undefined => evaluateStrategy(strategy, input({ price }, null, 100)).decision?.ruleId;
    expect([decide(98.1), decide(98), decide(102.9), decide(103)]).toEqual([undefined, 'stop', undefined, 'tp']);
  });
});
