/** Deterministic pseudo-random numbers (LCG), so every run sees the same price paths. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Ticks a shock lasts, and its move per tick: about -8 % or +8 % in 40 s. */
const SHOCK_TICKS = 40;
const SHOCK_STEP = 0.002;
/** Chance per tick that a shock starts: about one per market every 50 minutes of trades. */
const SHOCK_CHANCE = 1 / 3_000;

/**
 * One market's traded prices, one per call: a random walk with slowly changing drift (so trends,
 * reversals and crosses occur), and now and then a shock of about 8 % within 40 s, down or up, so the
 * crash exits and the surge guard meet what they are there for.
 */
export class PricePath {
  private readonly next: () => number;
  private price: number;
  private drift = 0;
  private shockLeft = 0;
  private shockStep = 0;

  constructor(seed: number) {
    this.next = random(seed);
    this.price = 10_000 + Math.floor(this.next() * 100_000);
  }

  advance(): number {
    if (this.next() < 0.01) this.drift = (this.next() - 0.5) * 0.0004;
    if (this.shockLeft === 0 && this.next() < SHOCK_CHANCE) {
      this.shockLeft = SHOCK_TICKS;
      this.shockStep = this.next() < 0.5 ? -SHOCK_STEP : SHOCK_STEP;
    }
    const shock = this.shockLeft > 0 ? this.shockStep : 0;
    if (this.shockLeft > 0) this.shockLeft -= 1;
    this.price = Math.max(10, this.price * (1 + this.drift + shock + (this.next() - 0.5) * 0.004));
    return this.price;
  }

  /** The traded volume of the trade at the last price (candle volumes; no rule here reads them). */
  volume(): number {
    return this.next();
  }
}
