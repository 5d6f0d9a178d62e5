import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategy-repository';
import { EnableStrategy } from './enable-strategy.command';

@CommandHandler(EnableStrategy)
export class EnableStrategyHandler implements ICommandHandler<EnableStrategy, void> {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: EnableStrategy): Promise<void> {
    await this.strategies.handle(command.strategyId, { type: 'EnableStrategy', data: { at: this.clock.now() } }, command.context);
  }
}
