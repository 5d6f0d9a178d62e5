import { describe, expect, it } from 'vitest';
import { formatMetric, metricTables } from './metric-rows';

describe('metricTables', () => {
  it('flattens nested metrics to dotted names and sets lists of records apart', () => {
    const tables = metricTables({
      totalReturnPct: 1.5,
      sharpe: null,
      maxDrawdown: { depthPct: 3.2, peakAt: 1767225600000 },
      trades: { trades: 4, profitFactor: 'inf' },
      byMarket: [{ key: 'KRW-BTC', trades: 4 }],
    });
    expect(tables.scalars).toEqual([
      { name: 'totalReturnPct', value: 1.5 },
      { name: 'sharpe', value: null },
      { name: 'maxDrawdown.depthPct', value: 3.2 },
      { name: 'maxDrawdown.peakAt', value: 1767225600000 },
      { name: 'trades.trades', value: 4 },
      { name: 'trades.profitFactor', value: 'inf' },
    ]);
    expect(tables.lists).toEqual([{ name: 'byMarket', rows: [{ key: 'KRW-BTC', trades: 4 }] }]);
  });
});

describe('formatMetric', () => {
  it('shows numbers to 4 decimals without trailing zeros, and null as a dash', () => {
    expect(formatMetric(1.23456789)).toBe('1.2346');
    expect(formatMetric(2.5)).toBe('2.5');
    expect(formatMetric(12)).toBe('12');
    expect(formatMetric(null)).toBe('–');
    expect(formatMetric('inf')).toBe('inf');
  });
});
