import { CliUsageError } from '../../cli/cli-output';

export interface WalkForwardSpec {
  readonly trainMs: number;
  readonly testMs: number;
}

/** One window: train on [trainFrom, trainTo), test on [trainTo, testTo). */
export interface WalkForwardWindow {
  readonly trainFrom: number;
  readonly trainTo: number;
  readonly testTo: number;
}

const HOUR = 3_600_000;
const UNITS: Readonly<Record<string, number>> = { h: HOUR, d: 24 * HOUR };

/** Parses `train=90d,test=30d` (units d and h, whole numbers). */
export function parseWalkForward(text: string): WalkForwardSpec {
  const parts = new Map<string, number>();
  for (const part of text.split(',')) {
    const match = /^(train|test)=(\d+)([dh])$/.exec(part.trim());
    if (!match) throw new CliUsageError(`--walk-forward "${part}" is not train=N(d|h) or test=N(d|h), e.g. train=90d,test=30d`);
    const [, name, amount, unit] = match as unknown as [string, string, string, string];
    if (parts.has(name)) throw new CliUsageError(`--walk-forward: ${name} is given twice`);
    const ms = Number(amount) * (UNITS[unit] as number);
    if (ms <= 0) throw new CliUsageError(`--walk-forward: ${name} must be longer than 0`);
    parts.set(name, ms);
  }
  const trainMs = parts.get('train');
  const testMs = parts.get('test');
  if (trainMs === undefined || testMs === undefined) throw new CliUsageError('--walk-forward needs both train= and test=, e.g. train=90d,test=30d');
  return { trainMs, testMs };
}

/**
 * Rolling windows over [from, to): each trains on `trainMs` and tests on the `testMs` right after it;
 * the next window starts `testMs` later, so the test spans tile the range without overlap. A window
 * whose test span would run past `to` is not made; a range too short for one window is an error.
 */
export function walkForwardWindows(from: number, to: number, spec: WalkForwardSpec): WalkForwardWindow[] {
  const windows: WalkForwardWindow[] = [];
  for (let start = from; start + spec.trainMs + spec.testMs <= to; start += spec.testMs) {
    windows.push({ trainFrom: start, trainTo: start + spec.trainMs, testTo: start + spec.trainMs + spec.testMs });
  }
  if (windows.length === 0) {
    const days = (ms: number): string => `${Number((ms / (24 * HOUR)).toFixed(2))}d`;
    throw new CliUsageError(`--walk-forward: train + test (${days(spec.trainMs + spec.testMs)}) does not fit the range --from..--to (${days(to - from)})`);
  }
  return windows;
}
