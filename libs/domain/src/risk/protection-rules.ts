import { Dec, DecimalString, decimalText } from '../shared/decimal';
import { LockScope, ProtectionName, Protections, STOP_OUT_REASONS } from './protections';

/** A trade (a position from open to flat) as the protections judge it. */
export interface ClosedTrade {
  readonly market: string;
  /** Net realised PnL of the whole trade, fees included, in the quote currency. */
  readonly profit: DecimalString;
  /** `profit` in percent of what the trade's buys cost; null when the buys are unknown (bought before this was recorded). */
  readonly profitPercent: DecimalString | null;
  /** The strategy's close reason of the exit that closed it (`trailing_stop`, ...); null for a manual or unknown exit. */
  readonly exitReason: string | null;
  readonly closedAt: number;
}

/** Entries locked: on one market (`market` set) or on all. */
export interface EntryLock {
  readonly scope: LockScope;
  readonly market?: string;
  readonly protection: ProtectionName;
  readonly reason: string;
  readonly until: number;
}

/** Same scope, market and protection: a later lock of that kind replaces it. */
export function sameLock(a: Pick<EntryLock, 'scope' | 'market' | 'protection'>, b: Pick<EntryLock, 'scope' | 'market' | 'protection'>): boolean {
  return a.scope === b.scope && a.market === b.market && a.protection === b.protection;
}

/** The lock that stops an entry on `market`, if any (the one lasting longest). */
export function lockOn(locks: readonly EntryLock[], market: string): EntryLock | null {
  return locks.filter((lock) => lock.scope === 'global' || lock.market === market).reduce<EntryLock | null>((a, b) => (a && a.until >= b.until ? a : b), null);
}

/**
 * The largest fall, in percent, of the trades' returns compounded in the order they closed, from the
 * highest point reached before it (the window starts at 100%). Trades of unknown cost count as 0%.
 */
export function realisedDrawdownPercent(trades: readonly ClosedTrade[]): Dec {
  let value = new Dec(1);
  let peak = new Dec(1);
  let worst = new Dec(0);
  for (const trade of [...trades].sort((a, b) => a.closedAt - b.closedAt)) {
    value = value.mul(new Dec(1).plus(new Dec(trade.profitPercent ?? '0').div(100)));
    if (value.gt(peak)) peak = value;
    const fall = peak.minus(value).div(peak).mul(100);
    if (fall.gt(worst)) worst = fall;
  }
  return worst.toDecimalPlaces(6, Dec.ROUND_DOWN);
}

const ms = (value: number): string => `${value} ms`;

/**
 * The locks the protections call for once `trade` closed; `earlier` are the trades closed before it
 * that are still kept. Windows end at the trade's close and exclude their start (a trade closed
 * exactly `lookbackMs` earlier is out), as the order-rate window does; a lock lasts until the close
 * plus its period. Only a stop-out can trip the stop-loss guard, so an old streak never locks again
 * on a later, different exit.
 */
export function locksAfterTrade(protections: Protections, earlier: readonly ClosedTrade[], trade: ClosedTrade): EntryLock[] {
  const locks: EntryLock[] = [];
  const t = trade.closedAt;
  const within = (lookbackMs: number): ClosedTrade[] => [...earlier, trade].filter((other) => other.closedAt > t - lookbackMs && other.closedAt <= t);
  const { cooldown, stoplossGuard, maxDrawdown, lowProfitMarkets } = protections;
  if (cooldown) {
    locks.push({ scope: 'market', market: trade.market, protection: 'cooldown', reason: `a trade on ${trade.market} closed; cooldown of ${ms(cooldown.periodMs)}`, until: t + cooldown.periodMs });
  }
  if (stoplossGuard && trade.exitReason !== null && STOP_OUT_REASONS.includes(trade.exitReason)) {
    const global = stoplossGuard.scope === 'global';
    const stopOuts = within(stoplossGuard.lookbackMs).filter((other) => other.exitReason !== null && STOP_OUT_REASONS.includes(other.exitReason) && (global || other.market === trade.market));
    if (stopOuts.length >= stoplossGuard.tradeLimit) {
      const where = global ? 'on all markets' : `on ${trade.market}`;
      locks.push({
        scope: stoplossGuard.scope,
        ...(global ? {} : { market: trade.market }),
        protection: 'stoploss_guard',
        reason: `${stopOuts.length} stop-outs ${where} within ${ms(stoplossGuard.lookbackMs)} (limit ${stoplossGuard.tradeLimit})`,
        until: t + stoplossGuard.lockMs,
      });
    }
  }
  if (maxDrawdown) {
    const trades = within(maxDrawdown.lookbackMs);
    const drawdown = realisedDrawdownPercent(trades);
    if (trades.length >= maxDrawdown.tradeLimit && drawdown.gte(maxDrawdown.maxDrawdownPercent)) {
      locks.push({
        scope: 'global',
        protection: 'max_drawdown',
        reason: `realised drawdown of ${decimalText(drawdown)}% within ${ms(maxDrawdown.lookbackMs)} (limit ${maxDrawdown.maxDrawdownPercent}%)`,
        until: t + maxDrawdown.lockMs,
      });
    }
  }
  if (lowProfitMarkets) {
    const trades = within(lowProfitMarkets.lookbackMs).filter((other) => other.market === trade.market);
    const profit = trades.reduce((sum, other) => sum.plus(other.profit), new Dec(0));
    if (trades.length >= lowProfitMarkets.tradeLimit && profit.lt(lowProfitMarkets.minProfit)) {
      locks.push({
        scope: 'market',
        market: trade.market,
        protection: 'low_profit_markets',
        reason: `${trades.length} trades on ${trade.market} made ${decimalText(profit)} within ${ms(lowProfitMarkets.lookbackMs)} (minimum ${lowProfitMarkets.minProfit})`,
        until: t + lowProfitMarkets.lockMs,
      });
    }
  }
  return locks;
}
