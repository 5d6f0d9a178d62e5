import { CliUsageError } from '../../cli/cli-output';
import { parseWalkForward, walkForwardWindows } from './walk-forward';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 10, 1);

describe('walk-forward windows', () => {
  it('parses train and test spans in days and hours', () => {
    expect(parseWalkForward('train=90d,test=30d')).toEqual({ trainMs: 90 * DAY, testMs: 30 * DAY });
    expect(parseWalkForward('test=12h,train=2d')).toEqual({ trainMs: 2 * DAY, testMs: DAY / 2 });
  });

  it('rolls by the test span so the test spans tile the range, dropping a window that would run past the end', () => {
    const windows = walkForwardWindows(T0, T0 + 365 * DAY, { trainMs: 90 * DAY, testMs: 30 * DAY });

    expect(windows).toHaveLength(9);
    expect(windows[0]).toEqual({ trainFrom: T0, trainTo: T0 + 90 * DAY, testTo: T0 + 120 * DAY });
    expect(windows[1]).toEqual({ trainFrom: T0 + 30 * DAY, trainTo: T0 + 120 * DAY, testTo: T0 + 150 * DAY });
    expect(windows.at(-1)?.testTo).toBe(T0 + 360 * DAY);
    for (let i = 1; i < windows.length; i += 1) expect(windows[i]?.trainTo).toBe(windows[i - 1]?.testTo);
  });

  it('makes exactly one window when train + test is the range', () => {
    expect(walkForwardWindows(T0, T0 + 4 * DAY, { trainMs: 3 * DAY, testMs: DAY })).toEqual([{ trainFrom: T0, trainTo: T0 + 3 * DAY, testTo: T0 + 4 * DAY }]);
  });

  it('refuses spans that do not fit the range and malformed specs, naming what is wrong', () => {
    expect(() => walkForwardWindows(T0, T0 + 100 * DAY, { trainMs: 90 * DAY, testMs: 30 * DAY })).toThrow(
      new CliUsageError('--walk-forward: train + test (120d) does not fit the range --from..--to (100d)'),
    );
    expect(() => parseWalkForward('train=90d')).toThrow(/needs both train= and test=/);
    expect(() => parseWalkForward('train=90w,test=30d')).toThrow(/"train=90w" is not train=N\(d\|h\)/);
    expect(() => parseWalkForward('train=0d,test=30d')).toThrow(/train must be longer than 0/);
  });
});
