import { Dec, decimalText } from '@trader/domain';
import type { BacktestTrade } from '../backtest-run';
import type { TradeStats } from './backtest-metrics';
import { readDecimal, readFinite } from './run-fields';

/** A trade with its money parsed; `field` prefixes error messages, e.g. "trades[3]". */
export interface PricedTrade {
  readonly field: string;
  readonly trade: BacktestTrade;
  readonly pnl: Dec;
  readonly fees: Dec;
}

export function priceTrades(trades: readonly BacktestTrade[]): PricedTrade[] {
  return trades.map((trade, index) => {
    const field = `trades[${index}]`;
    readFinite(`${field}.openedAt`, trade.openedAt);
    if (trade.closedAt !== null) readFinite(`${field}.closedAt`, trade.closedAt);
    readFinite(`${field}.returnPct`, trade.returnPct);
    return { field, trade, pnl: readDecimal(`${field}.pnl`, trade.pnl), fees: readDecimal(`${field}.fees`, trade.fees) };
  });
}

/** KRW averages are shown to the won's hundredth; sums stay exact. */
function average(total: Dec, count: number): string | null {
  return count === 0 ? null : decimalText(total.div(count).toDecimalPlaces(2, Dec.ROUND_HALF_EVEN));
}

/** Trade statistics of `trades`; a trade still open counts to `endAt` for its holding time. */
export function tradeStats(trades: readonly PricedTrade[], endAt: number): TradeStats {
  const zero = new Dec(0);
  const winning = trades.filter((t) => t.pnl.gt(0));
  const losing = trades.filter((t) => t.pnl.lt(0));
  const grossProfit = winning.reduce((sum, t) => sum.plus(t.pnl), zero);
  const grossLoss = losing.reduce((sum, t) => sum.minus(t.pnl), zero);
  const netPnl = grossProfit.minus(grossLoss);
  const fees = trades.reduce((sum, t) => sum.plus(t.fees), zero);
  const count = trades.length;
  const returns = trades.map((t) => t.trade.returnPct);
  const pnls = trades.map((t) => t.pnl);
  const holding = trades.reduce((sum, t) => sum + ((t.trade.closedAt ?? endAt) - t.trade.openedAt), 0);
  let profitFactor: number | null = null;
  if (grossLoss.gt(0)) profitFactor = grossProfit.div(grossLoss).toNumber();
  else if (grossProfit.gt(0)) profitFactor = Infinity;
  return {
    trades: count,
    wins: winning.length,
    losses: losing.length,
    openAtEnd: trades.filter((t) => t.trade.closedAt === null).length,
    winRatePct: count === 0 ? null : (winning.length / count) * 100,
    profitFactor,
    expectancy: average(netPnl, count),
    grossProfit: decimalText(grossProfit),
    grossLoss: decimalText(grossLoss),
    netPnl: decimalText(netPnl),
    fees: decimalText(fees),
    averageWin: average(grossProfit, winning.length),
    averageLoss: average(grossLoss.negated(), losing.length),
    averageTradePct: count === 0 ? null : returns.reduce((sum, r) => sum + r, 0) / count,
    bestTradePct: count === 0 ? null : returns.reduce((best, r) => Math.max(best, r)),
    worstTradePct: count === 0 ? null : returns.reduce((worst, r) => Math.min(worst, r)),
    bestTradePnl: count === 0 ? null : decimalText(pnls.reduce((best, p) => Dec.max(best, p))),
    worstTradePnl: count === 0 ? null : decimalText(pnls.reduce((worst, p) => Dec.min(worst, p))),
    averageHoldingMs: count === 0 ? null : holding / count,
  };
}
