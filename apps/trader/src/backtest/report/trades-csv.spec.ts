import { backtestTradeFixture, FIXTURE_DAY_0 } from '@trader/application/testing';
import { renderTradesCsv } from './trades-csv';

describe('renderTradesCsv', () => {
  it('writes a header and one CRLF-terminated row per trade, decimals as the engine wrote them', () => {
    const csv = renderTradesCsv([backtestTradeFixture({ returnPct: 2.5 }), backtestTradeFixture({ closedAt: null, pnl: '-1.50', exitRule: 'end_of_run' })]);
    expect(csv.split('\r\n')).toEqual([
      'market,opened_at,closed_at,entry_price,exit_price,volume,invested,proceeds,pnl,return_pct,fees,buys,entry_rule,exit_rule',
      'KRW-BTC,2025-11-01T00:00:00.000Z,2025-11-01T01:00:00.000Z,100000000,103000000,0.0001,10005,10294.85,289.85,2.5,10.15,1,rsi_dip,take_profit',
      `KRW-BTC,2025-11-01T00:00:00.000Z,,100000000,103000000,0.0001,10005,10294.85,-1.50,${(289.85 / 10005) * 100},10.15,1,rsi_dip,end_of_run`,
      '',
    ]);
    expect(FIXTURE_DAY_0).toBe(Date.parse('2025-11-01T00:00:00.000Z'));
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    const csv = renderTradesCsv([backtestTradeFixture({ entryRule: 'dip, then "bounce"', exitRule: 'two\nlines' })]);
    expect(csv).toContain(',"dip, then ""bounce""","two\nlines"\r\n');
  });

  it('defuses a rule id a spreadsheet would run as a formula', () => {
    const csv = renderTradesCsv([backtestTradeFixture({ entryRule: '=HYPERLINK("x")', exitRule: '@SUM(A1)' })]);
    expect(csv).toContain(`,"'=HYPERLINK(""x"")",'@SUM(A1)\r\n`);
  });
});
