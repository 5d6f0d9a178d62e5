import type { StrategyCommand, StrategyEvent, StrategyState } from '@trader/domain';
import { AggregateRepository } from '../ports/aggregate-repository.port';

/** A strategy definition lives in stream `strategy-<strategy id>`, with every revision and enable/disable. */
export const STRATEGY_AGGREGATE = 'strategy';
export type StrategyRepository = AggregateRepository<StrategyCommand, StrategyEvent, StrategyState>;
export const STRATEGY_REPOSITORY = Symbol('STRATEGY_REPOSITORY');
