import { Dec } from './decimal';
import { SeededRandom } from './prng';

const MS_PER_YEAR = 365 * 24 * 3600 * 1000;

export interface PricePathOptions {
  readonly initialPrice: Dec;
  /** Annualised drift (mu), e.g. 0.05. */
  readonly drift: number;
  /** Annualised volatility (sigma), e.g. 0.6. */
  readonly volatility: number;
  /** Expected jumps per day (Poisson intensity). */
  readonly jumpsPerDay: number;
  /** Standard deviation of a jump's log-return. */
  readonly jumpStdDev: number;
}

/**
 * Geometric Brownian motion with Poisson jumps (Merton): each step draws its log-return from the
 * seeded generator. The draws and the growth factor are model noise (floats, rounded to 15
 * significant digits); the price itself is a decimal. V8's Math functions give the same results on
 * every platform, so a seed reproduces the path.
 */
export class PricePath {
  private price: Dec;

  constructor(
    private readonly options: PricePathOptions,
    private readonly random: SeededRandom,
  ) {
    this.price = options.initialPrice;
  }

  current(): Dec {
    return this.price;
  }

  step(elapsedMs: number): Dec {
    const dt = elapsedMs / MS_PER_YEAR;
    const { drift, volatility, jumpsPerDay, jumpStdDev } = this.options;
    let logReturn = (drift - (volatility * volatility) / 2) * dt + volatility * Math.sqrt(dt) * this.random.gaussian();
    const jumpProbability = 1 - Math.exp((-jumpsPerDay * elapsedMs) / 86_400_000);
    if (this.random.next() < jumpProbability) logReturn += jumpStdDev * this.random.gaussian();
    this.price = this.price.times(new Dec(Math.exp(logReturn).toPrecision(15)));
    return this.price;
  }
}
