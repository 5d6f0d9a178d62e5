import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import type { components } from '../../api/schema';

export type CandleChart = components['schemas']['CandleChartResponse'];
export type Candle = components['schemas']['CandleResponse'];

/** A candle as the chart draws it: seconds since the epoch (UTC) and float prices. */
export type CandleBar = CandlestickData<UTCTimestamp>;

/** The route's `time` is the candle's start in UTC without a zone (`2026-11-30T15:00:00`). */
export function barTime(time: string): UTCTimestamp {
  return (Date.parse(`${time}Z`) / 1000) as UTCTimestamp;
}

export function toBar(candle: Candle): CandleBar {
  return { time: barTime(candle.time), open: Number(candle.open), high: Number(candle.high), low: Number(candle.low), close: Number(candle.close) };
}

/** A volume bar, coloured like its candle: rising (close at or above open) or falling. */
export function toVolumeBar(candle: Candle, colors: { readonly up: string; readonly down: string }): HistogramData<UTCTimestamp> {
  return { time: barTime(candle.time), value: Number(candle.volume), color: Number(candle.close) >= Number(candle.open) ? colors.up : colors.down };
}

/**
 * Joins an older page before the candles held, oldest first. Pages meet at a candle's start; a candle
 * both hold (the newest of the older page formed while paging) is kept from the newer read.
 */
export function joinOlder(older: readonly Candle[], held: readonly Candle[]): Candle[] {
  const first = held[0];
  if (!first) return [...older];
  return [...older.filter((candle) => candle.time < first.time), ...held];
}

/**
 * Applies a fresh read of the newest candles to those held: the ones at or after the newest held
 * are what the chart updates (the forming candle and any that opened since), in time order.
 */
export function newerThanHeld(held: readonly Candle[], fresh: readonly Candle[]): Candle[] {
  const last = held.at(-1);
  return last ? fresh.filter((candle) => candle.time >= last.time) : [...fresh];
}
