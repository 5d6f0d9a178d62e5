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

  it('approximately equal uses a relative tolerance, 5% by default', () => {
    const approx = (tolerance?: number): Condition => ({
      left: { variable: 'price' },
      operator: 'approx',
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

  it('resolves simultaneous management decisions conservatively: hold > close > update stop > add', () => {
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
    expect(at(45, 106)).toBe('trail');
    expect(at(35, 106)).toBe('close-when-rsi-low');
    expect(at(10, 106)).toBe('hold-when-rsi-very-low');
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
