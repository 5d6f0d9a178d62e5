import type { Clock, StrategyDefinition } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategy-repository';
import { ReviseStrategy } from './revise-strategy.command';

@CommandHandler(ReviseStrategy)
export class ReviseStrategyHandler implements ICommandHandler<ReviseStrategy, StrategyDefinition> {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ReviseStrategy): Promise<StrategyDefinition> {
    const handled = await this.strategies.handle(
      command.strategyId,
      { type: 'ReviseStrategy', data: { definition: command.definition, at: this.clock.now() } },
      command.context,
    );
    if (handled.state.status !== 'defined') throw new Error(`strategy ${command.strategyId} is not defined after ReviseStrategy`);
    return handled.state.definition;
  }
}
