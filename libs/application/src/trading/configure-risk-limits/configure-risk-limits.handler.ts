import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository } from '../trading-repositories';
import { ConfigureRiskLimits } from './configure-risk-limits.command';

@CommandHandler(ConfigureRiskLimits)
export class ConfigureRiskLimitsHandler implements ICommandHandler<ConfigureRiskLimits, void> {
  constructor(
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ConfigureRiskLimits): Promise<void> {
    await retryOnConflict(() =>
      this.risk.handle(RISK_ID, { type: 'ConfigureRiskLimits', data: { limits: command.limits, source: command.source, at: this.clock.now() } }, command.context),
    );
  }
}
