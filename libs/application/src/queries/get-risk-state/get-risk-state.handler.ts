import type { Clock, EntryLock, Protections, RiskLimits } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APPLICATION_CLOCK } from '../../ports/clock.token';
import { RISK_ID, RISK_REPOSITORY, RiskRepository } from '../../trading/trading-repositories';
import { GetRiskState } from './get-risk-state.query';

export interface RiskStateView {
  readonly limits: RiskLimits | null;
  readonly openOrders: readonly string[];
  /** Cost basis held per market. */
  readonly exposure: Readonly<Record<string, string>>;
  readonly tradingDay: string | null;
  readonly dailyRealizedPnl: string;
  readonly equityPeak: string | null;
  readonly haltReason: string | null;
  readonly killSwitchEngaged: boolean;
  /** The protections configured (a protection absent is off). */
  readonly protections: Protections;
  /** Entry locks in force now, the one ending first first. */
  readonly locks: readonly EntryLock[];
}

@QueryHandler(GetRiskState)
export class GetRiskStateHandler implements IQueryHandler<GetRiskState, RiskStateView> {
  constructor(
    @Inject(RISK_REPOSITORY) private readonly risk: RiskRepository,
    @Inject(APPLICATION_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<RiskStateView> {
    const { state } = await this.risk.load(RISK_ID);
    // A lock whose time has passed is recorded as ended by the next risk command; it binds nothing already.
    const now = this.clock.now();
    return {
      limits: state.limits,
      openOrders: state.openOrders,
      exposure: Object.fromEntries(Object.entries(state.exposure).map(([market, cost]) => [market, cost.toFixed()])),
      tradingDay: state.day,
      dailyRealizedPnl: state.dailyRealizedPnl.toFixed(),
      equityPeak: state.equityPeak?.toFixed() ?? null,
      haltReason: state.haltReason,
      killSwitchEngaged: state.killSwitchEngaged,
      protections: state.protections,
      locks: state.locks.filter((lock) => lock.until > now).sort((a, b) => a.until - b.until),
    };
  }
}
