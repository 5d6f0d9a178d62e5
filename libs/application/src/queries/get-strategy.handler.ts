import type { StrategyDefinition } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategies/strategy-repository';
import { GetStrategy } from './get-strategy.query';
import { NotFoundError } from './query.errors';

@QueryHandler(GetStrategy)
export class GetStrategyHandler implements IQueryHandler<GetStrategy, StrategyDefinition> {
  constructor(@Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository) {}

  async execute(query: GetStrategy): Promise<StrategyDefinition> {
    const { state } = await this.strategies.load(query.strategyId);
    if (state.status !== 'defined') throw new NotFoundError('strategy', query.strategyId);
    return state.definition;
  }
}
