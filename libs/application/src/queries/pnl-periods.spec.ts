import { aggregatePnl, isoWeek } from './pnl-periods';

describe('PnL periods', () => {
  const days = [
    { day: '2026-11-22', realizedPnl: '1000.5', fees: '10', fills: 2 },
    { day: '2026-11-23', realizedPnl: '-200.25', fees: '5.5', fills: 1 },
    { day: '2026-11-30', realizedPnl: '0.1', fees: '0.2', fills: 3 },
    { day: '2026-12-01', realizedPnl: '0.2', fees: '0.1', fills: 1 },
  ];

  it('keeps days as they are, with exact net PnL', () => {
    expect(aggregatePnl(days, 'day')[1]).toEqual({ period: '2026-11-23', realizedPnl: '-200.25', fees: '5.5', netPnl: '-205.75', fills: 1 });
  });

  it('sums ISO weeks (Monday to Sunday) and months exactly', () => {
    expect(aggregatePnl(days, 'week').map((r) => [r.period, r.realizedPnl, r.fills])).toEqual([
      ['2026-W47', '1000.5', 2],
      ['2026-W48', '-200.25', 1],
      ['2026-W49', '0.3', 4],
    ]);
    expect(aggregatePnl(days, 'month').map((r) => [r.period, r.realizedPnl, r.fees, r.netPnl])).toEqual([
      ['2026-11', '800.35', '15.7', '784.65'],
      ['2026-12', '0.2', '0.1', '0.1'],
    ]);
  });

  it.each([
    ['2026-11-23', '2026-W48'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
    ['2026-12-31', '2026-W53'],
  ])('puts %s in ISO week %s', (day, week) => {
    expect(isoWeek(day)).toBe(week);
  });
});
