import { Dec } from '../engine/decimal';
import { FLAT_TICK, tickTable } from '../engine/tick-size';

// Bound once: under jest's vm context every `Math.x` is a global lookup that makes the model about 4x slower.
const { max, round } = Math;
const toBigInt = BigInt;


interface FloatBand {
  readonly from: number;
  readonly tick: number;
  readonly tickDec: Dec;
  /** The tick in units of 1e-8, for exact integer sums of traded value. */
  readonly tickUnits: bigint;
}

/**
 * Upbit's tick grid for model prices held as floats: the history aggregates thousands of minutes a
 * request, so it rounds in floating point and builds an exact decimal (`ticks x tick`) only for what
 * it serves. Rounding to the nearest tick is monotone, so the max of rounded prices is the rounded max.
 */
export class FloatTicks {
  private readonly bands: readonly FloatBand[];

  constructor(quoteCurrency: string) {
    const table = tickTable(quoteCurrency) ?? [{ from: new Dec(0), tick: FLAT_TICK }];
    this.bands = table.map((b) => ({
      from: Number(b.from.toFixed()),
      tick: Number(b.tick.toFixed()),
      tickDec: b.tick,
      tickUnits: toBigInt(b.tick.times(1e8).toFixed()),
    }));
  }

  /** The nearest price on the grid, at least one tick. */
  round(price: number): number {
    const band = this.band(price);
    return max(1, round(price / band.tick)) * band.tick;
  }

  /** The exact decimal of a price already on the grid. */
  toDec(gridPrice: number): Dec {
    const band = this.band(gridPrice);
    return band.tickDec.times(round(gridPrice / band.tick));
  }

  /** A grid price in units of 1e-8. */
  units(gridPrice: number): bigint {
    const band = this.band(gridPrice);
    return toBigInt(round(gridPrice / band.tick)) * band.tickUnits;
  }

  private band(price: number): FloatBand {
    // A tolerance of a millionth of a tick keeps a grid price held as a float (3.14 as 3.1400000000000001) in its band.
    for (const band of this.bands) if (price >= band.from - band.tick * 1e-6) return band;
    return this.bands[this.bands.length - 1];
  }
}
