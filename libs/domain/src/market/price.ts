import { Dec, DecimalString, decimalText, parseDecimal } from '../shared/decimal';
import { MarketCode } from './market-code';
import { InvalidDecimalError, InvalidPriceError, PriceOffTickError } from './market.errors';
import { TICK_SIZE_OVERRIDES, TICK_SIZE_TABLE } from './tick-size-table';

export type TickRounding = 'down' | 'up';

/** The tick size Upbit requires for a price on a market, from the one tick-size table. */
export function tickSizeFor(market: MarketCode, price: Dec): Dec {
  const override = TICK_SIZE_OVERRIDES.find(
    (o) => o.market === market.value && price.gte(o.from) && price.lt(o.to),
  );
  if (override) return new Dec(override.tick);
  const band = TICK_SIZE_TABLE[market.quote].find((b) => price.gte(b.from));
  // Every table ends with a band from 0, so only a negative price finds none; Price refuses those first.
  if (!band) throw new InvalidPriceError(decimalText(price));
  return new Dec(band.tick);
}

function parsePositive(text: string): Dec {
  const value = parseDecimal(text);
  if (!value) throw new InvalidDecimalError('Price', text);
  if (value.lte(0)) throw new InvalidPriceError(text);
  return value;
}

/**
 * A limit price on a market: positive and on Upbit's tick grid (an off-grid price is refused by Upbit
 * with `invalid_price_bid`/`invalid_price_ask`, so we refuse to construct it).
 */
export class Price {
  private constructor(
    readonly market: MarketCode,
    readonly value: Dec,
  ) {}

  static of(market: MarketCode, text: string): Price {
    const value = parsePositive(text);
    const tick = tickSizeFor(market, value);
    if (!value.mod(tick).isZero()) throw new PriceOffTickError(text, market.value, decimalText(tick));
    return new Price(market, value);
  }

  /**
   * Snaps any positive price onto the grid. The band is chosen by the raw price: rounding down stays in
   * that band; rounding up ends at most on the next band's lower bound, which is on both grids.
   */
  static rounded(market: MarketCode, text: string, rounding: TickRounding): Price {
    const value = parsePositive(text);
    const tick = tickSizeFor(market, value);
    const steps = value.div(tick);
    const snapped = (rounding === 'down' ? steps.floor() : steps.ceil()).mul(tick);
    // Rounding down below the lowest tick gives 0, which is not a price: the smallest price is one tick.
    return new Price(market, snapped.isZero() ? tick : snapped);
  }

  get tickSize(): Dec {
    return tickSizeFor(this.market, this.value);
  }

  toString(): DecimalString {
    return decimalText(this.value);
  }

  toJSON(): DecimalString {
    return this.toString();
  }
}
