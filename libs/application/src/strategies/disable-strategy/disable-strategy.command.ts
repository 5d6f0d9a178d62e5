import { CommandContext } from '../../ports/aggregate-repository.port';

/** Disable a defined strategy: the strategy runner stops running it; an order it has in flight still completes. */
export class DisableStrategy {
  constructor(
    readonly strategyId: string,
    readonly context: CommandContext = {},
  ) {}
}
