import type { RiskLimits } from '@trader/domain';
import { CommandContext } from '../../ports/aggregate-repository.port';

/** Set the limits the risk policy enforces (validated by the domain). */
export class ConfigureRiskLimits {
  constructor(
    readonly limits: RiskLimits,
    readonly context: CommandContext = {},
  ) {}
}
