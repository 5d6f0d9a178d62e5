import { CommandContext } from '../../ports/aggregate-repository.port';

/** A position of the strategy closed: apply its deferred revision if none of its markets holds one any more. */
export class ApplyDeferredRevision {
  constructor(
    readonly strategyId: string,
    readonly context: CommandContext = {},
  ) {}
}
