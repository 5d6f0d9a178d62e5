import { GetStrategy } from '@trader/application';
import type { StrategyDefinition } from '@trader/domain';
import { BadRequestException, ConflictException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';

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

/**
 * Enabling a strategy stored before its markets left `TRADER_MARKETS` (a definition cannot name
 * others any more): 409, nothing stored, since it would run and never see a trade. A strategy that
 * does not exist is the query's 404.
 */
export async function refuseEnablingUntradedStrategy(queries: QueryBus, strategyId: string, traded: readonly string[]): Promise<void> {
  const definition = await queries.execute<GetStrategy, StrategyDefinition>(new GetStrategy(strategyId));
  const untraded = definition.markets.filter((market) => !traded.includes(market));
  if (untraded.length === 0) return;
  throw new ConflictException(
    `strategy ${strategyId} trades ${untraded.join(', ')}, not in TRADER_MARKETS (${traded.join(', ')}): revise its markets, or add them to TRADER_MARKETS and restart, before enabling it`,
  );
}
