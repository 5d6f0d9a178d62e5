import { ConfigureRiskLimits, RISK_LIMITS_CONFIG_KEY } from '@trader/application';
import type { StoredEvent } from '@trader/application';
import type { RiskLimits } from '@trader/domain';
import { LaneHandler } from '@trader/events';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';

interface ConfigChangeAppliedData {
  readonly changeId: string;
  readonly key: string;
  readonly value: unknown;
}

/**
 * A risk limits change the session applied (at once, or after the last order in flight ended): the
 * risk policy takes the new limits. Driven from the store in log order, so when changes queue up the
 * newest is the one left in force; the correlation id is the change's id, which the admin API waits on.
 * They are the operator's: a restart keeps them (TradingComponent applies the configuration again only
 * when it changed).
 */
@LaneHandler({ name: 'risk-limits-change', lane: 'medium-config', eventTypes: ['ConfigChangeApplied'] })
@Injectable()
export class RiskLimitsChangeLaneHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: StoredEvent): Promise<void> {
    const { changeId, key, value } = event.data as ConfigChangeAppliedData;
    if (key !== RISK_LIMITS_CONFIG_KEY) return;
    await this.commands.execute(
      new ConfigureRiskLimits(value as RiskLimits, { correlationId: changeId, causationId: event.eventId, commandId: `${event.eventId}:risk-limits` }, 'operator'),
    );
  }
}
