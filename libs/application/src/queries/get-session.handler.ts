import type { DeferredChange, JsonValue, SessionMode } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SESSION_ID, SESSION_REPOSITORY, SessionRepository } from '../trading/trading-repositories';
import { GetSession } from './get-session.query';

export interface SessionView {
  readonly mode: SessionMode;
  readonly haltReason: string | null;
  readonly ordersInFlight: readonly string[];
  readonly deferredChanges: readonly DeferredChange[];
  readonly config: Readonly<Record<string, JsonValue>>;
  readonly databaseProfile: string;
}

@QueryHandler(GetSession)
export class GetSessionHandler implements IQueryHandler<GetSession, SessionView> {
  constructor(@Inject(SESSION_REPOSITORY) private readonly session: SessionRepository) {}

  async execute(): Promise<SessionView> {
    const { state } = await this.session.load(SESSION_ID);
    return {
      mode: state.mode,
      haltReason: state.haltReason,
      ordersInFlight: state.ordersInFlight,
      deferredChanges: state.deferred,
      config: state.config,
      databaseProfile: state.databaseProfile,
    };
  }
}
