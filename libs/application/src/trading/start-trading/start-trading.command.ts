import { CommandContext } from '../../ports/aggregate-repository.port';

/** Let strategies and orders trade: after a successful reconciliation, or by the operator. */
export class StartTrading {
  constructor(readonly context: CommandContext = {}) {}
}
