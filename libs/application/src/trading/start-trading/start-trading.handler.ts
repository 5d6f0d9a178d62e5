import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading-repositories';
import { StartTrading } from './start-trading.command';

@CommandHandler(StartTrading)
export class StartTradingHandler implements ICommandHandler<StartTrading, void> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: StartTrading): Promise<void> {
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'StartTrading', data: { at: this.clock.now() } }, command.context));
  }
}
