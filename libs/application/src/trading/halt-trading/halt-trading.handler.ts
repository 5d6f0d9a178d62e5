import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading-repositories';
import { HaltTrading } from './halt-trading.command';

@CommandHandler(HaltTrading)
export class HaltTradingHandler implements ICommandHandler<HaltTrading, void> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: HaltTrading): Promise<void> {
    await retryOnConflict(() =>
      this.session.handle(SESSION_ID, { type: 'HaltTrading', data: { reason: command.reason, at: this.clock.now() } }, command.context),
    );
  }
}
