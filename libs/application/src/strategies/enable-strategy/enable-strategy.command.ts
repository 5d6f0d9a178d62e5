import { CommandContext } from '../../ports/aggregate-repository.port';

/** Enable a defined strategy: the strategy runner starts running it on its markets. */
export class EnableStrategy {
  constructor(
    readonly strategyId: string,
    readonly context: CommandContext = {},
  ) {}
}
