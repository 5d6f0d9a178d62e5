import { CommandContext } from '../../ports/aggregate-repository.port';

/** Replace a strategy's definition with a higher version of it (same id). */
export class ReviseStrategy {
  constructor(
    readonly strategyId: string,
    readonly definition: unknown,
    readonly context: CommandContext = {},
  ) {}
}
