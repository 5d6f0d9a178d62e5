import { buildReport } from '@trader/application';
import { sampleBacktestRun } from '../../test-support/sample-backtest-run';
import { isControl } from './report-format';
import { renderTerminalReport } from './terminal-report';

describe('renderTerminalReport', () => {
  const report = buildReport(sampleBacktestRun());
  const text = renderTerminalReport(report);

  it('renders the same report to the same text', () => {
    expect(renderTerminalReport(buildReport(sampleBacktestRun()))).toBe(text);
  });

  it('shows the headline figures of the report', () => {
    // 1,000,000 -> 1,002,750.5 KRW is +0.275%.
    expect(text).toContain('1,000,000 KRW -> 1,002,750.5 KRW');
    expect(text).toMatch(/Total return\s+0\.28%/);
    // Fees 10.15 + 9.75 + 10.05 = 29.95 KRW, 3 trades of which one open.
    expect(text).toMatch(/Fees paid \(KRW\)\s+29\.95/);
    expect(text).toMatch(/Trades\s+3 \(1 open at end\)/);
  });

  it('has one row per market and per exit rule', () => {
    const lines = text.split('\n');
    for (const key of ['KRW-BTC', 'KRW-ETH', 'end_of_run', 'stop_loss', 'take_profit']) {
      expect(lines.filter((line) => line.startsWith(`${key} `))).toHaveLength(1);
    }
    // KRW-ETH: one loss of 509.75: 0% win rate, no profit over a loss is a profit factor of 0.
    expect(lines.find((line) => line.startsWith('KRW-ETH '))).toMatch(/^KRW-ETH\s+1\s+0\.00%\s+0\.00\s+-509\.75\s+-509\.75\s+9\.75\s/);
  });

  it('prints inf for a profit factor without losses', () => {
    expect(text.split('\n').find((line) => line.startsWith('take_profit '))).toMatch(/^take_profit\s+1\s+100\.00%\s+inf\s/);
  });

  it('ends with the sha256 of the trades', () => {
    expect(text.endsWith(`trades sha256 ${report.tradesSha256}\n`)).toBe(true);
  });

  it('neutralises terminal escape sequences in names from data', () => {
    const hostile = renderTerminalReport(buildReport(sampleBacktestRun({ strategyId: 'evil\u001b[2J\u001b]0;pwned\u0007' })));
    expect([...hostile].filter((char) => char !== '\n' && isControl(char))).toEqual([]);
    expect(hostile).toContain('Backtest evil?[2J?]0;pwned? v1');
  });
});
