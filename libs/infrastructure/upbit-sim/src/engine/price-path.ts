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
 * (`LiveStart`: price and GARCH variance). Each minute draws its variance, Student-t scale and jump
 * once; the ticks inside it share them, so a minute of ticks has the distribution of a history
 * minute. The draws are model noise in floating point; the price handed to the book is a decimal.
 * It draws from its own stream, so the maker's and noise traders' draws never shift the path.
 */
export class PricePath {
  private logPrice: number;
  private variance: number;
  private at: number;
  private minuteStart: number;
  private minuteReturn = 0;
  private season = 1;
  private level = 0;
  private sigma = 0;
  private jumpPart = 0;
  private readonly pending: Array<{ perMinute: number; left: number }> = [];
  private price: Dec;

  constructor(
    private readonly history: PathHistory,
    start: LiveStart,
    private readonly random: SeededRandom,
  ) {
    this.logPrice = start.logPrice;
    this.variance = start.variance;
    this.at = start.at;
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
      const fraction = (segmentEnd - this.at) / MINUTE_MS;
      const move = this.sigma * sqrt(fraction) * this.random.gaussian() + this.jumpPart * fraction;
      this.logPrice += move;
      this.minuteReturn += move;
      this.at = segmentEnd;
      if (segmentEnd === minuteEnd) {
        this.variance = nextVariance(this.history.model, this.level, this.variance, this.minuteReturn / this.season);
        this.minuteStart = minuteEnd;
        this.beginMinute();
      }
    }
    this.price = this.toDec();
    return this.price;
  }

  private beginMinute(): void {
    const day = floor(this.minuteStart / DAY_MS);
    const regime = this.history.regime(day);
    this.season = seasonFactor((this.minuteStart - day * DAY_MS) / MINUTE_MS);
    this.level = dayVarianceLevel(this.history.model, regime);
    this.minuteReturn = 0;
    const scale = tailScale(this.random);
    this.sigma = sqrt(this.variance) * this.season * scale;
    const jump = drawJump(this.history.model, this.season, regime, this.random);
    if (jump !== undefined) this.pending.push({ perMinute: jump.size / jump.minutes, left: jump.minutes });
    this.jumpPart = 0;
    for (const p of this.pending) {
      this.jumpPart += p.perMinute;
      p.left--;
    }
    for (let k = this.pending.length - 1; k >= 0; k--) if (this.pending[k].left === 0) this.pending.splice(k, 1);
  }

  private toDec(): Dec {
    return new Dec(exp(this.logPrice).toPrecision(15));
  }
}
