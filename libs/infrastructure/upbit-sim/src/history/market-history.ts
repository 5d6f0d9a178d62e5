import { Dec } from '../engine/decimal';
import { SeededRandom, deriveSeed } from '../engine/prng';
import { Candle, CandlePeriod, candleStart } from '../market-data/candle-series';
import { BURN_IN_HOURS, DayPath, HourStreams, buildDay, dayVarianceLevel, walkDay } from './day-path';
import { FloatTicks } from './float-ticks';
import { HistoryAggregate, aggregateMinutes, joinAggregates, toCandle } from './history-candle';
import { DAY_MS, MINUTES_PER_DAY, MINUTE_MS, PathModel, tailScale } from './path-model';

/** Upbit opened on 2017-10-24: the history has no candle before that day, as Upbit has none. */
export const HISTORY_GENESIS = Date.UTC(2017, 9, 24);
/** The configured `initialPrice` is the price at 2026-01-01 00:00 UTC; every other day chains from it. */
export const PRICE_ANCHOR = Date.UTC(2026, 0, 1);

/** Day regimes: an AR(1) of daily shocks truncated at 40 days (phi 0.9), so any day's regime is 40 draws away. */
const REGIME_MEMORY = 40;
const REGIME_PHI = 0.9;
/** Day paths kept for repeated requests (about 100 KB each). */
const DAY_CACHE = 8;

export interface HistoryMarket {
  readonly code: string;
  readonly quoteCurrency: string;
  readonly initialPrice: Dec;
  readonly model: PathModel;
}

/** Where the live tape takes over: the model's state at `liveFrom`. */
export interface LiveStart {
  readonly at: number;
  readonly logPrice: number;
  readonly variance: number;
  /** Model time minus served time (see {@link MarketHistory}). */
  readonly shift: number;
}

/** One history minute's traded volume (1e-8 units) and value (1e-16 units). */
export interface MinuteAmount {
  readonly start: number;
  readonly volumeUnits: bigint;
  readonly valueUnits: bigint;
}

export interface PriceExtreme {
  readonly price: Dec;
  /** Start of the UTC day it happened on. */
  readonly day: number;
}

/**
 * The deterministic past of one market, served for any range before `liveFrom` (where the live
 * tape begins). Every UTC day is a pure function of (seed, market, day): its regime, its total
 * return and its minute path come from streams seeded by that triple; day levels chain from the
 * price anchor by adding day returns (cheap), and a day's starting variance is the end of a walk
 * over the previous day's innovations. So any range costs only its own days, whatever was asked
 * before, and nothing per candle is kept beyond a few days' arrays and one summary per day.
 */
export class MarketHistory {
  readonly ticks: FloatTicks;
  private readonly shocks = new Map<number, number>();
  private readonly openLogs = new Map<number, number>();
  private readonly paths = new Map<number, DayPath>();
  private readonly summaries = new Map<number, HistoryAggregate | null>();
  private readonly anchorDay = PRICE_ANCHOR / DAY_MS;

  constructor(
    private readonly seed: number,
    private readonly market: HistoryMarket,
    /** Minute-aligned start of the live tape: history covers the minutes before it. */
    readonly liveFrom: number,
    /**
     * Model time minus served time, a whole number of minutes: the candle served for minute t is the
     * model's minute t + shift. 0 (the default) serves the calendar's own model.
     */
    private readonly shift = 0,
  ) {
    if (shift % MINUTE_MS !== 0) throw new RangeError(`history shift must be whole minutes: ${shift}`);
    this.ticks = new FloatTicks(market.quoteCurrency);
    this.openLogs.set(this.anchorDay, Math.log(Number(market.initialPrice.toFixed())));
  }

  get model(): PathModel {
    return this.market.model;
  }

  /** The day's volatility multiplier; its square averages 1. */
  regime(day: number): number {
    const phiSquared = REGIME_PHI * REGIME_PHI;
    const weightSum = (1 - phiSquared ** REGIME_MEMORY) / (1 - phiSquared);
    const scale = this.model.regimeVolatility / Math.sqrt(weightSum);
    let x = 0;
    let weight = 1;
    for (let k = 0; k < REGIME_MEMORY; k++) {
      x += weight * this.shock(day - k);
      weight *= REGIME_PHI;
    }
    const sd = this.model.regimeVolatility;
    return Math.exp(scale * x - sd * sd);
  }

