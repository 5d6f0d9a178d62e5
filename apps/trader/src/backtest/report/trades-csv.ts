import type { BacktestTrade } from '@trader/application';

const HEADER = ['market', 'opened_at', 'closed_at', 'entry_price', 'exit_price', 'volume', 'invested', 'proceeds', 'pnl', 'return_pct', 'fees', 'buys', 'entry_rule', 'exit_rule'];

/**
 * The trades as CSV (RFC 4180: comma separated, CRLF line ends, quotes where needed): times in ISO 8601
 * UTC, `closed_at` empty for a trade still open, decimals exactly as the engine wrote them.
 */
export function renderTradesCsv(trades: readonly BacktestTrade[]): string {
  const rows = trades.map((t) => [
    text(t.market),
    new Date(t.openedAt).toISOString(),
    t.closedAt === null ? '' : new Date(t.closedAt).toISOString(),
    t.entryPrice,
    t.exitPrice,
    t.volume,
    t.invested,
    t.proceeds,
    t.pnl,
    String(t.returnPct),
    t.fees,
    String(t.buys),
    text(t.entryRule),
    text(t.exitRule),
  ]);
  return [HEADER, ...rows].map((row) => `${row.map(quoted).join(',')}\r\n`).join('');
}

/**
 * A text field a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe (OWASP "CSV injection"): strategy and rule ids come from user-written strategy files.
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoted(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
