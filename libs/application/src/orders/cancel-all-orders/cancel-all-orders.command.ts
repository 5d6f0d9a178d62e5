import { CommandContext } from '../../ports/aggregate-repository.port';

/** Cancel every working order (optionally of one market); orders not yet accepted are left to their saga. */
export class CancelAllOrders {
  constructor(
    readonly market?: string,
    readonly context: CommandContext = {},
  ) {}
}
