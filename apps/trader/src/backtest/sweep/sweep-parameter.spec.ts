import { basicSevenRulesStrategy } from '@trader/domain';
import type { Comparison } from '@trader/domain';
import { applyParameter, parameterGrid, parseSweepParameter } from './sweep-parameter';

describe('sweep parameters', () => {
  it('expands FROM:TO:STEP inclusively without float drift', () => {
    expect(parseSweepParameter('rsi.period=10:20:2').values).toEqual([10, 12, 14, 16, 18, 20]);
    expect(parseSweepParameter('trailing-stop.dropPercent=0.1:0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(() => parseSweepParameter('rsi.period=20:10:2')).toThrow(/20|10/);
    expect(() => parseSweepParameter('rsi.period=10:20:0')).toThrow(/step must be more than 0/);
    expect(() => parseSweepParameter('rsi.period=10-20')).toThrow(/is not PATH=FROM:TO:STEP/);
  });

  it('builds the cartesian product, the last parameter varying fastest', () => {
    const grid = parameterGrid([parseSweepParameter('a.x=1:2:1'), parseSweepParameter('b.y=5:7:2')]);
    expect(grid).toEqual([
      [['a.x', 1], ['b.y', 5]],
      [['a.x', 1], ['b.y', 7]],
      [['a.x', 2], ['b.y', 5]],
      [['a.x', 2], ['b.y', 7]],
    ]);
  });

  it('sets a variable parameter, a trigger constant and a management rule field', () => {
    const base = basicSevenRulesStrategy();
    const byVariable = applyParameter(base, 'rsi.period', 10);
    const byConstant = applyParameter(base, 'rsi-oversold-entry.value', 25);
    const byRule = applyParameter(base, 'add-on-profit.stepPercent', 3);

    expect((byVariable.triggers[0]?.condition as Comparison).left).toEqual({ variable: 'rsi', params: { period: 10 } });
    expect((byConstant.triggers[0]?.condition as Comparison).right).toEqual({ value: 25 });
    expect(byRule.management.find((r) => r.id === 'add-on-profit')).toMatchObject({ stepPercent: 3, maxAdds: 3 });
    expect((base.triggers[0]?.condition as Comparison).left).toEqual({ variable: 'rsi', params: { period: 14 } });
  });

  it('refuses a path that addresses nothing, naming it', () => {
    const base = basicSevenRulesStrategy();
    expect(() => applyParameter(base, 'sma.period', 10)).toThrow('--param sma.period: the strategy basic-seven-rules uses no sma');
    expect(() => applyParameter(base, 'add-on-profit.kind', 1)).toThrow(/rule add-on-profit has no number "kind"/);
    expect(() => applyParameter(base, 'rsi-oversold-entry.fast', 1)).toThrow(/trigger rsi-oversold-entry has no variable taking "fast"/);
  });
});
