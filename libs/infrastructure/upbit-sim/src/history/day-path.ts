import { SeededRandom } from '../engine/prng';
import { FloatTicks } from './float-ticks';
import { JumpEvent, MINUTES_PER_DAY, PathModel, drawJump, nextVariance, seasonFactor, tailScale } from './path-model';

// Bound once: under jest's vm context every `Math.x` is a global lookup that makes the model about 4x slower.
const { abs, exp, floor, log, max, min, sqrt } = Math;


/** One UTC day of the model at 1-minute resolution: the path, and the candle of every minute that traded. */
export interface DayPath {
  /** Log price at each minute boundary, 0..1440 (index i: the start of minute i). */
  readonly logAt: Float64Array;
  /** Deseasonalised GARCH variance at each minute boundary. */
  readonly varianceAt: Float64Array;
  /** 1 where the minute has a candle (at least one trade), 0 for a quiet minute. */
  readonly traded: Uint8Array;
  /** Candle prices, on the tick grid. */
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Average trade price, on the grid: the candle's traded value is volume x this price. */
  readonly averagePrice: Float64Array;
  /** Traded volume in units of 1e-8 (Upbit's volume precision). */
  readonly volumeUnits: Float64Array;
  /** ms from the minute's start to its last trade (Upbit's candle `timestamp`). */
  readonly lastTradeOffset: Int32Array;
}

export interface DayInputs {
  readonly model: PathModel;
  /** The day's volatility multiplier (its regime). */
  readonly regime: number;
  /** Log price at 00:00 UTC, and the day's total log-return the path must end with. */
  readonly openLog: number;
  readonly dayReturn: number;
  readonly startVariance: number;
  /** The innovations streams, one per hour (returns and jumps), and the decorations stream (gaps, highs and lows, volume). */
  readonly innovations: HourStreams;
  readonly decorations: SeededRandom;
  readonly ticks: FloatTicks;
}

/** Long-run variance of 1-minute returns on a day of this regime. */
export function dayVarianceLevel(model: PathModel, regime: number): number {
  return model.minuteVolatility * model.minuteVolatility * regime * regime;
}

/** The innovations of each hour of a day come from their own stream, so a walk can start at any hour. */
export type HourStreams = (hour: number) => SeededRandom;

/** Hours of the previous day walked to find a day's starting variance (0.98^240: under 1 % of the guess remains). */
export const BURN_IN_HOURS = 4;

interface Walk {
  readonly returns: Float64Array;
  /** The diffusive stdev of each minute (without jumps): the width of its high-low range. */
  readonly sigmas: Float64Array;
  readonly variances: Float64Array;
}

/**
 * Runs a day's innovations through the GARCH recursion from minute `fromHour * 60`. From the day's own
 * start variance this is the day; from the day's level over its last hours, the end variance is
 * the next day's start (the recursion forgets its start at about 0.98 a minute).
 */
export function walkDay(model: PathModel, regime: number, startVariance: number, innovations: HourStreams, fromHour = 0): Walk {
  const returns = new Float64Array(MINUTES_PER_DAY);
  const sigmas = new Float64Array(MINUTES_PER_DAY);
  const variances = new Float64Array(MINUTES_PER_DAY + 1);
  const level = dayVarianceLevel(model, regime);
  const pending: Array<{ perMinute: number; left: number }> = [];
  let variance = startVariance;
  let random = innovations(fromHour);
  for (let i = fromHour * 60; i < MINUTES_PER_DAY; i++) {
    if (i % 60 === 0) random = innovations(i / 60);
    variances[i] = variance;
    const season = seasonFactor(i);
    const scale = tailScale(random);
    const z = random.gaussian();
    const jump: JumpEvent | undefined = drawJump(model, season, regime, random);
    if (jump !== undefined) pending.push({ perMinute: jump.size / jump.minutes, left: jump.minutes });
    let jumpPart = 0;
    if (pending.length > 0) {
      for (const p of pending) {
        jumpPart += p.perMinute;
        p.left--;
      }
      for (let k = pending.length - 1; k >= 0; k--) if (pending[k].left === 0) pending.splice(k, 1);
    }
    const sigma = sqrt(variance) * season;
    const ret = sigma * scale * z + jumpPart;
    returns[i] = ret;
    sigmas[i] = sigma * scale;
    variance = nextVariance(model, level, variance, ret / season);
  }
  variances[MINUTES_PER_DAY] = variance;
  return { returns, sigmas, variances };
}

