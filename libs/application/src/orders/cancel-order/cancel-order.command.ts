import { CommandContext } from '../../ports/aggregate-repository.port';

/** Cancel one working order. The request is stored (OrderCancelRequested); the cancellation saga sends it. */
export class CancelOrder {
  constructor(
    readonly orderId: string,
    readonly context: CommandContext = {},
  ) {}
}
