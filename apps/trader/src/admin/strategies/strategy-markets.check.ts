import { BadRequestException } from '@nestjs/common';

/**
 * A strategy definition from the admin API (REST, GraphQL, `trader strategy import`) may only name
 * markets the trader trades (`TRADER_MARKETS`): only those get the trade stream, so a strategy on any
 * other market would be stored, enabled and warmed up, and then never see a trade. Refused with a 400
 * naming each such market by its path, before anything is stored. A definition whose `markets` is not
 * a list of strings is left to the domain's validation, which names that problem.
 */
export function refuseUntradedStrategyMarkets(definition: unknown, traded: readonly string[]): void {
  const markets = (definition as { markets?: unknown } | null)?.markets;
  if (!Array.isArray(markets)) return;
  const errors = markets
    .map((market, index) => ({ market, index }))
    .filter((entry): entry is { market: string; index: number } => typeof entry.market === 'string' && !traded.includes(entry.market))
    .map(({ market, index }) => ({ field: `markets[${index}]`, message: `${market} is not traded here` }));
  if (errors.length === 0) return;
  throw new BadRequestException({
    message: errors.map((error) => `${error.field}: ${error.message} (TRADER_MARKETS: ${traded.join(', ')})`),
    errors,
  });
}
