import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository } from '../trading-repositories';
import { ReleaseKillSwitch } from './release-kill-switch.command';

@CommandHandler(ReleaseKillSwitch)
export class ReleaseKillSwitchHandler implements ICommandHandler<ReleaseKillSwitch, void> {
  constructor(
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ReleaseKillSwitch): Promise<void> {
    const at = this.clock.now();
    await retryOnConflict(() => this.risk.handle(RISK_ID, { type: 'ReleaseKillSwitch', data: { at } }, command.context));
    await retryOnConflict(() => this.risk.handle(RISK_ID, { type: 'ClearRiskHalt', data: { at } }, command.context));
  }
}
