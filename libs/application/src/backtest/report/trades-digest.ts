import { createHash } from 'node:crypto';
import { decimalText } from '@trader/domain';
import type { BacktestTrade } from '../backtest-run';
import { readDecimal } from './run-fields';

/**
 * The canonical text of a trade list: one line per trade in the run's order, each a JSON array of
 * market, openedAt, closedAt, entryPrice, exitPrice, volume, invested, proceeds, pnl, fees, buys,
 * entryRule, exitRule, ended by "\n". Decimals are normalised (no exponent, no trailing zeros), so
 * "1.50" and "1.5" read the same; `returnPct` is left out, being a float derived from pnl and invested.
 */
export function canonicalTrades(trades: readonly BacktestTrade[]): string {
  return trades
    .map((trade, index) => {
      const decimal = (name: keyof BacktestTrade & string, text: string): string => decimalText(readDecimal(`trades[${index}].${name}`, text));
      const fields = [
        trade.market,
        trade.openedAt,
        trade.closedAt,
        decimal('entryPrice', trade.entryPrice),
        decimal('exitPrice', trade.exitPrice),
        decimal('volume', trade.volume),
        decimal('invested', trade.invested),
        decimal('proceeds', trade.proceeds),
        decimal('pnl', trade.pnl),
        decimal('fees', trade.fees),
        trade.buys,
        trade.entryRule,
        trade.exitRule,
      ];
      return `${JSON.stringify(fields)}\n`;
    })
    .join('');
}

/** sha256 (hex) of `canonicalTrades`: two runs agree on their trades exactly when the digests match. */
export function tradesDigest(trades: readonly BacktestTrade[]): string {
  return createHash('sha256').update(canonicalTrades(trades), 'utf8').digest('hex');
}
