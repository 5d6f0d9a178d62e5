import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategy-repository';
import { DisableStrategy } from './disable-strategy.command';

@CommandHandler(DisableStrategy)
export class DisableStrategyHandler implements ICommandHandler<DisableStrategy, void> {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: DisableStrategy): Promise<void> {
    await this.strategies.handle(command.strategyId, { type: 'DisableStrategy', data: { at: this.clock.now() } }, command.context);
  }
}