/**
 * Builds a day: the GARCH walk, bent linearly (a Brownian bridge's drift, a few hundredths of a
 * minute's stdev) so it ends at the day's own return, which chains the days without computing the
 * ones in between; then each minute's candle: high and low drawn as the extremes of a Brownian
 * bridge between open and close, a gap when no trade arrives, and a volume that rises with the move.
 */
export function buildDay(inputs: DayInputs): DayPath {
  const { model, regime, ticks, decorations } = inputs;
  const walk = walkDay(model, regime, inputs.startVariance, inputs.innovations);
  let total = 0;
  for (let i = 0; i < MINUTES_PER_DAY; i++) total += walk.returns[i];
  const bend = (inputs.dayReturn - total) / MINUTES_PER_DAY;
  const logAt = new Float64Array(MINUTES_PER_DAY + 1);
  logAt[0] = inputs.openLog;
  for (let i = 0; i < MINUTES_PER_DAY; i++) logAt[i + 1] = logAt[i] + walk.returns[i] + bend;

  const day: DayPath = {
    logAt,
    varianceAt: walk.variances,
    traded: new Uint8Array(MINUTES_PER_DAY),
    open: new Float64Array(MINUTES_PER_DAY),
    high: new Float64Array(MINUTES_PER_DAY),
    low: new Float64Array(MINUTES_PER_DAY),
    close: new Float64Array(MINUTES_PER_DAY),
    averagePrice: new Float64Array(MINUTES_PER_DAY),
    volumeUnits: new Float64Array(MINUTES_PER_DAY),
    lastTradeOffset: new Int32Array(MINUTES_PER_DAY),
  };
  const typicalSigma = model.minuteVolatility * regime;
  let open = ticks.round(exp(logAt[0]));
  for (let i = 0; i < MINUTES_PER_DAY; i++) {
    const a = logAt[i];
    const b = logAt[i + 1];
    const variance = walk.sigmas[i] * walk.sigmas[i];
    const highLog = (a + b + sqrt((b - a) * (b - a) - 2 * variance * log(1 - decorations.next()))) / 2;
    const lowLog = (a + b - sqrt((b - a) * (b - a) - 2 * variance * log(1 - decorations.next()))) / 2;
    const noTrade = decorations.next();
    const sizeNoise = decorations.gaussian();
    const lastTrade = decorations.next();
    const season = seasonFactor(i);
    const move = typicalSigma > 0 ? min(6, abs(walk.returns[i]) / (typicalSigma * season)) : 1;
    const activity = season * season * (0.4 + 0.6 * move);
    const tradesExpected = model.tradesPerMinute * activity;
    const close = ticks.round(exp(b));
    const minuteOpen = open;
    open = close;
    if (noTrade < exp(-tradesExpected)) continue;
    const high = max(minuteOpen, close, ticks.round(exp(highLog)));
    const low = min(minuteOpen, close, ticks.round(exp(lowLog)));
    const average = min(high, max(low, ticks.round((minuteOpen + high + low + close) / 4)));
    // Lognormal size noise with mean 1 (sigma 0.7: exp(0.7 g - 0.245)).
    const notional = model.minuteNotional * activity * exp(0.7 * sizeNoise - 0.245);
    day.traded[i] = 1;
    day.open[i] = minuteOpen;
    day.high[i] = high;
    day.low[i] = low;
    day.close[i] = close;
    day.averagePrice[i] = average;
    day.volumeUnits[i] = max(1, floor((notional / average) * 1e8));
    // The last of n uniform arrivals: the max of n uniforms is U^(1/n).
    day.lastTradeOffset[i] = min(59_999, floor(60_000 * lastTrade ** (1 / max(1, tradesExpected))));
  }
  return day;
}
