import { describe, expect, it } from 'vitest';
import type { components } from '../../api/schema';
import { daysBefore, equityCurve, realizedToday, unrealizedOf } from './equity-curve';

type Position = components['schemas']['ValuedPositionResponse'];

const row = (period: string, netPnl: string, fees = '0') => ({ period, realizedPnl: netPnl, fees, netPnl, fills: 1 });
const position = (market: string, quantity: string, unrealizedPnl: string | null): Position => ({
  market,
  quantity,
  averageEntryPrice: '1',
  costBasis: '1',
  realizedPnl: '0',
  fees: '0',
  updatedAt: 0,
  markPrice: unrealizedPnl === null ? null : '1',
  unrealizedPnl,
  markSource: unrealizedPnl === null ? null : 'ticker-stream',
  markAsOf: null,
  markStale: null,
});

describe('equity curve', () => {
  it('adds the daily net PnL up in day order and marks today to market', () => {
    const rows = [row('2026-11-28', '-500.5'), row('2026-11-27', '1000'), row('2026-11-30', '200')];
    expect(equityCurve(rows, '300.25', '2026-11-30')).toEqual([
      { day: '2026-11-27', value: '1000' },
      { day: '2026-11-28', value: '499.5' },
      { day: '2026-11-30', value: '999.75' },
    ]);
  });

  it('adds a point for today when nothing was filled today, and is one point before any fill', () => {
    expect(equityCurve([row('2026-11-29', '0.1')], '0.2', '2026-11-30')).toEqual([
      { day: '2026-11-29', value: '0.1' },
      { day: '2026-11-30', value: '0.3' },
    ]);
    expect(equityCurve([], '-12', '2026-11-30')).toEqual([{ day: '2026-11-30', value: '-12' }]);
  });

  it("sums the unrealised PnL of held positions and counts those the server could not mark", () => {
    const positions = [position('KRW-BTC', '0.01', '1500'), position('KRW-ETH', '2', '-200.5'), position('KRW-XRP', '10', null), position('KRW-SOL', '0', '999')];
    expect(unrealizedOf(positions)).toEqual({ total: '1299.5', unmarked: 1 });
  });

  it("reads today's realised PnL from its day row, zero without one", () => {
    expect(realizedToday([row('2026-11-30', '1200', '50')], '2026-11-30')).toEqual({ gross: '1200', fees: '50', net: '1200', fills: 1 });
    expect(realizedToday([row('2026-11-29', '1200')], '2026-11-30')).toEqual({ gross: '0', fees: '0', net: '0', fills: 0 });
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});
