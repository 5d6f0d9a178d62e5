import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository } from '../trading-repositories';
import { ConfigureProtections } from './configure-protections.command';

/** An invalid setting throws the domain's InvalidProtectionsError (naming the field) and stores nothing. */
@CommandHandler(ConfigureProtections)
export class ConfigureProtectionsHandler implements ICommandHandler<ConfigureProtections, void> {
  constructor(
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ConfigureProtections): Promise<void> {
    await retryOnConflict(() =>
      this.risk.handle(RISK_ID, { type: 'ConfigureProtections', data: { protections: command.protections, at: this.clock.now() } }, command.context),
    );
  }
}
