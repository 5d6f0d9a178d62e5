import { buildReport } from '@trader/application';
import { sampleBacktestRun } from '../../test-support/sample-backtest-run';
import { renderJsonReport } from './json-report';

function keysAreSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysAreSorted);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return keys.every((key, i) => i === 0 || keys[i - 1] < key) && Object.values(value).every(keysAreSorted);
}

describe('renderJsonReport', () => {
  const report = buildReport(sampleBacktestRun());
  const json = renderJsonReport(report);

  it('renders the same report to the same bytes, whatever order its keys were built in', () => {
    const reordered = Object.fromEntries(Object.entries(report).reverse()) as typeof report;
    expect(renderJsonReport(reordered)).toBe(json);
    expect(renderJsonReport(buildReport(sampleBacktestRun()))).toBe(json);
  });

  it('sorts keys at every level, indents by two spaces and ends with a newline', () => {
    const parsed: unknown = JSON.parse(json);
    expect(keysAreSorted(parsed)).toBe(true);
    expect(json.startsWith('{\n  "metrics": {\n    "byExitRule": [')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('writes an infinite profit factor as "inf" and a missing value as null', () => {
    const parsed = JSON.parse(json) as { metrics: { byExitRule: { key: string; stats: { profitFactor: unknown; averageLoss: unknown } }[] } };
    const takeProfit = parsed.metrics.byExitRule.find((b) => b.key === 'take_profit');
    expect(takeProfit?.stats.profitFactor).toBe('inf');
    expect(takeProfit?.stats.averageLoss).toBeNull();
  });

  it('keeps the money exact and the digest', () => {
    const parsed = JSON.parse(json) as { metrics: { trades: { fees: string; netPnl: string } }; tradesSha256: string };
    // Fees 10.15 + 9.75 + 10.05 = 29.95; pnl 289.85 - 509.75 + 89.95 = -129.95.
    expect(parsed.metrics.trades).toMatchObject({ fees: '29.95', netPnl: '-129.95' });
    expect(parsed.tradesSha256).toBe(report.tradesSha256);
  });

  it('refuses a NaN, which would be a bug in the report', () => {
    const broken = { ...report, metrics: { ...report.metrics, sharpe: Number.NaN } };
    expect(() => renderJsonReport(broken)).toThrow('$.metrics.sharpe');
  });
});
