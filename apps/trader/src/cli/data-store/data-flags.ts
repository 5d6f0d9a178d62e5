import { MarketCode, TIMEFRAMES } from '@trader/domain';
import type { Timeframe } from '@trader/domain';
import { CliUsageError } from '../cli-output';

/**
 * Reads `--name value` pairs of one subcommand: every flag must be known, given once and have a
 * value; anything else is refused with the flag named (exit code 2).
 */
export function readFlags(command: string, args: readonly string[], known: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] as string;
    if (!flag.startsWith('--')) throw new CliUsageError(`${command}: unexpected argument "${flag}"; flags are ${known.map((k) => `--${k}`).join(', ')}`);
    const name = flag.slice(2);
    if (!known.includes(name)) throw new CliUsageError(`${command}: unknown flag ${flag}; flags are ${known.map((k) => `--${k}`).join(', ')}`);
    if (flags.has(name)) throw new CliUsageError(`${command}: ${flag} is given twice`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--') || value.trim() === '') throw new CliUsageError(`${command}: ${flag} needs a value`);
    flags.set(name, value.trim());
  }
  return flags;
}

export function requiredFlag(command: string, flags: Map<string, string>, name: string, example: string): string {
  const value = flags.get(name);
  if (value === undefined) throw new CliUsageError(`${command}: --${name} is required, e.g. --${name} ${example}`);
  return value;
}

/** `KRW-BTC,KRW-ETH`: Upbit market codes, each once. */
export function marketsFlag(value: string): string[] {
  const markets = value.split(',').map((m) => m.trim());
  for (const market of markets) {
    try {
      MarketCode.parse(market);
    } catch {
      throw new CliUsageError(`--markets: "${market}" is not a market code such as KRW-BTC`);
    }
  }
  if (new Set(markets).size !== markets.length) throw new CliUsageError(`--markets: a market is listed twice in "${value}"`);
  return markets;
}

export function timeframeFlag(value: string): Timeframe {
  if (!(TIMEFRAMES as readonly string[]).includes(value)) throw new CliUsageError(`--timeframe: "${value}" is not one of ${TIMEFRAMES.join(', ')}`);
  return value as Timeframe;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `2025-11-01` (00:00 UTC) or an ISO-8601 time with its zone (`2025-11-01T09:00:00+09:00`); epoch ms. */
export function timeFlag(name: string, value: string): number {
  const dateOnly = DATE.exec(value);
  const match = dateOnly ?? DATE_TIME.exec(value);
  const ms = match ? Date.parse(dateOnly ? `${value}T00:00:00Z` : value) : NaN;
  // Date.parse turns 2025-02-30 into March 2: a day that does not exist is refused, not moved.
  const [year, month, day] = (match?.slice(1, 4) ?? []).map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(ms) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    throw new CliUsageError(`--${name}: "${value}" is not a date (2025-11-01, midnight UTC) or a time with its zone (2025-11-01T09:00:00Z)`);
  }
  return ms;
}
