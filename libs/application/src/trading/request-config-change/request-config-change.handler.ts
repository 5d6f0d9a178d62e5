import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
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
    const handled = await retryOnConflict(() =>
      this.session.handle(SESSION_ID, { type: 'RequestConfigChange', data: { changeId, key, value, urgent, at: this.clock.now() } }, command.context),
    );
    const [event] = handled.events;
    return event?.type === 'ConfigChangeApplied' ? 'applied' : event?.type === 'ConfigChangeDeferred' ? 'deferred' : 'refused';
  }
}
