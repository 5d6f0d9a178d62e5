import type { RiskLimits } from '@trader/domain';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RISK_ID, RISK_REPOSITORY, RiskRepository } from '../trading/trading-repositories';
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
}

@QueryHandler(GetRiskState)
export class GetRiskStateHandler implements IQueryHandler<GetRiskState, RiskStateView> {
  constructor(@Inject(RISK_REPOSITORY) private readonly risk: RiskRepository) {}

  async execute(): Promise<RiskStateView> {
    const { state } = await this.risk.load(RISK_ID);
    return {
      limits: state.limits,
      openOrders: state.openOrders,
      exposure: Object.fromEntries(Object.entries(state.exposure).map(([market, cost]) => [market, cost.toFixed()])),
      tradingDay: state.day,
      dailyRealizedPnl: state.dailyRealizedPnl.toFixed(),
      equityPeak: state.equityPeak?.toFixed() ?? null,
      haltReason: state.haltReason,
      killSwitchEngaged: state.killSwitchEngaged,
    };
  }
}
