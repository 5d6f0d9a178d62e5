import type { Clock, StrategyDefinition } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { POSITION_REPOSITORY, PositionRepository } from '../../positions/position-repository';
import { openMarketsOf } from '../open-markets';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategy-repository';
import { ReviseStrategy } from './revise-strategy.command';

/**
 * Revises a strategy, or defers the revision while one of its markets holds a position (the domain
 * decides, from the open markets given here). Returns the definition running now: the old one while
 * the revision waits (StrategyRevisionDeferred; ApplyDeferredRevision applies it once they are closed).
 */
@CommandHandler(ReviseStrategy)
export class ReviseStrategyHandler implements ICommandHandler<ReviseStrategy, StrategyDefinition> {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(POSITION_REPOSITORY) private readonly positions: PositionRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ReviseStrategy): Promise<StrategyDefinition> {
    const openMarkets = await openMarketsOf((await this.strategies.load(command.strategyId)).state, this.positions);
    const handled = await this.strategies.handle(
      command.strategyId,
      { type: 'ReviseStrategy', data: { definition: command.definition, at: this.clock.now(), openMarkets } },
      command.context,
    );
    if (handled.state.status !== 'defined') throw new Error(`strategy ${command.strategyId} is not defined after ReviseStrategy`);
    return handled.state.definition;
  }
}
