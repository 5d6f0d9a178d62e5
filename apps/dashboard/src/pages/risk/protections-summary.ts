import type { components } from '../../api/schema';

type Protections = components['schemas']['ProtectionsResponse'];

const minutes = (ms: number): string => {
  const value = ms / 60_000;
  return Number.isInteger(value) ? `${value} min` : `${(ms / 1000).toFixed(0)} s`;
};

/** One line per configured protection, in words, in a fixed order. */
export function describeProtections(protections: Protections): string[] {
  const lines: string[] = [];
  const { cooldown, stoplossGuard, maxDrawdown, lowProfitMarkets } = protections;
  if (cooldown) lines.push(`Cooldown: no new entry on a market for ${minutes(cooldown.periodMs)} after a trade there closed`);
  if (stoplossGuard) {
    lines.push(
      `Stop-loss guard: ${stoplossGuard.tradeLimit} stop-outs within ${minutes(stoplossGuard.lookbackMs)} lock entries ${stoplossGuard.scope === 'market' ? 'on that market' : 'on every market'} for ${minutes(stoplossGuard.lockMs)}`,
    );
  }
  if (maxDrawdown) {
    lines.push(`Max drawdown: a fall of ${maxDrawdown.maxDrawdownPercent}% over the trades of ${minutes(maxDrawdown.lookbackMs)} (at least ${maxDrawdown.tradeLimit}) locks entries for ${minutes(maxDrawdown.lockMs)}`);
  }
  if (lowProfitMarkets) {
    lines.push(
      `Low-profit markets: a market whose ${lowProfitMarkets.tradeLimit}+ trades over ${minutes(lowProfitMarkets.lookbackMs)} made less than ${lowProfitMarkets.minProfit} KRW is locked for ${minutes(lowProfitMarkets.lockMs)}`,
    );
  }
  return lines;
}
