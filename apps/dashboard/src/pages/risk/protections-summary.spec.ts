import { describe, expect, it } from 'vitest';
import { describeProtections } from './protections-summary';

describe('describeProtections', () => {
  it('says nothing when none is configured', () => {
    expect(describeProtections({})).toEqual([]);
  });

  it('puts each configured protection in words, in a fixed order, with its times in minutes', () => {
    expect(
      describeProtections({
        lowProfitMarkets: { lockMs: 3_600_000, lookbackMs: 86_400_000, minProfit: '0', tradeLimit: 2 },
        cooldown: { periodMs: 300_000 },
        stoplossGuard: { lockMs: 1_800_000, lookbackMs: 3_600_000, scope: 'global', tradeLimit: 3 },
        maxDrawdown: { lockMs: 3_600_000, lookbackMs: 86_400_000, maxDrawdownPercent: '10', tradeLimit: 2 },
      }),
    ).toEqual([
      'Cooldown: no new entry on a market for 5 min after a trade there closed',
      'Stop-loss guard: 3 stop-outs within 60 min lock entries on every market for 30 min',
      'Max drawdown: a fall of 10% over the trades of 1440 min (at least 2) locks entries for 60 min',
      'Low-profit markets: a market whose 2+ trades over 1440 min made less than 0 KRW is locked for 60 min',
    ]);
  });

  it('shows a period that is not whole minutes in seconds', () => {
    expect(describeProtections({ cooldown: { periodMs: 15_000 } })).toEqual(['Cooldown: no new entry on a market for 15 s after a trade there closed']);
  });
});
