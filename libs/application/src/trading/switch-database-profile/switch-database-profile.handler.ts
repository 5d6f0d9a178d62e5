import type { Clock } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { retryOnConflict } from '../conflict-retry';
import { ConfigChangeOutcome } from '../request-config-change/request-config-change.handler';
import { SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading-repositories';
import { SwitchDatabaseProfile } from './switch-database-profile.command';

@CommandHandler(SwitchDatabaseProfile)
export class SwitchDatabaseProfileHandler implements ICommandHandler<SwitchDatabaseProfile, ConfigChangeOutcome> {
  constructor(
    @Inject(SESSION_REPOSITORY) private readonly session: SessionRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SwitchDatabaseProfile): Promise<ConfigChangeOutcome> {
    const { changeId, profile, urgent } = command;
    const handled = await retryOnConflict(() =>
      this.session.handle(SESSION_ID, { type: 'RequestDatabaseProfileSwitch', data: { changeId, profile, urgent, at: this.clock.now() } }, command.context),
    );
    const [event] = handled.events;
    return event?.type === 'DatabaseProfileSwitched' ? 'applied' : event?.type === 'DatabaseProfileSwitchDeferred' ? 'deferred' : 'refused';
  }
}
