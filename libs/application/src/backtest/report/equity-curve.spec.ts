import { backtestRunFixture, FIXTURE_DAY_0, FIXTURE_DAY_MS } from '../../testing/backtest-run.fixture';
import { dayEndEquity, drawdownCurve, equityCurve } from './equity-curve';

const HOUR = 3_600_000;
const at = (day: number, hour: number): number => FIXTURE_DAY_0 + day * FIXTURE_DAY_MS + hour * HOUR;

describe('equityCurve', () => {
  it('pins the initial quote at from and the final equity at to when the points stop short of them', () => {
    const run = backtestRunFixture({ from: at(0, 0), to: at(1, 0), initialQuote: '1000', finalEquity: '1020.5', equity: [{ at: at(0, 6), equity: 990 }] });
    expect(equityCurve(run)).toEqual([
      { at: at(0, 0), equity: 1000 },
      { at: at(0, 6), equity: 990 },
      { at: at(1, 0), equity: 1020.5 },
    ]);
  });

  it('keeps the points as they are when they already span the run', () => {
    const run = backtestRunFixture();
    expect(equityCurve(run)).toEqual(run.equity);
  });
});

describe('dayEndEquity', () => {
  it('samples the last value at or before each UTC midnight inside the run, then the end, partial days included', () => {
    // From day 0 12:00 to day 2 06:00: midnights of days 1 and 2 inside, so three (partial) days.
    // Day 0 ends with the 18:00 value 105 (the 01:00 point on day 1 is after midnight); day 1 ends with
    // its 23:00 value 110; the run ends with the last value, 108.
    const curve = [
      { at: at(0, 12), equity: 100 },
      { at: at(0, 18), equity: 105 },
      { at: at(1, 1), equity: 103 },
      { at: at(1, 23), equity: 110 },
      { at: at(2, 3), equity: 108 },
      { at: at(2, 6), equity: 108 },
    ];
    expect(dayEndEquity(curve, at(0, 12), at(2, 6))).toEqual([100, 105, 110, 108]);
  });

  it('takes a point exactly at midnight as the value of the day that ends there', () => {
    const curve = [
      { at: at(0, 0), equity: 100 },
      { at: at(1, 0), equity: 90 },
      { at: at(2, 0), equity: 95 },
    ];
    expect(dayEndEquity(curve, at(0, 0), at(2, 0))).toEqual([100, 90, 95]);
  });
});

describe('drawdownCurve', () => {
  it('measures each point below its running peak in percent', () => {
    // Peaks 100, 120, 120, 120: 0%, 0%, (120 - 90) / 120 = 25%, (120 - 108) / 120 = 10%.
    const curve = [100, 120, 90, 108].map((equity, day) => ({ at: at(day, 0), equity }));
    expect(drawdownCurve(curve).map((p) => p.equity)).toEqual([0, 0, 25, 10]);
  });
});
