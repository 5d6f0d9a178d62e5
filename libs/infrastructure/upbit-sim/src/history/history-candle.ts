import { Dec } from '../engine/decimal';
import { Candle } from '../market-data/candle-series';
import { DayPath } from './day-path';
import { FloatTicks } from './float-ticks';
import { MINUTE_MS } from './path-model';

// Bound once: under jest's vm context every `Math.x` is a global lookup that makes the model about 4x slower.
const toBigInt = BigInt;


/** Candle figures over any span of history minutes, prices as grid floats and amounts as exact integers. */
export interface HistoryAggregate {
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly lastTradeAt: number;
  /** Volume in units of 1e-8. */
  readonly volumeUnits: bigint;
  /** Traded value in units of 1e-16 (volume units x price units). */
  readonly valueUnits: bigint;
}

/** Aggregates minutes [from, to) of a day (indexes), or undefined when none of them traded. */
export function aggregateMinutes(path: DayPath, dayStart: number, from: number, to: number, start: number, ticks: FloatTicks): HistoryAggregate | undefined {
  let result: { open: number; high: number; low: number; close: number; lastTradeAt: number; volumeUnits: bigint; valueUnits: bigint } | undefined;
  for (let i = from; i < to; i++) {
    if (path.traded[i] === 0) continue;
    const volume = toBigInt(path.volumeUnits[i]);
    const value = volume * ticks.units(path.averagePrice[i]);
    const lastTradeAt = dayStart + i * MINUTE_MS + path.lastTradeOffset[i];
    if (result === undefined) {
      result = { open: path.open[i], high: path.high[i], low: path.low[i], close: path.close[i], lastTradeAt, volumeUnits: volume, valueUnits: value };
      continue;
    }
    if (path.high[i] > result.high) result.high = path.high[i];
    if (path.low[i] < result.low) result.low = path.low[i];
    result.close = path.close[i];
    result.lastTradeAt = lastTradeAt;
    result.volumeUnits += volume;
    result.valueUnits += value;
  }
  return result === undefined ? undefined : { start, ...result };
}

/** Joins consecutive aggregates (oldest first) into one candle starting at `start`. */
export function joinAggregates(parts: readonly HistoryAggregate[], start: number): HistoryAggregate | undefined {
  if (parts.length === 0) return undefined;
  const first = parts[0];
  const last = parts[parts.length - 1];
  let high = first.high;
  let low = first.low;
  let volumeUnits = 0n;
  let valueUnits = 0n;
  for (const p of parts) {
    if (p.high > high) high = p.high;
    if (p.low < low) low = p.low;
    volumeUnits += p.volumeUnits;
    valueUnits += p.valueUnits;
  }
  return { start, open: first.open, high, low, close: last.close, lastTradeAt: last.lastTradeAt, volumeUnits, valueUnits };
}

/** The served candle: exact decimals on Upbit's grid. */
export function toCandle(aggregate: HistoryAggregate, ticks: FloatTicks): Candle {
  return {
    start: aggregate.start,
    open: ticks.toDec(aggregate.open),
    high: ticks.toDec(aggregate.high),
    low: ticks.toDec(aggregate.low),
    close: ticks.toDec(aggregate.close),
    lastTradeAt: aggregate.lastTradeAt,
    accTradeVolume: new Dec(`${aggregate.volumeUnits}e-8`),
    accTradePrice: new Dec(`${aggregate.valueUnits}e-16`),
  };
}
