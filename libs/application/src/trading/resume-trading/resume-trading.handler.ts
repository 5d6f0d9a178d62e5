import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { RISK_ID, RISK_REPOSITORY, RiskRepository, SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading-repositories';
import { KillSwitchEngagedError } from './kill-switch-engaged.error';
import { ResumeTrading } from './resume-trading.command';

/**
 * A kill switch is not cleared by resuming: it has its own release, on purpose. While it is engaged,
 * resuming is refused (`KillSwitchEngagedError`, nothing stored): the session would show trading while
 * every order is still denied.
 */
@CommandHandler(ResumeTrading)
export class ResumeTradingHandler implements ICommandHandler<ResumeTrading, void> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ResumeTrading): Promise<void> {
    const at = this.clock.now();
    const risk = (await this.risk.load(RISK_ID)).state;
    if (risk.killSwitchEngaged) throw new KillSwitchEngagedError();
    if (risk.haltReason) {
      await retryOnConflict(() => this.risk.handle(RISK_ID, { type: 'ClearRiskHalt', data: { at } }, command.context));
    }
    await retryOnConflict(() => this.session.handle(SESSION_ID, { type: 'ResumeTrading', data: { at } }, command.context));
  }
}
