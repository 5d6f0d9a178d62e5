import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { POSITION_REPOSITORY, PositionRepository } from '../../positions/position-repository';
import { openMarketsOf } from '../open-markets';
import { STRATEGY_REPOSITORY, StrategyRepository } from '../strategy-repository';
import { ApplyDeferredRevision } from './apply-deferred-revision.command';

/** Returns whether a revision was applied (nothing is stored when none waits or a position is still open). */
@CommandHandler(ApplyDeferredRevision)
export class ApplyDeferredRevisionHandler implements ICommandHandler<ApplyDeferredRevision, boolean> {
  constructor(
    @Inject(STRATEGY_REPOSITORY) private readonly strategies: StrategyRepository,
    @Inject(POSITION_REPOSITORY) private readonly positions: PositionRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ApplyDeferredRevision): Promise<boolean> {
    const { state } = await this.strategies.load(command.strategyId);
    if (state.status === 'undefined' || state.pendingRevision === null) return false;
    const openMarkets = await openMarketsOf(state, this.positions);
    const handled = await this.strategies.handle(command.strategyId, { type: 'ApplyDeferredRevision', data: { openMarkets, at: this.clock.now() } }, command.context);
    return handled.events.length > 0;
  }
}
