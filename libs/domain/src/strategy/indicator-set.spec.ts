import { Macd } from '../indicators/macd';
import { Rsi } from '../indicators/rsi';
import { Stochastic } from '../indicators/stochastic';
import { IndicatorSet } from './indicator-set';
import { VariableName, resolveVariable } from './variables';

describe('IndicatorSet', () => {
  it('serves every variable from the indicator it names, with default parameters', () => {
    const names: VariableName[] = [
      'price', 'sma', 'ema', 'rsi', 'macd_line', 'macd_signal', 'macd_histogram', 'bb_upper', 'bb_middle', 'bb_lower',
      'stoch_k', 'stoch_d', 'atr', 'volume', 'price_change_pct', 'profit_pct',
    ];
    const set = new IndicatorSet(names.map((n) => resolveVariable(n)));
    const rsi = new Rsi(14);
    const macd = new Macd(12, 26, 9);
    const stochastic = new Stochastic(14, 3);
    for (let i = 0; i < 60; i++) {
      const close = 100 + Math.sin(i / 3) * 10;
      const candle = { open: close, high: close + 1, low: close - 1, close, volume: i };
      set.update(candle);
      rsi.update(close);
      macd.update(close);
      stochastic.update(candle);
    }
    const values = new Map<string, number | null>();
    set.readInto(values);
    expect(values.get('rsi(period=14)')).toBe(rsi.value);
    expect(values.get('macd_line(fast=12,signal=9,slow=26)')).toBe(macd.value?.line);
    expect(values.get('macd_histogram(fast=12,signal=9,slow=26)')).toBe(macd.value?.histogram);
    expect(values.get('stoch_d(dPeriod=3,kPeriod=14)')).toBe(stochastic.value?.d);
    expect(values.get('volume(period=1)')).toBe(59);
    for (const key of values.keys()) expect(values.get(key)).not.toBeNull();
    expect(values.has('price')).toBe(false);
  });

  it('keys variables by their resolved parameters, so defaults and explicit values share', () => {
    expect(resolveVariable('rsi').key).toBe(resolveVariable('rsi', { period: 14 }).key);
    expect(resolveVariable('rsi', { period: 9 }).key).toBe('rsi(period=9)');
    expect(resolveVariable('price').key).toBe('price');
  });
});
