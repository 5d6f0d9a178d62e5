import { Dec, MarketCode, QUOTE_MARKET_RULES, tickSizeFor, VOLUME_DECIMALS } from '@trader/domain';
import { ExchangeRejectedError } from '../ports/exchange-gateway.errors';
import { OrderRequest } from '../ports/exchange-gateway.types';

/**
 * Upbit's order rules for the exchange fakes (shared/docs/upbit-api.md §4, §5), so no test can pass
 * on an order Upbit would refuse. Each refusal is the error our Upbit client makes of Upbit's answer:
 * the venue's error name, mapped to the same reason.
 */
export class UsedIdentifiers {
  private readonly used = new Set<string>();

  /**
   * Claims an identifier for a request the exchange received. Upbit never accepts an identifier twice,
   * even when the request that carried it was refused; its name for the refusal is not documented, and
   * it answers `validation_error` "identifier is already used" (as the simulator does).
   */
  claim(identifier: string): void {
    this.check(identifier);
    this.used.add(identifier);
  }

  /** Refuses an identifier already claimed, without claiming it. */
  check(identifier: string): void {
    if (this.used.has(identifier)) {
      throw new ExchangeRejectedError('duplicate_identifier', 'validation_error', 'identifier is already used', 400);
    }
  }
}

/**
 * Refuses what Upbit refuses in an order's terms: a volume with more than 8 decimals
 * (`invalid_volume_{side}`), a limit price off the tick grid (`invalid_price_{side}`) and a total under
 * the quote market's minimum, 5,000 KRW (`under_min_total_{side}`). `total` is what the order is worth
 * in the quote currency (for a market sell, at the price the fake would execute it).
 */
export function enforceUpbitOrderTerms(request: OrderRequest, total: Dec): void {
  const market = MarketCode.parse(request.market);
  if (request.volume !== undefined && request.volume.decimalPlaces() > VOLUME_DECIMALS) {
    throw new ExchangeRejectedError('invalid_volume', `invalid_volume_${request.side}`, `volume ${request.volume.toFixed()} has more than ${VOLUME_DECIMALS} decimals`, 400);
  }
  if (request.ordType === 'limit' && request.price !== undefined) {
    const tick = tickSizeFor(market, request.price);
    if (!request.price.mod(tick).isZero()) {
      throw new ExchangeRejectedError('invalid_price_unit', `invalid_price_${request.side}`, `price ${request.price.toFixed()} is not a multiple of the tick ${tick.toFixed()}`, 400);
    }
  }
  const minimum = QUOTE_MARKET_RULES[market.quote].minOrderTotal;
  if (total.lt(minimum)) {
    throw new ExchangeRejectedError('under_min_total', `under_min_total_${request.side}`, `order total ${total.toFixed()} is under the minimum ${minimum} ${market.quote}`, 400);
  }
}
