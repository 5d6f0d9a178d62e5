import { basicSevenRulesStrategy } from './basic-seven-rules';
import { InvalidStrategyDefinitionError } from './strategy.errors';
import { exportStrategy, importStrategy, validateStrategyDefinition } from './strategy-validation';

const valid = (): Record<string, unknown> => JSON.parse(exportStrategy(basicSevenRulesStrategy())) as Record<string, unknown>;

function issuesOf(input: unknown): string[] {
  try {
    validateStrategyDefinition(input);
  } catch (error) {
    if (error instanceof InvalidStrategyDefinitionError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

function withEntry(condition: unknown): Record<string, unknown> {
  return { ...valid(), triggers: [{ id: 'entry', kind: 'entry', condition }] };
}

describe('strategy definitions', () => {
  it('export to JSON and import back to the same definition', () => {
    const strategy = basicSevenRulesStrategy();
    expect(importStrategy(exportStrategy(strategy))).toEqual(strategy);
  });

  it('refuses comparing incompatible groups when the strategy is defined', () => {
    const issues = issuesOf(withEntry({ left: { variable: 'rsi' }, operator: '<', right: { variable: 'price' } }));
    expect(issues).toEqual(['$.triggers[0].condition: cannot compare rsi (percentage) with price (price)']);
  });

  it('accepts comparing variables of one group, with parameters', () => {
    const definition = validateStrategyDefinition(
      withEntry({
        all: [
          { left: { variable: 'ema', params: { period: 9 } }, operator: 'crosses_above', right: { variable: 'sma', params: { period: 50 } } },
          { any: [{ left: { variable: 'macd_histogram' }, operator: '>', right: { variable: 'macd_signal' } }, { left: { variable: 'price' }, operator: 'approx', right: { variable: 'bb_lower' }, tolerance: 0.01 }] },
        ],
      }),
    );
    expect(definition.triggers[0].condition).toHaveProperty('all');
  });

  it.each([
    ['an RSI threshold outside 0..100', { left: { variable: 'rsi' }, operator: '<', right: { value: 130 } }, 'rsi lies within 0..100'],
    ['profit % in an entry trigger', { left: { variable: 'profit_pct' }, operator: '>', right: { value: 1 } }, 'needs an open position'],
    ['an unknown variable', { left: { variable: 'vwap' }, operator: '>', right: { value: 1 } }, 'must be one of'],
    ['an unknown parameter', { left: { variable: 'rsi', params: { length: 9 } }, operator: '<', right: { value: 30 } }, 'is not a parameter of rsi'],
    ['a fractional period', { left: { variable: 'sma', params: { period: 2.5 } }, operator: '<', right: { value: 30 } }, 'must be an integer'],
    ['an unknown operator', { left: { variable: 'rsi' }, operator: '=<', right: { value: 30 } }, 'must be one of >'],
    ['a tolerance on another operator', { left: { variable: 'rsi' }, operator: '<', right: { value: 30 }, tolerance: 0.1 }, 'only applies to the approx'],
    ['an empty group', { all: [] }, 'needs at least 1 item'],
    ['a constant on the left', { left: { value: 3 }, operator: '<', right: { value: 30 } }, '.left.variable'],
    ['MACD fast above slow', { left: { variable: 'macd_line', params: { fast: 30 } }, operator: '>', right: { value: 0 } }, 'MACD fast must be below slow'],
  ])('refuses %s', (_name, condition, message) => {
    expect(issuesOf(withEntry(condition)).join('\n')).toContain(message);
  });

  it('reports every issue at once', () => {
    const issues = issuesOf({ ...valid(), id: 'Bad Id', version: 0, markets: ['KRW-BTC', 'nope'], timeframe: '2m', extra: 1 });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringContaining('$.id'),
        expect.stringContaining('$.version'),
        expect.stringContaining('$.markets[1]'),
        expect.stringContaining('$.timeframe'),
        '$.extra: is not a known field',
      ]),
    );
  });

  it('refuses rule sets that cannot work', () => {
    const base = valid();
    const management = base.management as Array<Record<string, unknown>>;
    expect(issuesOf({ ...base, management: management.filter((r) => r.kind !== 'pyramiding') })).toEqual([
      '$.management: a take_profit after pyramiding needs a pyramiding rule',
    ]);
    expect(issuesOf({ ...base, management: [...management, { id: 'again', kind: 'stop_loss', lossPercent: 200 }] })).toEqual([
      '$.management[6].lossPercent: must be at most 100',
    ]);
    expect(issuesOf({ ...base, management: [...management, { ...management[0], id: 'second' }] })).toEqual([
      '$.management: has more than one pyramiding rule',
    ]);
    expect(issuesOf({ ...base, triggers: [{ id: 'x', kind: 'exit', condition: { left: { variable: 'rsi' }, operator: '>', right: { value: 70 } } }] })).toEqual([
      '$.triggers: needs at least one entry trigger',
    ]);
    expect(issuesOf({ ...base, triggers: [...(base.triggers as unknown[]), { id: 'add-on-profit', kind: 'exit', condition: { left: { variable: 'rsi' }, operator: '>', right: { value: 70 } } }] })).toEqual([
      '$: the id add-on-profit is used twice',
    ]);
  });

  it('needs a priority policy to rank every management rule and management or exit trigger', () => {
    const order = ['crash-exit', 'trailing-stop', 'planned-take-profit', 'surge-guard', 'average-down', 'add-on-profit'];
    expect(validateStrategyDefinition({ ...valid(), conflictPolicy: { kind: 'priority', order } }).conflictPolicy).toEqual({ kind: 'priority', order });
    expect(issuesOf({ ...valid(), conflictPolicy: { kind: 'priority', order: order.slice(1) } })[0]).toContain('missing crash-exit');
    expect(issuesOf({ ...valid(), conflictPolicy: { kind: 'priority', order: [...order, 'nope'] } })[0]).toContain('names no management rule or trigger: nope');
  });

  it("accepts the original's ~= (within 5%, relative) as written, with approx as its alias", () => {
    const original = { left: { variable: 'price' }, operator: '~=', right: { variable: 'sma', params: { period: 20 } } };
    const definition = importStrategy(JSON.stringify(withEntry(original)));
    expect(definition.triggers[0].condition).toEqual(original);
    expect(importStrategy(exportStrategy(definition))).toEqual(definition);
    expect(validateStrategyDefinition(withEntry({ ...original, tolerance: 0.02 })).triggers[0].condition).toHaveProperty('tolerance', 0.02);
    expect(validateStrategyDefinition(withEntry({ ...original, operator: 'approx' })).triggers[0].condition).toHaveProperty('operator', 'approx');
  });

  it('accepts the merge policy and a crash exit that pauses entries, and names a bad pause', () => {
    expect(validateStrategyDefinition({ ...valid(), conflictPolicy: { kind: 'merge' } }).conflictPolicy).toEqual({ kind: 'merge' });
    const management = valid().management as Array<Record<string, unknown>>;
    const crash = management.findIndex((r) => r.kind === 'crash_exit');
    const withPause = (pauseEntriesMs: unknown) => ({ ...valid(), management: management.map((r, i) => (i === crash ? { ...r, pauseEntriesMs } : r)) });
    expect(issuesOf(withPause(-1))).toEqual([`$.management[${crash}].pauseEntriesMs: must be a positive number`]);
    expect(issuesOf({ ...valid(), conflictPolicy: { kind: 'merge', order: [] } })).toEqual(['$.conflictPolicy.order: is not a known field']);
  });

  it('accepts a protections block, exports it unchanged, and names a bad field in it', () => {
    const protections = { cooldown: { periodMs: 300000 }, stoplossGuard: { tradeLimit: 3, lookbackMs: 3600000, lockMs: 1800000, scope: 'global' } };
    const definition = importStrategy(JSON.stringify({ ...valid(), protections }));
    expect(definition.protections).toEqual(protections);
    expect(importStrategy(exportStrategy(definition))).toEqual(definition);
    expect(issuesOf({ ...valid(), protections: { cooldown: { periodMs: 0 } } })).toEqual(['$.protections.cooldown.periodMs: Protection setting cooldown.periodMs is invalid: 0']);
    expect(issuesOf({ ...valid(), protections: [] })).toEqual(['$.protections: Protection setting protections is invalid: []']);
  });

  it('validates sizing', () => {
    expect(issuesOf({ ...valid(), sizing: { kind: 'fixed_quote', amount: '-5' } })).toEqual(['$.sizing.amount: must be a positive decimal string']);
    expect(issuesOf({ ...valid(), sizing: { kind: 'balance_percent', percent: '120' } })).toEqual(['$.sizing.percent: must be a decimal string in (0, 100]']);
  });

  it('refuses text that is not JSON', () => {
    expect(() => importStrategy('{nope')).toThrow(InvalidStrategyDefinitionError);
    expect(() => validateStrategyDefinition([])).toThrow(InvalidStrategyDefinitionError);
  });
});
