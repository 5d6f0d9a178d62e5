import type { StoredCandle } from '@trader/application';
import { SqliteMarketHistory } from '@trader/market-history';

export const MINUTE_MS = 60_000;
/** Upbit's KRW tick for prices from 1,000,000 to 2,000,000 is 500 and above 2,000,000 it is 1,000: every price stays above 2,000,000. */
const TICK = 1_000;

export interface SeriesSpec {
  readonly market: string;
  readonly basePrice: number;
  readonly seed: number;
}

export const BENCH_SERIES: readonly SeriesSpec[] = [
  { market: 'KRW-BTC', basePrice: 140_000_000, seed: 12 },
  { market: 'KRW-ETH', basePrice: 5_000_000, seed: 13 },
];

/** Deterministic pseudo-random numbers (LCG): the same seed gives the same candles on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** A standard normal draw (Box-Muller) from uniform draws. */
function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/**
 * One-minute candles of one market: a log price that reverts slowly to `basePrice` (so a year stays in
 * one tick band), volatility that clusters (a per-minute sigma that wanders between calm and busy
 * regimes) and, about twice a day, a fast drop of 1-4% spread over a few minutes: RSI(14) on one-minute
 * closes goes under 30 many times a day, so the benchmark's strategy decides and trades all year.
 * Every minute has a candle (no gaps); prices are on the tick grid; open is the previous close.
 */
export function* candleSeries(spec: SeriesSpec, from: number, minutes: number): Generator<StoredCandle> {
  const next = random(spec.seed);
  const logBase = Math.log(spec.basePrice);
  let logPrice = logBase;
  let sigma = 0.0012;
  let dropLeft = 0;
  let dropStep = 0;
  const onGrid = (p: number): number => Math.max(TICK, Math.round(p / TICK) * TICK);
  let close = onGrid(spec.basePrice);
  for (let i = 0; i < minutes; i++) {
    sigma = Math.min(0.004, Math.max(0.0004, sigma * Math.exp(0.08 * gaussian(next))));
    if (dropLeft === 0 && next() < 1 / 720) {
      dropLeft = 2 + Math.floor(next() * 5);
      dropStep = (0.01 + next() * 0.03) / dropLeft;
    }
    const open = close;
    let high = open;
    let low = open;
    // Four steps inside the minute give the candle its own high and low.
    for (let step = 0; step < 4; step++) {
      logPrice += 0.00002 * (logBase - logPrice) + (sigma / 2) * gaussian(next) - (dropLeft > 0 ? dropStep / 4 : 0);
      const price = onGrid(Math.exp(logPrice));
      if (price > high) high = price;
      if (price < low) low = price;
      close = price;
    }
    if (dropLeft > 0) dropLeft -= 1;
    const volume = (0.05 + next() * 2).toFixed(8);
    yield {
      market: spec.market,
      timeframe: '1m',
      start: from + i * MINUTE_MS,
      open: String(open),
      high: String(high),
      low: String(low),
      close: String(close),
      volume,
      value: (Number(volume) * close).toFixed(4),
    };
  }
}

/** Writes every series into a market history file at `path` (not timed: the benchmark's input). */
export async function writeSeries(path: string, specs: readonly SeriesSpec[], from: number, minutes: number): Promise<void> {
  const history = await SqliteMarketHistory.open(path);
  try {
    for (const spec of specs) {
      let page: StoredCandle[] = [];
      for (const candle of candleSeries(spec, from, minutes)) {
        page.push(candle);
        if (page.length === 20_000) {
          history.saveCandles(page);
          page = [];
        }
      }
      history.saveCandles(page);
    }
  } finally {
    history.close();
  }
}
