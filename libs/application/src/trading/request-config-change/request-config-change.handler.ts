import type { Clock, RiskLimits } from '@trader/domain';
import { InvalidRiskLimitsError, validateRiskLimits } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { RISK_LIMITS_CONFIG_KEY } from '../configure-risk-limits/risk-limits-config-key';
import { retryOnConflict } from '../conflict-retry';
import { SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading-repositories';
import { RequestConfigChange } from './request-config-change.command';

export type ConfigChangeOutcome = 'applied' | 'deferred' | 'refused';

@CommandHandler(RequestConfigChange)
export class RequestConfigChangeHandler implements ICommandHandler<RequestConfigChange, ConfigChangeOutcome> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RequestConfigChange): Promise<ConfigChangeOutcome> {
    const { changeId, key, value, urgent } = command;
    // Whatever route asks for it, a risk limits change is validated before the session records it:
    // the policy applies it later, on another lane, where a bad value could only be parked.
    if (key === RISK_LIMITS_CONFIG_KEY) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidRiskLimitsError(RISK_LIMITS_CONFIG_KEY, value);
      validateRiskLimits(value as unknown as RiskLimits);
    }
    const handled = await retryOnConflict(() =>
      this.session.handle(SESSION_ID, { type: 'RequestConfigChange', data: { changeId, key, value, urgent, at: this.clock.now() } }, command.context),
    );
    const [event] = handled.events;
    return event?.type === 'ConfigChangeApplied' ? 'applied' : event?.type === 'ConfigChangeDeferred' ? 'deferred' : 'refused';
  }
}
