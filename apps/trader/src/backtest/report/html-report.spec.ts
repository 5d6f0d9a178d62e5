import { buildReport, BacktestRun } from '@trader/application';
import { sampleBacktestRun } from '../../test-support/sample-backtest-run';
import { escapeHtml } from './html-escape';
import { renderHtmlReport } from './html-report';
import { formatDecimal, formatTime } from './report-format';

const render = (run: BacktestRun): string => renderHtmlReport(buildReport(run), run);

describe('renderHtmlReport', () => {
  const run = sampleBacktestRun();
  const html = render(run);

  it('renders the same report and run to the same bytes', () => {
    expect(render(sampleBacktestRun())).toBe(html);
  });

  it('is one self-contained file: no external reference, no script', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<script|<link|<img|<iframe/i);
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('draws the equity curve, the drawdown, and one candle chart per market with our entries and exits', () => {
    expect(html.match(/<svg /g)).toHaveLength(2 + run.markets.length);
    expect(html).toContain('<polyline class="equity"');
    expect(html).toContain('<polygon class="drawdown"');
    // Three trades, one still open: three entries, two exits.
    expect(html.match(/<polygon class="entry"/g)).toHaveLength(3);
    expect(html.match(/<polygon class="exit"/g)).toHaveLength(2);
    // 72 hourly candles per market, one body each.
    expect(html.match(/<rect /g)).toHaveLength(2 * 72);
  });

  it('contains a row for each trade', () => {
    const rows = html.match(/<tr class="(win|loss|even)">.*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(run.trades.length);
    run.trades.forEach((trade, index) => {
      const row = rows[index];
      expect(row).toContain(`<td>${index + 1}</td><td class="text">${trade.market}</td><td>${formatTime(trade.openedAt)}</td>`);
      expect(row).toContain(`<td class="pnl">${formatDecimal(trade.pnl)}</td>`);
      expect(row).toContain(`<td class="text">${trade.exitRule}</td>`);
    });
    expect(rows.map((row) => /class="(\w+)"/.exec(row)?.[1])).toEqual(['win', 'loss', 'win']);
  });

  it('shows the metrics tables and the trades digest', () => {
    const report = buildReport(run);
    expect(html).toContain('<td>Total return</td><td>0.28%</td>');
    expect(html).toContain('<tr><td>KRW-ETH</td><td>1</td><td>0.00%</td>');
    expect(html).toContain(`trades sha256 <code>${report.tradesSha256}</code>`);
  });

  it('escapes every string from data', () => {
    const attack = '<script>alert("x")</script>&\'';
    const market = `KRW-<b>${attack}`;
    const hostile = render(
      sampleBacktestRun({
        strategyId: attack,
        markets: ['KRW-BTC', market],
        chart: { [market]: sampleBacktestRun().chart['KRW-ETH'] },
        trades: sampleBacktestRun().trades.map((t) => ({ ...t, market: t.market === 'KRW-ETH' ? market : t.market, entryRule: `<img src=x onerror=alert(1)>`, exitRule: attack })),
      }),
    );
    expect(hostile).not.toContain('<script');
    expect(hostile).not.toContain('<img');
    expect(hostile).not.toContain('<b>');
    expect(hostile).toContain(`<title>Backtest ${escapeHtml(attack)} v1</title>`);
    expect(hostile).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(hostile).toContain(`<h2>${escapeHtml(market)}</h2>`);
    expect(hostile).toContain('<td class="text">&lt;img src=x onerror=alert(1)&gt;</td>');
  });

  it('charts nothing for a market named like an Object.prototype member', () => {
    expect(render(sampleBacktestRun({ markets: ['KRW-BTC', 'KRW-ETH', 'constructor'] }))).toContain('<h2>constructor</h2>\n<p class="legend">');
  });

  it('says so when a market has neither candles nor trades', () => {
    expect(render(sampleBacktestRun({ markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'] }))).toContain('<h2>KRW-XRP</h2>\n<p class="legend">');
    expect(render(sampleBacktestRun({ markets: ['KRW-BTC', 'KRW-ETH', 'KRW-XRP'] }))).toContain('No candles and no trades to chart.');
  });
});
