import { SeededRandom } from '../engine/prng';

// Bound once: under jest's vm context every `Math.x` is a global lookup that makes the model about 4x slower.
const { PI, cos, floor, log, min, sqrt } = Math;


export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
export const MINUTES_PER_DAY = 1440;
const MINUTES_PER_YEAR = 525_600;

/**
 * The price model shared by the served history and the live tape, per market. Minute log-returns
 * follow a GARCH(1,1) with Student-t innovations, scaled by an intraday seasonal factor and a
 * day-level volatility regime, plus rare jump events (fast drops and spikes spread over 1 to 4
 * minutes). docs/simulator.md ("Price model") gives the calibration.
 */
export interface PathModel {
  /** Long-run stdev of 1-minute log-returns (the annualised volatility over sqrt(minutes per year)). */
  readonly minuteVolatility: number;
  /** Log drift per day. */
  readonly dailyDrift: number;
  /** GARCH(1,1): weight of the last squared (deseasonalised) return and of the last variance. */
  readonly garchAlpha: number;
  readonly garchBeta: number;
  /** Degrees of freedom of the Student-t innovations (6: finite kurtosis, fat tails). */
  readonly tailDegrees: 6;
  /** Expected jump events per day, and their mean absolute log size (exponentially distributed). */
  readonly jumpsPerDay: number;
  readonly jumpMeanSize: number;
  /** Stdev of the log of the day-level volatility multiplier (slow regimes over days and weeks). */
  readonly regimeVolatility: number;
  /** Average trades per minute at the seasonal mean: thin markets leave more minutes without a candle. */
  readonly tradesPerMinute: number;
  /** Average quote amount traded per minute at the seasonal mean. */
  readonly minuteNotional: number;
}

export interface PathModelSettings {
  readonly volatility: number;
  readonly drift: number;
  readonly jumpsPerDay: number;
  readonly jumpStdDev: number;
  readonly tradesPerMinute: number;
  readonly minuteNotional: number;
}

/** Volatility clustering within hours: alpha + beta = 0.98, a half-life of about 35 minutes. */
const GARCH_ALPHA = 0.06;
const GARCH_BETA = 0.92;
const REGIME_VOLATILITY = 0.3;

export function pathModel(settings: PathModelSettings): PathModel {
  return {
    minuteVolatility: settings.volatility / sqrt(MINUTES_PER_YEAR),
    dailyDrift: settings.drift / 365,
    garchAlpha: GARCH_ALPHA,
    garchBeta: GARCH_BETA,
    tailDegrees: 6,
    jumpsPerDay: settings.jumpsPerDay,
    jumpMeanSize: settings.jumpStdDev,
    regimeVolatility: REGIME_VOLATILITY,
    tradesPerMinute: settings.tradesPerMinute,
    minuteNotional: settings.minuteNotional,
  };
}

/** Seasonal amplitude: Upbit is busiest in the Korean evening and quietest in the Korean early morning. */
const SEASON_AMPLITUDE = 0.3;
/** Peak at 13:30 UTC (22:30 KST, also the US open). */
const SEASON_PEAK_MINUTE = 13.5 * 60;
const SEASON_NORM = sqrt(1 + (SEASON_AMPLITUDE * SEASON_AMPLITUDE) / 2);

const SEASON = Float64Array.from(
  { length: MINUTES_PER_DAY },
  (_, minute) => (1 + SEASON_AMPLITUDE * cos((2 * PI * (minute - SEASON_PEAK_MINUTE)) / MINUTES_PER_DAY)) / SEASON_NORM,
);

/** Intraday volatility factor for a minute of the UTC day (0..1439); its square averages 1 over a day. */
export function seasonFactor(minuteOfDay: number): number {
  return SEASON[minuteOfDay];
}

/**
 * The scale that turns a standard normal draw into a unit-variance Student-t with 6 degrees of
 * freedom: sqrt((6 - 2) / chi2_6), and chi2_6 = -2 ln(U1 U2 U3). Drawn once per minute, so the live
 * tape's ticks within a minute add up to the same minute distribution as the history.
 */
export function tailScale(random: SeededRandom): number {
  const chi2 = -2 * log((1 - random.next()) * (1 - random.next()) * (1 - random.next()));
  return sqrt(4 / chi2);
}

/** A jump event: total log size and the minutes it is spread over. */
export interface JumpEvent {
  readonly size: number;
  readonly minutes: number;
}

/** Largest jump (log 0.1, about 10 %), so a single event never wipes out a market. */
const MAX_JUMP = 0.1;

/**
 * Whether a jump starts in this minute (more often in active hours), its size (exponential, scaled
 * by the day's regime) and its length of 1 to 3 minutes; drops are a little more likely than spikes,
 * as on crypto markets.
 */
export function drawJump(model: PathModel, season: number, regime: number, random: SeededRandom): JumpEvent | undefined {
  if (random.next() >= (model.jumpsPerDay / MINUTES_PER_DAY) * season * season) return undefined;
  const down = random.next() < 0.55;
  const size = min(MAX_JUMP, -model.jumpMeanSize * regime * log(1 - random.next()));
  const minutes = 1 + floor(random.next() * 3);
  return { size: down ? -size : size, minutes };
}

/** GARCH(1,1) step on deseasonalised returns, with the variance capped at 100x its day level. */
export function nextVariance(model: PathModel, dayLevel: number, variance: number, deseasonalisedReturn: number): number {
  const omega = (1 - model.garchAlpha - model.garchBeta) * dayLevel;
  return min(100 * dayLevel, omega + model.garchAlpha * deseasonalisedReturn * deseasonalisedReturn + model.garchBeta * variance);
}
