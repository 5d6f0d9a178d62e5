import type { RiskCommand, RiskEvent, RiskState, SessionCommand, SessionEvent, SessionState } from '@trader/domain';
import { AggregateRepository } from '../ports/aggregate-repository.port';

/** The one trading session of this process, in stream `session-main`. */
export const SESSION_AGGREGATE = 'session';
export const SESSION_ID = 'main';
export type SessionRepository = AggregateRepository<SessionCommand, SessionEvent, SessionState>;
export const SESSION_REPOSITORY = Symbol('SESSION_REPOSITORY');

/** The one risk policy of this process, in stream `risk-main`. */
export const RISK_AGGREGATE = 'risk';
export const RISK_ID = 'main';
export type RiskRepository = AggregateRepository<RiskCommand, RiskEvent, RiskState>;
export const RISK_REPOSITORY = Symbol('RISK_REPOSITORY');
