import { createHash } from 'node:crypto';
import { backtestTradeFixture, FIXTURE_DAY_0 } from '../../testing/backtest-run.fixture';
import { BacktestReportInputError } from './backtest-report.errors';
import { canonicalTrades, tradesDigest } from './trades-digest';

describe('tradesDigest', () => {
  const closed = backtestTradeFixture({ entryPrice: '100000000.0', fees: '10.150' });
  const open = backtestTradeFixture({ market: 'KRW-ETH', closedAt: null, exitRule: 'end_of_run', buys: 2 });

  it('serialises one JSON line per trade, in a fixed field order, decimals normalised, returnPct left out', () => {
    const opened = FIXTURE_DAY_0;
    const closedAt = FIXTURE_DAY_0 + 3_600_000;
    expect(canonicalTrades([closed, open])).toBe(
      `["KRW-BTC",${opened},${closedAt},"100000000","103000000","0.0001","10005","10294.85","289.85","10.15",1,"rsi_dip","take_profit"]\n` +
        `["KRW-ETH",${opened},null,"100000000","103000000","0.0001","10005","10294.85","289.85","10.15",2,"rsi_dip","end_of_run"]\n`,
    );
  });

  it('is the sha256 of that text', () => {
    const expected = createHash('sha256').update(canonicalTrades([closed, open])).digest('hex');
    expect(tradesDigest([closed, open])).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same trades written differently, and differs when one trade differs', () => {
    const sameTrade = backtestTradeFixture({ entryPrice: '100000000', fees: '10.15' });
    expect(tradesDigest([sameTrade, open])).toBe(tradesDigest([closed, open]));
    expect(tradesDigest([backtestTradeFixture({ pnl: '289.86' }), open])).not.toBe(tradesDigest([closed, open]));
    expect(tradesDigest([open, closed])).not.toBe(tradesDigest([closed, open]));
  });

  it('digests no trades as the sha256 of the empty text', () => {
    expect(tradesDigest([])).toBe(createHash('sha256').update('').digest('hex'));
  });

  it('refuses a trade whose decimal is not one, naming the field', () => {
    expect(() => tradesDigest([open, backtestTradeFixture({ volume: '0,1' })])).toThrow(BacktestReportInputError);
    expect(() => tradesDigest([open, backtestTradeFixture({ volume: '0,1' })])).toThrow('"trades[1].volume"');
  });
});