  /** The live tape's starting point: the path's price and variance at `liveFrom`. */
  liveStart(): LiveStart {
    const model = this.liveFrom + this.shift;
    const day = Math.floor(model / DAY_MS);
    const minute = (model - day * DAY_MS) / MINUTE_MS;
    const path = this.dayPath(day);
    return { at: this.liveFrom, logPrice: path.logAt[minute], variance: path.varianceAt[minute], shift: this.shift };
  }

  /** Up to `count` history candles of a period starting before `toExclusive`, newest first. */
  candlesBefore(period: CandlePeriod, toExclusive: number, count: number): Candle[] {
    if (period.kind === 'seconds') return [];
    const result: Candle[] = [];
    const newest = Math.min(toExclusive, this.liveFrom) - 1;
    if (newest < HISTORY_GENESIS) return result;
    let start = candleStart(period, newest);
    while (result.length < count && start + this.periodLength(period, start) > HISTORY_GENESIS) {
      const aggregate = this.aggregate(period, start);
      if (aggregate !== undefined) result.push(toCandle(aggregate, this.ticks));
      start = candleStart(period, start - 1);
    }
    return result;
  }

  /** The part of the UTC day holding `liveFrom` that lies before it (undefined at midnight or without trades). */
  liveDaySoFar(): Candle | undefined {
    const summary = this.daySummary(Math.floor(this.liveFrom / DAY_MS) * DAY_MS);
    return summary === undefined ? undefined : toCandle(summary, this.ticks);
  }

  /** The close of the last traded minute before `dayStart` (a day candle's previous close). */
  closeBefore(dayStart: number): Dec | undefined {
    for (let day = dayStart - DAY_MS; day >= HISTORY_GENESIS; day -= DAY_MS) {
      const summary = this.daySummary(day);
      if (summary !== undefined) return this.ticks.toDec(summary.close);
    }
    return undefined;
  }

  /** Traded value and volume of each history minute in [from, liveFrom), oldest first (the ticker's 24 h). */
  minuteAmounts(from: number): MinuteAmount[] {
    const amounts: MinuteAmount[] = [];
    const first = Math.max(from, HISTORY_GENESIS) + this.shift;
    for (let day = Math.floor(first / DAY_MS); day * DAY_MS < this.liveFrom + this.shift; day++) {
      const path = this.dayPath(day);
      const servedDayStart = day * DAY_MS - this.shift;
      for (let i = 0; i < MINUTES_PER_DAY; i++) {
        const start = servedDayStart + i * MINUTE_MS;
        if (start < from || start >= this.liveFrom || path.traded[i] === 0) continue;
        const aggregate = aggregateMinutes(path, servedDayStart, i, i + 1, start, this.ticks) as HistoryAggregate;
        amounts.push({ start, valueUnits: aggregate.valueUnits, volumeUnits: aggregate.volumeUnits });
      }
    }
    return amounts;
  }

  /**
   * Highest and lowest daily close over the full days in [since, liveFrom): the ticker's 52-week
   * figures. Daily closes, not intraday extremes: those would need a year of minute paths at start-up.
   */
  closeExtremes(since: number): { high: PriceExtreme; low: PriceExtreme } | undefined {
    let high: { log: number; day: number } | undefined;
    let low: { log: number; day: number } | undefined;
    for (let day = Math.floor((Math.max(since, HISTORY_GENESIS) + this.shift) / DAY_MS); (day + 1) * DAY_MS <= this.liveFrom + this.shift; day++) {
      const close = this.openLog(day + 1);
      const served = Math.floor((day * DAY_MS - this.shift) / DAY_MS) * DAY_MS;
      if (high === undefined || close > high.log) high = { log: close, day: served };
      if (low === undefined || close < low.log) low = { log: close, day: served };
    }
    if (high === undefined || low === undefined) return undefined;
    const price = (log: number): Dec => this.ticks.toDec(this.ticks.round(Math.exp(log)));
    return { high: { price: price(high.log), day: high.day }, low: { price: price(low.log), day: low.day } };
  }

  private aggregate(period: CandlePeriod, start: number): HistoryAggregate | undefined {
    if (period.kind === 'minutes') return this.range(start, start + period.unit * MINUTE_MS);
    if (period.kind === 'days') return this.daySummary(start);
    const parts: HistoryAggregate[] = [];
    const end = Math.min(start + this.periodLength(period, start), this.liveFrom);
    for (let day = Math.max(start, HISTORY_GENESIS); day < end; day += DAY_MS) {
      const summary = this.daySummary(day);
      if (summary !== undefined) parts.push(summary);
    }
    return joinAggregates(parts, start);
  }

