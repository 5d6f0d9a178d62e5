import { BacktestReport, BacktestRun, BacktestTrade, drawdownCurve, equityCurve, TradeBreakdown } from '@trader/application';
import { BREAKDOWN_HEADER, breakdownCells } from './breakdown-columns';
import { escapeHtml } from './html-escape';
import { formatDecimal, formatDuration, formatPct, formatTime } from './report-format';
import { summaryRows } from './summary-rows';
import { candleChart, drawdownChart, equityChart } from './svg-chart';

/**
 * Inline styles only: the file must open from disk, offline, with nothing fetched (no CDN, no font, no
 * image URL), so it can be archived or mailed as it is.
 */
const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#1d2330;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
.meta{color:#5a6474;margin:2px 0}code{background:#f1f3f7;padding:1px 4px;border-radius:3px}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:4px 0}
th,td{padding:3px 9px;border-bottom:1px solid #edf0f4;text-align:right;white-space:nowrap}
th{background:#f6f7fa;font-weight:600}th:first-child,td:first-child,td.text{text-align:left}
.summary td:nth-child(odd){text-align:left;color:#5a6474}
.win td.pnl{color:#b53b32}.loss td.pnl{color:#1261c4}
.scroll{overflow-x:auto}
.chart{width:100%;height:auto;display:block}
.grid{stroke:#e3e7ee;stroke-width:1}.axis{font-size:11px;fill:#5a6474}
.equity{fill:none;stroke:#2f6fd6;stroke-width:1.5}.drawdown{fill:#e8a09a;stroke:#c0504a;stroke-width:1}
.entry{fill:#119944;stroke:#fff;stroke-width:1}.exit{fill:#222;stroke:#fff;stroke-width:1}
.legend{color:#5a6474;font-size:12px}.note{color:#5a6474}
footer{margin:28px 0;color:#5a6474;font-size:12px}
`;

/**
 * The report as one self-contained HTML file: summary, equity curve, drawdown, per market and per exit
 * rule tables, each market's candles with our entries and exits, and every trade. Every string from
 * data is escaped; there are no scripts. The same report and run give the same bytes.
 */
export function renderHtmlReport(report: BacktestReport, run: BacktestRun): string {
  const { run: summary, metrics } = report;
  const strategy = escapeHtml(summary.strategyId);
  const curve = equityCurve(run);
  const body = [
    `<h1>Backtest <code>${strategy}</code> v${summary.strategyVersion}</h1>`,
    `<p class="meta">${summary.markets.map(escapeHtml).join(', ')} · ${escapeHtml(summary.timeframe)} candles · ${formatTime(summary.from)} to ${formatTime(summary.to)} UTC (${formatDuration(summary.to - summary.from)})</p>`,
    `<p class="meta">${formatDecimal(summary.initialQuote)} KRW to ${formatDecimal(summary.finalEquity)} KRW · fee ${escapeHtml(summary.feeRate)} per side · slippage ${summary.slippageBps} bps · ${summary.candlesProcessed} candles · ${summary.decisions} decisions</p>`,
    '<h2>Summary</h2>',
    summaryTable(report),
    '<h2>Equity</h2>',
    equityChart(curve),
    '<h2>Drawdown</h2>',
    drawdownChart(drawdownCurve(curve)),
    '<h2>Per market</h2>',
    breakdownTable('Market', metrics.byMarket),
    '<h2>Per exit rule</h2>',
    breakdownTable('Exit rule', metrics.byExitRule),
    ...summary.markets.flatMap((market) => [
      `<h2>${escapeHtml(market)}</h2>`,
      '<p class="legend">Red candles rose, blue ones fell (Upbit\'s colours); green triangles are our entries, black ones our exits.</p>',
      candleChart(
        market,
        // hasOwn: a market named like an Object.prototype member ("constructor") must not find one.
        Object.hasOwn(run.chart, market) ? run.chart[market] : [],
        run.trades.filter((t) => t.market === market),
        summary.from,
        summary.to,
      ),
    ]),
    `<h2>Trades (${run.trades.length})</h2>`,
    tradesTable(run.trades),
    `<footer>trades sha256 <code>${escapeHtml(report.tradesSha256)}</code> · report schema ${report.schemaVersion}</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Backtest ${strategy} v${summary.strategyVersion}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summaryTable(report: BacktestReport): string {
  const rows = summaryRows(report);
  const half = Math.ceil(rows.length / 2);
  const cells = rows.slice(0, half).map(([label, value], index) => {
    const [rightLabel, rightValue] = rows[half + index] ?? ['', ''];
    return `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td><td>${escapeHtml(rightLabel)}</td><td>${escapeHtml(rightValue)}</td></tr>`;
  });
  return `<table class="summary">${cells.join('')}</table>`;
}

function breakdownTable(title: string, breakdowns: readonly TradeBreakdown[]): string {
  if (breakdowns.length === 0) return '<p class="note">No trades.</p>';
  const header = `<tr>${[title, ...BREAKDOWN_HEADER].map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = breakdowns.map((b) => `<tr>${[b.key, ...breakdownCells(b.stats)].map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<div class="scroll"><table>${header}${rows.join('')}</table></div>`;
}

const TRADE_HEADER = ['#', 'Market', 'Opened (UTC)', 'Closed (UTC)', 'Entry', 'Exit', 'Volume', 'Invested', 'Proceeds', 'PnL', 'Return', 'Fees', 'Buys', 'Entry rule', 'Exit rule'];

function tradesTable(trades: readonly BacktestTrade[]): string {
  if (trades.length === 0) return '<p class="note">No trades.</p>';
  const header = `<tr>${TRADE_HEADER.map((h) => `<th>${h}</th>`).join('')}</tr>`;
  const rows = trades.map((t, index) => {
    const outcome = t.pnl.startsWith('-') ? 'loss' : /^[0.]+$/.test(t.pnl) ? 'even' : 'win';
    const text = (value: string): string => `<td class="text">${escapeHtml(value)}</td>`;
    const number = (value: string): string => `<td>${escapeHtml(value)}</td>`;
    const cells = [
      number(String(index + 1)),
      text(t.market),
      number(formatTime(t.openedAt)),
      number(t.closedAt === null ? 'open' : formatTime(t.closedAt)),
      number(formatDecimal(t.entryPrice)),
      number(formatDecimal(t.exitPrice)),
      number(formatDecimal(t.volume)),
      number(formatDecimal(t.invested)),
      number(formatDecimal(t.proceeds)),
      `<td class="pnl">${escapeHtml(formatDecimal(t.pnl))}</td>`,
      number(formatPct(t.returnPct)),
      number(formatDecimal(t.fees)),
      number(String(t.buys)),
      text(t.entryRule),
      text(t.exitRule),
    ];
    return `<tr class="${outcome}">${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="trades">${header}${rows.join('\n')}</table></div>`;
}
