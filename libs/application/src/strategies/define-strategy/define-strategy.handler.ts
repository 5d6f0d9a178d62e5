import { strategyDecider } from '@trader/domain';
import type { Clock, StrategyDefinition } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategy-repository';
import { DefineStrategy } from './define-strategy.command';

/** Validates the definition (typed error, nothing stored, when it is wrong) and stores StrategyDefined. */
@CommandHandler(DefineStrategy)
export class DefineStrategyHandler implements ICommandHandler<DefineStrategy, StrategyDefinition> {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: DefineStrategy): Promise<StrategyDefinition> {
    const define = { type: 'DefineStrategy' as const, data: { definition: command.definition, at: this.clock.now() } };
    // Validating first tells us the id, which names the stream.
    const [defined] = strategyDecider.decide(define, strategyDecider.initialState());
    if (defined?.type !== 'StrategyDefined') throw new Error(`DefineStrategy produced ${defined?.type ?? 'nothing'}`);
    const handled = await this.strategies.handle(defined.data.definition.id, define, command.context);
    if (handled.state.status !== 'defined') throw new Error(`strategy ${defined.data.definition.id} is not defined after DefineStrategy`);
    return handled.state.definition;
  }
}
