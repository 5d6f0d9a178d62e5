import type { RiskLimits, RiskLimitsSource } from '@trader/domain';
import { CommandContext } from '../../ports/aggregate-repository.port';

/** Set the limits the risk policy enforces (validated by the domain), from the configuration or an operator. */
export class ConfigureRiskLimits {
  constructor(
    readonly limits: RiskLimits,
    readonly context: CommandContext = {},
    readonly source: RiskLimitsSource = 'configuration',
  ) {}
}
