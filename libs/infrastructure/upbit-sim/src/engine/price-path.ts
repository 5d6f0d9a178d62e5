import { DAY_MS, MINUTE_MS, PathModel, drawJump, nextVariance, seasonFactor, tailScale } from '../history/path-model';
import { dayVarianceLevel } from '../history/day-path';
import { LiveStart } from '../history/market-history';
import { Dec } from './decimal';
import { SeededRandom } from './prng';

// Bound once: under jest's vm context every `Math.x` is a global lookup that makes the model about 4x slower.
const { exp, floor, min, sqrt } = Math;


/** What the live path needs of the history: the model and each day's volatility regime. */
export interface PathHistory {
  readonly model: PathModel;
  regime(day: number): number;
}

/**
 * The live mid price: the history's model continued in real time from where the history ends
 * (`LiveStart`: price and GARCH variance). Each minute's total move (Student-t diffusion plus jumps)
 * is drawn from a stream keyed by the model minute, so the price at every minute boundary is the same
 * however the ticks fall; ticks inside the minute follow a Brownian bridge to that total, with their
 * own stream. A minute of ticks thus has the distribution of a history minute. The draws are model
 * noise in floating point; the price handed to the book is a decimal.
 */
export class PricePath {
  private logPrice: number;
  private variance: number;
  private at: number;
  private minuteStart: number;
  private minuteOpenLog = 0;
  private minuteTotal = 0;
  private season = 1;
  private level = 0;
  private sigma = 0;
  private readonly pending: Array<{ perMinute: number; left: number }> = [];
  private readonly shift: number;
  private price: Dec;

  constructor(
    private readonly history: PathHistory,
    start: LiveStart,
    /** The stream of one model minute (ms of its start). */
    private readonly minuteStream: (modelMinute: number) => SeededRandom,
    private readonly ticks: SeededRandom,
  ) {
    this.logPrice = start.logPrice;
    this.variance = start.variance;
    this.at = start.at;
    this.shift = start.shift;
    this.minuteStart = start.at - (start.at % MINUTE_MS);
    this.price = this.toDec();
    this.beginMinute();
  }

  current(): Dec {
    return this.price;
  }

  /** Moves the path to `toMs` (never backwards) and returns the new mid price. */
  advanceTo(toMs: number): Dec {
    while (this.at < toMs) {
      const minuteEnd = this.minuteStart + MINUTE_MS;
      const segmentEnd = min(toMs, minuteEnd);
      if (segmentEnd === minuteEnd) {
        this.logPrice = this.minuteOpenLog + this.minuteTotal;
        this.variance = nextVariance(this.history.model, this.level, this.variance, this.minuteTotal / this.season);
        this.at = minuteEnd;
        this.minuteStart = minuteEnd;
        this.beginMinute();
        continue;
      }
      // Brownian bridge from the current point to the minute's end value.
      const done = (this.at - this.minuteStart) / MINUTE_MS;
      const next = (segmentEnd - this.minuteStart) / MINUTE_MS;
      const moved = this.logPrice - this.minuteOpenLog;
      const share = (next - done) / (1 - done);
      this.logPrice += (this.minuteTotal - moved) * share + this.sigma * sqrt((next - done) * (1 - share)) * this.ticks.gaussian();
      this.at = segmentEnd;
    }
    this.price = this.toDec();
    return this.price;
  }

  private beginMinute(): void {
    const model = this.minuteStart + this.shift;
    const day = floor(model / DAY_MS);
    const regime = this.history.regime(day);
    const random = this.minuteStream(model);
    this.season = seasonFactor((model - day * DAY_MS) / MINUTE_MS);
    this.level = dayVarianceLevel(this.history.model, regime);
    this.sigma = sqrt(this.variance) * this.season * tailScale(random);
    const jump = drawJump(this.history.model, this.season, regime, random);
    if (jump !== undefined) this.pending.push({ perMinute: jump.size / jump.minutes, left: jump.minutes });
    let jumpPart = 0;
    for (const p of this.pending) {
      jumpPart += p.perMinute;
      p.left--;
    }
    for (let k = this.pending.length - 1; k >= 0; k--) if (this.pending[k].left === 0) this.pending.splice(k, 1);
    this.minuteOpenLog = this.logPrice;
    this.minuteTotal = this.sigma * random.gaussian() + jumpPart;
  }

  private toDec(): Dec {
    return new Dec(exp(this.logPrice).toPrecision(15));
  }
}