  /** The candle of the served minutes [from, to) before `liveFrom`: the model's minutes `shift` later. */
  private range(from: number, to: number): HistoryAggregate | undefined {
    const modelFrom = from + this.shift;
    const modelTo = Math.min(to, this.liveFrom) + this.shift;
    const parts: HistoryAggregate[] = [];
    for (let day = Math.floor(modelFrom / DAY_MS); day * DAY_MS < modelTo; day++) {
      const dayStart = day * DAY_MS;
      const first = Math.max(0, (modelFrom - dayStart) / MINUTE_MS);
      const last = Math.min(MINUTES_PER_DAY, (modelTo - dayStart) / MINUTE_MS);
      const part = aggregateMinutes(this.dayPath(day), dayStart - this.shift, first, last, from, this.ticks);
      if (part !== undefined) parts.push(part);
    }
    return joinAggregates(parts, from);
  }

  private periodLength(period: CandlePeriod, start: number): number {
    switch (period.kind) {
      case 'seconds':
        return 1000;
      case 'minutes':
        return period.unit * MINUTE_MS;
      case 'days':
        return DAY_MS;
      case 'weeks':
        return 7 * DAY_MS;
      case 'months': {
        const d = new Date(start);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - start;
      }
      case 'years':
        return Date.UTC(new Date(start).getUTCFullYear() + 1, 0, 1) - start;
    }
  }

  /** The candle of the served UTC day starting at `dayStart`, over its minutes before `liveFrom`. */
  private daySummary(dayStart: number): HistoryAggregate | undefined {
    if (dayStart < HISTORY_GENESIS || dayStart >= this.liveFrom) return undefined;
    const cached = this.summaries.get(dayStart);
    if (cached !== undefined) return cached ?? undefined;
    const summary = this.range(dayStart, dayStart + DAY_MS);
    this.summaries.set(dayStart, summary ?? null);
    return summary;
  }

  private dayPath(day: number): DayPath {
    const cached = this.paths.get(day);
    if (cached !== undefined) {
      // Least recently used first out: re-insert on use.
      this.paths.delete(day);
      this.paths.set(day, cached);
      return cached;
    }
    const regime = this.regime(day);
    const previousRegime = this.regime(day - 1);
    const burnIn = walkDay(this.model, previousRegime, dayVarianceLevel(this.model, previousRegime), this.hours(day - 1), 24 - BURN_IN_HOURS);
    const path = buildDay({
      model: this.model,
      regime,
      openLog: this.openLog(day),
      dayReturn: this.dayReturn(day),
      startVariance: burnIn.variances[MINUTES_PER_DAY],
      innovations: this.hours(day),
      decorations: this.stream('candles', day),
      ticks: this.ticks,
    });
    this.paths.set(day, path);
    if (this.paths.size > DAY_CACHE) this.paths.delete(this.paths.keys().next().value as number);
    return path;
  }

  /** The day's total log-return: its regime's stdev (diffusion plus jumps) times a Student-t draw. */
  private dayReturn(day: number): number {
    const m = this.model;
    const regime = this.regime(day);
    const variance = MINUTES_PER_DAY * dayVarianceLevel(m, regime) + 2 * m.jumpsPerDay * (m.jumpMeanSize * regime) ** 2;
    const random = this.stream('day', day);
    return m.dailyDrift + Math.sqrt(variance) * tailScale(random) * random.gaussian();
  }

  /** Log price at the day's 00:00 UTC, chained from the anchor day through the day returns between. */
  private openLog(day: number): number {
    const known = this.openLogs.get(day);
    if (known !== undefined) return known;
    const step = day > this.anchorDay ? -1 : 1;
    let d = day;
    while (!this.openLogs.has(d)) d += step;
    let level = this.openLogs.get(d) as number;
    while (d !== day) {
      if (step === -1) {
        level += this.dayReturn(d);
        d++;
      } else {
        d--;
        level -= this.dayReturn(d);
      }
      this.openLogs.set(d, level);
    }
    return level;
  }

  private shock(day: number): number {
    const known = this.shocks.get(day);
    if (known !== undefined) return known;
    const value = this.stream('regime', day).gaussian();
    this.shocks.set(day, value);
    return value;
  }

  private hours(day: number): HourStreams {
    return (hour) => this.stream('minutes', day, hour);
  }

  private stream(name: string, day: number, hour?: number): SeededRandom {
    if (hour !== undefined) return new SeededRandom(deriveSeed(this.seed, `${this.market.code}|${name}|${day}|${hour}`));
    return new SeededRandom(deriveSeed(this.seed, `${this.market.code}|${name}|${day}`));
  }
}
